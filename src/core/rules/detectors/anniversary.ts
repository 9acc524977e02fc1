import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { parseNumber, positions, sameStyle, sentenceStart } from './context';

/** Events whose anniversaries speeches count, with the year they happened. */
interface AnniversaryEvent {
  name: string;
  year: number;
  /** Wordings that end right before the number of years (建党100周年, 新中国成立75周年). */
  forms: string[];
}

export const ANNIVERSARY_EVENTS: Readonly<Record<string, AnniversaryEvent>> = {
  party: { name: '中国共产党成立', year: 1921, forms: ['中国共产党成立', '中国共产党建党', '建党'] },
  prc: { name: '中华人民共和国成立', year: 1949, forms: ['中华人民共和国成立', '新中国成立', '共和国成立', '建国'] },
  victory: { name: '中国人民抗日战争暨世界反法西斯战争胜利', year: 1945, forms: ['反法西斯战争胜利', '抗日战争胜利', '抗战胜利'] },
  npc: { name: '全国人民代表大会成立', year: 1954, forms: ['全国人民代表大会成立', '全国人大成立'] },
  'local-committee': {
    name: '县级以上地方人大设立常委会',
    year: 1979,
    forms: ['地方人大设立常委会', '地方人大设立常务委员会', '地方人大常委会设立', '地方人大常委会成立', '地方各级人大设立常委会'],
  },
  'eight-point': { name: '中央八项规定出台', year: 2012, forms: ['八项规定出台', '八项规定制定', '八项规定实施'] },
};

const NUMBER_BEFORE = /([0-9]{1,3}|[〇零一二两三四五六七八九十百]{1,5})$/;
/** The year the sentence speaks of, written before the event: 今年是…, 2021年是…, 明年…, 去年…. */
const WHEN = /(今年|明年|去年|(?<![0-9])[12][0-9]{3}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?)(?![0-9]|以来|以前|以后|前|后|起|至|到|底|来)/g;
/** At most this many characters between the year and the event (2019年10月1日，庆祝新中国成立70周年). */
const MAX_GAP = 14;
/** What comes before a bare 建党 that means the Party's founding (庆祝建党, 是建党, 值此建党 …); a place name does not. */
const NATIONAL_BEFORE = /[祝念是为此接迎逢值的年在于及和与暨同即党共国]/;

/** Between the year and the event: the anniversary is something cited (学习…在庆祝建党100周年大会上的讲话), not the year's. */
const CITED = /学习|贯彻|落实|领会|重温|讲话|指出|强调|以来/;
/** Words that put the anniversary in the year the text is about (正值…之际), without naming it. */
const THIS_YEAR = /值此|正值|恰逢|适逢|欣逢|喜逢/;
const SOON = /即将|前夕|到来之际|临近/;

/**
 * `anniversary` (params: events — keys of ANNIVERSARY_EVENTS): the number of
 * an anniversary (建党100周年, 新中国成立75周年, 全国人大成立70周年,
 * 地方人大设立常委会40周年) that does not fit the year the sentence is about.
 * The year is taken from the sentence only: 今年 / 明年 / 去年 (from the
 * document's date), a written year (2019年是…), or 值此/正值/恰逢 (the
 * document's year; the next year too when it is 即将 / 前夕). A sentence that
 * names no year — 在庆祝建党95周年大会上的讲话, cited years later — is left alone.
 */
export function detectAnniversary(doc: DocContext, params: Readonly<Record<string, unknown>>): DetectorMatch[] {
  const keys = Array.isArray(params.events) ? params.events.map(String) : Object.keys(ANNIVERSARY_EVENTS);
  const events = keys.map(k => {
    const e = ANNIVERSARY_EVENTS[k];
    if (!e) {
      throw new Error(`unknown anniversary event "${k}"`);
    }
    return e;
  });
  const text = doc.text;
  const docYear = Number(doc.effectiveDate.slice(0, 4));
  const out: DetectorMatch[] = [];
  for (const at of positions(doc, '周年')) {
    const num = NUMBER_BEFORE.exec(text.slice(Math.max(0, at - 5), at));
    if (!num) {
      continue;
    }
    const stated = parseNumber(num[1]);
    const numStart = at - num[1].length;
    if (stated === null || stated === 0) {
      continue;
    }
    let event: AnniversaryEvent | undefined;
    let formStart = numStart;
    for (const e of events) {
      const form = e.forms.find(f => text.startsWith(f, numStart - f.length));
      if (form) {
        event = e;
        formStart = numStart - form.length;
        break;
      }
    }
    if (!event) {
      continue;
    }
    // `琼崖建党100周年`: a place's own party organisation, not the Party's founding (which follows 庆祝, 是, 值此 …).
    if (text.startsWith('建党', formStart) && /\p{Script=Han}/u.test(text[formStart - 1] ?? '') && !NATIONAL_BEFORE.test(text[formStart - 1])) {
      continue;
    }
    const s = Math.max(sentenceStart(text, formStart, 60), formStart - MAX_GAP - 11);
    const before = text.slice(s, formStart);
    let years: number[] = [];
    let basis = '';
    WHEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let last: RegExpExecArray | null = null;
    while ((m = WHEN.exec(before))) {
      last = m;
    }
    if (last) {
      const gap = before.slice(last.index + last[0].length);
      if (gap.length > MAX_GAP || CITED.test(gap)) {
        continue;
      }
      const w = last[1];
      const y = w === '今年' ? docYear : w === '明年' ? docYear + 1 : w === '去年' ? docYear - 1 : Number(w.slice(0, 4));
      years = [y];
      basis = /^[0-9]/.test(w) ? `${y}年` : `${w}（${y}年）`;
    } else if (THIS_YEAR.test(before.slice(-MAX_GAP)) && !CITED.test(before.slice(-MAX_GAP))) {
      const sentence = text.slice(s, Math.min(text.length, at + 20));
      years = SOON.test(sentence) ? [docYear, docYear + 1] : [docYear];
      basis = `文稿所在的${docYear}年`;
    } else {
      continue;
    }
    const expected = years.map(y => y - event.year);
    if (expected.includes(stated) || expected.every(n => n <= 0)) {
      continue;
    }
    const right = expected[0];
    const fixed = sameStyle(right, num[1]);
    out.push({
      start: numStart,
      end: at + 2,
      detail: `${event.name}于${event.year}年，${basis}是${right}周年，不是${stated}周年`,
      fixes: [{ title: `改为“${fixed}周年”`, edits: [{ start: numStart, end: at, newText: fixed }], safe: false }],
    });
  }
  return out;
}
