import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { leftmostNonOverlapping, literalHits } from '../../detectors/literalHits';
import type { Severity } from '../../types';
import { speaksOfTimeBefore } from '../historical';
import { addDays, type AttachedDate, dateAfter, dateBefore, longAfter, positions, recentWords, sentenceStart, yearMonth } from './context';

/**
 * Dates of Party congresses, plenary sessions of the Central Committee and the
 * Eight-point Regulation, checked against the years written next to them and
 * against the document's date. `certain: false` marks dates the reference
 * table leaves to be confirmed; their findings are at most `info`.
 */

function fixDate(d: AttachedDate, iso: string): { title: string; edits: { start: number; end: number; newText: string }[]; safe: boolean }[] {
  const fixed = `${Number(iso.slice(0, 4))}年${d.month !== undefined ? `${Number(iso.slice(5, 7))}月` : ''}`;
  return [{ title: `改为“${fixed}”`, edits: [{ start: d.start, end: d.end, newText: fixed }], safe: false }];
}

/** Does a written date contradict the event's date (the month only when both give one)? */
function contradicts(d: AttachedDate, iso: string): boolean {
  return d.year !== Number(iso.slice(0, 4)) || (d.month !== undefined && d.month !== Number(iso.slice(5, 7)));
}

// ---------------------------------------------------------------------------
// congress-date (E04)

interface Congress {
  start: string;
  certain: boolean;
}

const CONGRESSES: Readonly<Record<string, Congress>> = {
  十六大: { start: '2002-11-08', certain: false },
  十七大: { start: '2007-10-15', certain: false },
  十八大: { start: '2012-11-08', certain: true },
  十九大: { start: '2017-10-18', certain: true },
  二十大: { start: '2022-10-16', certain: true },
  // Expected in 2027; not held before the end of 2026 in any case.
  二十一大: { start: '2027-01-01', certain: false },
};
/** A congress lasts about a week: a week after it opened it has closed. */
function closed(start: string): string {
  return addDays(start, 7);
}

/** The congress names (`十[六七八九]大|二十一?大`). */
export const CONGRESS_NAMES: readonly string[] = ['十六大', '十七大', '十八大', '十九大', '二十大', '二十一大'];
/** The congress is spoken of as held. */
const HELD = /^(?:胜利召开以来|召开以来|以来|精神|报告|通过的|提出的?|作出的?|确立的?|强调|指出|明确)/;
/** The congress is spoken of as coming (迎接党的二十大胜利召开, 即将召开的党的二十大). */
const COMING_BEFORE = /(?:迎接|喜迎|即将召开的|将要召开的|筹备召开|召开前夕的?)(?:党的)?$/;
const COMING_AFTER = /^(?:即将召开|胜利召开前夕|召开前夕)/;

/**
 * `congress-date` (E04): 十八大 2012-11, 十九大 2017-10, 二十大 2022-10 (十六大,
 * 十七大 and 二十一大 at info level). A date written next to the congress must
 * fit (`2013年召开的党的十八大`); a congress spoken of as held must be before
 * the document's date; a congress still `迎接`ed must be after it; one called
 * just held (`刚刚闭幕的`) must have closed within half a year of it.
 */
export function detectCongressDate(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const names = leftmostNonOverlapping(literalHits(doc, CONGRESS_NAMES), CONGRESS_NAMES);
  for (let k = 0; k < names.starts.length; k++) {
    const name = CONGRESS_NAMES[names.which[k]];
    const at = names.starts[k];
    const end = at + name.length;
    // 一百二十大…, 第十九大队 are not congresses.
    if (/[第一二三四五六七八九十百]/.test(text[at - 1] ?? '') || /^[队类项厦楼街]/.test(text[end] ?? '')) {
      continue;
    }
    const c = CONGRESSES[name];
    const severity: Severity | undefined = c.certain ? undefined : 'info';
    const label = `党的${name}（${c.certain ? yearMonth(c.start) : `${c.start.slice(0, 4)}年`}）`;
    const date = dateBefore(text, at, end) ?? dateAfter(text, end);
    if (date && c.certain && contradicts(date, c.start)) {
      out.push({ start: date.start, end: date.end, detail: `党的${name}于${yearMonth(c.start)}召开`, fixes: fixDate(date, c.start) });
      continue;
    }
    const before = text.slice(Math.max(0, at - 8), at);
    const after = text.slice(end, end + 6);
    const coming = COMING_BEFORE.test(before) || COMING_AFTER.test(after);
    const recent = recentWords(text, at);
    if (recent && c.certain && longAfter(doc.effectiveDate, closed(c.start))) {
      out.push({ start: at, end, detail: `${label}已召开半年以上，文稿日期（${doc.effectiveDate}）时不宜再说“${recent}”` });
      continue;
    }
    if (doc.effectiveDate < c.start && (HELD.test(after) || recent) && !coming) {
      out.push({ start: at, end, severity, detail: `${label}在文稿日期（${doc.effectiveDate}）之后，此处却说成已经召开` });
    } else if (
      coming &&
      doc.effectiveDate > closed(c.start) &&
      // Not in a sentence about that year or earlier, which tells how it was awaited (`2022年，我们……迎接党的二十大`).
      !speaksOfTimeBefore(text, at, end, `${Number(c.start.slice(0, 4)) + 1}-01-01`)
    ) {
      out.push({ start: at, end, severity, detail: `${label}已经召开，文稿日期（${doc.effectiveDate}）时不应再说“迎接”“即将召开”` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// plenum-date (E05)

interface Plenum {
  date: string;
  certain: boolean;
  /** What it adopted, as far as the reference table names it. */
  topic?: string;
}

const PLENUMS: Readonly<Record<string, Plenum>> = {
  十八届三中全会: { date: '2013-11-09', certain: false, topic: '全面深化改革' },
  十八届四中全会: { date: '2014-10-20', certain: true, topic: '全面推进依法治国' },
  十八届五中全会: { date: '2015-10-26', certain: true, topic: '“十三五”规划建议' },
  十八届六中全会: { date: '2016-10-24', certain: true, topic: '全面从严治党（党内政治生活准则、党内监督条例）' },
  十九届三中全会: { date: '2018-02-26', certain: false, topic: '深化党和国家机构改革' },
  十九届四中全会: { date: '2019-10-28', certain: true, topic: '坚持和完善中国特色社会主义制度、推进国家治理体系和治理能力现代化' },
  十九届五中全会: { date: '2020-10-26', certain: true, topic: '“十四五”规划和二〇三五年远景目标建议' },
  十九届六中全会: { date: '2021-11-08', certain: true, topic: '党的百年奋斗重大成就和历史经验' },
  二十届二中全会: { date: '2023-02-26', certain: false, topic: '党和国家机构改革方案' },
  二十届三中全会: { date: '2024-07-15', certain: true, topic: '进一步全面深化改革、推进中国式现代化' },
  二十届四中全会: { date: '2025-10-20', certain: true, topic: '“十五五”规划建议' },
};

/**
 * Words of a document's title that belong to one plenum only; checked in this
 * order (进一步全面深化改革 before 全面深化改革, 深化党和国家机构改革 before
 * 党和国家机构改革方案).
 */
const TOPIC_WORDS: readonly [string, string][] = [
  ['进一步全面深化改革', '二十届三中全会'],
  ['全面深化改革若干重大问题', '十八届三中全会'],
  ['全面推进依法治国若干重大问题', '十八届四中全会'],
  ['第十三个五年规划', '十八届五中全会'],
  ['新形势下党内政治生活', '十八届六中全会'],
  ['党内监督条例', '十八届六中全会'],
  ['深化党和国家机构改革', '十九届三中全会'],
  ['党和国家机构改革方案', '二十届二中全会'],
  ['国家治理体系和治理能力现代化若干重大问题', '十九届四中全会'],
  ['第十四个五年规划', '十九届五中全会'],
  ['百年奋斗重大成就和历史经验', '十九届六中全会'],
  ['第十五个五年规划', '二十届四中全会'],
];

const TERM_BEFORE = /[一二]?十[一二三四五六七八九]?$/;
const ADOPTED = /^(?:上)?(?:审议)?(?:通过|作出)了?的?《([^》\r\n]{4,60})》/;

/**
 * `plenum-date` (E05): a plenary session of the Central Committee
 * (十八届四中全会 … 二十届四中全会) with a date written next to it that does
 * not fit, with a document title (《…》) it did not adopt, spoken of as held
 * (…精神, …以来, 刚刚闭幕的…) in a document dated before it, or called just
 * held (刚刚闭幕的…) more than half a year after it.
 */
export function detectPlenumDate(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // Every plenum name has a 届 (十九届四中全会): the positions of 届 are shared with the session detectors.
  for (const b of positions(doc, '届')) {
    if (text.charCodeAt(b + 2) !== 0x4e2d /* 中 */ || !text.startsWith('中全会', b + 2)) {
      continue;
    }
    const term = TERM_BEFORE.exec(text.slice(Math.max(0, b - 3), b));
    if (!term) {
      continue;
    }
    const end = b + 5;
    const name = text.slice(b - term[0].length, end);
    const p = PLENUMS[name];
    if (!p) {
      continue;
    }
    const start = end - name.length;
    const severity: Severity | undefined = p.certain ? undefined : 'info';
    const date = dateBefore(text, start, end) ?? dateAfter(text, end);
    if (date && contradicts(date, p.date)) {
      out.push({ start: date.start, end: date.end, severity, detail: `党的${name}于${yearMonth(p.date)}召开`, fixes: fixDate(date, p.date) });
      continue;
    }
    const adopted = ADOPTED.exec(text.slice(end, end + 70));
    if (adopted) {
      const title = adopted[1];
      const hit = TOPIC_WORDS.find(([w]) => title.includes(w));
      if (hit && hit[1] !== name) {
        const right = hit[1];
        out.push({
          start,
          end,
          detail: `《${title.length > 24 ? title.slice(0, 22) + '…' : title}》是党的${right}（${yearMonth(PLENUMS[right].date)}）通过的，不是${name}`,
          fixes: [{ title: `改为“${right}”`, edits: [{ start, end, newText: right }], safe: false }],
        });
        continue;
      }
    }
    const recent = recentWords(text, start);
    // A plenum lasts about four days.
    if (recent && longAfter(doc.effectiveDate, addDays(p.date, 4))) {
      out.push({ start, end, severity, detail: `党的${name}（${yearMonth(p.date)}）已召开半年以上，文稿日期（${doc.effectiveDate}）时不宜再说“${recent}”` });
      continue;
    }
    if (doc.effectiveDate < p.date && (HELD.test(text.slice(end, end + 6)) || recent)) {
      out.push({ start, end, severity, detail: `党的${name}（${yearMonth(p.date)}）在文稿日期（${doc.effectiveDate}）之后，此处却说成已经召开` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// eight-point-date (B31)

/** Verbs of making the regulation (the year before them is the year it was made). */
const MADE = /出台|制定|审议通过|通过|印发|颁布|作出|出炉/;
const DATE_IN_SENTENCE = /(?<![0-9])([12][0-9]{3})年(?:([0-9]{1,2})月(?:([0-9]{1,2})日)?)?/g;

/**
 * `eight-point-date` (B31): 《十八届中央政治局关于改进工作作风、密切联系群众的
 * 八项规定》 was adopted on 2012-12-04. A date in the same sentence, followed by
 * a verb of making it (出台、制定、审议通过…) and then 八项规定, must be that
 * date. The implementing rules (实施细则, 2017-10) are left alone.
 */
export function detectEightPointDate(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const at of positions(doc, '八项规定')) {
    if (/^(?:的)?实施细则/.test(text.slice(at + 4, at + 9))) {
      continue;
    }
    // Room for the full title: 2012年12月4日，中央政治局审议通过《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》.
    const s = sentenceStart(text, at, 70);
    const before = text.slice(s, at);
    DATE_IN_SENTENCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let last: RegExpExecArray | null = null;
    while ((m = DATE_IN_SENTENCE.exec(before))) {
      last = m;
    }
    if (!last) {
      continue;
    }
    const between = before.slice(last.index + last[0].length);
    if (!MADE.test(between) || /以来|年|起|后|贯彻|落实|执行/.test(between)) {
      continue;
    }
    const year = Number(last[1]);
    const month = last[2] ? Number(last[2]) : undefined;
    const day = last[3] ? Number(last[3]) : undefined;
    if (year === 2012 && (month === undefined || month === 12) && (day === undefined || day === 4)) {
      continue;
    }
    const start = s + last.index;
    const end = start + last[0].length;
    const fixed = `2012年${month !== undefined ? '12月' : ''}${day !== undefined ? '4日' : ''}`;
    out.push({
      start,
      end,
      detail: `中央八项规定是2012年12月4日十八届中央政治局会议审议通过的，不是${last[0]}`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start, end, newText: fixed }], safe: false }],
    });
  }
  return out;
}
