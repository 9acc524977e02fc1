import { arabicDigitValue, parseArabicNumber, parseChineseNumber, parseCircled, parseParenDigit, toChineseNumber, toCircled } from './numerals';

/** The four levels of GB/T 9704 (`一、` `（一）` `1.` `（1）`) and the conventional fifth (`①`). */
export type PartLevel = 1 | 2 | 3 | 4 | 5;

/** A numbering marker at the start of a line, as typed. */
export interface LineMarker {
  level: PartLevel;
  value: number;
  /** Offsets of the marker (number and its mark) relative to the line text. */
  start: number;
  end: number;
  /** The marker as typed, e.g. `1、`. */
  text: string;
  /** The typed form with the number abstracted, e.g. `1、`, `(一)`, `（一）、`: two markers with the same style look alike. */
  style: string;
  /** The correct marker for this value and level, e.g. `1.`. */
  canonical: string;
  /** The form is wrong for the level (`1、`, `(一)`, `（一）、`, `一.`). */
  wrong: boolean;
}

/** The correct marker of `value` at `level`. */
export function canonicalMarker(level: PartLevel, value: number): string {
  switch (level) {
    case 1:
      return `${toChineseNumber(value)}、`;
    case 2:
      return `（${toChineseNumber(value)}）`;
    case 3:
      return `${value}.`;
    case 4:
      return `（${value}）`;
    case 5:
      return toCircled(value);
  }
}

/** A marker in the same style as `style` (see LineMarker.style) for `value`: renumbering keeps the writer's form. */
export function markerInStyle(level: PartLevel, style: string, value: number): string {
  if (level === 1 || level === 2) {
    return style.replace('一', toChineseNumber(value));
  }
  if (level === 3 || level === 4) {
    const digits = style.includes('１') ? String(value).replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) - 48 + 0xff10)) : String(value);
    return style.replace(/[1１]/, digits);
  }
  return style.startsWith('⑴') ? String.fromCharCode('⑴'.charCodeAt(0) + value - 1) + style.slice(1) : toCircled(value) + style.slice(1);
}

/** Which marker patterns can begin with a character (see MARKER_FIRST). */
const FIRST_CHINESE = 1; // LEVEL1 `一、`
const FIRST_PAREN = 2; // LEVEL2 `（一）`, LEVEL4 `（1）`
const FIRST_DIGIT = 3; // LEVEL3 `1.`
const FIRST_PAREN_DIGIT = 4; // LEVEL4_SINGLE `⑴`
const FIRST_CIRCLED = 5; // LEVEL5 `①`

/**
 * For each UTF-16 code unit, non-zero when a numbering marker can begin with it: a Chinese digit (`一`–`十`),
 * an opening parenthesis, an Arabic digit (ASCII or full-width), `⑴`–`⒇` or `①`–`⑳`. The value tells which
 * patterns to try.
 */
export const MARKER_FIRST = new Uint8Array(0x10000);
for (const [first, last, kind] of [
  [0x28, 0x28, FIRST_PAREN],
  [0xff08, 0xff08, FIRST_PAREN],
  [0x30, 0x39, FIRST_DIGIT],
  [0xff10, 0xff19, FIRST_DIGIT],
  [0x2474, 0x2487, FIRST_PAREN_DIGIT],
  [0x2460, 0x2473, FIRST_CIRCLED],
]) {
  MARKER_FIRST.fill(kind, first, last + 1);
}
for (const c of '一二三四五六七八九十') {
  MARKER_FIRST[c.charCodeAt(0)] = FIRST_CHINESE;
}

/** `0`–`9`, `０`–`９`. */
function isArabicDigit(c: number): boolean {
  return arabicDigitValue(c) >= 0;
}

// Sticky: `test` from 0 gives the match's length in lastIndex without making a match array.
const LEVEL1 = /([一二三四五六七八九十]{1,3})([、，,.．:：])/y;
/** Chinese digits by value (`一` at 1; nothing after 9). */
const CHINESE_DIGITS = '〇一二三四五六七八九';
/** After `一、二`: what makes the two numbers one phrase (`一、二季度`, `一、二、三产业`, `一、二线城市`). */
const NAMED_TOGETHER = new Set([...'、季月年产线级类期批号'].map(ch => ch.charCodeAt(0)));
const LEVEL2 = /([（(])\s*([一二三四五六七八九十]{1,3})\s*([）)])([、.．，,]?)/y;
const LEVEL3 = /([0-9０-９]{1,2})([.．、，,)）])/y;
const LEVEL4 = /([（(])\s*([0-9０-９]{1,2})\s*([）)])([、.．，,]?)/y;
const LEVEL4_SINGLE = /([⑴-⒇])([、.．，,]?)/y;
const LEVEL5 = /([①-⑳])([、.．，,]?)/y;

/**
 * The markers made so far, by their text as typed (which decides the whole marker): a document repeats a few
 * dozen markers, and each line that starts with one gets the same frozen object, not one of its own.
 */
const MADE = new Map<string, Readonly<LineMarker> | null>();
const MADE_MAX = 4096;

/**
 * The marker `re` matches at the start of `content`: null when it does not match or the marker it matches is
 * not valid (`make` returns null); undefined when `re` does not match at all.
 */
function markerOf(
  content: string,
  re: RegExp,
  make: (m: RegExpExecArray) => LineMarker | null,
): Readonly<LineMarker> | null | undefined {
  re.lastIndex = 0;
  if (!re.test(content)) {
    return undefined;
  }
  const text = content.slice(0, re.lastIndex);
  let marker = MADE.get(text);
  if (marker === undefined) {
    re.lastIndex = 0;
    const made = make(re.exec(text)!);
    marker = made && Object.freeze(made);
    if (MADE.size >= MADE_MAX) {
      MADE.clear();
    }
    MADE.set(text, marker);
  }
  return marker;
}

/**
 * Recognises a numbering marker at the start of `content` (leading white space,
 * Markdown heading marks and bold marks already removed). Returns null for
 * ordinary prose (`一年来，`, `2020年`, `2.5亿元`). Equal markers are one shared,
 * frozen object.
 */
export function matchLineMarker(content: string): Readonly<LineMarker> | null {
  // Most lines are prose: one look at the first character rejects them, or picks the patterns to try.
  switch (MARKER_FIRST[content.charCodeAt(0)]) {
    case FIRST_CHINESE:
      return matchLevel1(content);
    case FIRST_PAREN: {
      const level2 = markerOf(content, LEVEL2, level2Marker);
      return level2 === undefined ? (markerOf(content, LEVEL4, level4Marker) ?? null) : level2;
    }
    case FIRST_DIGIT:
      return matchLevel3(content);
    case FIRST_PAREN_DIGIT:
      return markerOf(content, LEVEL4_SINGLE, level4SingleMarker) ?? null;
    case FIRST_CIRCLED:
      return markerOf(content, LEVEL5, level5Marker) ?? null;
    default:
      return null;
  }
}

function matchLevel1(content: string): Readonly<LineMarker> | null {
  const marker = markerOf(content, LEVEL1, level1Marker);
  if (!marker) {
    return null;
  }
  // `一.5` or `十,000` are not headings; `一，` only counts as a marker when a heading follows, not `一，二，三`.
  const mark = content.charCodeAt(marker.end - 1);
  const next = content.charCodeAt(marker.end);
  if (mark === 0x2e || mark === 0xff0e || mark === 0x2c || mark === 0xff0c) {
    if (next !== next || isArabicDigit(next) || MARKER_FIRST[next] === FIRST_CHINESE) {
      return null;
    }
  } else if (mark === 0x3001 && next === CHINESE_DIGITS.charCodeAt(marker.value + 1) && NAMED_TOGETHER.has(content.charCodeAt(marker.end + 1))) {
    // `一、二季度`, `三、四月份`, `一、二、三产业`, `一、二线城市`: two numbers named together, not a heading (`二、三个方面` is one).
    return null;
  }
  return marker;
}

function level1Marker(m: RegExpExecArray): LineMarker | null {
  const value = parseChineseNumber(m[1]);
  if (value === null) {
    return null;
  }
  const mark = m[2];
  return { level: 1, value, start: 0, end: m[0].length, text: m[0], style: `一${mark}`, canonical: canonicalMarker(1, value), wrong: mark !== '、' };
}

/** `（一）`, `(一)`, `（一）、`. */
function level2Marker(m: RegExpExecArray): LineMarker | null {
  const value = parseChineseNumber(m[2]);
  if (value === null) {
    return null;
  }
  const style = `${m[1]}一${m[3]}${m[4]}`;
  return { level: 2, value, start: 0, end: m[0].length, text: m[0], style, canonical: canonicalMarker(2, value), wrong: style !== '（一）' };
}

function matchLevel3(content: string): Readonly<LineMarker> | null {
  const marker = markerOf(content, LEVEL3, level3Marker);
  if (!marker) {
    return null;
  }
  // `1,000`, `2.5亿元`, `5%` and a number at the end of the line are not markers.
  const next = content.charCodeAt(marker.end);
  return next !== next || isArabicDigit(next) || next === 0x25 || next === 0xff05 ? null : marker;
}

/** `1.`; `1)` at the start of a line is a level-3 item written with the wrong mark. */
function level3Marker(m: RegExpExecArray): LineMarker | null {
  const value = parseArabicNumber(m[1]);
  if (value === null || value === 0) {
    return null;
  }
  const mark = m[2];
  const digits = m[1].charCodeAt(0) >= 0xff10 || m[1].charCodeAt(m[1].length - 1) >= 0xff10 ? '１' : '1';
  const style = `${digits}${mark}`;
  return { level: 3, value, start: 0, end: m[0].length, text: m[0], style, canonical: canonicalMarker(3, value), wrong: mark !== '.' && mark !== '．' };
}

function level4Marker(m: RegExpExecArray): LineMarker | null {
  const value = parseArabicNumber(m[2]);
  if (value === null || value === 0) {
    return null;
  }
  const style = `${m[1]}1${m[3]}${m[4]}`;
  return { level: 4, value, start: 0, end: m[0].length, text: m[0], style, canonical: canonicalMarker(4, value), wrong: style !== '（1）' };
}

function level4SingleMarker(m: RegExpExecArray): LineMarker | null {
  const value = parseParenDigit(m[1]);
  if (value === null) {
    return null;
  }
  return { level: 4, value, start: 0, end: m[0].length, text: m[0], style: `⑴${m[2]}`, canonical: canonicalMarker(4, value), wrong: true };
}

function level5Marker(m: RegExpExecArray): LineMarker | null {
  const value = parseCircled(m[1]);
  if (value === null) {
    return null;
  }
  return { level: 5, value, start: 0, end: m[0].length, text: m[0], style: `①${m[2]}`, canonical: canonicalMarker(5, value), wrong: m[2] !== '' };
}

/** Chinese name of a level for messages. */
export const LEVEL_NAMES: Record<PartLevel, string> = { 1: '第一层', 2: '第二层', 3: '第三层', 4: '第四层', 5: '第五层' };

/** The marker form of a level for messages: `一、` `（一）` `1.` `（1）` `①`. */
export const LEVEL_FORMS: Record<PartLevel, string> = { 1: '一、', 2: '（一）', 3: '1.', 4: '（1）', 5: '①' };
