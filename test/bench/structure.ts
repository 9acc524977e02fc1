/**
 * Speech-structure benchmark: parsing (and the structure detectors) must stay
 * linear in the length of the document. Documents of 50k, 100k and 200k
 * characters are built from the real seed pages and the hand-made drafts;
 * a second family is adversarial (every line a heading or a sequence item, and
 * one 200k-character line). The three sizes are timed in alternation, round by
 * round; figures: the median time per run and the median of the per-round
 * ratios 200k/50k (linear = 4) and 200k/100k (linear = 2).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { parseOutline, STRUCTURE_DETECTORS } from '../../src/core/structure';
import { median, medianRatio, timeInterleaved, type BenchSuite, type Figure } from './types';

const root = path.join(__dirname, '..', '..');

/**
 * A homogeneous mix: a slice of every seed page and every draft, so that 50k,
 * 100k and 200k characters have the same kind of content (the sizes are
 * repetitions of this block, not longer prefixes of different pages).
 */
function material(): string {
  const parts: string[] = [];
  for (const dir of [path.join(root, 'test', 'fixtures', 'seeds'), path.join(root, 'test', 'fixtures', 'outlines', 'drafts')]) {
    for (const f of fs.readdirSync(dir).sort()) {
      if (/\.(txt|md)$/.test(f)) {
        parts.push(fs.readFileSync(path.join(dir, f), 'utf8').slice(0, 6000));
      }
    }
  }
  return parts.join('\n\n');
}

function ofLength(source: string, n: number): string {
  let s = '';
  while (s.length < n) {
    s += source;
  }
  return s.slice(0, n);
}

function adversarial(n: number): string {
  const unit = '一、标题\n（一）小标题\n1.要点\n（1）细目\n一是甲；二是乙；三是丙；\n第一，丁。第二，戊。\n同志们：\n下面，我讲三点意见。\n';
  return ofLength(unit, n);
}

function detectAll(text: string): number {
  const doc = new DocContext(text, { date: '2026-11-22' });
  let n = 0;
  for (const d of Object.values(STRUCTURE_DETECTORS)) {
    n += d(doc, {}).length;
  }
  return n;
}

export const structureSuite: BenchSuite = {
  name: 'structure',
  async run(ctx) {
    const rounds = ctx.quick ? 5 : 9;
    // Several runs of the largest size per batch, so that most of the garbage collection a batch causes falls within it.
    const batchMs = ctx.quick ? 60 : 150;
    const src = material();
    const sizes = [50_000, 100_000, 200_000];
    const figures: Figure[] = [];
    const families: Array<[string, string, (n: number) => string]> = [
      ['seeds', '真实讲话', n => ofLength(src, n)],
      ['adversarial', '每行都是标题/序列', adversarial],
      ['oneline', '单行 20 万字', n => ofLength(src.replace(/\r?\n/g, ''), n)],
    ];
    for (const [key, label, make] of families) {
      const texts = sizes.map(make);
      // The sizes are timed in alternation (see timeInterleaved): a ratio compares runs of the same moment.
      const parse = timeInterleaved(texts.map(t => () => parseOutline(t)), rounds, batchMs);
      const detect = timeInterleaved(texts.map(t => () => detectAll(t)), rounds, batchMs);
      sizes.forEach((n, i) => {
        ctx.log(`${key} ${n / 1000}k: parse ${median(parse[i]).toFixed(2)} ms, parse+detectors ${median(detect[i]).toFixed(2)} ms`);
      });
      sizes.forEach((n, i) => {
        figures.push({ key: `structure.${key}.parse_ms_${n / 1000}k`, label: `结构解析 ${label} ${n / 1000}k 字`, value: median(parse[i]), unit: 'ms' });
      });
      sizes.forEach((n, i) => {
        figures.push({ key: `structure.${key}.detect_ms_${n / 1000}k`, label: `解析+结构检查 ${label} ${n / 1000}k 字`, value: median(detect[i]), unit: 'ms' });
      });
      const ratio = medianRatio(parse[2], parse[0]);
      figures.push({ key: `structure.${key}.ratio_200k_50k`, label: `结构解析 ${label} 200k/50k 用时比（线性 = 4）`, value: ratio, unit: '×', target: '≤ 5', ok: ratio <= 5 });
      const doubling = medianRatio(parse[2], parse[1]);
      figures.push({ key: `structure.${key}.ratio_200k_100k`, label: `结构解析 ${label} 200k/100k 用时比（线性 = 2）`, value: doubling, unit: '×', target: '≤ 2.5', ok: doubling <= 2.5 });
      const dDoubling = medianRatio(detect[2], detect[1]);
      figures.push({ key: `structure.${key}.detect_ratio_200k_100k`, label: `解析+结构检查 ${label} 200k/100k 用时比`, value: dDoubling, unit: '×', target: '≤ 2.5', ok: dDoubling <= 2.5 });
    }
    return figures;
  },
};
