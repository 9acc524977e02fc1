/**
 * Duplicates: passages repeated inside a speech (a page that prints its body
 * twice) and speeches that are exact or near copies of each other.
 */

/** Han characters, letters and digits only: what two copies of a passage share regardless of punctuation and spacing. */
export function comparable(text: string): string {
  return text.replace(/[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]/g, '');
}

/** FNV-1a style hashes of the character k-grams of `comparable(text)`. */
export function shingles(text: string, k = 5): Set<number> {
  const s = comparable(text);
  const out = new Set<number>();
  for (let i = 0; i + k <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) {
      h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    }
    out.add(h >>> 0);
  }
  return out;
}

/** |A ∩ B| / min(|A|, |B|): 1 when the smaller text is wholly contained in the larger. */
export function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) {
    return 0;
  }
  let common = 0;
  for (const h of small) {
    if (large.has(h)) {
      common++;
    }
  }
  return common / small.size;
}

export interface DuplicatePassage {
  /** Zero-based index of the dropped line in the input. */
  line: number;
  /** Line it repeats. */
  firstLine: number;
  text: string;
}

/**
 * Drops paragraphs that repeat an earlier paragraph of the same speech (ignoring
 * punctuation and spacing). Short lines (headings like `一、`, `同志们：`) are kept:
 * they repeat legitimately.
 */
export function dropRepeatedParagraphs(lines: readonly string[], minChars = 16): { lines: string[]; dropped: DuplicatePassage[] } {
  const seen = new Map<string, number>();
  const out: string[] = [];
  const dropped: DuplicatePassage[] = [];
  lines.forEach((line, i) => {
    const key = comparable(line);
    if (key.length >= minChars) {
      const first = seen.get(key);
      if (first !== undefined) {
        dropped.push({ line: i, firstLine: first, text: line });
        return;
      }
      seen.set(key, i);
    }
    out.push(line);
  });
  return { lines: out, dropped };
}

/**
 * Drops a paragraph (at least `minChars` comparable characters) that is contained
 * in, or is the start of, the paragraph next to it (a page that repeats a passage
 * at the start of the following one). The longer paragraph is kept.
 */
export function dropContainedNeighbours(lines: readonly string[], minChars = 30): { lines: string[]; dropped: DuplicatePassage[] } {
  const out: string[] = [];
  const outIndex: number[] = [];
  const dropped: DuplicatePassage[] = [];
  lines.forEach((line, i) => {
    const key = comparable(line);
    const p = out.length - 1;
    if (p >= 0) {
      const prevKey = comparable(out[p]);
      const shorter = Math.min(key.length, prevKey.length);
      if (shorter >= minChars && (prevKey.includes(key) || key.includes(prevKey))) {
        if (key.length > prevKey.length) {
          dropped.push({ line: outIndex[p], firstLine: i, text: out[p] });
          out[p] = line;
          outIndex[p] = i;
        } else {
          dropped.push({ line: i, firstLine: outIndex[p], text: line });
        }
        return;
      }
    }
    out.push(line);
    outIndex.push(i);
  });
  return { lines: out, dropped };
}

export interface DuplicateSpeech {
  /** Index of the dropped item. */
  dropped: number;
  /** Index of the item it duplicates (kept). */
  kept: number;
  similarity: number;
  exact: boolean;
}

/**
 * Finds exact and near-duplicate texts (5-gram containment ≥ `threshold`). Of
 * each pair the longer text is kept (ties: the earlier).
 */
export function findDuplicateSpeeches(texts: readonly string[], threshold = 0.8): DuplicateSpeech[] {
  const sets = texts.map(t => shingles(t));
  const keys = texts.map(comparable);
  const dropped = new Set<number>();
  const out: DuplicateSpeech[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (dropped.has(i) || dropped.has(j)) {
        continue;
      }
      const exact = keys[i] === keys[j];
      const sim = exact ? 1 : containment(sets[i], sets[j]);
      if (sim >= threshold) {
        const keepI = keys[i].length >= keys[j].length;
        const [kept, drop] = keepI ? [i, j] : [j, i];
        dropped.add(drop);
        out.push({ dropped: drop, kept, similarity: sim, exact });
      }
    }
  }
  return out;
}
