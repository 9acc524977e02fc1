import { parseYear } from '../date';
import type { IsoDate } from '../types';
import { sentenceEnd, sentenceStart } from './detectors/context';

/**
 * A formulation that changed on a date is right in a sentence about the time
 * before it: `2012年，市人大常委会督促“一府两院”……`, `2018年3月以前称“一府两院”`,
 * `由“一府两院”变为“一府一委两院”`, `原称“一府两院”`. Only explicit signals
 * count, next to the term where they are words of any sentence, so that a
 * sentence about now is still checked: `2017年以来` (up to now) or a year from
 * the change on makes a sentence current, and so does `以来` or `至今` anywhere
 * in it (`疫情发生以来（2020年1月）`).
 */

/** The sentence around a match (ended by `。！？；`, their ASCII forms or a line break) reaches this far each way. */
const REACH = 200;

/** Near the term (a few characters each way): it is named as a former name (`原称`, `不再使用`). */
const FORMER = /原称|曾称|旧称|原名|曾名|时称|以前称|此前称|过去称|当时称|改称|更名|不再使用|不再称|不再提|已不再/;
/** How far each way of the term FORMER is looked for. */
const NEAR = 8;
/** Right before the term: `由`/`从` of the change told (`由“一府两院”变为……`). */
const CHANGE_FROM = /[由从][“"‘]?$/;
/** Right after it: the change (`……”变为“一府一委两院”`). */
const CHANGE_TO = /^[”"’]?(?:改为|变为|调整为|变更为|改称|更名为)/;

/** Telling of a past moment without a year. */
const THEN = /当时|那时|彼时|当年/;

/** An explicit year (four digits, or `二〇一二年`), then its month and day, and what follows up to the next mark or number. */
const YEAR = /((?:19|20)\d{2}|[一二][〇零○0][一二三四五六七八九〇零○0]{2})\s*年((?:\d{1,2}月(?:\d{1,2}日)?)?[^，。；：！？,;:!?、“”\d]{0,12})/g;

/** After a year (within its clause): from then up to now. */
const TO_NOW = /^[^，。；]*?(?:以来|至今|起|开始|以后|之后|后)/;

/** After a year: the time before it. */
const BEFORE = /^[^，。；]*?(?:以前|之前|前)/;

/**
 * Whether the sentence holding `[start, end)` of `text` speaks of the time
 * before `since` (when the formulation was still right).
 */
export function speaksOfTimeBefore(text: string, start: number, end: number, since: IsoDate): boolean {
  const a = sentenceStart(text, start, REACH);
  const b = sentenceEnd(text, end, REACH);
  // The former name or the change told, next to the term.
  if (FORMER.test(text.slice(Math.max(a, start - NEAR), Math.min(b, end + NEAR)))) {
    return true;
  }
  if (CHANGE_FROM.test(text.slice(Math.max(a, start - 2), start)) && CHANGE_TO.test(text.slice(end, Math.min(b, end + 5)))) {
    return true;
  }
  const sentence = text.slice(a, b);
  // `……发生以来`, `至今`: the sentence reaches now.
  if (/以来|至今|迄今/.test(sentence)) {
    return false;
  }
  let past = THEN.test(sentence);
  if (!sentence.includes('年')) {
    return past;
  }
  const sinceYear = Number(since.slice(0, 4));
  YEAR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR.exec(sentence))) {
    // Four digits, or four Chinese ones (YEAR takes no other): always a year.
    const year = parseYear(m[1])!;
    const after = m[2];
    const toNow = TO_NOW.test(after);
    if (!toNow && BEFORE.test(after)) {
      // `2018年3月以前`: the time before the change when the year is not later than its year.
      if (year > sinceYear) {
        return false;
      }
      past = true;
    } else if (toNow || year >= sinceYear) {
      // `2017年以来` reaches now; a year from the change on is no longer the time before it.
      return false;
    } else {
      past = true;
    }
  }
  return past;
}
