import type { DocContext } from '../document';
import type { RelatedSpan } from '../types';
import type { DetectorMatch } from './types';

/**
 * Paragraphs and long passages that occur twice in a document (copy-paste
 * slips, pages that repeat their title, passages pasted from two sources).
 * Text is compared after removing whitespace and punctuation, so `，`/`,` and
 * line-wrapping differences do not hide a repeat.
 *
 * One pass over the characters: each paragraph is cut into clauses (at
 * `，。、；：！？…—`), and every paragraph and every clause gets a 53-bit hash of
 * its normalized text. A paragraph whose hash was seen before is a repeated
 * paragraph. Otherwise every window of consecutive clauses with at least
 * `minSentence` normalized characters is hashed from its clause hashes and
 * looked up; overlapping repeated windows merge into one passage.
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

/** Clause boundaries: sentence ends and the marks inside a sentence. */
function isClauseMark(c: number): boolean {
  return (
    c === 0x3002 ||
    c === 0xff0c ||
    c === 0x3001 ||
    c === 0xff1b ||
    c === 0xff1a ||
    c === 0xff01 ||
    c === 0xff1f ||
    c === 0x2c ||
    c === 0x3b ||
    c === 0x3a ||
    c === 0x21 ||
    c === 0x3f ||
    c === 0x2026 ||
    c === 0x2014
  );
}

/** Closing marks that belong to the clause before them: `。”`, `！）`. */
function isClosing(c: number): boolean {
  return c === 0x201d || c === 0x2019 || c === 0xff09 || c === 0x300b || c === 0x3011 || c === 0x29;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

function numberParam(params: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Two 32-bit hashes and the length folded into one exact double (53 bits). */
function key53(h1: number, h2: number, len: number): number {
  return (h1 >>> 0) * 0x200000 + (((h2 >>> 11) ^ (len * 0x9e37)) & 0x1fffff);
}

interface Seen {
  start: number;
  end: number;
  line: number;
}

/** The clause table of the current paragraph (reused; grows to the longest paragraph). */
class Clauses {
  start: number[] = [];
  end: number[] = [];
  len: number[] = [];
  h1: number[] = [];
  h2: number[] = [];
  count = 0;
  /** Hash and length of the whole paragraph, independent of where the clauses break. */
  paraH1 = 0;
  paraH2 = 0;
  paraLen = 0;

  scan(text: string, start: number, end: number): void {
    this.count = 0;
    let p1 = 0x811c9dc5;
    let p2 = 0;
    let plen = 0;
    let i = start;
    while (i < end) {
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
      while (i < end) {
        const c = text.charCodeAt(i);
        if (isClauseMark(c)) {
          break;
        }
        if (counts(c)) {
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = (Math.imul(h2, 31) + c) | 0;
          p1 = Math.imul(p1 ^ c, 0x01000193);
          p2 = (Math.imul(p2, 31) + c) | 0;
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
      const k = this.count++;
      this.start[k] = cs;
      this.end[k] = i;
      this.len[k] = len;
      this.h1[k] = h1;
      this.h2[k] = h2;
      plen += len;
    }
    this.paraH1 = p1;
    this.paraH2 = p2;
    this.paraLen = plen;
  }
}

export function detectDuplicates(doc: DocContext, params: Readonly<Record<string, unknown>> = {}): DetectorMatch[] {
  const text = doc.text;
  const minParagraph = numberParam(params, 'minParagraph', 20);
  const minSentence = numberParam(params, 'minSentence', 40);
  const { lineStarts } = doc.lines;
  const paragraphs = new Map<number, Seen>();
  const windows = new Map<number, Seen>();
  const clauses = new Clauses();
  const out: DetectorMatch[] = [];

  for (let l = 0; l < lineStarts.length; l++) {
    let start = lineStarts[l];
    let end = doc.lines.lineEnd(l);
    while (start < end && isSpace(text.charCodeAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charCodeAt(end - 1))) {
      end--;
    }
    if (end - start < Math.min(minParagraph, minSentence)) {
      continue;
    }
    clauses.scan(text, start, end);
    if (clauses.paraLen >= minParagraph) {
      const key = key53(clauses.paraH1, clauses.paraH2, clauses.paraLen);
      const first = paragraphs.get(key);
      if (first) {
        // Delete the whole line with its line break (or the break before it on the last line).
        const last = l + 1 >= lineStarts.length;
        const delStart = last ? Math.max(0, lineStarts[l] - 1) : lineStarts[l];
        const delEnd = last ? text.length : lineStarts[l + 1];
        out.push({
          start,
          end,
          detail: `第${first.line + 1}行`,
          related: [{ start: first.start, end: first.end, message: '首次出现的位置' }],
          fixes: [{ title: '删除重复的段落', edits: [{ start: delStart, end: delEnd, newText: '' }], safe: false }],
        });
        continue;
      }
      paragraphs.set(key, { start, end, line: l });
    }
    passages(clauses, l, minSentence, windows, out);
  }
  return out;
}

/** Windows of consecutive clauses with at least `minSentence` normalized characters, one starting at every clause. */
function passages(cl: Clauses, line: number, minSentence: number, windows: Map<number, Seen>, out: DetectorMatch[]): void {
  let last: DetectorMatch | null = null;
  let rel: RelatedSpan | null = null;
  let j = 0;
  let sum = 0;
  for (let a = 0; a < cl.count; a++) {
    if (j < a) {
      j = a;
      sum = 0;
    }
    while (j < cl.count && sum < minSentence) {
      sum += cl.len[j];
      j++;
    }
    if (sum < minSentence) {
      break;
    }
    let w1 = 0x811c9dc5;
    let w2 = 0;
    for (let k = a; k < j; k++) {
      w1 = Math.imul(w1 ^ cl.h1[k], 0x01000193);
      w2 = (Math.imul(w2, 0x5bd1e995) + cl.h2[k]) | 0;
    }
    const key = key53(w1, w2, sum);
    const ws = cl.start[a];
    const we = cl.end[j - 1];
    sum -= cl.len[a];
    const hit = windows.get(key);
    if (!hit) {
      windows.set(key, { start: ws, end: we, line });
      continue;
    }
    if (hit.end > ws) {
      continue; // overlaps its own first occurrence (a run of one repeated clause)
    }
    if (last && rel && ws < last.end && hit.start >= rel.start && hit.start < rel.end) {
      // The passage goes on: extend the finding and its first occurrence.
      last.end = Math.max(last.end, we);
      rel.end = Math.max(rel.end, hit.end);
      last.fixes = [{ title: '删除重复的文字', edits: [{ start: last.start, end: last.end, newText: '' }], safe: false }];
      continue;
    }
    rel = { start: hit.start, end: hit.end, message: '首次出现的位置' };
    last = {
      start: ws,
      end: we,
      detail: `第${hit.line + 1}行`,
      related: [rel],
      fixes: [{ title: '删除重复的文字', edits: [{ start: ws, end: we, newText: '' }], safe: false }],
    };
    out.push(last);
  }
}
