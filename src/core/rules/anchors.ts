/**
 * Literals a regular expression's matches must contain, found by reading its
 * source: `offsetAnchors` (strings one of which every match has at a fixed
 * offset from its start: the anchors go into the shared automaton and the
 * pattern is tried sticky only there) and `requiredLiteral` (a literal every
 * match contains: a document without it skips the pattern). Whatever is not
 * understood gives null, and the pattern scans the document.
 */
const META = new Set([...'\\^$.|?*+()[]{}']);

/**
 * Walks a regex source from `from`, skipping escapes and the inside of character
 * classes, and calls `visit(c, i, depth)` for every other character with the group
 * depth after it (`(` raises it, `)` lowers it). Stops when `visit` returns true.
 */
function walkSource(
  p: string,
  from: number,
  visit: (c: string, i: number, depth: number) => boolean | void,
): { depth: number; inClass: boolean; stoppedAt: number } {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') {
        inClass = false;
      }
    } else if (c === '[') {
      inClass = true;
    } else {
      if (c === '(') {
        depth++;
      } else if (c === ')') {
        depth--;
      }
      if (visit(c, i, depth)) {
        return { depth, inClass, stoppedAt: i };
      }
    }
  }
  return { depth, inClass, stoppedAt: -1 };
}

/** The index after the group that opens at `i` (p[i] === '('), or -1. */
function groupEnd(p: string, i: number): number {
  const end = walkSource(p, i, (c, _j, depth) => c === ')' && depth === 0);
  return end.stoppedAt < 0 ? -1 : end.stoppedAt + 1;
}

const optionalAfter = (p: string, i: number) => p[i] === '?' || p[i] === '*' || /^\{0[,}]/.test(p.slice(i, i + 3));

/** Escaped characters that stand for themselves (`\.` `\{` …); other escapes are classes or references. */
const LITERAL_ESCAPES = new Set([...'\\^$.|?*+()[]{}/-']);

/**
 * The longest literal that every match of the pattern CONTAINS (outside any
 * group, class or alternation), or null. A rule whose pattern has no anchors
 * is still skipped on a document that lacks this literal: the automaton that
 * scans for the literal terms finds it for free.
 */
export function requiredLiteral(pattern: string, flags: string): string | null {
  if (flags.includes('i')) {
    return null;
  }
  let best = '';
  let run = '';
  const close = () => {
    if (run.length > best.length) {
      best = run;
    }
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let unit: string | null = null;
    let next = i + 1;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e !== undefined && LITERAL_ESCAPES.has(e)) {
        unit = e;
      }
      next = escapeEnd(pattern, i);
    } else if (c === '|') {
      return null; // top-level alternation: nothing is required by every branch here
    } else if (c === '(') {
      const e = groupEnd(pattern, i);
      if (e < 0) {
        return null;
      }
      next = e;
    } else if (c === '[') {
      next = classEnd(pattern, i);
    } else if (!META.has(c)) {
      unit = c;
    }
    // A quantifier after this atom.
    const q = pattern[next];
    const optional = optionalAfter(pattern, next);
    const repeated = q === '+' || q === '{' || q === '*' || q === '?';
    if (unit !== null && !optional) {
      run += unit;
    }
    if (unit === null || optional || repeated) {
      close();
    }
    i = next;
    if (repeated) {
      // Skip the quantifier (and a lazy `?` after it).
      if (q === '{') {
        const e = pattern.indexOf('}', i);
        i = e < 0 ? pattern.length : e + 1;
      } else {
        i++;
      }
      if (pattern[i] === '?') {
        i++;
      }
    }
  }
  close();
  return best.length > 0 ? best : null;
}

/** The index after the escape that starts at `i` (p[i] === '\\'). */
function escapeEnd(p: string, i: number): number {
  const e = p[i + 1];
  const upTo = (ch: string) => {
    const k = p.indexOf(ch, i + 2);
    return k < 0 ? p.length : k + 1;
  };
  switch (e) {
    case 'u':
      return p[i + 2] === '{' ? upTo('}') : i + 6;
    case 'x':
      return i + 4;
    case 'c':
      return i + 3;
    case 'p':
    case 'P':
      return upTo('}');
    case 'k':
      return upTo('>');
    default: {
      let j = i + 1;
      if (e !== undefined && e >= '0' && e <= '9') {
        while (j < p.length && p[j] >= '0' && p[j] <= '9') {
          j++;
        }
        return j;
      }
      return i + 2;
    }
  }
}

/** The index after the character class that opens at `i` (p[i] === '['). */
function classEnd(p: string, i: number): number {
  for (let j = i + 1; j < p.length; j++) {
    if (p[j] === '\\') {
      j = escapeEnd(p, j) - 1;
    } else if (p[j] === ']') {
      return j + 1;
    }
  }
  return p.length;
}

/** A literal that every match contains at `offset` code units from the match's start. */
export interface OffsetAnchor {
  text: string;
  offset: number;
}

/** At most this many anchors per branch (classes are expanded into their characters). */
const MAX_ANCHORS = 64;

/**
 * What is known about a piece of a pattern:
 * - `len`: the code units it always consumes, or null when that varies (or is unknown);
 * - `strs`: strings one of which the text at its start begins with (null: nothing known);
 * - `full`: `strs` are exactly the texts the piece can match (so what follows may be appended).
 */
interface Piece {
  len: number | null;
  strs: string[] | null;
  full: boolean;
}

const UNKNOWN: Piece = { len: null, strs: null, full: false };
const ZERO: Piece = { len: 0, strs: [''], full: true };
const DIGITS: Piece = { len: 1, strs: [...'0123456789'], full: true };

class Unsupported extends Error {}

/**
 * Literal anchors at fixed offsets: for each top-level branch, a set of
 * strings one of which every match of that branch has at a fixed offset from
 * its start (the part before it has a fixed length: characters, classes of
 * BMP characters, groups of those, back-references to one-character groups;
 * lookarounds are zero-width). Alternatives, optional parts, small classes and
 * a following positive lookahead are expanded into several anchors. The
 * window with the longest shortest anchor is chosen per branch. Null when a
 * branch has no such window (the pattern then scans the document).
 */
export function offsetAnchors(pattern: string, flags: string): OffsetAnchor[] | null {
  if (flags.includes('i') || flags.includes('v') || flags.includes('x')) {
    return null;
  }
  let parser: PatternParser;
  let branches: Piece[][];
  try {
    parser = new PatternParser(pattern);
    branches = parser.topLevel();
  } catch {
    return null;
  }
  const out: OffsetAnchor[] = [];
  const seen = new Set<string>();
  for (const items of branches) {
    const best = bestWindow(items);
    if (!best) {
      return null;
    }
    for (const text of best.strs) {
      const key = `${best.offset}:${text}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ text, offset: best.offset });
      }
    }
  }
  return out;
}

/** The window (fixed offset, anchor strings) of one branch whose shortest anchor is longest (then: fewest anchors). */
function bestWindow(items: Piece[]): { offset: number; strs: string[] } | null {
  let best: { offset: number; strs: string[]; min: number } | null = null;
  let offset = 0;
  for (let a = 0; a < items.length; a++) {
    const strs = sequencePrefix(items, a).strs;
    if (strs && strs.length > 0) {
      const min = Math.min(...strs.map(s => s.length));
      if (min > 0 && (!best || min > best.min || (min === best.min && strs.length < best.strs.length))) {
        best = { offset, strs, min };
      }
    }
    const len = items[a].len;
    if (len === null) {
      break;
    }
    offset += len;
  }
  return best;
}

/** The strings the text at the start of items[from…] begins with (product of the pieces, capped). */
function sequencePrefix(items: Piece[], from = 0): Piece {
  let strs: string[] = [''];
  let full = true;
  let len: number | null = 0;
  for (let i = from; i < items.length; i++) {
    const p = items[i];
    len = len !== null && p.len !== null ? len + p.len : null;
    if (!full) {
      continue;
    }
    if (!p.strs || strs.length * p.strs.length > MAX_ANCHORS) {
      full = false;
      continue;
    }
    const next: string[] = [];
    for (const s of strs) {
      for (const t of p.strs) {
        next.push(s + t);
      }
    }
    strs = [...new Set(next)];
    full = p.full;
  }
  return { len, strs, full };
}

function unionPieces(alts: Piece[]): Piece {
  const lens = new Set(alts.map(a => a.len));
  const len = lens.size === 1 ? alts[0].len : null;
  if (alts.some(a => a.strs === null)) {
    return { len, strs: null, full: false };
  }
  const strs = [...new Set(alts.flatMap(a => a.strs!))];
  if (strs.length > MAX_ANCHORS) {
    return { len, strs: null, full: false };
  }
  return { len, strs, full: alts.every(a => a.full) };
}

/** A recursive-descent reader of the pattern subset understood here (anything else throws Unsupported). */
class PatternParser {
  private i = 0;
  /** Capturing groups by number and name: their piece when it is known to take part in every match, else null. */
  private readonly groups: (Piece | null)[] = [];
  private readonly named = new Map<string, number>();
  /** Nesting inside quantified groups, alternations or lookarounds (a group there may not take part). */
  private optionalDepth = 0;

  constructor(private readonly p: string) {}

  topLevel(): Piece[][] {
    const branches = this.alternatives();
    if (this.i !== this.p.length) {
      throw new Unsupported();
    }
    return branches;
  }

  /** Branches up to the closing `)` (not consumed) or the end. */
  private alternatives(): Piece[][] {
    const from = this.i;
    const branches: Piece[][] = [this.sequence()];
    while (this.p[this.i] === '|') {
      // A group of an earlier branch takes no part in a match of a later one.
      this.forgetGroupsFrom(from);
      this.i++;
      branches.push(this.sequence());
    }
    return branches;
  }

  private sequence(): Piece[] {
    const items: Piece[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atomStart = this.i;
      const atom = this.atom();
      items.push(this.quantified(atom, atomStart));
    }
    return items;
  }

  /** Applies a following quantifier to `atom`. */
  private quantified(atom: Piece, atomStart: number): Piece {
    const p = this.p;
    const q = p[this.i];
    let min: number;
    let max: number;
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Infinity;
      this.i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
      if (!m) {
        throw new Unsupported(); // a literal `{` under the u flag is an error anyway
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
    } else {
      return atom;
    }
    if (p[this.i] === '?') {
      this.i++; // lazy: the same texts
    }
    if (min !== max || min === 0) {
      this.forgetGroupsFrom(atomStart);
    }
    if (max === 0) {
      return ZERO;
    }
    const reps: Piece[] = [];
    for (let k = 0; k < Math.min(min, 8); k++) {
      reps.push(atom);
    }
    const head = min > 8 ? { ...sequencePrefix(reps), full: false, len: null } : sequencePrefix(reps);
    if (min === max) {
      return head;
    }
    if (min === 0 && max === 1) {
      return atom.strs && atom.full ? { len: atom.len === 0 ? 0 : null, strs: [...new Set(['', ...atom.strs])], full: true } : UNKNOWN;
    }
    // {n,m} / + / *: the first n copies are fixed, the rest varies.
    return { len: null, strs: head.strs, full: false };
  }

  /** Groups opened at or after `from` may not take part in a match (their atom is optional or repeated). */
  private forgetGroupsFrom(from: number): void {
    for (const [k, start] of this.groupStarts) {
      if (start >= from) {
        this.groups[k] = null;
      }
    }
  }

  private readonly groupStarts = new Map<number, number>();

  private atom(): Piece {
    const p = this.p;
    const c = p[this.i];
    if (c === '(') {
      return this.group();
    }
    if (c === '[') {
      return this.charClass();
    }
    if (c === '\\') {
      return this.escape();
    }
    if (c === '^' || c === '$') {
      this.i++;
      return ZERO;
    }
    if (c === '.') {
      this.i++;
      return UNKNOWN; // may be an astral character (two units)
    }
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      throw new Unsupported();
    }
    // A literal character (a surrogate pair is one code point of two units).
    const code = p.charCodeAt(this.i);
    const width = code >= 0xd800 && code <= 0xdbff && this.i + 1 < p.length ? 2 : 1;
    const s = p.slice(this.i, this.i + width);
    this.i += width;
    return { len: width, strs: [s], full: true };
  }

  private group(): Piece {
    const p = this.p;
    const start = this.i;
    let kind: 'capture' | 'plain' | 'ahead' | 'zero';
    let name: string | null = null;
    if (p.startsWith('(?:', start)) {
      kind = 'plain';
      this.i += 3;
    } else if (p.startsWith('(?=', start)) {
      kind = 'ahead';
      this.i += 3;
    } else if (p.startsWith('(?!', start) || p.startsWith('(?<=', start) || p.startsWith('(?<!', start)) {
      kind = 'zero';
      this.i += p[start + 2] === '<' ? 4 : 3;
    } else if (p.startsWith('(?<', start)) {
      const close = p.indexOf('>', start);
      if (close < 0) {
        throw new Unsupported();
      }
      name = p.slice(start + 3, close);
      kind = 'capture';
      this.i = close + 1;
    } else if (p[start + 1] === '?') {
      throw new Unsupported(); // modifiers and other group kinds
    } else {
      kind = 'capture';
      this.i += 1;
    }
    let number = -1;
    if (kind === 'capture') {
      number = this.groups.length + 1;
      this.groups[number] = null;
      this.groupStarts.set(number, start);
      if (name !== null) {
        this.named.set(name, number);
      }
    }
    const inside = kind !== 'capture' && kind !== 'plain';
    if (inside) {
      this.optionalDepth++;
    }
    const branches = this.alternatives();
    if (inside) {
      this.optionalDepth--;
    }
    if (p[this.i] !== ')') {
      throw new Unsupported();
    }
    this.i++;
    if (branches.length > 1) {
      // A group inside one alternative may not take part in the match.
      this.forgetGroupsFrom(start + 1);
    }
    if (kind === 'zero') {
      this.forgetGroupsFrom(start + 1);
      return ZERO;
    }
    const piece = unionPieces(branches.map(b => sequencePrefix(b)));
    if (kind === 'ahead') {
      // Zero-width, but the text here begins with one of its strings: what follows cannot be appended.
      this.forgetGroupsFrom(start + 1);
      return { len: 0, strs: piece.strs, full: false };
    }
    if (kind === 'capture' && this.optionalDepth === 0) {
      this.groups[number] = piece;
    }
    return piece;
  }

  private escape(): Piece {
    const p = this.p;
    const e = p[this.i + 1];
    if (e === undefined) {
      throw new Unsupported();
    }
    if (e === 'b' || e === 'B') {
      this.i += 2;
      return ZERO;
    }
    if (e === 'k' || (e >= '1' && e <= '9')) {
      return this.backReference();
    }
    if (e === 'd') {
      this.i += 2;
      return DIGITS;
    }
    if ('wsDWS'.includes(e)) {
      this.i += 2;
      return e === 'w' || e === 's' ? { len: 1, strs: null, full: false } : UNKNOWN;
    }
    if (e === 'p' || e === 'P') {
      this.i = escapeEnd(p, this.i);
      return UNKNOWN;
    }
    const ch = this.escapedChar();
    return ch === null ? UNKNOWN : { len: 1, strs: [ch], full: true };
  }

  /** A back-reference matches the text its group matched: the group's strings (a superset) and length. */
  private backReference(): Piece {
    const p = this.p;
    let k: number | undefined;
    if (p[this.i + 1] === 'k') {
      const close = p.indexOf('>', this.i);
      if (p[this.i + 2] !== '<' || close < 0) {
        throw new Unsupported();
      }
      k = this.named.get(p.slice(this.i + 3, close));
      this.i = close + 1;
    } else {
      const m = /^\\(\d+)/.exec(p.slice(this.i))!;
      k = Number(m[1]);
      this.i += m[0].length;
    }
    const g = k === undefined ? null : this.groups[k];
    // Unknown, forward, nested or optional groups: a reference to them may match the empty string.
    if (!g || this.optionalDepth > 0) {
      return UNKNOWN;
    }
    return g.full && g.len !== null ? g : { len: g.len, strs: null, full: false };
  }

  /**
   * The character an escape at `this.i` stands for (one BMP code unit), null for a
   * class escape (\d \w \s \p{…} …); advances past it.
   */
  private escapedChar(): string | null {
    const p = this.p;
    const e = p[this.i + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
    if (e in simple) {
      if (e === '0' && /\d/.test(p[this.i + 2] ?? '')) {
        throw new Unsupported();
      }
      this.i += 2;
      return simple[e];
    }
    if (e === 'u' || e === 'x') {
      const m = e === 'x' ? /^\\x([0-9a-fA-F]{2})/.exec(p.slice(this.i)) : /^\\u([0-9a-fA-F]{4})/.exec(p.slice(this.i));
      if (!m) {
        throw new Unsupported(); // \u{…} and malformed escapes
      }
      const code = parseInt(m[1], 16);
      if (code >= 0xd800 && code <= 0xdfff) {
        throw new Unsupported();
      }
      this.i += m[0].length;
      return String.fromCharCode(code);
    }
    if ('dDwWsSpP'.includes(e)) {
      throw new Unsupported(); // handled by the callers that allow classes
    }
    if (LITERAL_ESCAPES.has(e)) {
      this.i += 2;
      return e;
    }
    throw new Unsupported();
  }

  /** A class of BMP characters: one code unit; its characters when there are few. */
  private charClass(): Piece {
    const p = this.p;
    this.i++;
    if (p[this.i] === '^') {
      this.i = classEnd(p, this.i - 1);
      return UNKNOWN; // may match an astral character (two units)
    }
    const chars = new Set<string>();
    const one = (): number => {
      const c = p[this.i];
      if (c === undefined) {
        throw new Unsupported();
      }
      if (c === '\\') {
        const e = p[this.i + 1];
        if (e === 'd') {
          this.i += 2;
          return -1;
        }
        const ch = this.escapedChar();
        return ch === null ? -2 : ch.charCodeAt(0);
      }
      const code = p.charCodeAt(this.i);
      if (code >= 0xd800 && code <= 0xdfff) {
        throw new Unsupported();
      }
      this.i++;
      return code;
    };
    let big = false;
    while (p[this.i] !== ']') {
      const a = one();
      if (a === -1) {
        for (let d = 48; d <= 57; d++) {
          chars.add(String.fromCharCode(d));
        }
        continue;
      }
      if (a < 0) {
        throw new Unsupported();
      }
      if (p[this.i] === '-' && p[this.i + 1] !== ']') {
        this.i++;
        const b = one();
        if (b < a) {
          throw new Unsupported();
        }
        if (b - a > MAX_ANCHORS) {
          big = true;
        } else {
          for (let x = a; x <= b; x++) {
            chars.add(String.fromCharCode(x));
          }
        }
        continue;
      }
      chars.add(String.fromCharCode(a));
    }
    this.i++;
    if (chars.size === 0 && !big) {
      throw new Unsupported();
    }
    return big || chars.size > MAX_ANCHORS ? { len: 1, strs: null, full: false } : { len: 1, strs: [...chars], full: true };
  }
}
