import type { DocContext } from '../document';
import * as scanning from './scan';

/**
 * Character classes and "do not touch" spans shared by the punctuation,
 * number, duplicate and encoding detectors. Everything works on UTF-16 code
 * units (`charCodeAt`) so that a scan allocates nothing per character.
 */

/** CJK ideographs (BMP blocks, 〇, and the surrogate range of the supplementary ideograph planes). */
export function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x3007 ||
    (c >= 0xd840 && c <= 0xd8bf) // high surrogates of planes 2–3 (CJK Ext. B–H)
  );
}

/** Full-width / Chinese punctuation: the CJK symbols block, full-width forms, curly quotes, …… and ——. */
export function isCjkPunct(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f && c !== 0x3007) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2026 ||
    c === 0x2014
  );
}

/** A character that marks Chinese running text: an ideograph or Chinese punctuation. */
export function isChineseContext(c: number): boolean {
  return isHan(c) || isCjkPunct(c);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isHorizontalSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
}

/** The characters of the regular-expression class `\s` (and of `String.prototype.trim`): WhiteSpace and LineTerminator. */
export const REGEX_SPACE = new Uint8Array(0x10000);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) {
  REGEX_SPACE[c] = 1;
}
for (let c = 0x2000; c <= 0x200a; c++) {
  REGEX_SPACE[c] = 1;
}

/** Whether `\s` matches the UTF-16 code unit `c`. */
export function isRegexSpace(c: number): boolean {
  return REGEX_SPACE[c] === 1;
}

export function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/** How far a context look skips spaces: enough for `中国 ,`, bounded so scans stay linear. */
const MAX_SPACE_SKIP = 3;

/** The code of the nearest non-space character before `i` on the same line, or -1. */
export function prevNonSpace(text: string, i: number): number {
  let j = i - 1;
  const stop = Math.max(0, i - 1 - MAX_SPACE_SKIP);
  while (j >= stop) {
    const c = text.charCodeAt(j);
    if (isLineBreak(c)) {
      return -1;
    }
    if (!isHorizontalSpace(c)) {
      return c;
    }
    j--;
  }
  return -1;
}

/** The code of the nearest non-space character after `i` on the same line, or -1. */
export function nextNonSpace(text: string, i: number): number {
  let j = i + 1;
  const stop = Math.min(text.length, i + 2 + MAX_SPACE_SKIP);
  while (j < stop) {
    const c = text.charCodeAt(j);
    if (isLineBreak(c)) {
      return -1;
    }
    if (!isHorizontalSpace(c)) {
      return c;
    }
    j++;
  }
  return -1;
}

/**
 * Sorted, non-overlapping half-open spans that text checks must leave alone:
 * URLs and e-mail addresses always; with `options.markdown` also fenced code
 * blocks, code spans, link destinations, autolinks, reference definitions,
 * HTML tags and the `!` of images.
 */
export interface ProtectedSpans {
  starts: number[];
  ends: number[];
}

/** Walks protected spans left to right; `covers` must be called with non-decreasing positions. */
export class SpanCursor {
  private k = 0;
  constructor(private readonly spans: ProtectedSpans) {}

  covers(pos: number): boolean {
    const { starts, ends } = this.spans;
    while (this.k < ends.length && ends[this.k] <= pos) {
      this.k++;
    }
    return this.k < starts.length && starts[this.k] <= pos;
  }
}

/** Whether `pos` lies in one of the spans, at any position (`SpanCursor` for positions in ascending order). */
export function spanCovers(spans: ProtectedSpans, pos: number): boolean {
  const { starts, ends } = spans;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= pos) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && pos < ends[lo - 1];
}

export function protectedSpans(doc: DocContext): ProtectedSpans {
  return doc.memo('gongwen.protectedSpans', d =>
    computeProtectedSpans(d.text, d.options.markdown === true ? scanning.textScan(d).markupMarks : null),
  );
}

/** Characters a URL may contain after its scheme (RFC 3986, ASCII only). */
function isUrlChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x3c && c !== 0x3e && c !== 0x60 && c !== 0x5c;
}

function isSchemeChar(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 0x2b || c === 0x2e || c === 0x2d;
}

function isEmailLocalChar(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 0x2e || c === 0x5f || c === 0x2d || c === 0x2b;
}

/** Trailing characters that end a sentence rather than the URL (`见 http://a.cn/x).`). */
function trimUrlEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x27) {
      end--;
    } else if (c === 0x29) {
      // Keep a closing parenthesis only when the URL opened one (Wikipedia-style links).
      const open = text.lastIndexOf('(', end - 1);
      if (open >= start) {
        break;
      }
      end--;
    } else {
      break;
    }
  }
  return end;
}

function computeProtectedSpans(text: string, markup: { data: Int32Array; length: number } | null): ProtectedSpans {
  const raw: Array<[number, number]> = [];
  const n = text.length;
  let last = 0;

  // URLs: `scheme://…` and `www.…` (native searches from their rarer characters).
  let from = 0;
  for (from of URL_SCHEME.find(text).starts) {
    if (from < last) {
      continue;
    }
    let s = from;
    while (s > 0 && isSchemeChar(text.charCodeAt(s - 1))) {
      s--;
    }
    let e = from + 3;
    while (e < n && isUrlChar(text.charCodeAt(e))) {
      e++;
    }
    if (s < from) {
      raw.push([s, trimUrlEnd(text, s, e)]);
    }
    last = e;
  }
  last = 0;
  for (from of URL_WWW.find(text).starts) {
    if (from < last) {
      continue;
    }
    const before = from > 0 ? text.charCodeAt(from - 1) : -1;
    let e = from + 4;
    while (e < n && isUrlChar(text.charCodeAt(e))) {
      e++;
    }
    if (!isSchemeChar(before) && before !== 0x2f) {
      raw.push([from, trimUrlEnd(text, from, e)]);
    }
    last = e;
  }
  // E-mail addresses.
  from = 0;
  while ((from = text.indexOf('@', from)) >= 0) {
    let s = from;
    while (s > 0 && from - s < 64 && isEmailLocalChar(text.charCodeAt(s - 1))) {
      s--;
    }
    let e = from + 1;
    while (e < n && e - from < 255 && isEmailLocalChar(text.charCodeAt(e))) {
      e++;
    }
    if (s < from && e > from + 1 && text.slice(from + 1, e).includes('.')) {
      raw.push([s, trimUrlEnd(text, s, e)]);
    }
    from = e;
  }

  if (markup) {
    markdownSpans(text, raw, markup);
  }

  raw.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of raw) {
    if (e <= s) {
      continue;
    }
    const last = ends.length - 1;
    if (last >= 0 && s <= ends[last]) {
      if (e > ends[last]) {
        ends[last] = e;
      }
    } else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

/** How far a code span or link destination may reach on one line (keeps pathological lines linear). */
const MD_REACH = 2000;

function markdownSpans(text: string, raw: Array<[number, number]>, markup: { data: Int32Array; length: number }): void {
  const n = text.length;
  let lineStart = 0;
  let fence: string | null = null;
  let fenceStart = 0;
  const cursor = { k: 0 };
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = n;
    }
    // A fence starts with ``` or ~~~ after at most three spaces: any other line is dismissed at once.
    let q = lineStart;
    while (q < lineStart + 3 && text.charCodeAt(q) === 0x20) {
      q++;
    }
    const f = text.charCodeAt(q);
    const fenceMatch = f === 0x60 || f === 0x7e ? /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 8))) : null;
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
        raw.push([fenceStart, lineEnd]);
        fence = null;
      }
    } else if (fenceMatch) {
      fence = fenceMatch[1];
      fenceStart = lineStart;
    } else {
      markdownLine(text, lineStart, lineEnd, raw, markup, cursor);
    }
    if (lineEnd >= n) {
      break;
    }
    lineStart = lineEnd + 1;
  }
  if (fence !== null) {
    raw.push([fenceStart, n]);
  }
}

/**
 * The Markdown syntax of one line outside code fences. Only `` ` ``, `]`, `!`
 * and `<` start anything, so the line is visited at those characters (the
 * shared character pass lists them in `markup`; `cursor` walks that list).
 */
function markdownLine(
  text: string,
  start: number,
  end: number,
  raw: Array<[number, number]>,
  markup: { data: Int32Array; length: number },
  cursor: { k: number },
): void {
  let k = cursor.k;
  while (k < markup.length && markup.data[k] < start) {
    k++;
  }
  cursor.k = k;
  // Reference definition: `[id]: url "title"`.
  let p = start;
  while (p < end && p - start < 3 && text.charCodeAt(p) === 0x20) {
    p++;
  }
  if (text.charCodeAt(p) === 0x5b) {
    const close = text.indexOf(']:', p);
    if (close > p && close < end) {
      raw.push([p, end]);
      return;
    }
  }
  /** The first position still to look at (a span taken skips what it covers). */
  let next = start;
  for (; k < markup.length && markup.data[k] < end; k++) {
    const i = markup.data[k];
    if (i < next) {
      continue;
    }
    next = i + 1;
    const c = text.charCodeAt(i);
    if (c === 0x60) {
      // Code span: a backtick run closed by a run of the same length.
      let r = i;
      while (r < end && text.charCodeAt(r) === 0x60) {
        r++;
      }
      const ticks = text.slice(i, r);
      const limit = Math.min(end, r + MD_REACH);
      let close = text.indexOf(ticks, r);
      while (close >= 0 && close < limit && text.charCodeAt(close + ticks.length) === 0x60) {
        close = text.indexOf(ticks, close + ticks.length + 1);
      }
      if (close >= 0 && close < limit) {
        raw.push([i, close + ticks.length]);
        next = close + ticks.length;
      } else {
        next = r;
      }
    } else if (c === 0x5d && text.charCodeAt(i + 1) === 0x28) {
      // Link destination `](url "title")`, parentheses balanced.
      let depth = 0;
      let j = i + 1;
      const limit = Math.min(end, i + MD_REACH);
      for (; j < limit; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x28) {
          depth++;
        } else if (d === 0x29) {
          depth--;
          if (depth === 0) {
            break;
          }
        }
      }
      if (j < limit) {
        raw.push([i, j + 1]);
        next = j + 1;
      }
    } else if (c === 0x21 && text.charCodeAt(i + 1) === 0x5b) {
      raw.push([i, i + 1]); // image `![alt](src)`
    } else if (c === 0x3c) {
      // Autolink `<https://…>` or an HTML tag `<span class="x">`.
      const limit = Math.min(end, i + MD_REACH);
      const close = text.indexOf('>', i + 1);
      if (close > i + 1 && close < limit) {
        const inner = text.slice(i + 1, close);
        if (/^(?:\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?|[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)$/.test(inner)) {
          raw.push([i, close + 1]);
          next = close + 1;
        }
      }
    }
  }
  cursor.k = k;
}

// ---------------------------------------------------------------------------
// Native literal search

/**
 * How often each byte value occurs in Chinese prose stored as UTF-16 (base-36
 * digits on a log scale; measured on the built-in corpus and the seed pages).
 * `String.prototype.indexOf` looks for the larger of the two bytes of the
 * first character with memchr and checks each stop, so a search that starts
 * at a character whose larger byte is rare runs many times faster: `家`
 * (0xB6) rather than `大` (0x59, the byte of a whole block of common
 * characters) for `大家`.
 */
const BYTE_COST =
  'xsrijcljiooksmjkioadfcigecphjk8mogageicrnjidskfnvjiehdkdjhpmdgkk' +
  'iehgegghiiiglkzvltutsnmpkunttptsnltrftpsrgblslkejhlnllunlomnimqm' +
  'nqihtemepsirqoipqndggmmlpcmkignfjladkfjjlbgc6ejclafj5dgb6kqh3ekk' +
  'ehehkijiccifbmgjin6fllffjh4mbjahdgcm6q97lcfcigkhde9djaibdknkjl9s';

/** Relative cost of a native search for the character `code` (0 cheapest, 35 dearest). */
export function searchCost(code: number): number {
  return parseInt(BYTE_COST[Math.max(code & 0xff, code >> 8)], 36);
}

/** Relative cost of one native scan for `code`: a fixed part and the stops at its search byte (BYTE_COST is logarithmic). */
function scanCost(code: number): number {
  return 1 + 0.01 * (2 ** (searchCost(code) / 3.5) - 1);
}

/** Ascending occurrences of a set of literals: `starts[k]` is where literal `which[k]` occurs. */
export interface LiteralHits {
  starts: number[];
  which: number[];
}

/**
 * Finds every occurrence (overlapping ones too) of a fixed set of literals
 * with a few native `indexOf` scans: each literal gets an anchor character
 * (cheap to search for, see `searchCost`, and shared with other literals where
 * that saves scans), and the whole literal is compared around each hit.
 */
export class LiteralFinder {
  private readonly keys: string[] = [];
  /** Per key: the literals searched through it (index, offset of the key in it, the literal). */
  private readonly users: Array<Array<[number, number, string]>> = [];

  constructor(readonly literals: readonly string[]) {
    if (literals.some(lit => lit.length === 0)) {
      throw new Error('empty literal');
    }
    // Anchor characters: a few characters that every literal contains one of, each searched once. Greedy
    // cover: the character serving the most literals still without one per unit of search cost (a scan
    // costs a fixed amount plus the stops at its search byte), e.g. ] for [jp] [kh] [pic] [img].
    const anchors = new Array<number>(literals.length).fill(-1);
    let left = literals.length;
    while (left > 0) {
      let best = -1;
      let bestScore = -1;
      const seen = new Set<number>();
      for (let i = 0; i < literals.length; i++) {
        if (anchors[i] >= 0) {
          continue;
        }
        for (let j = 0; j < literals[i].length; j++) {
          const c = literals[i].charCodeAt(j);
          if (seen.has(c)) {
            continue;
          }
          seen.add(c);
          let served = 0;
          for (let m = 0; m < literals.length; m++) {
            if (anchors[m] < 0 && literals[m].includes(String.fromCharCode(c))) {
              served++;
            }
          }
          const score = served / scanCost(c);
          if (score > bestScore) {
            bestScore = score;
            best = c;
          }
        }
      }
      const ch = String.fromCharCode(best);
      for (let m = 0; m < literals.length; m++) {
        if (anchors[m] < 0 && literals[m].includes(ch)) {
          anchors[m] = literals[m].indexOf(ch);
          left--;
        }
      }
    }
    // One scan per anchor character: for the anchor alone when it serves several literals, else for the
    // literal's tail from it (fewer stops).
    const byChar = new Map<number, number[]>();
    literals.forEach((lit, i) => {
      const c = lit.charCodeAt(anchors[i]);
      byChar.set(c, [...(byChar.get(c) ?? []), i]);
    });
    for (const [c, users] of byChar) {
      const only = users.length === 1 ? literals[users[0]].slice(anchors[users[0]]) : String.fromCharCode(c);
      this.keys.push(only);
      this.users.push(users.map(i => [i, anchors[i], literals[i]]));
    }
  }

  find(text: string): LiteralHits {
    const found: number[] = [];
    const n = this.literals.length;
    for (let s = 0; s < this.keys.length; s++) {
      const key = this.keys[s];
      const users = this.users[s];
      for (let p = text.indexOf(key); p >= 0; p = text.indexOf(key, p + 1)) {
        for (const [i, k, lit] of users) {
          if (p >= k && text.startsWith(lit, p - k)) {
            found.push((p - k) * n + i);
          }
        }
      }
    }
    return decodeHits(found, n);
  }
}

/**
 * Hits of `n` literals given as keys `start * n + which` in any order (sorted
 * in place): ascending by start, then by literal.
 */
export function decodeHits(keys: number[], n: number): LiteralHits {
  keys.sort((a, b) => a - b);
  const starts: number[] = new Array(keys.length);
  const which: number[] = new Array(keys.length);
  for (let j = 0; j < keys.length; j++) {
    which[j] = keys[j] % n;
    starts[j] = (keys[j] - which[j]) / n;
  }
  return { starts, which };
}

/**
 * The matches a global scan of `text` with `re` would find, found by trying the
 * sticky copy `sticky` only at `starts` (every offset where a match can begin;
 * extra ones are harmless): ascending, non-overlapping, leftmost first. The
 * pattern must not match the empty string.
 */
export function matchesAt(sticky: RegExp, text: string, starts: ArrayLike<number>): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let sorted = true;
  for (let j = 1; j < starts.length; j++) {
    if (starts[j] < starts[j - 1]) {
      sorted = false;
      break;
    }
  }
  const order = sorted ? starts : Float64Array.from(starts).sort();
  let from = 0;
  for (let j = 0; j < order.length; j++) {
    const s = order[j];
    if (s < from || s < 0) {
      continue; // inside the last match, tried already, or before the text
    }
    sticky.lastIndex = s;
    const m = sticky.exec(text);
    if (m) {
      out.push(m);
      from = s + m[0].length;
    } else {
      from = s + 1;
    }
  }
  return out;
}

/** `scheme://` and `www.` of the URLs that protected spans cover. */
const URL_SCHEME = new LiteralFinder(['://']);
const URL_WWW = new LiteralFinder(['www.']);
