import { parseArabicNumber, parseChineseNumber, parseCircled, parseParenDigit, toChineseNumber, toCircled } from './numerals';

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

/**
 * For each UTF-16 code unit, 1 when a numbering marker can begin with it: a Chinese digit (`一`–`十`),
 * an Arabic digit (ASCII or full-width), an opening parenthesis, `①`–`⑳` or `⑴`–`⒇`.
 */
export const MARKER_FIRST = new Uint8Array(0x10000);
for (const [first, last] of [
  [0x28, 0x28],
  [0x30, 0x39],
  [0x2460, 0x2487],
  [0xff08, 0xff08],
  [0xff10, 0xff19],
]) {
  MARKER_FIRST.fill(1, first, last + 1);
}
for (const c of '一二三四五六七八九十') {
  MARKER_FIRST[c.charCodeAt(0)] = 1;
}

const LEVEL1 = /^([一二三四五六七八九十]{1,3})([、，,.．:：])/;
const LEVEL2 = /^([（(])\s*([一二三四五六七八九十]{1,3})\s*([）)])([、.．，,]?)/;
const LEVEL3 = /^([0-9０-９]{1,2})([.．、，,)）])/;
const LEVEL4 = /^([（(])\s*([0-9０-９]{1,2})\s*([）)])([、.．，,]?)/;
const LEVEL4_SINGLE = /^([⑴-⒇])([、.．，,]?)/;
const LEVEL5 = /^([①-⑳])([、.．，,]?)/;

/**
 * Recognises a numbering marker at the start of `content` (leading white space,
 * Markdown heading marks and bold marks already removed). Returns null for
 * ordinary prose (`一年来，`, `2020年`, `2.5亿元`).
 */
export function matchLineMarker(content: string): LineMarker | null {
  // Most lines are prose: one look at the first character rejects them before any pattern runs.
  if (MARKER_FIRST[content.charCodeAt(0)] !== 1) {
    return null;
  }
  let m: RegExpExecArray | null;
  if ((m = LEVEL1.exec(content))) {
    const value = parseChineseNumber(m[1]);
    if (value === null || m[1] === '两') {
      return null;
    }
    const mark = m[2];
    // `一.5` or `十,000` are not headings; `一，` only counts as a marker when a heading follows, not `一，二，三`.
    const next = content[m[0].length];
    if ((mark === '.' || mark === '．' || mark === ',' || mark === '，') && (next === undefined || /[0-9０-９一二三四五六七八九十]/.test(next))) {
      return null;
    }
    const canonical = canonicalMarker(1, value);
    return { level: 1, value, start: 0, end: m[0].length, text: m[0], style: `一${mark}`, canonical, wrong: mark !== '、' };
  }
  if ((m = LEVEL2.exec(content))) {
    const value = parseChineseNumber(m[2]);
    if (value === null) {
      return null;
    }
    const canonical = canonicalMarker(2, value);
    const style = `${m[1]}一${m[3]}${m[4]}`;
    return { level: 2, value, start: 0, end: m[0].length, text: m[0], style, canonical, wrong: style !== '（一）' };
  }
  if ((m = LEVEL3.exec(content))) {
    const value = parseArabicNumber(m[1]);
    const next = content[m[0].length];
    if (value === null || value === 0 || next === undefined || /[0-9０-９%％]/.test(next)) {
      return null;
    }
    const mark = m[2];
    // `1)` at the start of a line is a level-3 item written with the wrong mark; `1,` followed by digits is a number.
    const canonical = canonicalMarker(3, value);
    const digits = /[０-９]/.test(m[1]) ? '１' : '1';
    const style = `${digits}${mark}`;
    return { level: 3, value, start: 0, end: m[0].length, text: m[0], style, canonical, wrong: mark !== '.' && mark !== '．' };
  }
  if ((m = LEVEL4.exec(content))) {
    const value = parseArabicNumber(m[2]);
    if (value === null || value === 0) {
      return null;
    }
    const canonical = canonicalMarker(4, value);
    const style = `${m[1]}1${m[3]}${m[4]}`;
    return { level: 4, value, start: 0, end: m[0].length, text: m[0], style, canonical, wrong: style !== '（1）' };
  }
  if ((m = LEVEL4_SINGLE.exec(content))) {
    const value = parseParenDigit(m[1]);
    if (value === null) {
      return null;
    }
    return { level: 4, value, start: 0, end: m[0].length, text: m[0], style: `⑴${m[2]}`, canonical: canonicalMarker(4, value), wrong: true };
  }
  if ((m = LEVEL5.exec(content))) {
    const value = parseCircled(m[1]);
    if (value === null) {
      return null;
    }
    return { level: 5, value, start: 0, end: m[0].length, text: m[0], style: `①${m[2]}`, canonical: canonicalMarker(5, value), wrong: m[2] !== '' };
  }
  return null;
}

/** Chinese name of a level for messages. */
export const LEVEL_NAMES: Record<PartLevel, string> = { 1: '第一层', 2: '第二层', 3: '第三层', 4: '第四层', 5: '第五层' };

/** The marker form of a level for messages: `一、` `（一）` `1.` `（1）` `①`. */
export const LEVEL_FORMS: Record<PartLevel, string> = { 1: '一、', 2: '（一）', 3: '1.', 4: '（1）', 5: '①' };
