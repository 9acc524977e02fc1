import { SUBTITLE_DASH } from './text/subtitle';
import type { IsoDate } from './types';

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, '○': 0, O: 0, o: 0, Ｏ: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** `2005`, `二〇〇五`, `二零零五` → 2005; null when not a plain year. */
export function parseYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) {
    return Number(s);
  }
  if (s.length !== 4) {
    return null;
  }
  let y = 0;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d === undefined) {
      return null;
    }
    y = y * 10 + d;
  }
  return y;
}

/** `11`, `十一`, `二十一`, `三十` → number; null otherwise. */
export function parseSmall(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) {
    return Number(s);
  }
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s.length === 0) {
    return null;
  }
  if (!m[2]) {
    // No 十: a single digit (一 … 九); the pattern may have put it in either group.
    if (m[1] && m[3]) {
      return null;
    }
    const d = m[1] ?? m[3];
    return d ? CN_DIGITS[d] : null;
  }
  const tens = m[1] ? CN_DIGITS[m[1]] : 1;
  return tens * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

/** Days in month `m` (1–12) of year `y`. */
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) {
    return false;
  }
  return d <= daysInMonth(y, m);
}

export function toIso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Strict `YYYY-MM-DD` check (a real calendar date). */
export function parseIsoDate(s: string): IsoDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) {
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? toIso(y, mo, d) : null;
}

export function todayIso(now: Date = new Date()): IsoDate {
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// `（2005年11月21日）`, and the common `（2005年3月10日在全市经济工作会议上）` with the occasion inside the brackets.
// A year in Chinese numerals may have a wrong zero (`二0二六`, `二O二六`: number.year-zero reports it); a month or day may
// be out of range (`2月30日`: number.invalid-date reports it), the line is a date line all the same.
const CN_DATE =
  /^[（(]?\s*([0-9]{4}|[〇零○一二三四五六七八九OoＯ0]{4})\s*年\s*([0-9]{1,2}|[一二三]?十?[一二三四五六七八九]?)\s*月\s*([0-9]{1,2}|[一二三]?十?[一二三四五六七八九]?)\s*日(?:\s*[在于][^（）()]{1,40}?(?:上|的讲话|讲话))?(\s*[，,、；;]\s*[^（）()，,。]{1,16})?\s*[）)]?$/;
// `（2026.3.5）`, `2026-03-05`, `2026/3/5`: the same separator twice.
const NUMERIC_DATE = /^[（(]?\s*([0-9]{4})\s*([.．/／\-－])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})\s*[）)]?$/;

/** Full-width digits `０`–`９` as ASCII digits (the rest unchanged). */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** What a line written as a date gives: the date, or none while it is a placeholder or does not exist (`2月30日`). */
export type DateLineReading = { iso: IsoDate } | { iso: null; why: 'placeholder' | 'impossible' };

/**
 * Reads a line written as a date, as in a speech's title block:
 * `（2005年11月21日）`, `(2005年11月21日)`, `2005年11月21日`,
 * `二〇〇五年十一月二十一日`, `（2005.11.21）`, full-width digits too, with a short
 * note inside the brackets (`（2015年3月1日，根据录音整理）`). A date
 * line not filled in yet (`（20××年×月×日）`) or naming a day that does not
 * exist (`（2026年2月30日）`) is still a date line, without a date. Null for
 * any other line.
 */
export function readDateLine(line: string): DateLineReading | null {
  const t = asciiDigits(line.trim());
  if (t.length > 60) {
    return null;
  }
  let y: number | null = null;
  let mo: number | null = null;
  let d: number | null = null;
  const m = CN_DATE.exec(t);
  const n = m ? null : NUMERIC_DATE.exec(t);
  // A note after the date (`（2015年3月1日，根据录音整理）`) only inside the brackets: `2015年3月1日，我们……` is a sentence.
  if (m && m[4] !== undefined && !/^[（(].*[）)]$/.test(t)) {
    return null;
  }
  if (m) {
    [y, mo, d] = [parseYear(m[1]), parseSmall(m[2]), parseSmall(m[3])];
  } else if (n) {
    [y, mo, d] = [Number(n[1]), Number(n[3]), Number(n[4])];
  }
  if (y !== null && mo !== null && d !== null && y >= 1900 && y <= 2200) {
    return isValidDate(y, mo, d) ? { iso: toIso(y, mo, d) } : { iso: null, why: 'impossible' };
  }
  // Not a date: perhaps one with placeholder marks (`（20××年×月×日）`, circles for the year `○○○○年3月5日`).
  return isPlaceholderDateLine(t) ? { iso: null, why: 'placeholder' } : null;
}

/**
 * The date a subtitle begins with (`——2026年10月28日在市十七届人大常委会第二十次会议上`, as reports put it), read
 * as `readDateLine` reads a date line; null for a line that is no subtitle or does not begin with a date.
 */
export function readSubtitleDate(line: string): DateLineReading | null {
  const t = line.trim();
  return SUBTITLE_DASH.test(t) ? readDateLine(t.replace(SUBTITLE_DASH, '')) : null;
}

/** Whether a line is written as a date (`readDateLine`), with a date or not. */
export function isDateLine(line: string): boolean {
  return readDateLine(line) !== null;
}

/** The date of a line written as a date (`readDateLine`); null for a placeholder, a day that does not exist, or any other line. */
export function parseChineseDateLine(line: string): IsoDate | null {
  return readDateLine(line)?.iso ?? null;
}

/**
 * Why a day does not exist, in Chinese (`2026年2月只有28天`); null when it
 * does. Without a year (`year` null) 2月29日 exists.
 */
export function impossibleDay(year: number | null, month: number, day: number): string | null {
  if (month < 1 || month > 12) {
    return `没有${month}月，月份为1～12`;
  }
  // Without a year, a leap year's February.
  const days = daysInMonth(year ?? 2000, month);
  if (day < 1) {
    return `没有${month}月${day}日`;
  }
  if (day <= days) {
    return null;
  }
  if (month === 2 && year !== null && day === 29) {
    return `${year}年不是闰年，2月只有28天`;
  }
  // Without a year, February is counted as in a leap year: it has 29 days at most.
  return month === 2 && year === null ? '2月最多29天' : `${month}月只有${days}天`;
}

// The same line with placeholder marks for some of its digits: `（20××年×月×日）`, `（2026年X月X日）`, `（××××年××月××日）`.
const PLACEHOLDER_DATE =
  /^[（(]?\s*[0-9〇零一二三四五六七八九xXＸｘ×✕*＊○□]{1,4}\s*年\s*[0-9一二三四五六七八九十xXＸｘ×✕*＊○□]{1,3}\s*月\s*[0-9一二三四五六七八九十xXＸｘ×✕*＊○□]{1,3}\s*日(?:\s*[在于][^（）()]{1,40}?(?:上|的讲话|讲话))?\s*[）)]?$/;
const PLACEHOLDER_MARK = /[xXＸｘ×✕*＊○□]/;

/**
 * Whether a line is a title block's date line not filled in yet: the shape
 * of `parseChineseDateLine`'s dates with placeholder marks for some digits
 * (`（20××年×月×日）`). Such a line still belongs to the title block; the
 * document has no date of its own until it is filled in.
 */
export function isPlaceholderDateLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && PLACEHOLDER_DATE.test(t) && PLACEHOLDER_MARK.test(t);
}

/**
 * The document's own date: a date line in the title block (the first lines of
 * the document, before the salutation or the body starts). The structure parser
 * reports the same date as part of the title block.
 */
export function findDocumentDate(text: string, maxLines = 12): { date: IsoDate; line: number } | null {
  let line = 0;
  let pos = 0;
  let seen = 0;
  /** The next carriage return at or after the current line's 200th character (-1: none; searched once per stretch). */
  let cr = -2;
  while (pos <= text.length && seen < maxLines) {
    // Only a line's first 200 characters are read; the end of a longer line is searched for natively.
    const limit = Math.min(text.length, pos + 200);
    let end = pos;
    while (end < limit && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) {
      end++;
    }
    if (end === limit && limit < text.length) {
      if (cr !== -1 && cr < end) {
        cr = text.indexOf('\r', end);
      }
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? nl : Math.min(nl, cr);
    }
    const raw = text.slice(pos, Math.min(end, pos + 200));
    const trimmed = raw.trim();
    if (trimmed.length > 0) {
      seen++;
      // The title block's date line; one still a placeholder or naming a day that does not exist gives no date. A
      // subtitle may begin with the date (`——2026年10月28日在市十七届人大常委会第二十次会议上`, as reports put it).
      const reading = readDateLine(trimmed) ?? readSubtitleDate(trimmed);
      if (reading) {
        return reading.iso ? { date: reading.iso, line } : null;
      }
      // The body has started: a salutation ends the title block.
      if (/^(同志们|各位[^，,：:]{0,20})[：:]$/.test(trimmed)) {
        return null;
      }
    }
    if (end >= text.length) {
      break;
    }
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return null;
}
