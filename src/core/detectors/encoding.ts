import type { DocContext } from '../document';
import { findTraditionalRuns, toSimplified } from '../text/repair';
import type { OffsetFix } from '../types';
import { brokenSpans } from './mojibake';
import { textScan } from './scan';
import type { DetectorMatch } from './types';

/**
 * Encoding damage and traditional characters. The repair logic itself lives in
 * src/core/text/repair.ts (shared with the corpus cleaner); these detectors
 * turn its findings into diagnostics with fixes.
 */

// ---------------------------------------------------------------------------
// encoding.mojibake

function clip(s: string): string {
  return s.length > 20 ? s.slice(0, 19) + '…' : s;
}

export function detectMojibakeFindings(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const s of brokenSpans(doc)) {
    const shown = clip(text.slice(s.start, s.end));
    let detail: string;
    const fixes: OffsetFix[] = [];
    switch (s.kind) {
      case 'misaligned-gbk':
        detail = `“${shown}”是错位解码的GBK乱码`;
        if (s.recovered !== null) {
          detail += `，原文应为“${clip(s.recovered)}”`;
          fixes.push({ title: `还原为“${clip(s.recovered)}”`, edits: [{ start: s.start, end: s.end, newText: s.recovered }], safe: false });
        } else {
          detail += '，有字符已丢失';
        }
        break;
      case 'pinyin-annotation':
        detail = `“${shown}”是网页转码留下的拼音注音`;
        fixes.push({ title: `删除“${shown}”`, edits: [{ start: s.start, end: s.end, newText: '' }], safe: true });
        break;
      case 'utf8-as-latin1':
        detail = `“${shown}”是按 Latin-1 误读的 UTF-8 文字`;
        if (s.recovered !== null) {
          detail += `，原文应为“${clip(s.recovered)}”`;
          fixes.push({ title: `还原为“${clip(s.recovered)}”`, edits: [{ start: s.start, end: s.end, newText: s.recovered }], safe: true });
        }
        break;
      case 'lost-bytes':
        detail = `“${shown}”处有字符在转码中丢失`;
        break;
      case 'question-run':
        detail = `“${shown}”是转码时丢失的文字`;
        break;
    }
    out.push({ start: s.start, end: s.end, detail, fixes });
  }
  return out;
}

// ---------------------------------------------------------------------------
// encoding.traditional

/**
 * Characters OpenCC turns into another simplified character although they are
 * themselves standard simplified characters in some words (乾坤, 於 as a
 * surname, 宫商角徵羽, 幺麽). They count only next to clearly traditional ones.
 */
const AMBIGUOUS = new Set(['乾', '於', '徵', '夥', '麽', '摺', '祇', '著', '瞭', '藉', '覆']);

const MAX_SHOWN = 4;

export function detectTraditional(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // The shared character pass lists the lines with a character OpenCC changes on its own.
  const lines = textScan(doc).traditionalLines;
  if (lines.length === 0) {
    return out;
  }
  const { lineStarts } = doc.lines;
  const broken = brokenSpans(doc);
  let b = 0;
  for (let j = 0; j < lines.length; j++) {
    const l = lines.data[j];
    const start = lineStarts[l];
    const end = doc.lines.lineEnd(l);
    const line = text.slice(start, end);
    // Phrase-aware conversion of the whole line: `乾坤` stays, `乾燥` becomes `干燥`.
    const changed: Array<[number, string, string]> = [];
    for (const r of findTraditionalRuns(line)) {
      for (let k = 0; k < r.text.length; k++) {
        const from = r.text[k];
        const to = r.simplified.length === r.text.length ? r.simplified[k] : toSimplified(from);
        if (from !== to) {
          changed.push([start + r.start + k, from, to]);
        }
      }
    }
    // A character that is also a standard simplified one (乾, 於, 徵) is no evidence on its own.
    if (!changed.some(c => !AMBIGUOUS.has(c[1]))) {
      continue;
    }
    // Broken text is the mojibake rule's business: converting inside it would spoil its repair.
    let group: Array<[number, string, string]> = [];
    for (const c of changed) {
      // Broken spans passed on the way from the previous character end the group.
      let crosses = false;
      while (b < broken.length && broken[b].end <= c[0]) {
        if (group.length > 0 && broken[b].start > group[group.length - 1][0]) {
          crosses = true;
        }
        b++;
      }
      const inBroken = b < broken.length && broken[b].start <= c[0];
      if ((inBroken || crosses) && group.length > 0) {
        out.push(traditionalFinding(text, group));
        group = [];
      }
      if (!inBroken) {
        group.push(c);
      }
    }
    if (group.length > 0) {
      out.push(traditionalFinding(text, group));
    }
  }
  return out;
}

/** One finding for a group of changed characters (absolute offsets) on one line. */
function traditionalFinding(text: string, changed: Array<[number, string, string]>): DetectorMatch {
  const spanStart = changed[0][0];
  const spanEnd = changed[changed.length - 1][0] + 1;
  // The span with each changed character replaced (positions ascend).
  let newText = '';
  let at = spanStart;
  for (const [pos, , to] of changed) {
    newText += text.slice(at, pos) + to;
    at = pos + 1;
  }
  const pairs: string[] = [];
  const seen = new Set<string>();
  for (const [, from, to] of changed) {
    if (!seen.has(from)) {
      seen.add(from);
      if (pairs.length < MAX_SHOWN) {
        pairs.push(`${from}→${to}`);
      }
    }
  }
  const detail = pairs.join('、') + (seen.size > pairs.length ? ` 等 ${changed.length} 处` : '');
  return {
    start: spanStart,
    end: spanEnd,
    detail,
    fixes: [{ title: '转换为简体字', edits: [{ start: spanStart, end: spanEnd, newText }], safe: true }],
  };
}
