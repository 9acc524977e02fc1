/**
 * Aho–Corasick automaton over UTF-16 code units: every literal term of every
 * rule pack goes into ONE automaton, and a document is scanned once, whatever
 * the number of terms. The automaton is stored in typed arrays:
 *
 * - `root`: a direct 65 536-entry table for the root's transitions (most
 *   characters of a Chinese text lead nowhere, and that case costs one load);
 * - the other states' transitions as sorted (char, target) runs, found by a
 *   short linear scan or a binary search, with failure links;
 * - each state's own outputs plus a dictionary-suffix link to the nearest
 *   failure ancestor that has outputs, so reporting costs only actual matches.
 */
export class AhoCorasick {
  readonly size: number;
  private readonly root = new Int32Array(65536);
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Nearest state on the failure chain (excluding self) that has outputs; 0 = none. */
  private readonly dict: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  /** Length of each pattern (UTF-16 units), indexed by pattern id. */
  readonly lengths: Int32Array;

  /** Patterns must be non-empty; pattern ids are their indices. Duplicates are allowed. */
  constructor(patterns: readonly string[]) {
    // 1. Trie with hash maps (construction only).
    const children: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    this.lengths = new Int32Array(patterns.length);
    patterns.forEach((p, id) => {
      this.lengths[id] = p.length;
      if (p.length === 0) {
        return;
      }
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          outs.push([]);
          children[s].set(c, t);
        }
        s = t;
      }
      outs[s].push(id);
    });
    const n = children.length;
    this.size = n;

    // 2. Flatten edges (sorted by char) into typed arrays.
    let edgeCount = 0;
    for (const m of children) {
      edgeCount += m.size;
    }
    this.edgeStart = new Int32Array(n + 1);
    this.edgeChar = new Uint16Array(edgeCount);
    this.edgeTarget = new Int32Array(edgeCount);
    let k = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = k;
      const entries = [...children[s].entries()].sort((a, b) => a[0] - b[0]);
      for (const [c, t] of entries) {
        this.edgeChar[k] = c;
        this.edgeTarget[k] = t;
        k++;
      }
    }
    this.edgeStart[n] = k;
    for (const [c, t] of children[0]) {
      this.root[c] = t;
    }

    // 3. Failure and dictionary links, breadth first.
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (const t of children[0].values()) {
      queue[tail++] = t;
    }
    while (head < tail) {
      const s = queue[head++];
      for (let e = this.edgeStart[s]; e < this.edgeStart[s + 1]; e++) {
        const c = this.edgeChar[e];
        const t = this.edgeTarget[e];
        let f = this.fail[s];
        let next = 0;
        while (true) {
          const g = f === 0 ? this.root[c] : this.edgeTo(f, c);
          if (g > 0 && g !== t) {
            next = g;
            break;
          }
          if (f === 0) {
            break;
          }
          f = this.fail[f];
        }
        this.fail[t] = next;
        this.dict[t] = outs[next].length > 0 ? next : this.dict[next];
        queue[tail++] = t;
      }
    }

    // 4. Outputs.
    this.outStart = new Int32Array(n + 1);
    let total = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = total;
      total += outs[s].length;
    }
    this.outStart[n] = total;
    this.outList = new Int32Array(total);
    for (let s = 0, j = 0; s < n; s++) {
      for (const id of outs[s]) {
        this.outList[j++] = id;
      }
    }
  }

  /** The transition from a non-root state, or 0 when there is none. */
  private edgeTo(s: number, c: number): number {
    let lo = this.edgeStart[s];
    let hi = this.edgeStart[s + 1];
    const chars = this.edgeChar;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) {
        if (chars[lo] === c) {
          return this.edgeTarget[lo];
        }
      }
      return 0;
    }
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = chars[mid];
      if (v === c) {
        return this.edgeTarget[mid];
      }
      if (v < c) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return 0;
  }

  /**
   * Scans `text` once and calls `onMatch(patternId, end)` for every occurrence
   * (overlapping ones included); the match is `text.slice(end - lengths[id], end)`.
   */
  scan(text: string, onMatch: (patternId: number, end: number) => void, from = 0, to = text.length): void {
    const root = this.root;
    const fail = this.fail;
    const dict = this.dict;
    const outStart = this.outStart;
    const outList = this.outList;
    let s = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (s === 0) {
        s = root[c];
        if (s === 0) {
          continue;
        }
      } else {
        let t = this.edgeTo(s, c);
        while (t === 0 && s !== 0) {
          s = fail[s];
          t = s === 0 ? root[c] : this.edgeTo(s, c);
        }
        s = t;
        if (s === 0) {
          continue;
        }
      }
      let o = outStart[s] < outStart[s + 1] ? s : dict[s];
      while (o !== 0) {
        for (let j = outStart[o]; j < outStart[o + 1]; j++) {
          onMatch(outList[j], i + 1);
        }
        o = dict[o];
      }
    }
  }
}
