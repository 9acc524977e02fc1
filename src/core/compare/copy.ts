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

/** A text with whitespace removed and punctuation folded, and the original offset of each kept character. */
interface Normalised {
  text: string;
  offsets: Int32Array;
}

function normalise(text: string): Normalised {
  const chars: string[] = [];
  const offsets = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = ch.charCodeAt(0);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 0xfeff) {
      continue;
    }
    chars.push(FOLD[ch] ?? ch);
    offsets[n++] = i;
  }
  return { text: chars.join(''), offsets: offsets.subarray(0, n) };
}

/** Prepared exemplar: reuse it to test several drafts (or edits of one draft) against it. */
export class CopySource {
  private readonly grams = new Map<string, number>();
  private readonly norm: Normalised;

  constructor(
    readonly text: string,
    readonly minRun: number = DEFAULT_MIN_RUN,
  ) {
    this.norm = normalise(text);
    const t = this.norm.text;
    for (let i = 0; i + minRun <= t.length; i++) {
      const g = t.slice(i, i + minRun);
      if (!this.grams.has(g)) {
        this.grams.set(g, i);
      }
    }
  }

  /** The exemplar offset of the first occurrence of a normalised k-gram, or -1. */
  find(gram: string): number {
    const i = this.grams.get(gram);
    return i === undefined ? -1 : this.norm.offsets[i];
  }
}

/** How much of `draft` is copied verbatim from the exemplar. */
export function detectCopies(draft: string, source: CopySource | string, options: CopyOptions = {}): CopyReport {
  const minRun = options.minRun ?? (source instanceof CopySource ? source.minRun : DEFAULT_MIN_RUN);
  const longRun = options.longRun ?? DEFAULT_LONG_RUN;
  const src = source instanceof CopySource && source.minRun === minRun ? source : new CopySource(typeof source === 'string' ? source : source.text, minRun);
  const d = normalise(draft);
  const t = d.text;
  const runs: CopyRun[] = [];
  let copied = 0;
  let runStart = -1;
  let runEnd = -1;
  let runSource = -1;
  const close = () => {
    if (runStart < 0) {
      return;
    }
    const length = runEnd - runStart;
    copied += length;
    runs.push({
      start: d.offsets[runStart],
      end: d.offsets[runEnd - 1] + 1,
      sourceStart: runSource,
      length,
      long: length >= longRun,
    });
    runStart = -1;
  };
  for (let i = 0; i + minRun <= t.length; i++) {
    const at = src.find(t.slice(i, i + minRun));
    if (at < 0) {
      continue;
    }
    if (runStart >= 0 && i <= runEnd) {
      runEnd = i + minRun;
    } else {
      close();
      runStart = i;
      runEnd = i + minRun;
      runSource = at;
    }
  }
  close();
  const draftChars = t.length;
  return {
    share: draftChars === 0 ? 0 : copied / draftChars,
    copiedChars: copied,
    draftChars,
    runs,
    longRuns: runs.filter(r => r.long).length,
  };
}
