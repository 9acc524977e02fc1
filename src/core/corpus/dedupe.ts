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
 * each pair the longer text is kept (ties: the earlier); pairs are taken in
 * order (`i` < `j`, by `i` then `j`), and a pair with an already dropped text
 * is passed over.
 *
 * Comparing every pair made a build of a few hundred pages take minutes (800
 * speeches of 4 000 characters: 108 s), so the pairs compared are only those
 * that can reach the threshold, found exactly by prefix filtering: with the
 * shingles of every text ordered the same way (rarest first), a text `S`
 * sharing at least ⌈threshold·|S|⌉ of its shingles with a text at least as
 * large shares one of its first |S| − ⌈threshold·|S|⌉ + 1 (the prefix), since
 * no more than the rest can be missing. Rare shingles make short lists.
 */
export function findDuplicateSpeeches(texts: readonly string[], threshold = 0.8): DuplicateSpeech[] {
  const sets = texts.map(t => shingles(t));
  const keys = texts.map(comparable);
  const n = texts.length;
  /** Candidate pairs as i · n + j (i < j). */
  const pairs = new Set<number>();
  if (threshold <= 0) {
    // Every pair reaches it, sharing shingles or not.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        pairs.add(i * n + j);
      }
    }
  }
  // Texts with the same comparable characters (also those too short to have shingles).
  const byKey = new Map<string, number>();
  keys.forEach((k, j) => {
    const i = byKey.get(k);
    if (i === undefined) {
      byKey.set(k, j);
    } else {
      pairs.add(i * n + j);
    }
  });
  // Shingles are counted, and looked up, by bucket: a table of typed arrays (a Map of millions of shingles was the
  // slowest part). Any order the same for every text is right; rarest first (by bucket count, then by shingle)
  // makes the prefixes rare shingles, held by few texts.
  let total = 0;
  for (const set of sets) {
    total += set.size;
  }
  let bits = 10;
  while (bits < 22 && 1 << bits < total) {
    bits++;
  }
  const bucket = (h: number) => Math.imul(h, 0x9e3779b1) >>> (32 - bits);
  const counts = new Uint32Array(1 << bits);
  for (const set of sets) {
    for (const h of set) {
      counts[bucket(h)]++;
    }
  }
  // Each text's prefix, then all prefixes by bucket (start offsets, then entries: shingle and text).
  const prefixes = sets.map(set => {
    // One number per shingle, count · 2^32 + shingle (exact below 2^53), sorted natively.
    const ordered = new Float64Array(set.size);
    let k = 0;
    for (const h of set) {
      ordered[k++] = counts[bucket(h)] * 4294967296 + h;
    }
    ordered.sort();
    const length = set.size === 0 ? 0 : set.size - Math.ceil(threshold * set.size - 1e-9) + 1;
    return ordered.subarray(0, Math.min(set.size, length)).map(v => v % 4294967296);
  });
  const start = new Int32Array((1 << bits) + 1);
  for (const prefix of prefixes) {
    for (const h of prefix) {
      start[bucket(h) + 1]++;
    }
  }
  for (let b = 0; b < 1 << bits; b++) {
    start[b + 1] += start[b];
  }
  const fill = start.slice(0, -1);
  const entryShingle = new Float64Array(start[1 << bits]);
  const entryText = new Int32Array(start[1 << bits]);
  prefixes.forEach((prefix, t) => {
    for (const h of prefix) {
      const e = fill[bucket(h)]++;
      entryShingle[e] = h;
      entryText[e] = t;
    }
  });
  // A pair is a candidate when the smaller text's prefix holds a shingle of the other.
  sets.forEach((large, l) => {
    for (const h of large) {
      const b = bucket(h);
      for (let e = start[b]; e < start[b + 1]; e++) {
        const s = entryText[e];
        if (entryShingle[e] === h && s !== l && sets[s].size <= large.size) {
          pairs.add(Math.min(s, l) * n + Math.max(s, l));
        }
      }
    }
  });
  const dropped = new Set<number>();
  const out: DuplicateSpeech[] = [];
  for (const pair of [...pairs].sort((a, b) => a - b)) {
    const i = Math.floor(pair / n);
    const j = pair - i * n;
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
  return out;
}
