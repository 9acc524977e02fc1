import type { DocContext } from '../document';
import { toSimplified } from '../text/repair';

/**
 * One left-to-right pass over a document's characters, shared by the
 * detectors through `doc.memo`: looking at every character in a script
 * loop is the dearest thing a check can do, so it is done once.
 *
 * The pass cuts each line into clauses and hashes them (the duplicate
 * detector's data), notes the lines with traditional characters, and records
 * where the rare characters other detectors look for occur (quotes and
 * brackets, ASCII punctuation, placeholder marks, dashes, ellipses, lost
 * characters, Latin letters with diacritics, runs of digits, doubled sentence
 * marks), so those detectors visit only those places.
 */

// ---------------------------------------------------------------------------
// Character classes

/** Takes part in the duplicate comparison (not whitespace, punctuation or symbols). */
const COUNTS = 1;
/** Ends a clause: sentence ends and the marks inside a sentence. */
const CLAUSE = 2;
/** A closing mark that belongs to the clause before it: `。”`, `！）`. */
const CLOSING = 4;
/** Trimmed from paragraph ends and skipped between clauses. */
const SPACE = 8;
/** Has `DETAIL` bits. */
const RARE = 16;
/** A CJK ideograph OpenCC has not been asked about yet. */
const UNASKED = 32;
/** A CJK ideograph OpenCC converts on its own (a traditional form). */
const TRADITIONAL = 64;
/** Any of the bits that need more than the clause logic. */
const SPECIAL = RARE | UNASKED | TRADITIONAL;

// Bits of DETAIL, for the RARE characters.
/** Recorded in the mark lists (see `MARK_KIND`). */
const MARK = 1;
/** `，。、；：！？`: two or more in a row are recorded in `pointRuns`. */
const POINT = 2;
/** `。.．·・‧`: the third of a run of one of them is recorded in `dotRuns`. */
const DOT = 4;
/** `0-9`: the start of each run is recorded in `digitRuns`. */
const DIGIT = 8;

function countsInComparison(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  if (c < 0xc0) {
    return false;
  }
  if (c >= 0x2000 && c <= 0x2bff) {
    return false;
  }
  if (c >= 0x3000 && c <= 0x303f) {
    return c === 0x3005 || c === 0x3007;
  }
  if (c >= 0xfe10 && c <= 0xfe6f) {
    return false;
  }
  if (c >= 0xff00 && c <= 0xff65) {
    return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
  }
  return c !== 0xd7 && c !== 0xf7 && c !== 0xfeff;
}

/** Kinds of recorded marks, by character (a character may serve several detectors). */
export const MarkKind = {
  /** Quotes and brackets that pair: `“”‘’（）()《》〈〉【】〔〕〖〗`. */
  Pair: 1,
  /** ASCII `, : ; ( ) ! ? . " '`. */
  Ascii: 2,
  /** Placeholder marks `XxＸｘ×✕□〇○*＊_＿某` and the brackets of to-do notes `【[［(（`. */
  Placeholder: 4,
  /** `?`, U+FFFD, `锟` and Latin letters U+00C2–U+01DC: where encoding damage shows. */
  Damage: 8,
  /** Dash-like characters `-－—―–─━−`. */
  Dash: 16,
  /** `…` and `⋯`. */
  Ellipsis: 32,
  /** Markdown syntax that starts a span to leave alone: `` ` `` `]` `!` `<`. */
  Markup: 64,
  /** Spaces inside a line (ASCII, no-break, full-width): not those a line begins or ends with. */
  Space: 128,
} as const;

/** Per UTF-16 code unit: the `MarkKind` bits of a recorded mark (0: not recorded). */
export const MARK_KIND = new Uint8Array(0x10000);

/**
 * Per UTF-16 code unit: the bits the pass tests on every character (one byte,
 * so the part of the table running text touches stays in the first-level cache).
 */
const CLASS = new Uint8Array(0x10000);
/** Per UTF-16 code unit: what the pass records for a RARE character. */
const DETAIL = new Uint8Array(0x10000);

function addDetail(c: number, bit: number): void {
  DETAIL[c] |= bit;
  CLASS[c] |= RARE;
}

function addMarks(chars: string, kind: number): void {
  for (const ch of chars) {
    const c = ch.charCodeAt(0);
    MARK_KIND[c] |= kind;
    addDetail(c, MARK);
  }
}

for (let c = 0; c < 0x10000; c++) {
  if (countsInComparison(c)) {
    CLASS[c] = COUNTS;
  }
  if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
    CLASS[c] |= UNASKED;
  }
}
for (const c of [0x3002, 0xff0c, 0x3001, 0xff1b, 0xff1a, 0xff01, 0xff1f, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x2026, 0x2014]) {
  CLASS[c] |= CLAUSE;
}
for (const c of [0x201d, 0x2019, 0xff09, 0x300b, 0x3011, 0x29]) {
  CLASS[c] |= CLOSING;
}
for (const c of [0x20, 0x09, 0x3000, 0xa0, 0xfeff]) {
  CLASS[c] |= SPACE;
}
for (const ch of '，。、；：！？') {
  addDetail(ch.charCodeAt(0), POINT);
}
for (const ch of '。.．·・‧') {
  addDetail(ch.charCodeAt(0), DOT);
}
for (let c = 0x30; c <= 0x39; c++) {
  addDetail(c, DIGIT);
}
addMarks('“‘（(《〈【〔〖”’）)》〉】〕〗', MarkKind.Pair);
addMarks(',:;()!?."\'', MarkKind.Ascii);
addMarks('XxＸｘ×✕□〇○*＊_＿某【[［(（', MarkKind.Placeholder);
addMarks('?\ufffd\u951f', MarkKind.Damage);
for (let c = 0xc2; c <= 0x1dc; c++) {
  MARK_KIND[c] |= MarkKind.Damage;
  addDetail(c, MARK);
}
addMarks('-－—―–─━−', MarkKind.Dash);
addMarks('…⋯', MarkKind.Ellipsis);
addMarks('`]!<', MarkKind.Markup);
addMarks(' \u00a0\u3000', MarkKind.Space);

/** 31^n mod 2^32, grown on demand. */
let POW31 = new Int32Array([1]);
function pow31(n: number): number {
  if (n >= POW31.length) {
    const grown = new Int32Array(Math.max(n + 1, POW31.length * 2));
    grown.set(POW31);
    for (let k = POW31.length; k < grown.length; k++) {
      grown[k] = Math.imul(grown[k - 1], 31);
    }
    POW31 = grown;
  }
  return POW31[n];
}

/**
 * Whether OpenCC converts this character on its own (a traditional form). An
 * ideograph is asked about once per process; the pass itself never asks (a
 * check that leaves traditional characters alone never loads the dictionaries).
 */
export function isTraditionalChar(c: number): boolean {
  let k = CLASS[c];
  if ((k & UNASKED) !== 0) {
    const ch = String.fromCharCode(c);
    k = (k & ~UNASKED) | (toSimplified(ch) !== ch ? TRADITIONAL : 0);
    CLASS[c] = k;
  }
  return (k & TRADITIONAL) !== 0;
}

// ---------------------------------------------------------------------------
// The pass

const NO_INTS = new Int32Array(0);

/** A growable list of 32-bit integers (its storage is made at the first push: most lists of a short text stay empty). */
export class IntList {
  data: Int32Array = NO_INTS;
  length = 0;
  private readonly capacity: number;

  constructor(capacity = 64) {
    this.capacity = Math.max(4, capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      this.grow();
    }
    this.data[this.length++] = v;
  }

  private grow(): void {
    const bigger = new Int32Array(this.length === 0 ? this.capacity : this.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}

export interface TextScan {
  /** Per line of `doc.lines`: the line without the spaces at both ends (`trimStart` ≤ `trimEnd`). */
  trimStart: Int32Array;
  trimEnd: Int32Array;
  /** Clauses of line `l` are `lineClause[l]` … `lineClause[l + 1] - 1`. */
  lineClause: Int32Array;
  /** Per line: hash and length of the compared characters (independent of where the clauses break). */
  paraH1: Int32Array;
  paraH2: Int32Array;
  paraLen: Int32Array;
  /**
   * Per clause (text up to and with its marks, `，` `。”`, with at least one
   * compared character): span, number of compared characters and two hashes.
   */
  clauseStart: Int32Array;
  clauseEnd: Int32Array;
  clauseLen: Int32Array;
  clauseH1: Int32Array;
  clauseH2: Int32Array;
  /** Ascending offsets of the characters of each `MarkKind` (a character of several kinds is in each list). */
  pairMarks: IntList;
  asciiMarks: IntList;
  placeholderMarks: IntList;
  damageMarks: IntList;
  dashMarks: IntList;
  ellipsisMarks: IntList;
  markupMarks: IntList;
  spaceMarks: IntList;
  /** Ascending offsets of the second character of every pair of adjacent `，。、；：！？`. */
  pointRuns: IntList;
  /** Ascending offsets of the third character of every three equal `。.．·・‧` in a row. */
  dotRuns: IntList;
  /** Ascending offsets where a run of ASCII digits starts. */
  digitRuns: IntList;
  /** Ascending lines with a character OpenCC converts on its own. */
  traditionalLines: IntList;
  /**
   * Ascending lines, not in `traditionalLines`, with an ideograph OpenCC has
   * not been asked about yet (`isTraditionalChar` tells).
   */
  unaskedLines: IntList;
}

export function textScan(doc: DocContext): TextScan {
  return doc.memo('gongwen.textScan', d => scanText(d));
}

function scanText(doc: DocContext): TextScan {
  const lines = doc.lines;
  const lineCount = lines.lineStarts.length;
  // Each line reserves room for its worst case (a clause every other character) before it is scanned: with room for
  // the longest line on top of the usual count, the clause arrays are not grown (copied) for ordinary text.
  let longest = 0;
  for (let l = 0; l < lineCount; l++) {
    longest = Math.max(longest, lines.lineEnd(l) - lines.lineStarts[l]);
  }
  const scanner = new Scanner(doc.codes, lineCount, (longest >> 1) + 1);
  for (let l = 0; l < lineCount; l++) {
    scanner.line(l, lines.lineStarts[l], lines.lineEnd(l));
  }
  return scanner.result();
}

/**
 * The pass, one line per call (a method called per line is optimized as a
 * whole; one long loop per document would run unoptimized until on-stack
 * replacement, and deoptimize after it).
 */
class Scanner {
  private readonly trimStart: Int32Array;
  private readonly trimEnd: Int32Array;
  private readonly lineClause: Int32Array;
  private readonly paraH1: Int32Array;
  private readonly paraH2: Int32Array;
  private readonly paraLen: Int32Array;
  private cStart: Int32Array;
  private cEnd: Int32Array;
  private cLen: Int32Array;
  private cH1: Int32Array;
  private cH2: Int32Array;
  private clauseCount = 0;
  private readonly pairMarks: IntList;
  private readonly asciiMarks = new IntList();
  private readonly placeholderMarks = new IntList();
  private readonly damageMarks = new IntList();
  private readonly dashMarks = new IntList();
  private readonly ellipsisMarks = new IntList();
  private readonly markupMarks = new IntList();
  private readonly spaceMarks = new IntList();
  private readonly pointRuns = new IntList();
  private readonly dotRuns = new IntList();
  private readonly digitRuns = new IntList();
  private readonly traditionalLines = new IntList();
  private readonly unaskedLines = new IntList();

  constructor(
    /** The document's UTF-16 code units (`DocContext.codes`). */
    private readonly codes: Uint16Array,
    lineCount: number,
    /** The most clauses one line can have (half its length, plus one). */
    lineRoom: number,
  ) {
    this.trimStart = new Int32Array(lineCount);
    this.trimEnd = new Int32Array(lineCount);
    this.lineClause = new Int32Array(lineCount + 1);
    this.paraH1 = new Int32Array(lineCount);
    this.paraH2 = new Int32Array(lineCount);
    this.paraLen = new Int32Array(lineCount);
    // About one clause per eight characters in running text, and the room one line reserves.
    const usual = (codes.length >> 3) + 16;
    const expected = usual + lineRoom;
    this.cStart = new Int32Array(expected);
    this.cEnd = new Int32Array(expected);
    this.cLen = new Int32Array(expected);
    this.cH1 = new Int32Array(expected);
    this.cH2 = new Int32Array(expected);
    this.pairMarks = new IntList(usual >> 3);
  }

  /** Makes room for `extra` more clauses. */
  private reserve(extra: number): void {
    const need = this.clauseCount + extra;
    if (need <= this.cStart.length) {
      return;
    }
    const size = Math.max(need, this.cStart.length * 2);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.cStart = grow(this.cStart);
    this.cEnd = grow(this.cEnd);
    this.cLen = grow(this.cLen);
    this.cH1 = grow(this.cH1);
    this.cH2 = grow(this.cH2);
  }

  /** Records a mark in the list of each of its kinds. */
  private mark(i: number, c: number): void {
    const kind = MARK_KIND[c];
    if ((kind & MarkKind.Pair) !== 0) {
      this.pairMarks.push(i);
    }
    if ((kind & MarkKind.Ascii) !== 0) {
      this.asciiMarks.push(i);
    }
    if ((kind & MarkKind.Placeholder) !== 0) {
      this.placeholderMarks.push(i);
    }
    if ((kind & MarkKind.Damage) !== 0) {
      this.damageMarks.push(i);
    }
    if ((kind & MarkKind.Dash) !== 0) {
      this.dashMarks.push(i);
    }
    if ((kind & MarkKind.Ellipsis) !== 0) {
      this.ellipsisMarks.push(i);
    }
    if ((kind & MarkKind.Markup) !== 0) {
      this.markupMarks.push(i);
    }
    if ((kind & MarkKind.Space) !== 0) {
      this.spaceMarks.push(i);
    }
  }

  /** What a character with SPECIAL bits adds to the records. */
  private special(i: number, c: number, k: number, ls: number): void {
    if ((k & RARE) !== 0) {
      const codes = this.codes;
      const d = DETAIL[c];
      if ((d & MARK) !== 0) {
        this.mark(i, c);
      }
      if ((d & POINT) !== 0 && i > ls && (DETAIL[codes[i - 1]] & POINT) !== 0) {
        this.pointRuns.push(i);
      }
      if ((d & DOT) !== 0 && i - 2 >= ls && codes[i - 1] === c && codes[i - 2] === c) {
        this.dotRuns.push(i);
      }
      if ((d & DIGIT) !== 0 && (i === ls || (DETAIL[codes[i - 1]] & DIGIT) === 0)) {
        this.digitRuns.push(i);
      }
    }
    if ((k & TRADITIONAL) !== 0) {
      this.traditional = true;
    } else if ((k & UNASKED) !== 0) {
      this.unasked = true;
    }
  }

  private traditional = false;
  private unasked = false;

  /** Line `l`, from `ls` to `le` (before its line break). */
  line(l: number, ls: number, le: number): void {
    const codes = this.codes;
    const table = CLASS;
    let ts = ls;
    while (ts < le && (table[codes[ts]] & SPACE) !== 0) {
      ts++;
    }
    let te = le;
    while (te > ts && (table[codes[te - 1]] & SPACE) !== 0) {
      te--;
    }
    this.trimStart[l] = ts;
    this.trimEnd[l] = te;
    this.traditional = false;
    this.unasked = false;
    // A clause needs a compared character and a mark: a line of n characters has at most n / 2 + 1.
    this.reserve(((te - ts) >> 1) + 1);
    const cStart = this.cStart;
    const cEnd = this.cEnd;
    const cLen = this.cLen;
    const cH1 = this.cH1;
    const cH2 = this.cH2;
    let n = this.clauseCount;
    // Powers of 31, read directly per clause (grown, rarely, for a clause longer than any before).
    const pow = POW31;
    // The clauses of the trimmed line: marks and spaces are skipped; a clause runs up to its mark, then takes the
    // marks and closing quotes or brackets right after it. One loop that never moves its own index (an optimized
    // loop that does runs far slower), and compared characters, almost all of them, go straight to the hashes:
    // a clause is open while it has compared characters (len > 0) or began with another one (open); it is written
    // out at its mark, and the marks and closers it takes afterwards only move its end.
    let p1 = 0x811c9dc5 | 0;
    let p2 = 0;
    let plen = 0;
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0;
    let len = 0;
    let open = false;
    /** After a clause's mark, until a character other than a mark or closer. */
    let taking = false;
    /** The clause written out at the last mark, while it takes marks and closers (else -1). */
    let last = -1;
    /** Where the next clause starts (the character after the last one skipped). */
    let cs = ts;
    for (let i = ts; i < te; i++) {
      const c = codes[i];
      const k = table[c];
      // Most characters are compared ones with no other bit (an ideograph OpenCC leaves alone).
      if (k === COUNTS) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 31) + c) | 0;
        p1 = Math.imul(p1 ^ c, 0x01000193);
        len++;
        continue;
      }
      if (len > 0 || open) {
        if ((k & CLAUSE) !== 0) {
          // The mark that ends the clause follows a clause character: it can only be a recorded mark itself.
          if ((k & RARE) !== 0 && (DETAIL[c] & MARK) !== 0) {
            this.mark(i, c);
          }
          last = -1;
          if (len > 0) {
            cStart[n] = cs;
            cEnd[n] = i + 1;
            cLen[n] = len;
            cH1[n] = h1;
            cH2[n] = h2;
            last = n++;
            plen += len;
            // The paragraph's polynomial hash goes on from the clause's: p2·31^len + h2 (mod 2^32).
            p2 = (Math.imul(p2, len < pow.length ? pow[len] : pow31(len)) + h2) | 0;
          }
          h1 = 0x811c9dc5 | 0;
          h2 = 0;
          len = 0;
          open = false;
          taking = true;
          cs = i + 1;
          continue;
        }
        if ((k & SPECIAL) !== 0) {
          this.special(i, c, k, ls);
        }
        if ((k & COUNTS) !== 0) {
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = (Math.imul(h2, 31) + c) | 0;
          p1 = Math.imul(p1 ^ c, 0x01000193);
          len++;
        }
        continue;
      }
      if ((k & SPECIAL) !== 0) {
        this.special(i, c, k, ls);
      }
      if ((k & CLAUSE) !== 0 || (taking && (k & CLOSING) !== 0)) {
        if (taking && last >= 0) {
          cEnd[last] = i + 1;
        }
        cs = i + 1;
      } else if ((k & SPACE) !== 0) {
        taking = false;
        cs = i + 1;
      } else {
        // Starts a clause (cs is here already).
        taking = false;
        open = true;
        if ((k & COUNTS) !== 0) {
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = (Math.imul(h2, 31) + c) | 0;
          p1 = Math.imul(p1 ^ c, 0x01000193);
          len++;
        }
      }
    }
    if (len > 0) {
      cStart[n] = cs;
      cEnd[n] = te;
      cLen[n] = len;
      cH1[n] = h1;
      cH2[n] = h2;
      n++;
      plen += len;
      p2 = (Math.imul(p2, len < pow.length ? pow[len] : pow31(len)) + h2) | 0;
    }
    this.clauseCount = n;
    this.paraH1[l] = p1;
    this.paraH2[l] = p2;
    this.paraLen[l] = plen;
    if (this.traditional) {
      this.traditionalLines.push(l);
    } else if (this.unasked) {
      this.unaskedLines.push(l);
    }
    this.lineClause[l + 1] = n;
  }

  result(): TextScan {
    return {
      trimStart: this.trimStart,
      trimEnd: this.trimEnd,
      lineClause: this.lineClause,
      paraH1: this.paraH1,
      paraH2: this.paraH2,
      paraLen: this.paraLen,
      clauseStart: this.cStart,
      clauseEnd: this.cEnd,
      clauseLen: this.cLen,
      clauseH1: this.cH1,
      clauseH2: this.cH2,
      pairMarks: this.pairMarks,
      asciiMarks: this.asciiMarks,
      placeholderMarks: this.placeholderMarks,
      damageMarks: this.damageMarks,
      dashMarks: this.dashMarks,
      ellipsisMarks: this.ellipsisMarks,
      markupMarks: this.markupMarks,
      spaceMarks: this.spaceMarks,
      pointRuns: this.pointRuns,
      dotRuns: this.dotRuns,
      digitRuns: this.digitRuns,
      traditionalLines: this.traditionalLines,
      unaskedLines: this.unaskedLines,
    };
  }
}
