/**
 * Character-level difference of two texts, paragraphs first: lines are
 * aligned by content similarity (identical unique lines anchor the alignment),
 * and only aligned pairs of lines are diffed character by character with
 * `fast-diff`. Unaligned lines are whole deletions or insertions. This keeps
 * the cost near-linear in the text length for speeches, where a whole-text
 * Myers diff degrades with the number of differences.
 */
import fastDiff from 'fast-diff';
import { bestMatches, withGaps, type AlignedPair } from './align';
import { cosine, profileOf, type Profile } from './text';

/** -1 = only in the old (exemplar) text, 0 = in both, 1 = only in the new (draft) text. */
export type DiffOp = -1 | 0 | 1;
export type DiffSegment = [DiffOp, string];

export interface DiffOptions {
  /** Lines below this bigram cosine similarity are not paired. Default 0.3. */
  lineThreshold?: number;
  /**
   * Above this many line-pair comparisons in one unanchored stretch, the
   * stretch is reported as a whole replacement instead of aligned (bounds the
   * worst case). Default 400 000.
   */
  maxCells?: number;
  /** Semantic cleanup of the character diff of each line pair. Default true. */
  cleanup?: boolean;
}

export interface DiffStats {
  /** Characters in both texts. */
  equal: number;
  /** Characters only in the old text. */
  deleted: number;
  /** Characters only in the new text. */
  inserted: number;
  /** equal / max(len(old), len(new)), in [0, 1]. */
  ratio: number;
}

/** Splits a text into lines that keep their line break, so that joining them gives the text back. */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length > 0) {
    out.push(m[0]);
  }
  return out;
}

/**
 * The diff of `oldText` → `newText`. Joining the segments with op 0 or -1 gives
 * `oldText`; joining those with op 0 or 1 gives `newText`.
 */
export function paragraphDiff(oldText: string, newText: string, options: DiffOptions = {}): DiffSegment[] {
  const settings: Settings = {
    threshold: options.lineThreshold ?? 0.3,
    maxCells: options.maxCells ?? 400_000,
    cleanup: options.cleanup ?? true,
  };
  if (oldText === newText) {
    return oldText ? [[0, oldText]] : [];
  }
  return alignedDiff(splitLinesKeepEnds(oldText), splitLinesKeepEnds(newText), settings, (x, y, out) => diffLines(x, y, settings, out));
}

interface Settings {
  threshold: number;
  maxCells: number;
  cleanup: boolean;
}

/**
 * Lines longer than this are diffed sentence by sentence, aligned as lines
 * are: a character diff of two long lines costs up to the product of their
 * lengths (two one-line texts of 20 000 characters with a quarter changed
 * took 1.5 s, of 80 000 characters 22 s).
 */
const SENTENCE_DIFF_FROM = 400;
/**
 * Two pieces whose lengths multiply to more than this (a long stretch without
 * a sentence end) are not diffed character by character: their common start
 * and end are kept and the middle is replaced.
 */
const MAX_CHAR_CELLS = 1_000_000;

/** The diff of two aligned lines: by sentences when either is long, else by characters. */
function diffLines(x: string, y: string, settings: Settings, out: DiffSegment[]): void {
  if (x.length <= SENTENCE_DIFF_FROM && y.length <= SENTENCE_DIFF_FROM) {
    charDiff(x, y, settings.cleanup, out);
    return;
  }
  for (const [op, t] of alignedDiff(splitSentencesKeepEnds(x), splitSentencesKeepEnds(y), settings, (s, t, o) => charDiff(s, t, settings.cleanup, o))) {
    push(out, op, t);
  }
}

/** The character diff of two pieces (`fast-diff`), or their common ends and a replacement when both are long. */
function charDiff(x: string, y: string, cleanup: boolean, out: DiffSegment[]): void {
  if (x.length * y.length <= MAX_CHAR_CELLS) {
    for (const [op, t] of fastDiff(x, y, undefined, cleanup)) {
      push(out, op, t);
    }
    return;
  }
  const n = Math.min(x.length, y.length);
  let head = 0;
  while (head < n && x.charCodeAt(head) === y.charCodeAt(head)) {
    head++;
  }
  let tail = 0;
  while (tail < n - head && x.charCodeAt(x.length - 1 - tail) === y.charCodeAt(y.length - 1 - tail)) {
    tail++;
  }
  push(out, 0, x.slice(0, head));
  push(out, -1, x.slice(head, x.length - tail));
  push(out, 1, y.slice(head, y.length - tail));
  push(out, 0, x.slice(x.length - tail));
}

/**
 * Units (lines, or a long line's sentences) aligned by content similarity
 * (identical unique units anchor the alignment); aligned pairs that differ go
 * to `diffPair`, the others are whole deletions or insertions.
 */
function alignedDiff(a: readonly string[], b: readonly string[], settings: Settings, diffPair: (x: string, y: string, out: DiffSegment[]) => void): DiffSegment[] {
  const { threshold, maxCells } = settings;
  const pa: (Profile | undefined)[] = new Array(a.length);
  const pb: (Profile | undefined)[] = new Array(b.length);
  const profA = (i: number) => (pa[i] ??= profileOf(a[i]));
  const profB = (j: number) => (pb[j] ??= profileOf(b[j]));
  const sim = (i: number, j: number): number => {
    if (a[i] === b[j]) {
      return 1;
    }
    const x = profA(i);
    const y = profB(j);
    if (x.total === 0 || y.total === 0) {
      // Lines without content (blank, punctuation only) pair only when equal after trimming.
      return a[i].trim() === b[j].trim() ? 1 : 0;
    }
    return cosine(x, y);
  };

  const pairs: AlignedPair[] = [];
  const anchors = uniqueAnchors(a, b);
  let i0 = 0;
  let j0 = 0;
  for (const anchor of [...anchors, { a: a.length, b: b.length, similarity: 1 }]) {
    const n = anchor.a - i0;
    const m = anchor.b - j0;
    if (n > 0 && m > 0 && n * m <= maxCells) {
      const local = bestMatches(n, m, (i, j) => sim(i0 + i, j0 + j), threshold);
      for (const p of local) {
        pairs.push({ a: p.a + i0, b: p.b + j0, similarity: p.similarity });
      }
    }
    if (anchor.a < a.length) {
      pairs.push(anchor);
    }
    i0 = anchor.a + 1;
    j0 = anchor.b + 1;
  }

  const out: DiffSegment[] = [];
  for (const p of withGaps(a.length, b.length, pairs)) {
    if (p.b < 0) {
      push(out, -1, a[p.a]);
    } else if (p.a < 0) {
      push(out, 1, b[p.b]);
    } else if (a[p.a] === b[p.b]) {
      push(out, 0, a[p.a]);
    } else {
      diffPair(a[p.a], b[p.b], out);
    }
  }
  return out;
}

/** Splits a line after each run of sentence ends (and the closing quotes after them); joining the pieces gives it back. */
export function splitSentencesKeepEnds(line: string): string[] {
  const out: string[] = [];
  const re = /[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < line.length && (m = re.exec(line)) && m[0].length > 0) {
    out.push(m[0]);
  }
  return out;
}

function push(out: DiffSegment[], op: DiffOp, text: string): void {
  if (!text) {
    return;
  }
  const last = out[out.length - 1];
  if (last && last[0] === op) {
    last[1] += text;
  } else {
    out.push([op, text]);
  }
}

/**
 * Lines that occur exactly once in each text, identical and with content,
 * kept as the longest increasing chain (patience-diff anchors).
 */
function uniqueAnchors(a: readonly string[], b: readonly string[]): AlignedPair[] {
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const l of a) {
    countA.set(l, (countA.get(l) ?? 0) + 1);
  }
  for (const l of b) {
    countB.set(l, (countB.get(l) ?? 0) + 1);
  }
  const posB = new Map<string, number>();
  b.forEach((l, j) => {
    if (countB.get(l) === 1 && countA.get(l) === 1 && l.trim().length > 1) {
      posB.set(l, j);
    }
  });
  const cands: AlignedPair[] = [];
  a.forEach((l, i) => {
    const j = posB.get(l);
    if (j !== undefined) {
      cands.push({ a: i, b: j, similarity: 1 });
    }
  });
  return longestIncreasing(cands);
}

/** The longest subsequence of `cands` (sorted by a) that is increasing in b. O(k log k). */
function longestIncreasing(cands: readonly AlignedPair[]): AlignedPair[] {
  const tails: number[] = [];
  const prev = new Int32Array(cands.length).fill(-1);
  for (let k = 0; k < cands.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cands[tails[mid]].b < cands[k].b) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    prev[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const out: AlignedPair[] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) {
    out.push(cands[k]);
  }
  return out.reverse();
}

/** Character counts of a diff. */
export function diffStats(segments: readonly DiffSegment[]): DiffStats {
  let equal = 0;
  let deleted = 0;
  let inserted = 0;
  for (const [op, s] of segments) {
    if (op === 0) {
      equal += s.length;
    } else if (op < 0) {
      deleted += s.length;
    } else {
      inserted += s.length;
    }
  }
  const longer = Math.max(equal + deleted, equal + inserted);
  return { equal, deleted, inserted, ratio: longer === 0 ? 1 : equal / longer };
}
