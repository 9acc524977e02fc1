/**
 * Verbatim-copy detection: which stretches of the draft appear word for word
 * in an exemplar. Reviewers treat 范文 text copied into a speech as a defect,
 * so long shared runs are flagged individually.
 *
 * Both texts are compared after dropping whitespace and folding full-width
 * and half-width punctuation together (范文 sites mix them). A stretch counts
 * as copied when it is covered by shared runs of at least `minRun` characters.
 */

export interface CopyOptions {
  /** Shortest shared run that counts as copying (characters, after normalising). Default 14. */
  minRun?: number;
  /** Runs at least this long are flagged. Default 40. */
  longRun?: number;
}

export interface CopyRun {
  /** UTF-16 offsets into the draft. */
  start: number;
  end: number;
  /** Where the run's first characters occur in the exemplar (UTF-16 offset). */
  sourceStart: number;
  /** Length in normalised characters (no whitespace). */
  length: number;
  long: boolean;
}

export interface CopyReport {
  /** Share of the draft's non-whitespace characters that are copied, in [0, 1]. */
  share: number;
  copiedChars: number;
  draftChars: number;
  runs: CopyRun[];
  longRuns: number;
}

export const DEFAULT_MIN_RUN = 14;
export const DEFAULT_LONG_RUN = 40;

const FOLD: Record<string, string> = {
  '，': ',', '。': '.', '；': ';', '：': ':', '！': '!', '？': '?', '（': '(', '）': ')',
  '“': '"', '”': '"', '‘': "'", '’': "'", '、': ',', '｡': '.', '､': ',',
};

/** A text with whitespace removed and punctuation folded (as char codes), and the original offset of each kept character. */
interface Normalised {
  codes: Uint16Array;
  offsets: Int32Array;
}

/** Folding table over the BMP: FOLD_TABLE[c] is the code c compares as (0 = whitespace, dropped). */
const FOLD_TABLE = (() => {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    t[c] = c;
  }
  for (const [k, v] of Object.entries(FOLD)) {
    t[k.charCodeAt(0)] = v.charCodeAt(0);
  }
  for (const c of [32, 9, 10, 13, 0x3000, 0xa0, 0xfeff, 0]) {
    t[c] = 0;
  }
  return t;
})();

function normalise(text: string): Normalised {
  const codes = new Uint16Array(text.length);
  const offsets = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = FOLD_TABLE[text.charCodeAt(i)];
    if (c === 0) {
      continue;
    }
    codes[n] = c;
    offsets[n++] = i;
  }
  return { codes: codes.subarray(0, n), offsets: offsets.subarray(0, n) };
}

const BASE = 0x01000193;

/** B^(k-1) mod 2^32, for removing the outgoing character of a rolling hash. */
function topPower(k: number): number {
  let p = 1;
  for (let i = 1; i < k; i++) {
    p = Math.imul(p, BASE);
  }
  return p;
}

/** Calls `visit(i, hash)` for the rolling hash of every k-gram codes[i, i+k). */
function eachGram(codes: Uint16Array, k: number, visit: (i: number, hash: number) => void): void {
  if (codes.length < k) {
    return;
  }
  const top = topPower(k);
  let h = 0;
  for (let i = 0; i < k; i++) {
    h = (Math.imul(h, BASE) + codes[i]) | 0;
  }
  visit(0, h);
  for (let i = k; i < codes.length; i++) {
    h = (Math.imul(h - Math.imul(codes[i - k], top), BASE) + codes[i]) | 0;
    visit(i - k + 1, h);
  }
}

/**
 * Hash → first position, open addressing in typed arrays (several times
 * faster than a Map for tens of thousands of integer keys).
 */
class GramTable {
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) {
      cap <<= 1;
    }
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  private slot(hash: number): number {
    let s = (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
    while (this.vals[s] !== -1 && this.keys[s] !== hash) {
      s = (s + 1) & this.mask;
    }
    return s;
  }

  /** Keeps the first position seen for a hash. */
  add(hash: number, pos: number): void {
    const s = this.slot(hash);
    if (this.vals[s] === -1) {
      this.keys[s] = hash;
      this.vals[s] = pos;
    }
  }

  get(hash: number): number {
    return this.vals[this.slot(hash)];
  }
}

/** Prepared exemplar: reuse it to test several drafts (or edits of one draft) against it. */
export class CopySource {
  /** Rolling hash of each k-gram → its first position in the normalised exemplar. */
  private readonly grams: GramTable;
  readonly norm: Normalised;

  constructor(
    readonly text: string,
    readonly minRun: number = DEFAULT_MIN_RUN,
  ) {
    this.norm = normalise(text);
    const grams = new GramTable(this.norm.codes.length);
    eachGram(this.norm.codes, minRun, (i, h) => grams.add(h, i));
    this.grams = grams;
  }

  /** The normalised exemplar position of a k-gram of `codes` starting at `at` with hash `hash`, or -1. */
  find(codes: Uint16Array, at: number, hash: number): number {
    const i = this.grams.get(hash);
    if (i < 0) {
      return -1;
    }
    const own = this.norm.codes;
    for (let j = 0; j < this.minRun; j++) {
      if (own[i + j] !== codes[at + j]) {
        return -1; // a hash collision
      }
    }
    return i;
  }
}

/** A draft prepared once and tested against several exemplars. */
export class CopyTarget {
  readonly norm: Normalised;
  private readonly hashes = new Map<number, Int32Array>();

  constructor(readonly text: string) {
    this.norm = normalise(text);
  }

  /** Rolling hashes of the draft's k-grams (cached per k). */
  gramHashes(k: number): Int32Array {
    let h = this.hashes.get(k);
    if (!h) {
      const out = new Int32Array(Math.max(0, this.norm.codes.length - k + 1));
      eachGram(this.norm.codes, k, (i, hash) => {
        out[i] = hash;
      });
      h = out;
      this.hashes.set(k, h);
    }
    return h;
  }
}

/** How much of `draft` is copied verbatim from the exemplar. */
export function detectCopies(draft: CopyTarget | string, source: CopySource | string, options: CopyOptions = {}): CopyReport {
  const minRun = options.minRun ?? (source instanceof CopySource ? source.minRun : DEFAULT_MIN_RUN);
  const longRun = options.longRun ?? DEFAULT_LONG_RUN;
  const src =
    source instanceof CopySource && source.minRun === minRun ? source : new CopySource(typeof source === 'string' ? source : source.text, minRun);
  const target = typeof draft === 'string' ? new CopyTarget(draft) : draft;
  const d = target.norm;
  const codes = d.codes;
  const hashes = target.gramHashes(minRun);
  const sc = src.norm.codes;
  const runs: CopyRun[] = [];
  let copied = 0;
  let i = 0;
  let covered = 0; // normalised draft characters [.., covered) already counted
  let runStart = -1;
  let runEnd = -1;
  let runSource = -1;
  const close = () => {
    if (runStart < 0) {
      return;
    }
    const length = runEnd - runStart;
    copied += length;
    runs.push({ start: d.offsets[runStart], end: d.offsets[runEnd - 1] + 1, sourceStart: src.norm.offsets[runSource], length, long: length >= longRun });
    runStart = -1;
  };
  while (i < hashes.length) {
    const at = src.find(codes, i, hashes[i]);
    if (at < 0) {
      i++;
      continue;
    }
    // Extend the match as far as it goes, then continue right after it.
    let e = minRun;
    while (i + e < codes.length && at + e < sc.length && codes[i + e] === sc[at + e]) {
      e++;
    }
    if (runStart >= 0 && i <= runEnd) {
      runEnd = Math.max(runEnd, i + e);
    } else {
      close();
      runStart = i;
      runEnd = i + e;
      runSource = at;
    }
    covered = runEnd;
    i = Math.max(i + 1, covered - minRun + 1);
  }
  close();
  const draftChars = codes.length;
  return {
    share: draftChars === 0 ? 0 : copied / draftChars,
    copiedChars: copied,
    draftChars,
    runs,
    longRuns: runs.filter(r => r.long).length,
  };
}
