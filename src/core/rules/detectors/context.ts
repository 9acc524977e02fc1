import type { DocContext } from '../../document';
import { leftmostNonOverlapping, literalHits } from '../../detectors/literalHits';

/**
 * Small helpers shared by the context-aware formulation detectors: positions of
 * a trigger word (computed once per document and shared between detectors),
 * sentence bounds around a hit, Chinese numerals, and a date written right
 * next to an event (`2012年11月召开的党的十八大`, `党的十八大（2012年11月）`).
 * Everything here looks at a bounded window around a hit; nothing walks the
 * whole text except `positions` (see literalHits.ts).
 */

/** Where a sentence (or a line) ends: the context of a hit never crosses these. */
const SENTENCE_END = '。！？；!?;\n\r';

/**
 * Every start offset of `word` in the document, as a left-to-right `indexOf`
 * search finds them (shared through the document memo; the occurrences come
 * from the rule set's pass when its detectors declared the word).
 */
export function positions(doc: DocContext, word: string): readonly number[] {
  return doc.memo(`formulation.positions:${word}`, d => {
    const words = [word];
    return leftmostNonOverlapping(literalHits(d, words), words).starts;
  });
}

/** Start of the sentence holding `at`, looking back at most `max` characters. */
export function sentenceStart(text: string, at: number, max = 80): number {
  let s = at;
  const stop = Math.max(0, at - max);
  while (s > stop && !SENTENCE_END.includes(text[s - 1])) {
    s--;
  }
  return s;
}

/** End of the sentence holding `at`, looking ahead at most `max` characters. */
export function sentenceEnd(text: string, at: number, max = 80): number {
  let e = at;
  const stop = Math.min(text.length, at + max);
  while (e < stop && !SENTENCE_END.includes(text[e])) {
    e++;
  }
  return e;
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** `75`, `七十五`, `十`, `一百`, `一百零五`, `百` → number (0–999); null when it is not one. */
export function parseNumber(s: string): number | null {
  if (/^[0-9]{1,3}$/.test(s)) {
    return Number(s);
  }
  if (s.length === 0 || !/^[〇零一二两三四五六七八九十百]+$/.test(s)) {
    return null;
  }
  let total = 0;
  let digit = -1;
  let seenHundred = false;
  let seenTen = false;
  for (const ch of s) {
    if (ch === '百') {
      if (seenHundred || seenTen) {
        return null;
      }
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
      seenHundred = true;
    } else if (ch === '十') {
      if (seenTen) {
        return null;
      }
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
      seenTen = true;
    } else {
      const d = CN_DIGIT[ch];
      if (digit >= 0 && d !== 0 && digit !== 0) {
        return null; // 七五 is not a number here
      }
      digit = d;
    }
  }
  return total + (digit > 0 ? digit : 0);
}

/** 1–999 in Chinese numerals as written in anniversaries and sessions: 十, 七十五, 一百, 一百零五, 一百一十. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    return String(n);
  }
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const o = n % 10;
  let s = '';
  if (h > 0) {
    s += CN[h] + '百';
    if (t === 0 && o > 0) {
      return s + '零' + CN[o];
    }
  }
  if (t > 0) {
    s += (t === 1 && h === 0 ? '' : CN[t]) + '十';
  }
  if (o > 0) {
    s += CN[o];
  }
  return s;
}

/** Writes `n` the way `like` was written (Arabic or Chinese numerals). */
export function sameStyle(n: number, like: string): string {
  return /^[0-9]+$/.test(like) ? String(n) : chineseNumeral(n);
}

/** A date written next to an event, and where it is. */
export interface AttachedDate {
  year: number;
  month?: number;
  start: number;
  end: number;
}

/**
 * `2012年11月召开的党的十八大`, `2012年11月，党的十八大`, `2012年召开的党的十八大`: a date
 * that belongs to the event starting at `at`. A bare `2013年党的十八大…` is not
 * taken (it often names the year something happened after the event).
 */
const DATE_BEFORE = /(?<![0-9])([12][0-9]{3})年(?:([0-9]{1,2})月(?:[0-9]{1,2}日)?(?:[，,]?(?:胜利)?(?:召开|举行)的)?|(?:胜利)?(?:召开|举行)的)[，,]?(?:党的|中共|中国共产党)?$/;
/** `党的十八大（2012年11月）`, `党的十八大于2012年11月召开`. */
const DATE_AFTER = /^(?:[（(]|(?:胜利)?于)([12][0-9]{3})年(?:([0-9]{1,2})月)?/;

/** After an event set off from its date by a comma: it is what the clause tells of (`2012年11月，党的十八大召开`). */
const HELD_AFTER = /^[^，。；,;]{0,8}?(?:召开|举行|开幕|闭幕)/;

/**
 * The date written right before the event at `[at, end)`. A date set off by a comma belongs to the event only
 * when the clause tells of the event being held (`2012年11月，党的十八大胜利召开`), not of something it passed
 * (`2021年1月1日，十三届全国人大三次会议通过的民法典正式施行`).
 */
export function dateBefore(text: string, at: number, end: number): AttachedDate | null {
  const from = Math.max(0, at - 24);
  const m = DATE_BEFORE.exec(text.slice(from, at));
  if (!m) {
    return null;
  }
  if (/[，,](?:党的|中共|中国共产党)?$/.test(m[0]) && !HELD_AFTER.test(text.slice(end, end + 12))) {
    return null;
  }
  const start = from + m.index;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : undefined, start, end: start + m[1].length + 1 + (m[2] ? m[2].length + 1 : 0) };
}

export function dateAfter(text: string, end: number): AttachedDate | null {
  const m = DATE_AFTER.exec(text.slice(end, end + 16));
  if (!m) {
    return null;
  }
  const start = end + m[0].indexOf(m[1]);
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : undefined, start, end: start + m[1].length + 1 + (m[2] ? m[2].length + 1 : 0) };
}

/** `2012-11-08` → `2012年11月`. */
export function yearMonth(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月`;
}

/** The event is spoken of as just held (刚刚闭幕的党的二十届三中全会, 前不久胜利召开的党的二十大). */
const RECENT_BEFORE = /(?:刚刚|刚|不久前|前不久|日前|近日|最近|新近)(?:胜利)?(?:召开|闭幕|结束|落幕)的(?:党的)?$/;
/** How long after it closed an event can still be called just held. */
const RECENT_DAYS = 183;

/** The words before `at` that call the event just held (`刚刚闭幕的`), or null. */
export function recentWords(text: string, at: number): string | null {
  const m = RECENT_BEFORE.exec(text.slice(Math.max(0, at - 12), at));
  return m ? m[0].replace(/(?:党的)?$/, '').replace(/的$/, '') : null;
}

/** The ISO date `days` days after `iso`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The document is dated more than `RECENT_DAYS` after an event that closed on `closedOn`. */
export function longAfter(docDate: string, closedOn: string): boolean {
  return docDate > addDays(closedOn, RECENT_DAYS);
}
