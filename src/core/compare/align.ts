/**
 * Order-preserving alignment of two sequences by similarity: the pairs
 * (i, j), increasing in both i and j, that maximise the total of
 * `similarity - threshold` over matched pairs. Unmatched items become gaps
 * (present on one side only). This is Needleman–Wunsch with zero gap cost and
 * a match reward shifted by the threshold, so weak pairs are never forced.
 */

export interface AlignedPair {
  /** Index in the left sequence, or -1 for an item only on the right. */
  a: number;
  /** Index in the right sequence, or -1 for an item only on the left. */
  b: number;
  /** Similarity of the pair (0 for gaps). */
  similarity: number;
}

/**
 * Aligns `n` left items with `m` right items. `sim(i, j)` must return a value in
 * [0, 1]; pairs below `threshold` are never matched. Returns every item of both
 * sides exactly once, in order; gaps are placed where they fall between
 * matches (left-only before right-only in the same gap).
 */
export function alignSequences(
  n: number,
  m: number,
  sim: (i: number, j: number) => number,
  threshold: number,
  maxCells = Infinity,
): AlignedPair[] {
  const matches = n * m <= maxCells ? bestMatches(n, m, sim, threshold) : windowMatches(n, m, sim, threshold, maxCells);
  return withGaps(n, m, matches);
}

/**
 * Matches within a budget of `maxCells` comparisons, for sequences too long
 * to compare every pair (time and memory n × m): in order, each left item
 * takes the most similar right item among the next `maxCells / n` after the
 * last match (at least 8), if it reaches `threshold`. Not optimal; increasing
 * in both indices, like `bestMatches`.
 */
export function windowMatches(
  n: number,
  m: number,
  sim: (i: number, j: number) => number,
  threshold: number,
  maxCells: number,
): AlignedPair[] {
  const window = Math.max(8, Math.floor(maxCells / Math.max(1, n)));
  const out: AlignedPair[] = [];
  let next = 0;
  for (let i = 0; i < n && next < m; i++) {
    let best = -1;
    let bestSim = threshold;
    for (let j = next; j < m && j < next + window; j++) {
      const s = sim(i, j);
      if (s >= bestSim && (best < 0 || s > bestSim)) {
        best = j;
        bestSim = s;
      }
    }
    if (best >= 0) {
      out.push({ a: i, b: best, similarity: bestSim });
      next = best + 1;
    }
  }
  return out;
}

/** The matched pairs of an optimal monotone alignment. */
export function bestMatches(
  n: number,
  m: number,
  sim: (i: number, j: number) => number,
  threshold: number,
): AlignedPair[] {
  if (n === 0 || m === 0) {
    return [];
  }
  const w = m + 1;
  const score = new Float64Array((n + 1) * w);
  const simAt = new Float64Array(n * m);
  // 0 = from up (skip left i), 1 = from left (skip right j), 2 = diagonal match.
  const move = new Uint8Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    move[i * w] = 0;
  }
  for (let j = 1; j <= m; j++) {
    move[j] = 1;
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const up = score[(i - 1) * w + j];
      const left = score[i * w + j - 1];
      let best = up;
      let mv = 0;
      if (left > best) {
        best = left;
        mv = 1;
      }
      const s = sim(i - 1, j - 1);
      simAt[(i - 1) * m + (j - 1)] = s;
      if (s >= threshold) {
        const diag = score[(i - 1) * w + j - 1] + (s - threshold) + 1e-9;
        if (diag > best) {
          best = diag;
          mv = 2;
        }
      }
      score[i * w + j] = best;
      move[i * w + j] = mv;
    }
  }
  const out: AlignedPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const mv = move[i * w + j];
    if (mv === 2) {
      out.push({ a: i - 1, b: j - 1, similarity: simAt[(i - 1) * m + (j - 1)] });
      i--;
      j--;
    } else if (mv === 0) {
      i--;
    } else {
      j--;
    }
  }
  return out.reverse();
}

/** Fills the gaps between increasing matches with one-sided entries. */
export function withGaps(n: number, m: number, matches: readonly AlignedPair[]): AlignedPair[] {
  const out: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  for (const p of [...matches, { a: n, b: m, similarity: 0 }]) {
    while (i < p.a) {
      out.push({ a: i++, b: -1, similarity: 0 });
    }
    while (j < p.b) {
      out.push({ a: -1, b: j++, similarity: 0 });
    }
    if (p.a < n && p.b < m) {
      out.push(p);
      i = p.a + 1;
      j = p.b + 1;
    }
  }
  return out;
}
