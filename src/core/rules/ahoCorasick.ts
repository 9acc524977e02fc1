import { codeUnitsOf } from '../text/codeUnits';

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
 * - a dense entry is not the next state's number but where its row starts
 *   (number × width), with two flag bits: REPORT when the state ends a term,
 *   DEEP (and then the state's number) when it has no row. The scan loop is
 *   one table load per character and one comparison that is false for almost
 *   every character;
 * - deeper states keep sorted sparse edges plus failure links, and fall back to
 *   the dense rows as soon as the failure chain reaches a shallow state;
 * - each state's own outputs plus a dictionary-suffix link to the nearest
 *   failure ancestor with outputs, so reporting costs only actual matches.
 */
const DENSE_BUDGET = 1_000_000; // table entries (Int32): 4 MB at most
/** Flag of a dense entry: the state reached ends a term (itself or through its failure links). */
const REPORT = 1 << 29;
/** Flag of a dense entry: the state reached has no dense row; the entry holds its number. */
const DEEP = 1 << 30;
/** The row offset (or, with DEEP, the state number) of a dense entry. */
const TARGET = REPORT - 1;
/** Ranges at least this long are scanned as two chains (`scanPair`). */
const PAIR_FROM = 4096;

type Reporter = (patternId: number, end: number) => void;

export class AhoCorasick {
  readonly size: number;
  /** Length of each pattern (UTF-16 units), indexed by pattern id. */
  readonly lengths: Int32Array;
  /**
   * Class per code unit: 16 bits wide whenever the classes fit (always, short
   * of terms holding nearly every code unit), so the part of the table that
   * running text touches takes half the cache space of 32-bit entries.
   */
  private readonly cls: Uint16Array | Int32Array;
  private readonly width: number;
  private readonly denseStates: number;
  /** Row-major, `width` entries per dense state: the flagged entry of the state each class leads to. */
  private readonly dense: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  private readonly dict: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  /** 1 when the state or one of its failure ancestors ends a pattern. */
  private readonly reports: Uint8Array;
  /** Length of the longest pattern. */
  private readonly longest: number;
  /** The flagged entry at which `runDense` stopped, or where `settle` goes on from (read right after the call). */
  private flagged = 0;
  /** The second chain's entry where `runDensePair` stopped. */
  private flaggedB = 0;

  /** Patterns must be non-empty (empty ones never match); pattern ids are their indices. Duplicates are allowed. */
  constructor(patterns: readonly string[], denseBudget: number = DENSE_BUDGET) {
    // 1. Trie with hash maps (construction only), character classes.
    const children: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    this.lengths = new Int32Array(patterns.length);
    const cls = new Int32Array(65536);
    let classes = 0;
    patterns.forEach((p, id) => {
      this.lengths[id] = p.length;
      if (p.length === 0) {
        return;
      }
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (cls[c] === 0) {
          cls[c] = ++classes;
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
    let longest = 1;
    for (const p of patterns) {
      longest = Math.max(longest, p.length);
    }
    this.longest = longest;
    this.width = classes + 1;
    this.cls = classes <= 0xffff ? Uint16Array.from(cls) : cls;

    // 2. Breadth-first numbering; each state's characters sorted once (a typed array sorts numerically, natively).
    const order = new Int32Array(n);
    const newId = new Int32Array(n);
    const sortedChars: Uint16Array[] = new Array<Uint16Array>(n);
    const none = new Uint16Array(0);
    let head = 0;
    let tail = 1;
    order[0] = 0;
    while (head < tail) {
      const s = order[head++];
      const kids = children[s];
      let chars = none;
      if (kids.size > 0) {
        chars = new Uint16Array(kids.size);
        let j = 0;
        for (const c of kids.keys()) {
          chars[j++] = c;
        }
        chars.sort();
      }
      sortedChars[s] = chars;
      for (let j = 0; j < chars.length; j++) {
        const t = kids.get(chars[j])!;
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
      const kids = children[order[s]];
      const chars = sortedChars[order[s]];
      for (let j = 0; j < chars.length; j++) {
        this.edgeChar[k] = chars[j];
        this.edgeTarget[k] = newId[kids.get(chars[j])!];
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
    if (n > TARGET) {
      throw new RangeError(`AhoCorasick: ${n} states, more than the ${TARGET} a dense entry can name`);
    }
    const w = this.width;
    // Every row offset must fit below the flags; the root's entries start as 0 (the root reports nothing).
    const D = Math.max(1, Math.min(n, Math.floor(Math.min(denseBudget, TARGET) / w)));
    this.denseStates = D;
    const entry = (t: number) => (t < D ? t * w : t | DEEP) | (this.reports[t] !== 0 ? REPORT : 0);
    this.dense = new Int32Array(D * w);
    for (let s = 0; s < D; s++) {
      const row = s * w;
      if (s !== 0) {
        const f = this.fail[s] * w; // fail[s] < s: its row is complete already
        this.dense.copyWithin(row, f, f + w);
      }
      for (let e = this.edgeStart[s]; e < this.edgeStart[s + 1]; e++) {
        this.dense[row + this.cls[this.edgeChar[e]]] = entry(this.edgeTarget[e]);
      }
    }
  }

  /** The state a dense entry leads to. */
  private stateOf(v: number): number {
    return (v & DEEP) !== 0 ? v & TARGET : (v & TARGET) / this.width;
  }

  /** The transition from a state without a dense row. */
  private deepStep(s: number, c: number): number {
    let t = this.edgeTo(s, c);
    while (t === 0) {
      s = this.fail[s];
      if (s < this.denseStates) {
        return this.stateOf(this.dense[s * this.width + this.cls[c]]);
      }
      t = this.edgeTo(s, c);
    }
    return t;
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
   * Scans `text` (a string or its UTF-16 code units) once and calls
   * `onMatch(patternId, end)` for every occurrence, overlapping ones included,
   * in ascending order of `end`; the match is `text.slice(end - lengths[id], end)`.
   */
  scan(text: string | Uint16Array, onMatch: (patternId: number, end: number) => void, from = 0, to = text.length): void {
    const codes = typeof text === 'string' ? codeUnitsOf(text) : text;
    // The second chain starts early enough to be in the right state when it reaches `mid` (see `scanPair`).
    const mid = (from + to) >>> 1;
    const second = mid - this.longest + 1;
    if (to - from >= PAIR_FROM && second - from >= PAIR_FROM >> 2) {
      this.scanPair(codes, from, mid, second, to, onMatch);
    } else {
      this.scanFrom(codes, 0, from, to, from, onMatch);
    }
  }

  /**
   * One chain: from dense entry `v` at `i` to `to`, reporting matches that
   * end after `reportFrom`.
   */
  private scanFrom(codes: Uint16Array, v: number, i: number, to: number, reportFrom: number, onMatch: Reporter): void {
    while (i < to) {
      i = this.runDense(codes, v, i, to);
      if (i >= to) {
        return;
      }
      i = this.settle(codes, this.flagged, i, to, reportFrom, onMatch);
      v = this.flagged;
    }
  }

  /**
   * Two chains in one loop: A over [from, mid), B over [second, to),
   * reporting the matches that end after `mid`. Each step of a chain is a load
   * that depends on the one before; the processor overlaps the two chains'
   * loads (on 1 MB of speech text the dense steps took ≈ 2.7 ms where one
   * chain took ≈ 3.9). B starts from the root `longest - 1` units before
   * `mid`: the state at any later position is named by the longest pattern
   * prefix ending there, which is no longer than the longest pattern, so B is
   * in the same state as a scan from `from` when it reaches `mid`. B's matches
   * are held until A is done, so `onMatch` still sees ascending ends.
   */
  private scanPair(codes: Uint16Array, from: number, mid: number, second: number, to: number, onMatch: Reporter): void {
    const held: number[] = [];
    const hold: Reporter = (id, end) => {
      held.push(id, end);
    };
    let va = 0;
    let ia = from;
    let vb = 0;
    let ib = second;
    while (ia < mid && ib < to) {
      const n = Math.min(mid - ia, to - ib);
      const k = this.runDensePair(codes, va, ia, vb, ib, n);
      va = this.flagged;
      vb = this.flaggedB;
      ia += k;
      ib += k;
      if (k >= n) {
        break;
      }
      if (va >= REPORT) {
        ia = this.settle(codes, va, ia, mid, from, onMatch);
        va = this.flagged;
      } else {
        ia++;
      }
      if (vb >= REPORT) {
        ib = this.settle(codes, vb, ib, to, mid, hold);
        vb = this.flagged;
      } else {
        ib++;
      }
    }
    this.scanFrom(codes, va, ia, mid, from, onMatch);
    this.scanFrom(codes, vb, ib, to, mid, hold);
    for (let j = 0; j < held.length; j += 2) {
      onMatch(held[j], held[j + 1]);
    }
  }

  /**
   * After the flagged entry `v` reached at `i`: reports its matches (when
   * `i` ≥ `reportFrom`), follows sparse edges while the state has no dense
   * row, and returns where the chain goes on (`to` when the range is done),
   * with the entry to go on from in `flagged`.
   */
  private settle(codes: Uint16Array, v: number, i: number, to: number, reportFrom: number, onMatch: Reporter): number {
    let s = this.stateOf(v);
    if ((v & REPORT) !== 0 && i >= reportFrom) {
      this.report(s, i + 1, onMatch);
    }
    if ((v & DEEP) === 0) {
      this.flagged = v & TARGET;
      return i + 1;
    }
    // Deeper than the dense rows: sparse edges and failure links until a dense state is reached.
    for (;;) {
      if (++i >= to) {
        return to;
      }
      s = this.deepStep(s, codes[i]);
      if (this.reports[s] !== 0 && i >= reportFrom) {
        this.report(s, i + 1, onMatch);
      }
      if (s < this.denseStates) {
        this.flagged = s * this.width;
        return i + 1;
      }
    }
  }

  /**
   * Follows dense entries from entry `v` at `from` until an entry has a flag
   * (returns its position; the entry is in `flagged`) or `to` is reached
   * (returns `to`). The loop is kept apart from the rest of the scan because
   * it must not move its own index: an optimized loop whose body moves the
   * index runs about half again as slow.
   */
  private runDense(codes: Uint16Array, v: number, from: number, to: number): number {
    const cls = this.cls;
    const dense = this.dense;
    for (let i = from; i < to; i++) {
      v = dense[v + cls[codes[i]]];
      if (v >= REPORT) {
        this.flagged = v;
        return i;
      }
    }
    return to;
  }

  /**
   * `runDense` for two chains at once, `n` steps at most: returns the step at
   * which either entry has a flag (or `n`), with both chains' entries at that
   * step in `flagged` and `flaggedB`.
   */
  private runDensePair(codes: Uint16Array, va: number, ia: number, vb: number, ib: number, n: number): number {
    const cls = this.cls;
    const dense = this.dense;
    for (let k = 0; k < n; k++) {
      va = dense[va + cls[codes[ia + k]]];
      vb = dense[vb + cls[codes[ib + k]]];
      // Entries are never negative, and a flag is a bit at or above REPORT.
      if ((va | vb) >= REPORT) {
        this.flagged = va;
        this.flaggedB = vb;
        return k;
      }
    }
    this.flagged = va;
    this.flaggedB = vb;
    return n;
  }

  private report(state: number, end: number, onMatch: Reporter): void {
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
