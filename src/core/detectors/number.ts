import { impossibleDay, parseSmall, parseYear } from '../date';
import { arabicDigitValue } from '../structure/numerals';
import type { DocContext } from '../document';
import { literalHits } from './literalHits';
import * as chars from './chars';
import { matchesAt, SpanCursor } from './chars';
import { textScan } from './scan';
import type { DetectorMatch } from './types';

/**
 * Number usage after GB/T 15835-2011 《出版物上数字用法》. Each detector is one
 * global regular expression without nested quantifiers (linear on any input)
 * plus a constant amount of context checking per hit.
 */

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals as used in session names: 十四, 二十, 三十一. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) {
    return String(n);
  }
  if (n < 10) {
    return CN_DIGITS[n];
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : CN_DIGITS[tens]) + '十' + (ones === 0 ? '' : CN_DIGITS[ones]);
}

const isAsciiLetter = chars.isAsciiLetter;
const isHan = chars.isHan;
const protectedSpans = chars.protectedSpans;

/**
 * Whether the character before `i` is one of `re` (the patterns are anchored on
 * their first digit instead of a leading lookbehind, which would be tried at
 * every position of the text).
 */
function after(text: string, i: number, re: RegExp): boolean {
  return i > 0 && re.test(text[i - 1]);
}

/** Digits and a decimal point: a number goes on before this position. */
const IN_NUMBER = /[0-9０-９.]/;

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The end of the run of ASCII digits that starts at `i`. */
function digitsEnd(text: string, i: number): number {
  while (isDigitCode(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/**
 * Where a run of ASCII digits starts (the shared character pass lists them):
 * the number patterns below begin with a digit, and a match never begins
 * inside a run (the run's earlier digits would start a match as well).
 */
function digitRuns(doc: DocContext): { data: Int32Array; length: number } {
  return textScan(doc).digitRuns;
}

/**
 * Run starts where `[0-9]+(?:\.[0-9]+)?` followed by `next` (the characters
 * right after the number) can match: the number ends after its integer part
 * or after its decimals.
 */
function numberStarts(doc: DocContext, next: (text: string, at: number) => boolean): number[] {
  const text = doc.text;
  const runs = digitRuns(doc);
  const out: number[] = [];
  for (let j = 0; j < runs.length; j++) {
    const s = runs.data[j];
    const e = digitsEnd(text, s);
    if (next(text, e) || (text.charCodeAt(e) === 0x2e && isDigitCode(text.charCodeAt(e + 1)) && next(text, digitsEnd(text, e + 1)))) {
      out.push(s);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.short-year — `90年`, `09年` for 1990, 2009

// What only a year can have after it (a month, 年初, 年底, 上半年 …), not as the start of a word (`70年春华秋实`,
// `20年初步建成`, `30年初心不改`: durations).
const SHORT_YEAR = /([0-9]{2})年(?=([0-9]{1,2}月|初(?![步心衷见具始次])|底(?![气线色蕴数])|末|度(?!过)|春(?![华风秋])|夏|秋(?![实收])|冬|上半年|下半年)?)/y;
const SHORT_YEAR_NOT_AFTER = /[0-9０-９.\-/'’A-Za-z]/;
/** Prepositions that put a point in time before `90年`: 从90年开始, 到98年, 至98年, 截止98年. */
const YEAR_PREPOSITION = /[从自到至于]/;
/** Before the preposition, an amount (延长到30年, 达到, 不低于, 相当于): the number is a duration. */
const AMOUNT_BEFORE = /[达长短加高升降少多低当等大小过超]/;
/** After `NN年`, what makes it a point in time (从90年开始, 到98年为止, 到98年，, 从90年到95年). */
const YEAR_POINT_AFTER = /^(?:开始|起|为止|时|到|至|[—–\-～~，。、；：！？,.;:!?）)”」\s]|$)/;

/**
 * `NN年` (no leading zero, nothing after it that only a year can have) is a
 * calendar year when a preposition of time stands right before it and a point
 * in time follows: 从90年开始, 到98年, 从90年到95年. Durations stay quiet:
 * 用了90年, 延长到30年, 从20年的实践看, 在40年改革开放进程中, 20年到30年.
 */
function yearAfterPreposition(text: string, start: number, end: number, prevYearEnd: number): boolean {
  let p = start - 1;
  const c = text[p];
  if (c === '止' && text[p - 1] === '截') {
    p--;
  } else if (!c || !YEAR_PREPOSITION.test(c)) {
    return false;
  }
  const before = text[p - 1] ?? '';
  if (AMOUNT_BEFORE.test(before) || /[0-9０-９]/.test(before)) {
    return false;
  }
  // 到/至 after another `…年` continues a range: a year exactly when the range starts with one (从90年到95年, 1990年至98年间).
  if (before === '年') {
    return prevYearEnd === p;
  }
  return YEAR_POINT_AFTER.test(text.slice(end, end + 2));
}

/** `1990年` ending right before `at` (a four-digit year starts the range). */
function fullYearEndsAt(text: string, at: number): boolean {
  return at >= 5 && text[at - 1] === '年' && /^[12][0-9]{3}$/.test(text.slice(at - 5, at - 1)) && !/[0-9]/.test(text[at - 6] ?? '');
}

export function detectShortYear(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const thisYear = Number(doc.effectiveDate.slice(0, 4));
  let lastYearEnd = -1;
  // Only a run of exactly two digits can give a kept match: in a longer run the pattern matches its last two
  // digits, right after a digit (SHORT_YEAR_NOT_AFTER).
  const runs = digitRuns(doc);
  const starts: number[] = [];
  for (let j = 0; j < runs.length; j++) {
    const s = runs.data[j];
    if (digitsEnd(text, s) === s + 2 && text.charCodeAt(s + 2) === 0x5e74 /* 年 */) {
      starts.push(s);
    }
  }
  for (const m of matchesAt(SHORT_YEAR, text, starts)) {
    const digits = m[1];
    if (after(text, m.index, SHORT_YEAR_NOT_AFTER)) {
      continue;
    }
    const start = m.index;
    const end = start + digits.length + 1;
    const leadingZero = digits[0] === '0';
    // A two-digit count of years (`50年来`, `70年代`) is fine; only a clear calendar year counts.
    if (!leadingZero && m[2] === undefined) {
      const p = text[start - 1] === '止' ? start - 2 : start - 1;
      const prev = fullYearEndsAt(text, p) ? p : lastYearEnd;
      if (!yearAfterPreposition(text, start, end, prev)) {
        continue;
      }
    }
    lastYearEnd = end;
    const n = Number(digits);
    const year = leadingZero || 2000 + n <= thisYear + 1 ? 2000 + n : 1900 + n;
    out.push({
      start,
      end,
      detail: `“${digits}年”应写全为“${year}年”`,
      fixes: [{ title: `改为“${year}年”`, edits: [{ start, end: start + digits.length, newText: String(year) }], safe: leadingZero }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.year-zero — `二0一九年`, `二O一九年`, `二○一九年`, `二零一九年`

/** Characters of a year written in Chinese numerals, right and wrong zeros included. */
const YEAR_CHARS = '〇零○OoＯ0０一二三四五六七八九';
const BAD_ZERO = /[0０OoＯ○零]/g;
const YEAR_CODES = new Set([...YEAR_CHARS].map(c => c.charCodeAt(0)));

export function detectYearZero(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  let from = 0;
  while ((from = text.indexOf('年', from)) >= 0) {
    const at = from;
    from++;
    const start = at - 4;
    // Most 年 follow an ordinary digit or word (2019年, 今年): the character before must be a year character.
    if (start < 0 || !YEAR_CODES.has(text.charCodeAt(at - 1))) {
      continue;
    }
    let ok = true;
    for (let k = start; k < at; k++) {
      if (!YEAR_CHARS.includes(text[k])) {
        ok = false;
        break;
      }
    }
    // Exactly four: `二0一九年`, not part of a longer run or a Latin word.
    if (!ok || (start > 0 && (YEAR_CHARS.includes(text[start - 1]) || /[0-9A-Za-z十]/.test(text[start - 1])))) {
      continue;
    }
    const year = text.slice(start, at);
    if (!/[一二三四五六七八九]/.test(year) || !/[0０OoＯ○零]/.test(year)) {
      continue;
    }
    const fixed = year.replace(BAD_ZERO, '〇');
    out.push({
      start,
      end: at + 1,
      detail: `“${year}年”应为“${fixed}年”`,
      // `零` is the quantity zero: wrong in a year, but a gentler slip than a digit or a letter.
      severity: /[0０OoＯ○]/.test(year) ? undefined : 'info',
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start, end: at, newText: fixed }], safe: true }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.invalid-date — `2026年2月30日`, `4月31日`, `2026年13月`, `（二〇二六年二月三十日）`

/** Chinese numerals of a month or day (一 … 三十一). */
const DAY_NUMERALS = '一二三四五六七八九十';

/** The value of the ASCII or full-width digits `text[start, end)`. */
function decimalValue(text: string, start: number, end: number): number {
  let v = 0;
  for (let k = start; k < end; k++) {
    v = v * 10 + arabicDigitValue(text.charCodeAt(k));
  }
  return v;
}

/** A month or day number written right before `end`: one or two digits, or Chinese numerals. */
function smallNumberBefore(text: string, end: number): { value: number; start: number } | null {
  let s = end;
  while (s > end - 3 && s > 0 && arabicDigitValue(text.charCodeAt(s - 1)) >= 0) {
    s--;
  }
  if (s < end) {
    // Part of a longer number (`2026月`) or of a code (`A12月`): not a month or day.
    if (s > 0 && (arabicDigitValue(text.charCodeAt(s - 1)) >= 0 || isAsciiLetter(text.charCodeAt(s - 1)) || text[s - 1] === '.')) {
      return null;
    }
    return { value: decimalValue(text, s, end), start: s };
  }
  while (s > end - 3 && s > 0 && DAY_NUMERALS.includes(text[s - 1])) {
    s--;
  }
  if (s === end || (s > 0 && (DAY_NUMERALS.includes(text[s - 1]) || YEAR_CHARS.includes(text[s - 1])))) {
    return null;
  }
  const v = parseSmall(text.slice(s, end));
  return v === null ? null : { value: v, start: s };
}

/**
 * A month or day number starting at `start` and ending right before one of
 * `units` (`日`, or the marks of a range): its value and the end after that
 * character, or null.
 */
function smallNumberAt(text: string, start: number, units: string): { value: number; end: number } | null {
  let e = start;
  while (e < start + 3 && arabicDigitValue(text.charCodeAt(e)) >= 0) {
    e++;
  }
  if (e > start) {
    if (!units.includes(text[e] ?? '')) {
      return null;
    }
    return { value: decimalValue(text, start, e), end: e + 1 };
  }
  while (e < start + 3 && e < text.length && DAY_NUMERALS.includes(text[e])) {
    e++;
  }
  if (e === start || !units.includes(text[e] ?? '')) {
    return null;
  }
  const v = parseSmall(text.slice(start, e));
  return v === null ? null : { value: v, end: e + 1 };
}

/** Marks between the two days of a range in one month (`2月27—28日`, `3月1至3日`, `5月4、5日`). */
const DAY_RANGE_MARKS = '—－–-~～〜至到、';

/**
 * The day after a month (`5日`), or the last day of a range of days in that
 * month (`27—30日`, `1至3日`, `四、五日`, `27日至30日`): its value and end.
 */
function lastDayAt(text: string, start: number): { value: number; end: number } | null {
  const first = smallNumberAt(text, start, '日' + DAY_RANGE_MARKS);
  if (first === null) {
    return null;
  }
  const withDay = text[first.end - 1] === '日';
  // `27—30日`: a bare first day needs the range; `27日至30日` may go on to a second day.
  const mark = withDay ? first.end : first.end - 1;
  const second = DAY_RANGE_MARKS.includes(text[mark] ?? '') ? smallNumberAt(text, mark + 1, '日') : null;
  // A range goes forwards; a bare first day is written like the second (`27—30日`, `二十七至三十日`).
  const sameForm = withDay || (arabicDigitValue(text.charCodeAt(start)) >= 0) === (arabicDigitValue(text.charCodeAt(mark + 1)) >= 0);
  if (second !== null && second.value > first.value && sameForm) {
    return second;
  }
  return withDay ? first : null;
}

/** The four-digit year written right before `at` (`2026年`, `二〇二六年`): value and start, or null. */
function yearBefore(text: string, at: number): { value: number; start: number } | null {
  if (at < 5 || text[at - 1] !== '年') {
    return null;
  }
  const s = at - 5;
  const raw = text.slice(s, at - 1);
  let value: number | null = null;
  if ([...raw].every(ch => arabicDigitValue(ch.charCodeAt(0)) >= 0)) {
    value = decimalValue(text, s, at - 1);
  } else if ([...raw].every(ch => YEAR_CHARS.includes(ch)) && /[一二三四五六七八九]/.test(raw)) {
    value = parseYear(raw.replace(/[０]/g, '0'));
  }
  const before = s > 0 ? text.charCodeAt(s - 1) : 0;
  if (value === null || (s > 0 && (arabicDigitValue(before) >= 0 || YEAR_CHARS.includes(text[s - 1]) || isAsciiLetter(before)))) {
    return null;
  }
  return { value, start: s };
}

/** The word `detectInvalidDate` looks for (`DETECTOR_WORDS`). */
export const INVALID_DATE_WORDS: readonly string[] = ['月'];

/**
 * Dates that do not exist: a day past the end of its month (`2月30日`,
 * `4月31日`, `2026年2月29日`, the last day of a range: `2月27—30日`,
 * `2月27日至30日`), a month past 12 (`2026年13月`, `13月5日`), day or month
 * 0. Arabic or Chinese numerals, in the text and in the title block's date
 * line. Lunar dates (`农历二月三十日`) are left alone.
 */
export function detectInvalidDate(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const spans = new SpanCursor(protectedSpans(doc));
  // The rule set's automaton finds every 月 in its pass (a native search for 月 is slow in Chinese text: it looks
  // for one byte of the character, and U+67xx, a common block, starts with that byte).
  const { starts } = literalHits(doc, INVALID_DATE_WORDS);
  let from = 0;
  for (const at of starts) {
    if (at < from) {
      continue;
    }
    const month = smallNumberBefore(text, at);
    if (month === null) {
      continue;
    }
    const year = yearBefore(text, month.start);
    const day = lastDayAt(text, at + 1);
    // A month alone is a date only with its year (`2026年13月`); `三月` in 阳春三月 needs nothing.
    if (day === null && year === null) {
      continue;
    }
    const start = year ? year.start : month.start;
    if (/农历|阴历|夏历/.test(text.slice(Math.max(0, start - 4), start))) {
      continue;
    }
    const problem = impossibleDay(year ? year.value : null, month.value, day ? day.value : 1);
    if (problem === null || spans.covers(start)) {
      continue;
    }
    const end = day ? day.end : at + 1;
    from = end;
    out.push({ start, end, detail: `“${text.slice(start, end)}”，${problem}`, fixes: [] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.date-hao — `11月22号` → `11月22日`

/** After `M月D号`: a house, line, document or order number, not a day (`3号楼`, `1号线`, `5号文件`, `1号令`). */
const HAO_NOT_DAY = /^[楼院线文令码房室床位台车机馆厅门栋仓站口窗]/;

/**
 * A day of the month written with 号 (`11月22号`, `三月五号`): written Chinese
 * and 公文 give dates with 日. Only a real day of a real month; `3月8号楼`,
 * `9月1号线`, `5号文件` are numbers, not days.
 */
export function detectDateHao(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const spans = new SpanCursor(protectedSpans(doc));
  const { starts } = literalHits(doc, INVALID_DATE_WORDS);
  for (const at of starts) {
    const month = smallNumberBefore(text, at);
    if (month === null || month.value < 1 || month.value > 12) {
      continue;
    }
    const day = smallNumberAt(text, at + 1, '号');
    if (day === null || day.value < 1 || day.value > 31 || HAO_NOT_DAY.test(text.slice(day.end, day.end + 1)) || spans.covers(at)) {
      continue;
    }
    const hao = day.end - 1;
    out.push({
      start: month.start,
      end: day.end,
      detail: `“${text.slice(month.start, day.end)}”应为“${text.slice(month.start, hao)}日”`,
      fixes: [{ title: '改为“日”', edits: [{ start: hao, end: day.end, newText: '日' }], safe: true }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.range-unit — `9～16亿` → `9亿～16亿`, `15～30%` → `15%～30%`

const RANGE_UNIT = /([0-9]+(?:\.[0-9]+)?)([～~〜\-－–—])([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|%|％|‰)/y;
const RANGE_UNIT_MARK = new Set([...'～~〜-－–—'].map(c => c.charCodeAt(0)));
const RANGE_UNIT_NOT_AFTER = /[0-9０-９.\-～~]/;

export function detectRangeUnit(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  const starts = numberStarts(doc, (t, at) => RANGE_UNIT_MARK.has(t.charCodeAt(at)));
  for (const m of matchesAt(RANGE_UNIT, text, starts)) {
    const [whole, a, , b, unit] = m;
    const start = m.index;
    const end = start + whole.length;
    if (after(text, start, RANGE_UNIT_NOT_AFTER) || spans.covers(start) || isAsciiLetter(text.charCodeAt(start - 1))) {
      continue;
    }
    const fixed = `${a}${unit}～${b}${unit}`;
    out.push({
      start,
      end,
      detail: `“${whole}”应为“${fixed}”`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start, end, newText: fixed }], safe: true }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.range-dash — `2-3个` → `2～3个`; `2021-2025年`, `1-7月` → 一字线 `—`

const RANGE = /([0-9]+(?:\.[0-9]+)?)([－–—~〜-])([0-9]+(?:\.[0-9]+)?)(?![0-9.\-—～/:A-Za-z])/y;
const RANGE_MARK = new Set([...'－–—~〜-'].map(c => c.charCodeAt(0)));
const RANGE_NOT_AFTER = /[0-9０-９.\-—～~/:A-Za-z]/;
/**
 * Units after which the range is one of points in time or of order (一字线 `—`): `1—7月`, `8—10时`, `1—3季度`.
 * `年` only after two years (`2021—2025年`; `3～5年` is how long), and counts (`20～30次`, `3～5周`) are ranges of
 * amounts.
 */
const TIME_UNITS = new Set(['月', '日', '号', '时', '点', '期', '届', '世', '代', '季']);
/** Two-character units of time: `2024—2025学年`, `2025—2026赛季`. */
const TIME_WORDS = new Set(['学年', '学期', '赛季', '财年', '年度']);
const MAGNITUDE = /^(?:万|亿|%|％|‰)/;
const PERCENT_RANGE = /[0-9]+(?:\.[0-9]+)?([%％])([－–—~〜-])[0-9]+(?:\.[0-9]+)?[%％]/y;

function prevNonSpaceCode(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && j > i - 4 && text.charCodeAt(j) === 0x20) {
    j--;
  }
  return j >= 0 ? text.charCodeAt(j) : -1;
}

export function detectRangeDash(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const spans = new SpanCursor(protectedSpans(doc));
  const out: DetectorMatch[] = [];
  for (const m of matchesAt(RANGE, text, numberStarts(doc, (t, at) => RANGE_MARK.has(t.charCodeAt(at))))) {
    const [whole, a, sep, b] = m;
    const start = m.index;
    const end = start + whole.length;
    const unit = text.charCodeAt(end);
    if (after(text, start, RANGE_NOT_AFTER) || !isHan(unit) || MAGNITUDE.test(text.slice(end, end + 1)) || spans.covers(start)) {
      continue;
    }
    // `GB/T 9704-2012`, `0731-8888888`: standard and phone numbers, not ranges.
    const before = prevNonSpaceCode(text, start);
    if (isAsciiLetter(before) || before === 0x2f || (a.length > 1 && a[0] === '0')) {
      continue;
    }
    const years = a.length === 4 && b.length === 4;
    const timeLike =
      text[start - 1] === '第' || TIME_UNITS.has(text[end]) || (years && (text[end] === '年' || TIME_WORDS.has(text.slice(end, end + 2))));
    const want = timeLike ? '—' : '～';
    // Between points in time the full-width wave `～` (not looked for) and `〜` are used too; the ASCII `~` is not.
    if (sep === want || (timeLike && sep === '〜')) {
      continue;
    }
    const sepStart = start + a.length;
    const fixed = `${a}${want}${b}`;
    out.push({
      start,
      end: end + 1,
      detail: `“${whole}${text[end]}”应为“${fixed}${text[end]}”`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start: sepStart, end: sepStart + sep.length, newText: want }], safe: true }],
    });
  }
  // `15%-30%`, `15%~30%`: both ends carry the unit, the range mark must still be `～`.
  const percentStarts = numberStarts(doc, (t, at) => {
    const c = t.charCodeAt(at);
    return (c === 0x25 || c === 0xff05) && RANGE_MARK.has(t.charCodeAt(at + 1));
  });
  for (const m of matchesAt(PERCENT_RANGE, text, percentStarts)) {
    const [whole, , sep] = m;
    const start = m.index;
    if (after(text, start, IN_NUMBER) || spans.covers(start) || isAsciiLetter(prevNonSpaceCode(text, start))) {
      continue;
    }
    const sepStart = whole.indexOf(sep) + start;
    const fixed = whole.slice(0, sepStart - start) + '～' + whole.slice(sepStart - start + sep.length);
    out.push({
      start,
      end: start + whole.length,
      detail: `“${whole}”应为“${fixed}”`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start: sepStart, end: sepStart + sep.length, newText: '～' }], safe: true }],
    });
  }
  out.sort((x, y) => x.start - y.start);
  return out;
}

// ---------------------------------------------------------------------------
// number.session — `14届全国人大2次会议` → `十四届全国人大二次会议`

const SESSION_NO = /([0-9]{1,2})(届|次会议|次全会|次全体会议|次全体（扩大）会议|次全体\(扩大\)会议|中全会|次常委会会议|次主任会议)/y;
const SESSION_BODY = /人大|人民代表大会|政协|党代会|代表大会|委员会|常委会|市委|县委|区委|省委|州委|旗委|中央|全会|纪委|次会议|中全会/;
const MAX_SESSION_REACH = 20;

export function detectSessionNumber(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // The word follows the last one or two digits of a run.
  const starts: number[] = [];
  const runs = digitRuns(doc);
  for (let j = 0; j < runs.length; j++) {
    const a = runs.data[j];
    const b = digitsEnd(text, a);
    const c = text.charCodeAt(b);
    if (c === 0x5c4a || c === 0x6b21 || c === 0x4e2d) {
      // 届, 次, 中
      if (b - 2 >= a) {
        starts.push(b - 2);
      }
      starts.push(b - 1);
    }
  }
  for (const m of matchesAt(SESSION_NO, text, starts)) {
    const [, digits, what] = m;
    const start = m.index;
    const end = start + digits.length;
    if (after(text, start, IN_NUMBER)) {
      continue;
    }
    if (what === '届') {
      // Only sessions of bodies: `14届全国人大`, `市委10届`; not `第3届运动会`.
      const after = text.slice(end + 1, end + 1 + MAX_SESSION_REACH);
      const clause = after.split(/[，。；：、,.;:！？!?\s]/, 1)[0];
      if (!SESSION_BODY.test(clause)) {
        continue;
      }
    } else if (what !== '中全会') {
      // Which session: `十四届全国人大2次会议` (a 届 before it), `常委会第12次会议`. Without them it is how many
      // (`市人大常委会共召开12次常委会会议`), which takes Arabic numerals.
      const before = text.slice(Math.max(0, start - MAX_SESSION_REACH), start);
      const clause = before.slice(before.search(/[^，。；：、,.;:！？!?\s]*$/));
      const ordinal = text[start - 1] === '第' && /届|常委会|委员会/.test(clause);
      if (!(ordinal || clause.includes('届')) || /[了过]$/.test(clause)) {
        continue;
      }
    }
    const cn = toChineseNumeral(Number(digits));
    out.push({
      start,
      end: end + what.length,
      detail: `“${digits}${what}”应为“${cn}${what}”`,
      fixes: [{ title: `改为“${cn}”`, edits: [{ start, end, newText: cn }], safe: true }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// number.announcement — `我讲3个方面的意见` → `我讲三个方面的意见`

const ANNOUNCE = /(讲|谈|强调|提|提出|从以下|做到|抓好|把握|突出|明确)([0-9]{1,2})(点|个方面|个问题|条|层意思|项)/y;
/** First characters of the measure words after the number: 点, 个, 条, 层, 项. */
const MEASURE_START = new Set([0x70b9, 0x4e2a, 0x6761, 0x5c42, 0x9879]);

export function detectAnnouncementNumber(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // One or two digits between a verb (of one to three characters) and a measure word.
  const starts: number[] = [];
  const runs = digitRuns(doc);
  for (let j = 0; j < runs.length; j++) {
    const a = runs.data[j];
    const b = digitsEnd(text, a);
    if (b - a <= 2 && MEASURE_START.has(text.charCodeAt(b))) {
      starts.push(a - 3, a - 2, a - 1);
    }
  }
  for (const m of matchesAt(ANNOUNCE, text, starts)) {
    const [, verb, digits, measure] = m;
    const n = Number(digits);
    if (n < 1 || n > 20 || isAsciiLetter(text.charCodeAt(m.index - 1))) {
      continue;
    }
    const cn = n === 2 ? '两' : toChineseNumeral(n);
    const start = m.index + verb.length;
    const end = start + digits.length;
    out.push({
      start,
      end: end + measure.length,
      detail: `“${digits}${measure}”宜写作“${cn}${measure}”`,
      fixes: [{ title: `改为“${cn}${measure}”`, edits: [{ start, end, newText: cn }], safe: false }],
    });
  }
  return out;
}
