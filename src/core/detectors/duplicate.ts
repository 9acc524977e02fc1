import type { DocContext } from '../document';
import type { RelatedSpan } from '../types';
import { textScan, type TextScan } from './scan';
import type { DetectorMatch } from './types';

/**
 * Paragraphs and long passages that occur twice in a document (copy-paste
 * slips, pages that repeat their title, passages pasted from two sources).
 * Text is compared after removing whitespace and punctuation, so `，`/`,` and
 * line-wrapping differences do not hide a repeat.
 *
 * The shared character pass (scan.ts) cuts each paragraph into clauses (at
 * `，。、；：！？…—`) and gives every paragraph and every clause a 53-bit hash
 * of its normalized text. A paragraph whose hash was seen before is a repeated
 * paragraph. Otherwise every window of consecutive clauses with at least
 * `minSentence` normalized characters is hashed from its clause hashes and
 * looked up; overlapping repeated windows merge into one passage.
 *
 * Params: `minParagraph` (normalized characters, default 20), `minSentence`
 * (default 40).
 */

function numberParam(params: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The low part of a key: the second hash and the length folded into 21 bits (the high part is the first hash). */
function keyLow(h2: number, len: number): number {
  return ((h2 >>> 11) ^ (len * 0x9e37)) & 0x1fffff;
}

/**
 * First occurrences by key (a 32-bit hash and a 21-bit fold of a second hash
 * and the length: 53 bits), open addressing over typed arrays.
 */
class FirstSeen {
  private mask: number;
  /** Per slot, three entries: hi, lo, and the index of the occurrence + 1 (0: empty slot). */
  private keys: Int32Array;
  /** Per occurrence, three entries: start, end, line. */
  private values: Int32Array;
  count = 0;

  constructor(expected: number) {
    let size = 256;
    while (size < expected * 2) {
      size *= 2;
    }
    this.mask = size - 1;
    this.keys = new Int32Array(size * 3);
    this.values = new Int32Array((size >> 1) * 3);
  }

  /** Index of the first occurrence with this key, or -1. */
  get(hi: number, lo: number): number {
    const mask = this.mask;
    const keys = this.keys;
    let i = (Math.imul(hi ^ Math.imul(lo, 0x27d4eb2d), 0x9e3779b1) >>> 7) & mask;
    for (;;) {
      const v = keys[i * 3 + 2];
      if (v === 0) {
        return -1;
      }
      if (keys[i * 3] === hi && keys[i * 3 + 1] === lo) {
        return v - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Records the first occurrence of a key that `get` did not find. */
  add(hi: number, lo: number, start: number, end: number, line: number): void {
    if (this.count * 3 >= this.values.length) {
      this.grow();
    }
    const v = this.count++;
    this.put(hi, lo, v + 1);
    this.values[v * 3] = start;
    this.values[v * 3 + 1] = end;
    this.values[v * 3 + 2] = line;
  }

  start(k: number): number {
    return this.values[k * 3];
  }

  end(k: number): number {
    return this.values[k * 3 + 1];
  }

  line(k: number): number {
    return this.values[k * 3 + 2];
  }

  private put(hi: number, lo: number, slot: number): void {
    const mask = this.mask;
    const keys = this.keys;
    let i = (Math.imul(hi ^ Math.imul(lo, 0x27d4eb2d), 0x9e3779b1) >>> 7) & mask;
    while (keys[i * 3 + 2] !== 0) {
      i = (i + 1) & mask;
    }
    keys[i * 3] = hi;
    keys[i * 3 + 1] = lo;
    keys[i * 3 + 2] = slot;
  }

  private grow(): void {
    const old = this.keys;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size * 3);
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 2] !== 0) {
        this.put(old[j], old[j + 1], old[j + 2]);
      }
    }
    const values = new Int32Array((size >> 1) * 3);
    values.set(this.values);
    this.values = values;
  }
}

export function detectDuplicates(doc: DocContext, params: Readonly<Record<string, unknown>> = {}): DetectorMatch[] {
  const text = doc.text;
  const minParagraph = numberParam(params, 'minParagraph', 20);
  const minSentence = numberParam(params, 'minSentence', 40);
  const { lineStarts } = doc.lines;
  const lineCount = lineStarts.length;
  const scan = textScan(doc);
  const paragraphs = new FirstSeen(lineCount);
  // At most one window starts at each clause.
  const windows = new FirstSeen(scan.lineClause[lineCount]);
  const out: DetectorMatch[] = [];
  const shortest = Math.min(minParagraph, minSentence);

  for (let l = 0; l < lineCount; l++) {
    const start = scan.trimStart[l];
    const end = scan.trimEnd[l];
    if (end - start < shortest) {
      continue;
    }
    if (scan.paraLen[l] >= minParagraph) {
      const hi = scan.paraH1[l];
      const lo = keyLow(scan.paraH2[l], scan.paraLen[l]);
      const first = paragraphs.get(hi, lo);
      if (first >= 0) {
        // Delete the whole line with its line break (or the break before it on the last line).
        const last = l + 1 >= lineCount;
        const delStart = last ? Math.max(0, lineStarts[l] - 1) : lineStarts[l];
        const delEnd = last ? text.length : lineStarts[l + 1];
        out.push({
          start,
          end,
          detail: `第${paragraphs.line(first) + 1}行`,
          related: [{ start: paragraphs.start(first), end: paragraphs.end(first), message: '首次出现的位置' }],
          fixes: [{ title: '删除重复的段落', edits: [{ start: delStart, end: delEnd, newText: '' }], safe: false }],
        });
        continue;
      }
      paragraphs.add(hi, lo, start, end, l);
    }
    passages(scan, scan.lineClause[l], scan.lineClause[l + 1], l, minSentence, windows, out);
  }
  return out;
}

/**
 * Windows of consecutive clauses (`from` … `to - 1` of one line) with at least
 * `minSentence` compared characters, one starting at every clause.
 */
function passages(
  cl: TextScan,
  from: number,
  to: number,
  line: number,
  minSentence: number,
  windows: FirstSeen,
  out: DetectorMatch[],
): void {
  const { clauseLen, clauseH1, clauseH2, clauseStart, clauseEnd } = cl;
  let last: DetectorMatch | null = null;
  let rel: RelatedSpan | null = null;
  let j = from;
  let sum = 0;
  for (let a = from; a < to; a++) {
    if (j < a) {
      j = a;
      sum = 0;
    }
    while (j < to && sum < minSentence) {
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
    const hi = w1 | 0;
    const lo = keyLow(w2, sum);
    const ws = clauseStart[a];
    const we = clauseEnd[j - 1];
    sum -= clauseLen[a];
    const hit = windows.get(hi, lo);
    if (hit < 0) {
      windows.add(hi, lo, ws, we, line);
      continue;
    }
    const hitStart = windows.start(hit);
    const hitEnd = windows.end(hit);
    if (hitEnd > ws) {
      continue; // overlaps its own first occurrence (a run of one repeated clause)
    }
    if (last && rel && ws < last.end && hitStart >= rel.start && hitStart < rel.end) {
      // The passage goes on: extend the finding and its first occurrence (its fix follows when it is complete).
      last.end = Math.max(last.end, we);
      rel.end = Math.max(rel.end, hitEnd);
      continue;
    }
    if (last) {
      last.fixes![0].edits[0].end = last.end;
    }
    rel = { start: hitStart, end: hitEnd, message: '首次出现的位置' };
    last = {
      start: ws,
      end: we,
      detail: `第${windows.line(hit) + 1}行`,
      related: [rel],
      fixes: [{ title: '删除重复的文字', edits: [{ start: ws, end: we, newText: '' }], safe: false }],
    };
    out.push(last);
  }
  if (last) {
    last.fixes![0].edits[0].end = last.end;
  }
}
