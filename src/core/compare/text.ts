/**
 * Text primitives for the comparison panel: paragraphs with their offsets and
 * character-bigram profiles for content similarity. Chinese has no word
 * boundaries, so overlapping character bigrams are the unit of similarity.
 */

/** One non-blank line of a text: the paragraph unit of a speech. */
export interface Paragraph {
  /** UTF-16 offset of the first non-blank character. */
  start: number;
  /** UTF-16 offset just past the last non-blank character. */
  end: number;
  text: string;
}

const BLANK_RE = /^[\s\u3000]*$/;

/** Splits a text into its non-blank lines, trimmed, with offsets into `text`. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\r\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = m[0];
    if (BLANK_RE.test(line)) {
      continue;
    }
    let s = 0;
    let e = line.length;
    while (s < e && isSpace(line.charCodeAt(s))) {
      s++;
    }
    while (e > s && isSpace(line.charCodeAt(e - 1))) {
      e--;
    }
    out.push({ start: m.index + s, end: m.index + e, text: line.slice(s, e) });
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/**
 * Whether a character carries content for similarity purposes: letters, digits
 * and CJK ideographs count; punctuation, spaces and symbols do not.
 */
export function isContentChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/**
 * Interns bigrams to small integers so that profiles are sorted integer
 * arrays and similarity is a linear merge. One vocabulary is shared by all
 * profiles that are compared with each other.
 */
export class BigramVocabulary {
  private readonly ids = new Map<number, number>();

  id(key: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.ids.size;
  }
}

/** A bag of bigrams: sorted ids, their counts, and the vector norm. */
export interface Profile {
  ids: Int32Array;
  counts: Float64Array;
  norm: number;
  /** Number of bigram occurrences (0 for a text without content). */
  total: number;
}

export const EMPTY_PROFILE: Profile = { ids: new Int32Array(0), counts: new Float64Array(0), norm: 0, total: 0 };

/**
 * The bigram profile of `text[start, end)`: pairs of adjacent content
 * characters (punctuation breaks a pair). Counts are damped with a square root
 * so a phrase repeated many times does not dominate.
 */
export function profileOf(text: string, vocab: BigramVocabulary, start = 0, end = text.length): Profile {
  const counts = new Map<number, number>();
  let prev = -1;
  let total = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isContentChar(c)) {
      prev = -1;
      continue;
    }
    if (prev >= 0) {
      const id = vocab.id(prev * 0x10000 + c);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      total++;
    }
    prev = c;
  }
  if (total === 0) {
    return EMPTY_PROFILE;
  }
  const ids = Int32Array.from(counts.keys()).sort();
  const weights = new Float64Array(ids.length);
  let sq = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = Math.sqrt(counts.get(ids[k]) as number);
    weights[k] = w;
    sq += w * w;
  }
  return { ids, counts: weights, norm: Math.sqrt(sq), total };
}

/** Cosine similarity of two profiles in [0, 1]; 0 when either is empty. */
export function cosine(a: Profile, b: Profile): number {
  if (a.norm === 0 || b.norm === 0) {
    return 0;
  }
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i];
    const y = bi[j];
    if (x === y) {
      dot += a.counts[i++] * b.counts[j++];
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return Math.min(1, dot / (a.norm * b.norm));
}

/** Merges profiles (e.g. the paragraphs of a part) into one. */
export function mergeProfiles(parts: readonly Profile[]): Profile {
  const acc = new Map<number, number>();
  let total = 0;
  for (const p of parts) {
    total += p.total;
    for (let k = 0; k < p.ids.length; k++) {
      // Undo the damping to add raw counts, then damp again.
      acc.set(p.ids[k], (acc.get(p.ids[k]) ?? 0) + p.counts[k] * p.counts[k]);
    }
  }
  if (total === 0) {
    return EMPTY_PROFILE;
  }
  const ids = Int32Array.from(acc.keys()).sort();
  const weights = new Float64Array(ids.length);
  let sq = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = Math.sqrt(acc.get(ids[k]) as number);
    weights[k] = w;
    sq += w * w;
  }
  return { ids, counts: weights, norm: Math.sqrt(sq), total };
}

/** Number of content characters (CJK, letters, digits) in `text[start, end)`. */
export function contentLength(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    if (isContentChar(text.charCodeAt(i))) {
      n++;
    }
  }
  return n;
}

/** A one-line preview of a text, at most `max` characters, with an ellipsis when cut. */
export function preview(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
