import type { DocContext } from '../document';
import { matchLineMarker } from '../structure/markers';
import type { OffsetFix } from '../types';
import * as chars from './chars';
import { SpanCursor } from './chars';
import { brokenSpans, mojibakeSpans } from './mojibake';
import * as scanning from './scan';
import type { DetectorMatch } from './types';

/**
 * Punctuation checks after GB/T 15834-2011 《标点符号用法》. Every detector is
 * one left-to-right pass over the text; none touches URLs, e-mail addresses or
 * (with `options.markdown`) Markdown syntax, and none inserts spaces between
 * Chinese and digits or turns `（一）` into `(一)`.
 */

// ---------------------------------------------------------------------------
// Shared helpers

// Local bindings: hot loops call these directly instead of through the module object.
const isAsciiDigit = chars.isAsciiDigit;
const isAsciiLetter = chars.isAsciiLetter;
const isChineseContext = chars.isChineseContext;
const isHan = chars.isHan;
const isHorizontalSpace = chars.isHorizontalSpace;
const isLineBreak = chars.isLineBreak;
const protectedSpans = chars.protectedSpans;
const textScan = scanning.textScan;

const MAX_SPACE_SKIP = 3;

/** Index of the nearest non-space character before `i` on the same line, or -1. */
function prevIndex(text: string, i: number): number {
  for (let j = i - 1, k = 0; j >= 0 && k <= MAX_SPACE_SKIP; j--, k++) {
    const c = text.charCodeAt(j);
    if (isLineBreak(c)) {
      return -1;
    }
    if (!isHorizontalSpace(c)) {
      return j;
    }
  }
  return -1;
}

/** Index of the nearest non-space character after `i` on the same line, or -1. */
function nextIndex(text: string, i: number): number {
  const n = text.length;
  for (let j = i + 1, k = 0; j < n && k <= MAX_SPACE_SKIP; j++, k++) {
    const c = text.charCodeAt(j);
    if (isLineBreak(c)) {
      return -1;
    }
    if (!isHorizontalSpace(c)) {
      return j;
    }
  }
  return -1;
}

function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

function replaceFix(title: string, start: number, end: number, newText: string, safe: boolean): OffsetFix {
  return { title, edits: [{ start, end, newText }], safe };
}

// ---------------------------------------------------------------------------
// punctuation.ascii — half-width `, : ; ( ) ! ? . " '` in Chinese running text

const FULL_WIDTH: Readonly<Record<number, string>> = {
  0x2e: '。',
  0x2c: '，',
  0x3a: '：',
  0x3b: '；',
  0x28: '（',
  0x29: '）',
  0x21: '！',
  0x3f: '？',
};

const PINYIN_GLOSS = /^[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*$/;

const ASCII_DETAIL: Record<number, string> = {};
const ASCII_TITLE: Record<number, string> = {};
for (const [code, full] of Object.entries(FULL_WIDTH)) {
  ASCII_DETAIL[Number(code)] = `“${String.fromCharCode(Number(code))}”应为“${full}”`;
  ASCII_TITLE[Number(code)] = Number(code) === 0x2e ? '改为句号“。”' : `改为全角“${full}”`;
}

/** Closing marks a sentence may end with before its full stop: `”` `’` `）` `》` `】` `〕`. */
const CLOSING_MARKS = new Set([0x201d, 0x2019, 0xff09, 0x300b, 0x3011, 0x3015]);
/** How far back from a dot the start of a heading number's line is looked for. */
const HEADING_PEEK = 8;
/** A line's start up to a heading number's dot (`一.`, `## 十二.`). */
const HEADING_NUMERALS = /^[ \t\u3000#]*[一二三四五六七八九十]{1,3}$/;
/** An ordinal before a dot (`第一.`, `其二.`): the dot stands for a comma there, not a full stop. */
const ORDINAL_BEFORE = /[第其][一二三四五六七八九十]{1,3}$/;

/** How far a mark between Latin words or figures looks for the Chinese text around them (`GDP增长5.5%,CPI上涨`). */
const LATIN_RUN = 12;

/**
 * Whether, from `i` in direction `dir` (-1 or 1), past one term of Latin letters, digits, `.`, `%`, `+`, `-` and
 * `_` of at most LATIN_RUN characters, the next character is Chinese (at least one character of such a term first:
 * a Chinese neighbour itself is the plain test). A space ends the term: words with spaces between them are an
 * English phrase, whose marks are its own (`他说：Hello world. 很好。`).
 */
function hanPastLatin(text: string, i: number, dir: -1 | 1): boolean {
  let j = i + dir;
  for (let k = 0; k < LATIN_RUN && j >= 0 && j < text.length; k++, j += dir) {
    const c = text.charCodeAt(j);
    if (isAsciiLetter(c) || isAsciiDigit(c) || c === 0x2e || c === 0x25 || c === 0xff05 || c === 0x2b || c === 0x2d || c === 0x5f) {
      continue;
    }
    return k > 0 && isChineseContext(c);
  }
  return false;
}

/**
 * Whether the ASCII `.` at `i` is a Chinese sentence's full stop: right after
 * an ideograph or a closing mark (`很重要.`, `“两个维护”.`), or after a figure or
 * Latin term that follows Chinese (`增长5.5%.`), and followed by Chinese or by
 * the end of the line. Not a decimal point or a number's dot
 * (`3.5`, `2026.11.20`, `1.`), a dot run (`...`), a file name (`方案.docx`),
 * the dot of a heading number (`一.加强领导`, which the structure checks report
 * as a wrong mark), or a dot after an ordinal (`第一.`, where a comma is meant).
 */
function isSentenceDot(text: string, i: number, prev: number, next: number, ni: number, lastFlagged: number): boolean {
  if (next === 0x2e || prev === 0x2e) {
    return false;
  }
  if (!isHan(prev) && !CLOSING_MARKS.has(prev) && !(prev === 0x29 && lastFlagged === i - 1)) {
    // After a figure or a Latin word at the end of a Chinese sentence: `增长5.5%.`, `版本为V2.0.`
    return !isAsciiDigit(next) && !isAsciiLetter(next) && (ni < 0 || isChineseContext(codeAt(text, ni))) && hanPastLatin(text, i, -1);
  }
  if (ni >= 0 && !isChineseContext(codeAt(text, ni))) {
    return false;
  }
  if (isHan(prev)) {
    // The line's start within a few characters: is the dot a heading number's?
    let j = i - 1;
    while (j >= 0 && i - j <= HEADING_PEEK && !isLineBreak(text.charCodeAt(j))) {
      j--;
    }
    if ((j < 0 || isLineBreak(text.charCodeAt(j))) && HEADING_NUMERALS.test(text.slice(j + 1, i))) {
      return false;
    }
    if (ORDINAL_BEFORE.test(text.slice(Math.max(0, i - 4), i))) {
      return false;
    }
  }
  return true;
}

/**
 * Pairs ASCII parentheses on each line and decides per pair whether it belongs
 * to Chinese text: Chinese inside, or Chinese right before `(` / after `)`.
 * Returns the verdict for every paired position.
 */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** How much of a parenthesis' content is looked at for Chinese. */
const PAREN_PEEK = 200;

function asciiParenPairs(doc: DocContext, spans: SpanCursor): Map<number, boolean> {
  const text = doc.text;
  const verdict = new Map<number, boolean>();
  const stack: number[] = [];
  const { lineStarts } = doc.lines;
  const marks = textScan(doc).asciiMarks;
  let line = 0;
  for (let j = 0; j < marks.length; j++) {
    const i = marks.data[j];
    const c = text.charCodeAt(i);
    if (c !== 0x28 && c !== 0x29) {
      continue;
    }
    if (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) {
      // A line break since the last parenthesis.
      stack.length = 0;
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) {
        line++;
      }
    }
    if (spans.covers(i)) {
      continue;
    }
    if (c === 0x28) {
      stack.push(i);
    } else if (stack.length > 0) {
      const open = stack.pop() as number;
      const inner = text.slice(open + 1, Math.min(i, open + 1 + PAREN_PEEK));
      // `發(fā)展`: a pinyin gloss (site residue), not a Chinese parenthesis.
      const gloss = i - open <= 8 && PINYIN_GLOSS.test(inner);
      const chinese =
        !gloss &&
        (HAN.test(inner) || isChineseContext(codeAt(text, prevIndex(text, open))) || isChineseContext(codeAt(text, nextIndex(text, i))));
      verdict.set(open, chinese);
      verdict.set(i, chinese);
    }
  }
  return verdict;
}

/**
 * Pairs ASCII quotes on each line (`"` with the next `"`, `'` with the next
 * `'` that is not an apostrophe inside a Latin word) and gives each quote of a
 * pair in Chinese text its Chinese form: `“` `”`, or `‘` `’` for a pair of
 * single quotes inside double ones (GB/T 15834: the outer quotes are double,
 * the inner single; single quotes alone become double ones). A pair is in
 * Chinese text when it holds Chinese: an English quotation (`他引用了
 * "Hello, world"`) keeps its marks, as its commas do. An unpaired quote is
 * left alone.
 */
function asciiQuotePairs(doc: DocContext, spans: SpanCursor): Map<number, string> {
  const text = doc.text;
  const out = new Map<number, string>();
  const { lineStarts } = doc.lines;
  const marks = textScan(doc).asciiMarks;
  let line = -1;
  let openDouble = -1;
  let openSingle = -1;
  /** Double pairs of the current line, as [open, close] (ASCII pairs in Chinese text only). */
  let doubles: Array<[number, number]> = [];
  /** Depth in Chinese double quotes (`“…”`) of the current line up to `depthAt`, read forwards once per line. */
  let depth = 0;
  let depthAt = 0;
  // Chinese inside, or a Latin term quoted in a Chinese sentence (`发展"低空经济"和"AI+"产业`).
  const holdsChinese = (open: number, close: number) =>
    HAN.test(text.slice(open + 1, Math.min(close, open + 1 + PAREN_PEEK))) || (isHan(codeAt(text, open - 1)) && isHan(codeAt(text, close + 1)));
  for (let j = 0; j < marks.length; j++) {
    const i = marks.data[j];
    const c = text.charCodeAt(i);
    if ((c !== 0x22 && c !== 0x27) || spans.covers(i)) {
      continue;
    }
    if (line < 0 || (line + 1 < lineStarts.length && lineStarts[line + 1] <= i)) {
      // A new line: quotes pair only within a line.
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) {
        line++;
      }
      openDouble = -1;
      openSingle = -1;
      doubles = [];
      depth = 0;
      depthAt = lineStarts[line];
    }
    if (c === 0x22) {
      if (openDouble < 0) {
        openDouble = i;
      } else {
        if (holdsChinese(openDouble, i)) {
          out.set(openDouble, '“');
          out.set(i, '”');
          doubles.push([openDouble, i]);
        }
        openDouble = -1;
      }
      continue;
    }
    // An apostrophe inside or at the end of a Latin word (`people's`, `Xi'an`, `students'`) pairs with nothing.
    if (isAsciiLetter(codeAt(text, i - 1)) && (isAsciiLetter(codeAt(text, i + 1)) || openSingle < 0)) {
      continue;
    }
    if (openSingle < 0) {
      openSingle = i;
      continue;
    }
    const open = openSingle;
    openSingle = -1;
    if (!holdsChinese(open, i)) {
      continue;
    }
    // Inside double quotes (Chinese ones, or an ASCII pair of this line, closed or still open)? The pairs of a line come
    // in order, so the depth goes on from where the last pair left it.
    for (; depthAt < open; depthAt++) {
      const d = text.charCodeAt(depthAt);
      if (d === 0x201c) {
        depth++;
      } else if (d === 0x201d && depth > 0) {
        depth--;
      }
    }
    const inner = depth > 0 || openDouble >= 0 || doubles.some(([a, b]) => a < open && i < b);
    out.set(open, inner ? '‘' : '“');
    out.set(i, inner ? '’' : '”');
  }
  return out;
}

/** `&nbsp;`, `&#12290;`: the `;` of an HTML entity. */
function isEntityEnd(text: string, i: number): boolean {
  for (let j = i - 1, k = 0; j >= 0 && k < 10; j--, k++) {
    const c = text.charCodeAt(j);
    if (c === 0x26) {
      return k > 0;
    }
    if (!isAsciiLetter(c) && !isAsciiDigit(c) && c !== 0x23) {
      return false;
    }
  }
  return false;
}

export function detectAsciiPunctuation(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const spans = new SpanCursor(protectedSpans(doc));
  const suspect = new SpanCursor(mojibakeSpans(doc));
  const parens = asciiParenPairs(doc, new SpanCursor(protectedSpans(doc)));
  const quotes = asciiQuotePairs(doc, new SpanCursor(protectedSpans(doc)));
  const out: DetectorMatch[] = [];
  let lastFlagged = -10;
  const marks = textScan(doc).asciiMarks;
  for (let j = 0; j < marks.length; j++) {
    const i = marks.data[j];
    const c = text.charCodeAt(i);
    if (spans.covers(i) || suspect.covers(i)) {
      continue;
    }
    const prev = codeAt(text, i - 1);
    const next = codeAt(text, i + 1);
    const pi = prevIndex(text, i);
    const ni = nextIndex(text, i);
    // A mark right after one we just converted is in the same Chinese context: `(完整),`.
    const prevChinese = isChineseContext(codeAt(text, pi)) || (pi >= 0 && pi === lastFlagged);
    const nextChinese = isChineseContext(codeAt(text, ni));
    // Between figures or Latin words of a Chinese sentence: `GDP增长5.5%,CPI上涨0.2%`.
    const amidChinese = () => hanPastLatin(text, i, -1) && hanPastLatin(text, i, 1);
    let chinese = false;
    switch (c) {
      case 0x2c: // ,
        chinese = !(isAsciiDigit(prev) && isAsciiDigit(next)) && (prevChinese || nextChinese || amidChinese());
        break;
      case 0x3a: // :
        chinese =
          !(isAsciiDigit(prev) && isAsciiDigit(next)) && next !== 0x2f && next !== 0x5c && (prevChinese || nextChinese);
        break;
      case 0x3b: // ;
        chinese = !isEntityEnd(text, i) && (prevChinese || nextChinese || amidChinese());
        break;
      case 0x2e: // .
        chinese = isSentenceDot(text, i, prev, next, ni, lastFlagged);
        break;
      case 0x21: // !
      case 0x3f: // ?
        // `??`, `?!` runs are lost characters (see encoding), `!=` is code.
        chinese =
          (prevChinese || (hanPastLatin(text, i, -1) && (nextChinese || ni < 0))) &&
          next !== 0x3f &&
          next !== 0x21 &&
          next !== 0x3d &&
          prev !== 0x3f &&
          prev !== 0x21;
        break;
      case 0x28: // (
      case 0x29: {
        // )
        const paired = parens.get(i);
        chinese = paired ?? (prevChinese || nextChinese);
        break;
      }
      case 0x22: // "
      case 0x27: {
        // '
        const quote = quotes.get(i);
        if (quote !== undefined) {
          const opening = quote === '“' || quote === '‘';
          out.push({
            start: i,
            end: i + 1,
            detail: `英文引号 ${String.fromCharCode(c)} 应为中文${opening ? '前' : '后'}引号 ${quote}`,
            fixes: [{ title: `改为中文${opening ? '前' : '后'}引号 ${quote}`, edits: [{ start: i, end: i + 1, newText: quote }], safe: true }],
          });
          lastFlagged = i;
        }
        continue;
      }
    }
    if (!chinese) {
      continue;
    }
    const full = FULL_WIDTH[c];
    // A full-width mark carries its own spacing: drop the ASCII spaces after it (`同志们: 今天`).
    let editEnd = i + 1;
    if (c !== 0x28 && ni > i + 1 && isChineseContext(codeAt(text, ni))) {
      let allSpaces = true;
      for (let j = i + 1; j < ni; j++) {
        if (text.charCodeAt(j) !== 0x20) {
          allSpaces = false;
        }
      }
      if (allSpaces) {
        editEnd = ni;
      }
    }
    out.push({
      start: i,
      end: editEnd,
      detail: ASCII_DETAIL[c],
      fixes: [{ title: ASCII_TITLE[c], edits: [{ start: i, end: editEnd, newText: full }], safe: true }],
    });
    lastFlagged = i;
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.pairs / punctuation.nesting — quotes and brackets

const enum Kind {
  Double = 0,
  Single = 1,
  Paren = 2,
  Book = 3,
  Angle = 4,
  Lenticular = 5,
  Tortoise = 6,
  WhiteLenticular = 7,
}

const OPEN_NAME = ['“', '‘', '（', '《', '〈', '【', '〔', '〖'];
const CLOSE_NAME = ['”', '’', '）', '》', '〉', '】', '〕', '〗'];

/** Kind of each opening / closing mark by char code (-1: not a paired mark). ASCII parentheses pair like full-width ones. */
const OPENER = new Int8Array(0x10000).fill(-1);
const CLOSER = new Int8Array(0x10000).fill(-1);
for (const [open, close, kind] of [
  [0x201c, 0x201d, Kind.Double],
  [0x2018, 0x2019, Kind.Single],
  [0xff08, 0xff09, Kind.Paren],
  [0x28, 0x29, Kind.Paren],
  [0x300a, 0x300b, Kind.Book],
  [0x3008, 0x3009, Kind.Angle],
  [0x3010, 0x3011, Kind.Lenticular],
  [0x3014, 0x3015, Kind.Tortoise],
  [0x3016, 0x3017, Kind.WhiteLenticular],
] as const) {
  OPENER[open] = kind;
  CLOSER[close] = kind;
}

function openerKind(c: number): number {
  return OPENER[c];
}

function closerKind(c: number): number {
  return CLOSER[c];
}

/** How deep a closer looks for its opener before calling itself unmatched. */
const MAX_CROSS = 4;

interface PairAnalysis {
  unbalanced: DetectorMatch[];
  nesting: DetectorMatch[];
}

/** `1）`, `a)`, `十)` at the start of a line: a list label, not a lone bracket. */
function isListLabel(text: string, lineStart: number, i: number): boolean {
  if (i - lineStart > 8) {
    return false;
  }
  return /^\s*[0-9A-Za-z一二三四五六七八九十]{1,3}$/.test(text.slice(lineStart, i));
}

/** The next non-empty line after `lineEnd` starts with `“` (a quotation running over several paragraphs). */
function nextParagraphOpensQuote(text: string, lineEnd: number): boolean {
  const n = text.length;
  let j = lineEnd;
  let k = 0;
  while (j < n && k < 200) {
    const c = text.charCodeAt(j);
    if (isLineBreak(c) || isHorizontalSpace(c)) {
      j++;
      k++;
      continue;
    }
    return c === 0x201c;
  }
  return false;
}

function analysePairs(doc: DocContext): PairAnalysis {
  return doc.memo('gongwen.punctuation.pairs', d => computePairs(d));
}

function computePairs(doc: DocContext): PairAnalysis {
  const text = doc.text;
  const n = text.length;
  const spans = new SpanCursor(protectedSpans(doc));
  const unbalanced: DetectorMatch[] = [];
  const nesting: DetectorMatch[] = [];
  // The stack of open marks: entries below `sp` (kept as arrays; truncating is moving `sp`).
  const stackPos: number[] = [];
  const stackKind: number[] = [];
  let sp = 0;
  /** Inner pairs of the same quote kind, confirmed once their outer pair closes: [outerPos, innerOpen, innerClose, kind]. */
  const pending: number[][] = [];

  const unclosed = (pos: number, kind: number) =>
    unbalanced.push({ start: pos, end: pos + 1, detail: `“${OPEN_NAME[kind]}”缺少对应的“${CLOSE_NAME[kind]}”` });

  const popMatched = (index: number, closePos: number) => {
    const kind = stackKind[index];
    const openPos = stackPos[index];
    sp = index;
    // Confirm inner same-kind pairs of this pair.
    while (pending.length > 0 && pending[pending.length - 1][0] === openPos) {
      const [, innerOpen, innerClose, innerKind] = pending.pop() as number[];
      const [o, c] = innerKind === Kind.Double ? ['‘', '’'] : ['〈', '〉'];
      nesting.push({
        start: innerOpen,
        end: innerClose + 1,
        detail:
          innerKind === Kind.Double
            ? `双引号内再用引号应改为单引号“${o}${c}”`
            : `书名号内再用书名号应改为“${o}${c}”`,
        fixes: [
          {
            title: `内层改为“${o}${c}”`,
            edits: [
              { start: innerOpen, end: innerOpen + 1, newText: o },
              { start: innerClose, end: innerClose + 1, newText: c },
            ],
            safe: false,
          },
        ],
      });
    }
    if (kind === Kind.Double || kind === Kind.Book) {
      // The nearest enclosing mark of the same family decides whether this pair nests wrongly.
      const other = kind === Kind.Double ? Kind.Single : Kind.Angle;
      for (let j = index - 1; j >= 0 && index - j <= MAX_CROSS; j--) {
        if (stackKind[j] === kind) {
          pending.push([stackPos[j], openPos, closePos, kind]);
          break;
        }
        if (stackKind[j] === other) {
          break;
        }
      }
    }
  };

  let lineStart = 0;
  /** Per quote kind: the finding of the last unmatched closing quote on this line, if no quote of that kind came after it. */
  const strayClose: Array<DetectorMatch | null> = [null, null];
  const endLine = (lineEnd: number) => {
    for (let k = 0; k < sp; k++) {
      if (stackKind[k] === Kind.Double && nextParagraphOpensQuote(text, lineEnd)) {
        continue;
      }
      const before = unbalanced.length;
      unclosed(stackPos[k], stackKind[k]);
      const kind = stackKind[k];
      const stray = kind <= Kind.Single ? strayClose[kind] : null;
      if (stray && stray.start < stackPos[k]) {
        // `开展”打非治违“专项行动`: the two quotes are turned round.
        const fix: OffsetFix = {
          title: `改为“${OPEN_NAME[kind]}…${CLOSE_NAME[kind]}”`,
          edits: [
            { start: stray.start, end: stray.start + 1, newText: OPEN_NAME[kind] },
            { start: stackPos[k], end: stackPos[k] + 1, newText: CLOSE_NAME[kind] },
          ],
          safe: false,
        };
        stray.fixes = [fix];
        unbalanced[before].fixes = [fix];
        strayClose[kind] = null;
      }
    }
    strayClose[0] = null;
    strayClose[1] = null;
    sp = 0;
    if (pending.length > 0) {
      pending.length = 0;
    }
  };

  const { lineStarts } = doc.lines;
  const marks = textScan(doc).pairMarks;
  let line = 0;
  for (let j = 0; j < marks.length; j++) {
    const i = marks.data[j];
    const c = text.charCodeAt(i);
    if (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) {
      // The lines since the last mark have ended (only the one that had marks can leave anything open).
      endLine(doc.lines.lineEnd(line));
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) {
        line++;
      }
      lineStart = lineStarts[line];
    }
    let kind = openerKind(c);
    if (kind >= 0) {
      if (spans.covers(i)) {
        continue;
      }
      if (kind === Kind.Single && isAsciiLetter(codeAt(text, i - 1)) && isAsciiLetter(codeAt(text, i + 1))) {
        continue;
      }
      stackPos[sp] = i;
      stackKind[sp] = kind;
      sp++;
      continue;
    }
    kind = closerKind(c);
    if (kind < 0 || spans.covers(i)) {
      continue;
    }
    // `don’t`, `90’s`: an apostrophe.
    if (kind === Kind.Single && (isAsciiLetter(codeAt(text, i - 1)) || isAsciiDigit(codeAt(text, i - 1)))) {
      const top = sp > 0 ? stackKind[sp - 1] : -1;
      if (top !== Kind.Single) {
        continue;
      }
    }
    const top = sp - 1;
    if (top >= 0 && stackKind[top] === kind) {
      popMatched(top, i);
      continue;
    }
    let found = -1;
    for (let j = top - 1; j >= 0 && top - j <= MAX_CROSS; j--) {
      if (stackKind[j] === kind) {
        found = j;
        break;
      }
    }
    if (found >= 0) {
      // The marks opened after the matching one were never closed: `（《决定）`.
      for (let k = found + 1; k <= top; k++) {
        unclosed(stackPos[k], stackKind[k]);
      }
      popMatched(found, i);
      continue;
    }
    if (kind === Kind.Paren && isListLabel(text, lineStart, i)) {
      continue;
    }
    const stray: DetectorMatch = { start: i, end: i + 1, detail: `“${CLOSE_NAME[kind]}”前面没有对应的“${OPEN_NAME[kind]}”` };
    unbalanced.push(stray);
    if (kind <= Kind.Single) {
      strayClose[kind] = stray;
    }
  }
  endLine(doc.lines.lineEnd(line));
  endLine(n);
  // Where characters were lost in decoding, a lost quote or bracket is the encoding rule's finding.
  const damaged = new Set<number>();
  for (const b of brokenSpans(doc)) {
    if (b.kind !== 'pinyin-annotation' && b.kind !== 'utf8-as-latin1') {
      damaged.add(doc.lines.lineAt(b.start));
    }
  }
  const intact = (m: DetectorMatch) => damaged.size === 0 || !damaged.has(doc.lines.lineAt(m.start));
  return {
    unbalanced: unbalanced.filter(intact).sort((a, b) => a.start - b.start),
    nesting: nesting.filter(intact).sort((a, b) => a.start - b.start),
  };
}

export function detectUnbalancedPairs(doc: DocContext): DetectorMatch[] {
  return analysePairs(doc).unbalanced;
}

export function detectWrongNesting(doc: DocContext): DetectorMatch[] {
  return analysePairs(doc).nesting;
}

// ---------------------------------------------------------------------------
// punctuation.book-title — 《》 around names of meetings, events and bodies

const MEETING_SUFFIX =
  /(?:会议|大会|全会|常委会|委员会|座谈会|研讨会|推进会|动员会|表彰会|报告会|见面会|发布会|交流会|现场会|调度会|联席会|茶话会|恳谈会|论坛|峰会|博览会|展览会|交易会|运动会|活动|仪式|典礼|开幕式|闭幕式|培训班|学习班|研修班|比赛|竞赛|大赛)$/;

const MAX_TITLE = 60;
/** Before a title in 《》: it names a broadcast programme (a work, which takes 《》). */
const PROGRAMME_BEFORE = /收看|观看|收听|播出|播放|节目|栏目|电视|央视|卫视|电台/;
/** After it: `……》节目`, `……》等优秀节目`. */
const PROGRAMME_AFTER = /^(?:等[^，。；、]{0,4})?(?:节目|栏目|晚会|纪录片|专题片)/;

export function detectBookTitleMeeting(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  let from = 0;
  const marks = textScan(doc).pairMarks;
  for (let k = 0; k < marks.length; k++) {
    const open = marks.data[k];
    if (open < from || text.charCodeAt(open) !== 0x300a) {
      continue;
    }
    from = open + 1;
    let close = -1;
    for (let j = open + 1; j < text.length && j - open <= MAX_TITLE; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x300b) {
        close = j;
        break;
      }
      if (c === 0x300a || isLineBreak(c)) {
        break;
      }
    }
    if (close < 0) {
      continue;
    }
    const name = text.slice(open + 1, close);
    const m = MEETING_SUFFIX.exec(name);
    if (!m || name.length <= m[0].length) {
      continue;
    }
    // A programme of that name is a work: 收看《中国诗词大会》, 《开学典礼》节目.
    if (PROGRAMME_BEFORE.test(text.slice(Math.max(0, open - 8), open)) || PROGRAMME_AFTER.test(text.slice(close + 1, close + 8))) {
      continue;
    }
    out.push({
      start: open,
      end: close + 1,
      detail: name,
      fixes: [
        {
          title: '删除书名号',
          edits: [
            { start: open, end: open + 1, newText: '' },
            { start: close, end: close + 1, newText: '' },
          ],
          safe: false,
        },
        {
          title: '改为引号',
          edits: [
            { start: open, end: open + 1, newText: '“' },
            { start: close, end: close + 1, newText: '”' },
          ],
          safe: false,
        },
      ],
    });
    from = close + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.repeated — `。。`, `，，`, `，。`

/**
 * Runs of two or more of `，。、；：！？`: the shared character pass records the
 * second and every later mark of each run.
 */
function pointRuns(doc: DocContext): Array<[number, number]> {
  const seconds = textScan(doc).pointRuns;
  const runs: Array<[number, number]> = [];
  for (let k = 0; k < seconds.length; k++) {
    const i = seconds.data[k];
    const last = runs[runs.length - 1];
    if (last && last[1] === i) {
      last[1] = i + 1;
    } else {
      runs.push([i - 1, i + 1]);
    }
  }
  return runs;
}

export function detectRepeatedMarks(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const [i, j] of pointRuns(doc)) {
    const run = text.slice(i, j);
    const onlyStops = /^。+$/.test(run);
    const onlyEmphasis = /^[！？]+$/.test(run); // `？！`, `！！` are allowed (GB/T 15834 §4.2 问号, §4.3 叹号)
    if ((onlyStops && run.length >= 3) || onlyEmphasis) {
      continue;
    }
    const first = run[0];
    const last = run[run.length - 1];
    const same = run.split('').every(ch => ch === first);
    const fixes: OffsetFix[] = same
      ? [replaceFix(`保留一个“${first}”`, i, j, first, true)]
      : [replaceFix(`保留“${last}”`, i, j, last, false)];
    if (!same && first !== last) {
      fixes.push(replaceFix(`保留“${first}”`, i, j, first, false));
    }
    out.push({ start: i, end: j, detail: run, fixes });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.line-start — a paragraph broken before a mark that ends a clause

/** Marks that end or split a clause and so never begin a line of running text: `，、；：。！？` and ASCII `, ; :`. */
const CLAUSE_MARK = new Set([...'，、；：。！？,;:'].map(ch => ch.charCodeAt(0)));

/**
 * A line that begins with `，、；：。！？` (or ASCII `, ; :`) right under a line
 * with text: the paragraph was broken there (`同志们\n：`, text copied from a
 * PDF or a web page). One finding per such line, on the mark; the fix joins
 * the line to the one above (the line break and the spaces around it go).
 * Lines in Markdown code are left alone.
 */
export function detectLineStartMark(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const { lineStarts } = doc.lines;
  const scan = textScan(doc);
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  for (let l = 1; l < lineStarts.length; l++) {
    const at = scan.trimStart[l];
    if (at >= scan.trimEnd[l] || !CLAUSE_MARK.has(text.charCodeAt(at))) {
      continue;
    }
    // The line above must have text: a blank line between is a paragraph of its own.
    if (scan.trimStart[l - 1] >= scan.trimEnd[l - 1] || spans.covers(at)) {
      continue;
    }
    const mark = text[at];
    out.push({
      start: at,
      end: at + 1,
      detail: mark,
      fixes: [replaceFix('与上一行相接', scan.trimEnd[l - 1], at, '', true)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.broken-line — a paragraph broken inside a word (`依法履` / `职，`)

/** Marks that may follow the fragment of a broken word at the start of the next line. */
const FRAGMENT_END = new Set([...'，、；。,;'].map(ch => ch.charCodeAt(0)));

/** Words of one or two characters that do open a sentence or a sequence (`同时，`, `第一，`, `谢谢。`). */
const OPENERS = new Set(
  (
    '好 同时 此外 但是 可是 然而 因此 所以 因而 为此 对此 由此 首先 其次 再次 最后 另外 总之 ' +
    '当前 目前 现在 今年 去年 明年 近年 今后 以后 此后 其中 其实 比如 例如 诚然 当然 显然 可见 一是 二是 三是 四是 ' +
    '五是 六是 七是 八是 九是 十是 一要 二要 三要 四要 五要 六要 第一 第二 第三 第四 第五 第六 第七 第八 第九 第十 ' +
    '谢谢 我想 我看 各位 大家'
  ).split(' '),
);

/** A title block's date line: `（2026年3月5日）`, `(二〇二六年三月五日)`. */
const DATE_LINE = /^[（(]\s*(?:[0-9]{4}|[一二][〇零○0][一二三四五六七八九〇零○0]{2})\s*年[^（()）]{0,12}[）)]$/;

/**
 * A line of running text that ends with an ideograph and no mark, and a next
 * line (no blank line between) that begins with a fragment of one or two
 * ideographs and then `，、；。` — or is itself only one or two ideographs with
 * text below it: the paragraph was broken inside a word when it was copied
 * (`认真依法履` / `职，取得了明显成效。`). The line above must be running text:
 * at least ten characters with a clause mark, not a heading; the fragment must
 * not be a heading, a sequence word or a usual sentence opener (`同时，`,
 * `第一，`). One finding per break, on the fragment; the fix (not in fix-all)
 * joins the lines.
 */
export function detectBrokenLine(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const { lineStarts } = doc.lines;
  const lineCount = lineStarts.length;
  const scan = textScan(doc);
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  for (let l = 1; l < lineCount; l++) {
    const at = scan.trimStart[l];
    const end = scan.trimEnd[l];
    if (at >= end || !isHan(text.charCodeAt(at))) {
      continue;
    }
    // The line above: running text that stops at an ideograph.
    const aStart = scan.trimStart[l - 1];
    const aEnd = scan.trimEnd[l - 1];
    if (aEnd - aStart < 10 || !isHan(text.charCodeAt(aEnd - 1)) || scan.lineClause[l] - scan.lineClause[l - 1] < 2) {
      continue;
    }
    // The fragment: one or two ideographs, then a mark that goes on the sentence, or the end of a short line.
    let f = at;
    while (f < end && f - at < 3 && isHan(text.charCodeAt(f))) {
      f++;
    }
    const n = f - at;
    let fragment: boolean;
    if (n > 2) {
      fragment = false;
    } else if (f < end) {
      fragment = FRAGMENT_END.has(text.charCodeAt(f));
    } else {
      // A line of one or two ideographs alone, with text right below it that is not a title block's date (a title,
      // the speaker `李强`, then `（2026年3月5日）`).
      fragment = l + 1 < lineCount && scan.trimStart[l + 1] < scan.trimEnd[l + 1] && !DATE_LINE.test(text.slice(scan.trimStart[l + 1], scan.trimEnd[l + 1]));
    }
    // The cursor only moves forwards: the end of the line above before the start of this one.
    if (!fragment || OPENERS.has(text.slice(at, f)) || spans.covers(aEnd - 1) || spans.covers(at)) {
      continue;
    }
    const aFirst = text.charCodeAt(aStart);
    if (aFirst === 0x23 || aFirst === 0x3e || aFirst === 0x7c || aFirst === 0x2d || aFirst === 0x2a) {
      continue; // a Markdown heading, quotation, table row or list item
    }
    if (matchLineMarker(text.slice(aStart, Math.min(aEnd, aStart + 16))) || matchLineMarker(text.slice(at, Math.min(end, at + 16)))) {
      continue;
    }
    out.push({
      start: at,
      end: f,
      detail: `${text.slice(Math.max(aStart, aEnd - 4), aEnd)}⏎${text.slice(at, f)}`,
      fixes: [replaceFix('与上一行相接', aEnd, at, '', false)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.space-between-han — `意见和 建议` in running text

/** Lines of running text are those with one of these (a title, a speaker line or a list of names has none). */
const RUNNING_TEXT_MARKS = /[，。；,;]/;

/**
 * Spaces (ASCII, no-break or full-width) between two ideographs in a line of
 * running text: Chinese text has no spaces between its characters, so these
 * are left from copying or aligning (`提出的意见和 建议`). A title set in two
 * parts (`坚持党的领导 依法行使职权`) and the speaker line have no clause
 * marks and are left alone, as are Markdown code and URLs. One finding per
 * run of spaces; the fix (not in fix-all) deletes it.
 */
export function detectSpaceBetweenHan(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const lines = doc.lines;
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  /** The line last looked at, and whether it is running text. */
  let line = -1;
  let running = false;
  const spaces = textScan(doc).spaceMarks;
  for (let k = 0; k < spaces.length; k++) {
    const i = spaces.data[k];
    if (!isHan(codeAt(text, i - 1))) {
      continue;
    }
    let j = i;
    while (j < text.length && j - i < 4 && isHorizontalSpace(text.charCodeAt(j))) {
      j++;
    }
    if (j >= text.length || !isHan(text.charCodeAt(j)) || spans.covers(i)) {
      continue;
    }
    const l = lines.lineAt(i);
    if (l !== line) {
      line = l;
      running = RUNNING_TEXT_MARKS.test(text.slice(lines.lineStarts[l], lines.lineEnd(l)));
    }
    if (!running) {
      continue;
    }
    out.push({
      start: i,
      end: j,
      detail: `${text.slice(Math.max(i - 3, lines.lineStarts[l]), i)}␣${text.slice(j, Math.min(j + 3, lines.lineEnd(l)))}`,
      fixes: [replaceFix('删除空格', i, j, '', false)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.ellipsis — `…`, `………`, `。。。`, `......`, `···`, `⋯⋯`

/**
 * Ellipsis-like runs, ascending: every run of `…`/`⋯`, and every run of three
 * or more of one of `。.．·・‧` (the matches of
 * `[…⋯]+|。{3,}|\.{3,}|．{3,}|·{3,}|・{3,}|‧{3,}`). The shared character pass
 * records each `…`/`⋯` and the third and later characters of each dot run.
 */
function ellipsisRuns(doc: DocContext): Array<[number, number]> {
  return doc.memo('gongwen.punctuation.ellipsisRuns', d => {
    const text = d.text;
    const scan = textScan(d);
    const runs: Array<[number, number]> = [];
    /** A run character at `i` (for a dot run: the third of three in a row, from `first`). */
    const add = (i: number, first: number) => {
      const last = runs[runs.length - 1];
      const c = text.charCodeAt(i);
      if (last && last[1] === i) {
        const d = text.charCodeAt(last[0]);
        if (d === c || (isEllipsisChar(c) && isEllipsisChar(d))) {
          last[1] = i + 1;
          return;
        }
      }
      runs.push([first, i + 1]);
    };
    // Merge the two ascending lists.
    const marks = scan.ellipsisMarks;
    const dots = scan.dotRuns;
    let a = 0;
    let b = 0;
    for (;;) {
      const ma = a < marks.length ? marks.data[a] : Infinity;
      const mb = b < dots.length ? dots.data[b] : Infinity;
      if (ma === Infinity && mb === Infinity) {
        break;
      }
      if (ma < mb) {
        add(ma, ma);
        a++;
      } else {
        add(mb, mb - 2);
        b++;
      }
    }
    return runs;
  });
}

function isEllipsisChar(c: number): boolean {
  return c === 0x2026 || c === 0x22ef;
}

export function detectEllipsis(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const n = text.length;
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  for (const [start, j] of ellipsisRuns(doc)) {
    const run = text.slice(start, j);
    const c = text.charCodeAt(start);
    if (spans.covers(j - 1)) {
      continue;
    }
    if (c === 0x2026 || c === 0x22ef) {
      if (run === '……') {
        continue;
      }
      // Twelve dots on a line of their own mark a left-out paragraph.
      if (run === '…………' && text.slice(doc.lines.lineStarts[doc.lines.lineAt(start)], start).trim() === '') {
        const after = text.indexOf('\n', j);
        if (text.slice(j, after < 0 ? n : after).trim() === '') {
          continue;
        }
      }
    } else if (c !== 0x3002) {
      // Dots: only in Chinese running text, never in numbers, code or Latin text.
      const prev = codeAt(text, prevIndex(text, start));
      const next = codeAt(text, nextIndex(text, j - 1));
      if (!isChineseContext(prev) && !isChineseContext(next)) {
        continue;
      }
      if (isAsciiDigit(prev) && isAsciiDigit(next)) {
        continue;
      }
    }
    out.push({
      start,
      end: j,
      detail: run,
      fixes: [replaceFix('改为“……”', start, j, '……', true)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.ellipsis-etc — `……等`, `……等等`, `……什么的`

const NOT_DENG = /^[待候于同级次到]/;


export function detectEllipsisEtc(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // After each ellipsis-like run (up to two spaces between): 等, 等等, 什么的.
  for (const [runStart, runEnd] of ellipsisRuns(doc)) {
    let at = runEnd;
    while (at < runEnd + 2 && isHorizontalSpace(text.charCodeAt(at))) {
      at++;
    }
    let word: string;
    if (text.charCodeAt(at) === 0x7b49) {
      if (text.charCodeAt(at + 1) === 0x7b49) {
        word = '等等';
      } else if (NOT_DENG.test(text.slice(at + 1, at + 2))) {
        continue;
      } else {
        word = '等';
      }
    } else if (text.startsWith('什么的', at)) {
      word = '什么的';
    } else {
      continue;
    }
    out.push({
      start: runStart,
      end: at + word.length,
      detail: word,
      fixes: [replaceFix(`删除“${word}”`, runEnd, at + word.length, '', false)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// punctuation.subtitle-dash — `—在全市人大工作会议上的讲话`

function isDashLike(c: number): boolean {
  return c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x2015 || c === 0x2013 || c === 0x2500 || c === 0x2501 || c === 0x2212;
}

const SPEECH_END = /(?:讲话|发言|致辞|讲话稿|讲话提纲|讲话要点|主持词|报告|演讲|贺词|答谢词|讲稿)(?:\s*[（(][^（()）]{1,10}[)）])?\s*$/;
const MAX_SUBTITLE = 120;

export function detectSubtitleDash(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const { lineStarts } = doc.lines;
  const out: DetectorMatch[] = [];
  const marks = textScan(doc).dashMarks;
  let l = -1;
  let start = 0;
  let end = 0;
  let next = 0;
  for (let k = 0; k < marks.length; k++) {
    const i = marks.data[k];
    if (i < next) {
      continue;
    }
    if (l < 0 || i >= end) {
      l = doc.lines.lineAt(i);
      start = lineStarts[l];
      end = doc.lines.lineEnd(l);
    }
    if (end - start > MAX_SUBTITLE || end === start) {
      next = end;
      continue;
    }
    let j = i;
    while (j < end && isDashLike(text.charCodeAt(j))) {
      j++;
    }
    next = j;
    const run = text.slice(i, j);
    const before = text.slice(start, i);
    const after = text.slice(j, end).trim();
    const atLineStart = before.trim() === '';
    const afterTitle = isHan(codeAt(text, i - 1)) || codeAt(text, i - 1) === 0x300b;
    // U+2015 HORIZONTAL BAR is what older GB2312 tables give for the 破折号: two of them are a 破折号 too.
    if (/^[—―]{2}$/.test(run) || (!atLineStart && !afterTitle)) {
      continue;
    }
    if (!(isHan(after.charCodeAt(0)) || /^[×Xx＊*]/.test(after)) || !after.includes('在') || !SPEECH_END.test(after)) {
      continue;
    }
    out.push({
      start: j - run.length,
      end: j,
      detail: run,
      fixes: [replaceFix('改为破折号“——”', j - run.length, j, '——', true)],
    });
  }
  return out;
}
