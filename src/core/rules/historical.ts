import { parseSmall, parseYear } from '../date';
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
/** Verbs of a change told: `由“一府两院”变为……`, `从“一府两院”拓展为……`. */
const CHANGE_VERBS = '改为|改成|变为|变成|调整为|调整到|变更为|改称|更名为|拓展为|拓展到|扩展为|扩展到|扩大为|扩大到|发展为|发展到|增加为';
/** Right after it: the change (`……”变为`). */
const CHANGE_TO = new RegExp(`^[”"’]?(?:${CHANGE_VERBS})`);
/** Right after it: the change and the new name in quotes (`“一府两院”变为“一府一委两院”`), with or without 由/从 before. */
const CHANGE_TO_QUOTED = new RegExp(`^[”"’](?:${CHANGE_VERBS})[“"‘]`);

/** Telling of a past moment without a year. */
const THEN = /当时|那时|彼时|当年/;

/** A year written out before 年: four digits, or four Chinese ones (`二〇一二`), as `parseYear` reads them. */
export const YEAR_NUMERAL = '(?:19|20)\\d{2}|[一二][〇零○0][一二三四五六七八九〇零○0]{2}';

/** An explicit year (four digits, or `二〇一二年`), then its month and day, and what follows up to the next mark or number. */
const YEAR = new RegExp(`(${YEAR_NUMERAL})\\s*年((?:\\d{1,2}月(?:\\d{1,2}日)?)?[^，。；：！？,;:!?、“”\\d]{0,12})`, 'g');

/** After a year (within its clause): from then up to now. */
const TO_NOW = /^[^，。；]*?(?:以来|至今|起|开始|以后|之后|后)/;

/** After a year: the time before it. */
const BEFORE = /^[^，。；]*?(?:以前|之前|前)/;

/**
 * Earlier events told as events, each standing for its year: a party congress that put something forward
 * (`党的十六大提出……`, `党的十九大报告以……为主题`), a five-year plan's period (`“十三五”时期，……`) and the time
 * before an NPC session (`十三届全国人大一次会议以前`). Groups: 1 the congress, 2 the plan, 3 and 4 the NPC and
 * its session. (`学习贯彻党的十九大精神` is not one: it says what is done now.)
 */
const EVENT =
  /(?:党的)?(十[二三四五六七八九]|二十)大(?:报告)?(?:提出|确定|作出|做出|强调|指出|明确|首次|要求|以|把|将)|[“"‘]?(十[一二三四五])五[”"’]?(?:时期|期间)|(十[一二三四]?)届全国人大([一二三四五])次会议(?:以前|之前|前)/g;

/**
 * How an event of EVENT places the sentence against `sinceYear`: 'past' before the change, 'now' from it on,
 * null when unknown.
 */
function eventTime(m: RegExpExecArray, sinceYear: number): 'past' | 'now' | null {
  if (m[1] !== undefined) {
    // 十二大 (1982) … 二十大 (2022), every five years.
    const n = parseSmall(m[1]);
    return n === null ? null : 1982 + 5 * (n - 12) < sinceYear ? 'past' : 'now';
  }
  if (m[2] !== undefined) {
    // The plan's last year: “十一五” 2006–2010 … “十五五” 2026–2030.
    const n = parseSmall(m[2]);
    return n === null ? null : 2010 + 5 * (n - 11) < sinceYear ? 'past' : 'now';
  }
  // 十届全国人大 from 2003, every five years; its Nth session in its Nth year.
  const n = parseSmall(m[3]);
  const k = parseSmall(m[4]);
  return n === null || k === null ? null : 2003 + 5 * (n - 10) + k - 1 <= sinceYear ? 'past' : 'now';
}

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
  const after = text.slice(end, Math.min(b, end + 6));
  if (CHANGE_TO_QUOTED.test(after) || (CHANGE_FROM.test(text.slice(Math.max(a, start - 2), start)) && CHANGE_TO.test(after))) {
    return true;
  }
  const sentence = text.slice(a, b);
  // `……发生以来`, `至今`: the sentence reaches now.
  if (/以来|至今|迄今/.test(sentence)) {
    return false;
  }
  let past = THEN.test(sentence);
  const sinceYear = Number(since.slice(0, 4));
  EVENT.lastIndex = 0;
  for (let e = EVENT.exec(sentence); e; e = EVENT.exec(sentence)) {
    const when = eventTime(e, sinceYear);
    if (when === 'now') {
      return false;
    }
    if (when === 'past') {
      past = true;
    }
  }
  if (!sentence.includes('年')) {
    return past;
  }
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
