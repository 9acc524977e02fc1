/**
 * Text-detector benchmark: the punctuation (GB/T 15834), number (GB/T 15835),
 * duplicate and encoding detectors on a 1 000 000-character document built
 * from the built-in corpus speeches, on the same text as one 1 MB line (timed
 * in alternation with the lines, the ratio taken round by round), and (full
 * run) on a 10 MB document. Each detector group is timed on a fresh document
 * (shared per-document data is computed inside the timing). The
 * baseline, measured in the same run on the same text, is one plain
 * `charCodeAt` pass: the ratio says how many such passes the detectors cost.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { TEXT_DETECTORS } from '../../src/core/detectors/textDetectors';
import { median, medianRatio, time, timeInterleaved, type BenchSuite, type Figure } from './types';

const root = path.join(__dirname, '..', '..');

function material(): string {
  const dir = path.join(root, 'data', 'corpus', 'speeches');
  const parts = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.txt'))
    .sort()
    .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
  // A few seed pages too: they carry the half-width marks, traditional characters and mojibake the detectors look for.
  const seeds = path.join(root, 'test', 'fixtures', 'seeds');
  for (const f of fs.readdirSync(seeds).sort()) {
    parts.push(fs.readFileSync(path.join(seeds, f), 'utf8').slice(0, 8000));
  }
  return parts.join('\n');
}

function ofLength(source: string, n: number): string {
  let s = '';
  while (s.length < n) {
    s += source;
  }
  return s.slice(0, n);
}

const GROUPS = ['punctuation', 'number', 'duplicate', 'encoding'] as const;

function runGroup(text: string, group: string | null): number {
  const doc = new DocContext(text, { date: '2026-11-22' });
  let n = 0;
  for (const [name, fn] of Object.entries(TEXT_DETECTORS)) {
    if (group === null || name === group || name.startsWith(group + '.')) {
      n += fn(doc, {}).length;
    }
  }
  return n;
}

function plainPass(text: string): number {
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x3002) {
      k++;
    }
  }
  return k;
}

export const detectorsSuite: BenchSuite = {
  name: 'text detectors (punctuation, number, duplicate, encoding)',
  async run({ quick, log }): Promise<Figure[]> {
    const runs = quick ? 3 : 7;
    const source = material();
    const doc1m = ofLength(source, 1_000_000);
    const figures: Figure[] = [];

    const base = time(() => plainPass(doc1m), runs);
    const all = time(() => runGroup(doc1m, null), runs);
    const findings = runGroup(doc1m, null);
    log(`1 MB: all text detectors ${all.toFixed(1)} ms (${findings} findings), plain pass ${base.toFixed(2)} ms`);
    figures.push(
      { key: 'detectors.text.throughput_mchars_per_s', label: '标点/数字/重复/编码检测器 1M 字吞吐', value: doc1m.length / all / 1000, unit: 'M字/s' },
      { key: 'detectors.text.ms_1m', label: '标点/数字/重复/编码检测器 1M 字耗时', value: all, unit: 'ms' },
      { key: 'detectors.text.passes', label: '相当于几次逐字扫描（同次测得）', value: all / base, unit: '×' },
    );
    for (const g of GROUPS) {
      const ms = time(() => runGroup(doc1m, g), runs);
      figures.push({ key: `detectors.${g}.ms_1m`, label: `${g} 检测器 1M 字耗时`, value: ms, unit: 'ms' });
    }

    // The same text as one line: nothing may be quadratic in the line length. Both are timed in alternation
    // (see timeInterleaved), so the ratio compares runs of the same moment.
    const oneLine = doc1m.replace(/[\r\n]/g, '');
    const [lined, single] = timeInterleaved([() => runGroup(doc1m, null), () => runGroup(oneLine, null)], quick ? 3 : 7, 200);
    const lineRatio = medianRatio(single, lined);
    log(`1 MB as one line: ${median(single).toFixed(1)} ms against ${median(lined).toFixed(1)} ms in lines`);
    figures.push({
      key: 'detectors.text.single_line_ratio',
      label: '1 MB 单行 / 1 MB 多行耗时比（线性 ≈ 1）',
      value: lineRatio,
      unit: '×',
      target: '≤ 3',
      ok: lineRatio <= 3,
    });

    if (!quick) {
      const doc10m = ofLength(source, 10_000_000);
      const tenMs = time(() => runGroup(doc10m, null), 3);
      figures.push({
        key: 'detectors.text.scale_10m_ratio',
        label: '10 MB / 1 MB 耗时比（线性 ≈ 10）',
        value: tenMs / all,
        unit: '×',
        target: '≤ 15',
        ok: tenMs / all <= 15,
      });
    }
    return figures;
  },
};
