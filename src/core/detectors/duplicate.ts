import type { DocContext } from '../document';
import type { RelatedSpan } from '../types';
import type { DetectorMatch } from './types';

/**
 * Paragraphs and long sentences that occur twice in a document (copy-paste
 * slips, pages that repeat their title, passages pasted from two sources).
 * Text is compared after removing whitespace and punctuation, so `，`/`,` and
 * line-wrapping differences do not hide a repeat. One pass: every paragraph
 * and every long sentence is normalized once and looked up in a hash map.
 *
 * Params: `minParagraph` (normalized characters, default 20), `minSentence`
 * (default 40).
 */

/** Characters that take part in the comparison: not whitespace, punctuation or symbols. */
function counts(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  if (c < 0xc0) {
    return false;
  }
  if (c >= 0x2000 && c <= 0x2bff) {
    return false;
  }
  if (c >= 0x3000 && c <= 0x303f) {
    return c === 0x3005 || c === 0x3007;
  }
  if (c >= 0xfe10 && c <= 0xfe6f) {
    return false;
  }
  if (c >= 0xff00 && c <= 0xff65) {
    return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
  }
  return c !== 0xd7 && c !== 0xf7 && c !== 0xfeff;
}

/** Length and a 53-bit hash of the normalized span, computed without building the normalized string. */
let hashedLength = 0;
function hashSpan(text: string, start: number, end: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  let len = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!counts(c)) {
      continue;
    }
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = (Math.imul(h2, 31) + c) | 0;
    len++;
  }
  hashedLength = len;
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 11) ^ (len & 0x1fffff));
}

/** Whether two spans are equal after normalization (guards against hash collisions). */
function sameNormalized(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  for (;;) {
    while (a < aEnd && !counts(text.charCodeAt(a))) {
      a++;
    }
    while (b < bEnd && !counts(text.charCodeAt(b))) {
      b++;
    }
    if (a >= aEnd || b >= bEnd) {
      return a >= aEnd && b >= bEnd;
    }
    if (text.charCodeAt(a) !== text.charCodeAt(b)) {
      return false;
    }
    a++;
    b++;
  }
}

function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

function numberParam(params: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Closing marks that belong to the sentence before them: `。”`, `！）`. */
function isClosing(c: number): boolean {
  return c === 0x201d || c === 0x2019 || c === 0xff09 || c === 0x300b || c === 0x3011 || c === 0x29;
}

interface Seen {
  start: number;
  end: number;
  line: number;
}

export function detectDuplicates(doc: DocContext, params: Readonly<Record<string, unknown>> = {}): DetectorMatch[] {
  const text = doc.text;
  const minParagraph = numberParam(params, 'minParagraph', 20);
  const minSentence = numberParam(params, 'minSentence', 40);
  const { lineStarts } = doc.lines;
  const paragraphs = new Map<number, Seen>();
  const sentences = new Map<number, Seen>();
  const out: DetectorMatch[] = [];

  const related = (first: Seen): RelatedSpan[] => [{ start: first.start, end: first.end, message: '首次出现的位置' }];

  for (let l = 0; l < lineStarts.length; l++) {
    let start = lineStarts[l];
    let end = doc.lines.lineEnd(l);
    while (start < end && isSpace(text.charCodeAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charCodeAt(end - 1))) {
      end--;
    }
    if (end - start < minParagraph) {
      continue;
    }
    const key = hashSpan(text, start, end);
    if (hashedLength >= minParagraph) {
      const first = paragraphs.get(key);
      if (first && sameNormalized(text, first.start, first.end, start, end)) {
        const next = l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length;
        // Delete the whole line with its line break (or the break before it on the last line).
        const delStart = l + 1 < lineStarts.length ? lineStarts[l] : Math.max(0, lineStarts[l] - 1);
        const delEnd = l + 1 < lineStarts.length ? next : text.length;
        out.push({
          start,
          end,
          detail: `第${first.line + 1}行`,
          related: related(first),
          fixes: [{ title: '删除重复的段落', edits: [{ start: delStart, end: delEnd, newText: '' }], safe: false }],
        });
        continue;
      }
      if (!first) {
        paragraphs.set(key, { start, end, line: l });
      }
    }
    sentencesOf(text, start, end, l, minSentence, sentences, out, related);
  }
  return out;
}

/** Clause boundaries: sentence ends and the marks inside a sentence. */
function isClauseMark(c: number): boolean {
  return (
    isSentenceEnd(c) ||
    c === 0xff0c ||
    c === 0x3001 ||
    c === 0xff1a ||
    c === 0x2c ||
    c === 0x3a ||
    c === 0x2026 ||
    c === 0x2014
  );
}

/** Per-paragraph clause table, reused across paragraphs. */
const clauseStart: number[] = [];
const clauseEnd: number[] = [];
const clauseLen: number[] = [];
const clauseH1: number[] = [];
const clauseH2: number[] = [];

/**
 * Windows of consecutive clauses with at least `minSentence` normalized
 * characters, starting at every clause of the paragraph. A window seen before
 * is a repeated passage; overlapping repeated windows merge into one finding.
 */
function sentencesOf(
  text: string,
  start: number,
  end: number,
  line: number,
  minSentence: number,
  windows: Map<number, Seen>,
  out: DetectorMatch[],
  related: (first: Seen) => RelatedSpan[],
): void {
  let count = 0;
  let i = start;
  while (i < end) {
    // Skip marks and spaces before the clause.
    while (i < end && (isClauseMark(text.charCodeAt(i)) || isSpace(text.charCodeAt(i)))) {
      i++;
    }
    if (i >= end) {
      break;
    }
    const cs = i;
    let h1 = 0x811c9dc5;
    let h2 = 0;
    let len = 0;
    while (i < end && !isClauseMark(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (counts(c)) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 31) + c) | 0;
        len++;
      }
      i++;
    }
    // The clause keeps its closing marks (`。`, `。”`).
    while (i < end && (isClauseMark(text.charCodeAt(i)) || isClosing(text.charCodeAt(i)))) {
      i++;
    }
    if (len === 0) {
      continue;
    }
    clauseStart[count] = cs;
    clauseEnd[count] = i;
    clauseLen[count] = len;
    clauseH1[count] = h1;
    clauseH2[count] = h2;
    count++;
  }

  let last: DetectorMatch | null = null;
  let j = 0;
  let sum = 0;
  for (let a = 0; a < count; a++) {
    if (j < a) {
      j = a;
      sum = 0;
    }
    while (j < count && sum < minSentence) {
      sum += clauseLen[j];
      j++;
    }
    if (sum < minSentence) {
      break;
    }
    let w1 = 0x811c9dc5;
    let w2 = 0;
    for (let k = a; k < j; k++) {
      w1 = Math.imul(w1 ^ clauseH1[k], 0x01000193);
      w2 = (Math.imul(w2, 0x5bd1e995) + clauseH2[k]) | 0;
    }
    const key = (w1 >>> 0) * 0x200000 + ((w2 >>> 11) ^ (sum & 0x1fffff));
    const ws = clauseStart[a];
    const we = clauseEnd[j - 1];
    sum -= clauseLen[a];
    const hit = windows.get(key);
    if (!hit) {
      windows.set(key, { start: ws, end: we, line });
      continue;
    }
    if (hit.end > ws || !sameNormalized(text, hit.start, hit.end, ws, we)) {
      continue;
    }
    const rel = last ? (last.related as RelatedSpan[])[0] : null;
    if (last && rel && ws < last.end && hit.start < rel.end && hit.start >= rel.start) {
      // The passage goes on: extend the finding and its first occurrence.
      last.end = Math.max(last.end, we);
      rel.end = Math.max(rel.end, hit.end);
      last.fixes = [{ title: '删除重复的文字', edits: [{ start: last.start, end: last.end, newText: '' }], safe: false }];
      continue;
    }
    last = {
      start: ws,
      end: we,
      detail: `第${hit.line + 1}行`,
      related: related(hit),
      fixes: [{ title: '删除重复的文字', edits: [{ start: ws, end: we, newText: '' }], safe: false }],
    };
    out.push(last);
  }
}
