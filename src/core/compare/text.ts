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

/** A bag of bigrams: sorted keys (first char code × 65536 + second), damped counts, and the vector norm. */
export interface Profile {
  ids: Float64Array;
  counts: Float64Array;
  norm: number;
  /** Number of bigram occurrences (0 for a text without content). */
  total: number;
}

export const EMPTY_PROFILE: Profile = { ids: new Float64Array(0), counts: new Float64Array(0), norm: 0, total: 0 };

/** Bigram keys of `text[start, end)`, appended to `out` from `n`; returns the new length. */
function bigramKeys(text: string, start: number, end: number, out: Float64Array, n: number): number {
  let prev = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isContentChar(c)) {
      prev = -1;
      continue;
    }
    if (prev >= 0) {
      out[n++] = prev * 0x10000 + c;
    }
    prev = c;
  }
  return n;
}

/** Run-length encodes sorted keys into a profile; counts are damped with a square root. */
function fromSortedKeys(keys: Float64Array): Profile {
  const n = keys.length;
  if (n === 0) {
    return EMPTY_PROFILE;
  }
  const ids = new Float64Array(n);
  const counts = new Float64Array(n);
  let m = 0;
  let sq = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[j] === keys[i]) {
      j++;
    }
    ids[m] = keys[i];
    counts[m] = Math.sqrt(j - i);
    sq += j - i;
    m++;
    i = j;
  }
  return { ids: ids.subarray(0, m), counts: counts.subarray(0, m), norm: Math.sqrt(sq), total: n };
}

/**
 * The bigram profile of `text[start, end)`: pairs of adjacent content
 * characters (punctuation breaks a pair). Counts are damped with a square root
 * so a phrase repeated many times does not dominate.
 */
export function profileOf(text: string, start = 0, end = text.length): Profile {
  const keys = new Float64Array(Math.max(0, end - start));
  const n = bigramKeys(text, start, end, keys, 0);
  return fromSortedKeys(keys.subarray(0, n).sort());
}

/** The profile of several spans of one text taken together (e.g. the paragraphs of a part). */
export function profileOfSpans(text: string, spans: readonly { start: number; end: number }[]): Profile {
  let size = 0;
  for (const s of spans) {
    size += Math.max(0, s.end - s.start);
  }
  const keys = new Float64Array(size);
  let n = 0;
  for (const s of spans) {
    n = bigramKeys(text, s.start, s.end, keys, n);
  }
  return fromSortedKeys(keys.subarray(0, n).sort());
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

/** Merges profiles (e.g. the parts of a speech) into one, as if their texts were profiled together. */
export function mergeProfiles(parts: readonly Profile[]): Profile {
  // Raw counts are the squares of the damped ones; merge sorted runs pairwise.
  let ids = new Float64Array(0);
  let raw = new Float64Array(0);
  let total = 0;
  for (const p of parts) {
    total += p.total;
    const outIds = new Float64Array(ids.length + p.ids.length);
    const outRaw = new Float64Array(ids.length + p.ids.length);
    let i = 0;
    let j = 0;
    let m = 0;
    while (i < ids.length || j < p.ids.length) {
      if (j >= p.ids.length || (i < ids.length && ids[i] < p.ids[j])) {
        outIds[m] = ids[i];
        outRaw[m++] = raw[i++];
      } else if (i >= ids.length || p.ids[j] < ids[i]) {
        outIds[m] = p.ids[j];
        outRaw[m++] = p.counts[j] * p.counts[j];
        j++;
      } else {
        outIds[m] = ids[i];
        outRaw[m++] = raw[i++] + p.counts[j] * p.counts[j];
        j++;
      }
    }
    ids = outIds.subarray(0, m);
    raw = outRaw.subarray(0, m);
  }
  if (total === 0) {
    return EMPTY_PROFILE;
  }
  const counts = new Float64Array(ids.length);
  let sq = 0;
  for (let k = 0; k < ids.length; k++) {
    counts[k] = Math.sqrt(raw[k]);
    sq += raw[k];
  }
  return { ids, counts, norm: Math.sqrt(sq), total };
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
