import type { DocContext } from '../document';
import { findTraditionalRuns, toSimplified } from '../text/repair';
import type { OffsetFix } from '../types';
import { brokenSpans } from './mojibake';
import { isTraditionalChar, textScan } from './scan';
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
 * surname, 宫商角徵羽, 幺麽) or in personal names (昇, 陞: 《通用规范汉字表》,
 * 2013). They count only next to clearly traditional ones.
 */
const AMBIGUOUS = new Set(['乾', '於', '徵', '夥', '麽', '摺', '祇', '著', '瞭', '藉', '覆', '昇', '陞'].map(c => c.charCodeAt(0)));

const MAX_SHOWN = 4;

/**
 * The changed characters of one line: offsets in the text, and each one's
 * replacement (from the phrase-aware conversion of the line's clauses).
 */
interface Changes {
  pos: number[];
  /** Replacement of the character at `pos[k]`. */
  to: string[];
}

/**
 * Marks between clauses. No OpenCC phrase contains one, so a conversion never
 * reaches across them: converting a line clause by clause gives what
 * converting it whole gives.
 */
const CLAUSE_MARKS = new Uint8Array(0x10000);
for (const ch of '，。！？；：、,.!?;:“”‘’（）()《》 \t\u3000') {
  CLAUSE_MARKS[ch.charCodeAt(0)] = 1;
}

/** An ideographic description character (⿰ …): OpenCC reads a whole description as one unit, marks included. */
function isDescription(c: number): boolean {
  return c >= 0x2ff0 && c <= 0x2fff;
}

/**
 * The changed characters of a line. Each clause with a character OpenCC
 * converts on its own is converted phrase-aware (`乾坤` stays, `乾燥` becomes
 * `干燥`, `沈默` next to `發言` becomes `沉默`); clauses without one are left
 * as they are, so a long line with a few traditional characters costs a few
 * clauses, not the line.
 */
function lineChanges(text: string, start: number, end: number): Changes {
  const pos: number[] = [];
  const to: string[] = [];
  let from = start;
  let traditional = false;
  let whole = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c >= 0 && CLAUSE_MARKS[c] === 0) {
      if (c >= 0x3400 && (isTraditionalChar(c) || (c >= 0xd800 && c <= 0xdfff))) {
        traditional = true;
      } else if (isDescription(c)) {
        whole = true;
      }
      continue;
    }
    // A description may take in the marks after it: such a line is converted whole, as one clause.
    if (whole && c >= 0) {
      continue;
    }
    if (traditional) {
      clauseChanges(text, from, i, pos, to);
    }
    from = i + 1;
    traditional = false;
  }
  return { pos, to };
}

/**
 * Adds the changed characters of the clause `from` … `end - 1` to `pos` and `to`: the runs of the phrase-aware
 * conversion of the whole clause (`乾坤` stays, `乾燥` becomes `干燥`), character by character when a phrase
 * changed the length.
 */
function clauseChanges(text: string, from: number, end: number, pos: number[], to: string[]): void {
  for (const r of findTraditionalRuns(text.slice(from, end))) {
    for (let k = 0; k < r.text.length; k++) {
      const ch = r.text[k];
      const t = r.simplified.length === r.text.length ? r.simplified[k] : toSimplified(ch);
      if (ch !== t) {
        pos.push(from + r.start + k);
        to.push(t);
      }
    }
  }
}

/** The text of the changed characters `a` … `b - 1` with each one replaced (the unchanged ones between stay). */
function replaced(text: string, changes: Changes, a: number, b: number): string {
  const { pos, to } = changes;
  let out = '';
  let at = pos[a];
  for (let k = a; k < b; k++) {
    out += text.slice(at, pos[k]) + to[k];
    at = pos[k] + 1;
  }
  return out;
}

/**
 * The lines with a character OpenCC changes on its own: those the shared
 * character pass knew, and those of its lines with characters OpenCC had not
 * been asked about that turn out to have one.
 */
function traditionalLines(doc: DocContext): number[] {
  const scan = textScan(doc);
  const known = scan.traditionalLines;
  const unasked = scan.unaskedLines;
  const out: number[] = [];
  let a = 0;
  let b = 0;
  while (a < known.length || b < unasked.length) {
    if (b >= unasked.length || (a < known.length && known.data[a] < unasked.data[b])) {
      out.push(known.data[a++]);
      continue;
    }
    const l = unasked.data[b++];
    const codes = doc.codes;
    let found = false;
    for (let i = doc.lines.lineStarts[l], end = doc.lines.lineEnd(l); i < end; i++) {
      const c = codes[i];
      if (c >= 0x3400 && isTraditionalChar(c)) {
        found = true; // the rest of the line is asked about too, so later passes know its characters
      }
    }
    if (found) {
      out.push(l);
    }
  }
  return out;
}

export function detectTraditional(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const lines = traditionalLines(doc);
  if (lines.length === 0) {
    return out;
  }
  const { lineStarts } = doc.lines;
  const broken = brokenSpans(doc);
  let b = 0;
  for (const l of lines) {
    const changes = lineChanges(text, lineStarts[l], doc.lines.lineEnd(l));
    const pos = changes.pos;
    // A character that is also a standard simplified one (乾, 於, 徵) is no evidence on its own.
    if (!pos.some(p => !AMBIGUOUS.has(text.charCodeAt(p)))) {
      continue;
    }
    // Broken text is the mojibake rule's business: converting inside it would spoil its repair.
    // A group is a stretch pos[g] … pos[k - 1] of the changed characters.
    let g = 0;
    let k = 0;
    for (; k < pos.length; k++) {
      const p = pos[k];
      // Broken spans passed on the way from the previous character end the group.
      let crosses = false;
      while (b < broken.length && broken[b].end <= p) {
        if (k > g && broken[b].start > pos[k - 1]) {
          crosses = true;
        }
        b++;
      }
      const inBroken = b < broken.length && broken[b].start <= p;
      if ((inBroken || crosses) && k > g) {
        out.push(traditionalFinding(text, changes, g, k));
        g = k;
      }
      if (inBroken) {
        g = k + 1;
      }
    }
    if (k > g) {
      out.push(traditionalFinding(text, changes, g, k));
    }
  }
  return out;
}

/** One finding for the changed characters `a` … `b - 1` of one line. */
function traditionalFinding(text: string, changes: Changes, a: number, b: number): DetectorMatch {
  const { pos } = changes;
  const spanStart = pos[a];
  const spanEnd = pos[b - 1] + 1;
  const newText = replaced(text, changes, a, b);
  const pairs: string[] = [];
  const seen = new Set<number>();
  for (let k = a; k < b; k++) {
    const from = text.charCodeAt(pos[k]);
    if (!seen.has(from)) {
      seen.add(from);
      if (pairs.length < MAX_SHOWN) {
        pairs.push(`${text[pos[k]]}→${changes.to[k]}`);
      }
    }
  }
  const detail = pairs.join('、') + (seen.size > pairs.length ? ` 等 ${b - a} 处` : '');
  return {
    start: spanStart,
    end: spanEnd,
    detail,
    fixes: [{ title: '转换为简体字', edits: [{ start: spanStart, end: spanEnd, newText }], safe: true }],
  };
}
