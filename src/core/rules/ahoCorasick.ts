/**
 * Aho–Corasick automaton over UTF-16 code units: every literal term of every
 * rule pack goes into ONE automaton, and a document is scanned once, whatever
 * the number of terms.
 *
 * Layout (typed arrays only):
 * - characters are mapped to classes (`cls`): class 0 for every code unit that
 *   occurs in no term, 1…K for the others;
 * - states are numbered breadth first, so shallow (hot) states come first; the
 *   first D states get complete DFA rows (`dense`, failure links already
 *   resolved), D chosen so the table stays within a fixed memory budget;
 * - deeper states keep sorted sparse edges plus failure links, and fall back to
 *   the dense rows as soon as the failure chain reaches a shallow state;
 * - each state's own outputs plus a dictionary-suffix link to the nearest
 *   failure ancestor with outputs, so reporting costs only actual matches.
 * Per character the common case is two array loads.
 */
const DENSE_BUDGET = 1_000_000; // table entries (Uint16 while the states fit, else Int32): 2–4 MB at most

export class AhoCorasick {
  readonly size: number;
  /** Length of each pattern (UTF-16 units), indexed by pattern id. */
  readonly lengths: Int32Array;
  private readonly cls = new Int32Array(65536);
  private readonly width: number;
  private readonly denseStates: number;
  private readonly dense: Uint16Array | Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  private readonly dict: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  /** 1 when the state or one of its failure ancestors ends a pattern. */
  private readonly reports: Uint8Array;

  /** Patterns must be non-empty (empty ones never match); pattern ids are their indices. Duplicates are allowed. */
  constructor(patterns: readonly string[], denseBudget: number = DENSE_BUDGET) {
    // 1. Trie with hash maps (construction only), character classes.
    const children: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    this.lengths = new Int32Array(patterns.length);
    let classes = 0;
    patterns.forEach((p, id) => {
      this.lengths[id] = p.length;
      if (p.length === 0) {
        return;
      }
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (this.cls[c] === 0) {
          this.cls[c] = ++classes;
        }
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
    this.width = classes + 1;

    // 2. Breadth-first numbering.
    const order = new Int32Array(n);
    const newId = new Int32Array(n);
    let head = 0;
    let tail = 1;
    order[0] = 0;
    while (head < tail) {
      const s = order[head++];
      const kids = [...children[s].entries()].sort((a, b) => a[0] - b[0]);
      for (const [, t] of kids) {
        newId[t] = tail;
        order[tail++] = t;
      }
    }

    // 3. Sorted sparse edges in the new numbering.
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
      const entries = [...children[order[s]].entries()].sort((a, b) => a[0] - b[0]);
      for (const [c, t] of entries) {
        this.edgeChar[k] = c;
        this.edgeTarget[k] = newId[t];
        k++;
      }
    }
    this.edgeStart[n] = k;

    // 4. Failure and dictionary links (states are already in BFS order).
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n);
    this.outStart = new Int32Array(n + 1);
    let total = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = total;
      total += outs[order[s]].length;
    }
    this.outStart[n] = total;
    this.outList = new Int32Array(total);
    for (let s = 0, j = 0; s < n; s++) {
      for (const id of outs[order[s]]) {
        this.outList[j++] = id;
      }
    }
    const hasOwn = (s: number) => this.outStart[s] < this.outStart[s + 1];
    for (let s = 0; s < n; s++) {
      for (let e = this.edgeStart[s]; e < this.edgeStart[s + 1]; e++) {
        const c = this.edgeChar[e];
        const t = this.edgeTarget[e];
        let next = 0;
        if (s !== 0) {
          let f = this.fail[s];
          while (true) {
            const g = this.edgeTo(f, c);
            if (g !== 0) {
              next = g;
              break;
            }
            if (f === 0) {
              break;
            }
            f = this.fail[f];
          }
        }
        this.fail[t] = next;
        this.dict[t] = hasOwn(next) ? next : this.dict[next];
      }
    }
    this.reports = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
      this.reports[s] = hasOwn(s) || this.dict[s] !== 0 ? 1 : 0;
    }

    // 5. Complete DFA rows for the shallow states.
    const w = this.width;
    this.denseStates = Math.max(1, Math.min(n, Math.floor(denseBudget / w)));
    // State numbers fit in 16 bits for every realistic dictionary: half the memory, twice the rows in cache.
    this.dense = n <= 0x10000 ? new Uint16Array(this.denseStates * w) : new Int32Array(this.denseStates * w);
    for (let s = 0; s < this.denseStates; s++) {
      const row = s * w;
      if (s !== 0) {
        const f = this.fail[s] * w; // fail[s] < s: its row is complete already
        this.dense.copyWithin(row, f, f + w);
      }
      for (let e = this.edgeStart[s]; e < this.edgeStart[s + 1]; e++) {
        this.dense[row + this.cls[this.edgeChar[e]]] = this.edgeTarget[e];
      }
    }
  }

  /** The goto transition of a state (no failure links), or 0 when there is none. */
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
    const cls = this.cls;
    const dense = this.dense;
    const w = this.width;
    const D = this.denseStates;
    const fail = this.fail;
    const reports = this.reports;
    let s = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (s < D) {
        s = dense[s * w + cls[c]];
      } else {
        let t = this.edgeTo(s, c);
        while (t === 0) {
          s = fail[s];
          if (s < D) {
            t = dense[s * w + cls[c]];
            break;
          }
          t = this.edgeTo(s, c);
        }
        s = t;
      }
      if (reports[s] !== 0) {
        this.report(s, i + 1, onMatch);
      }
    }
  }

  private report(state: number, end: number, onMatch: (patternId: number, end: number) => void): void {
    const outStart = this.outStart;
    let o = outStart[state] < outStart[state + 1] ? state : this.dict[state];
    while (o !== 0) {
      for (let j = outStart[o]; j < outStart[o + 1]; j++) {
        onMatch(this.outList[j], end);
      }
      o = this.dict[o];
    }
  }
}
