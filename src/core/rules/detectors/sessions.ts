import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { addDays, chineseNumeral, dateAfter, dateBefore, longAfter, parseNumber, positions, recentWords, yearMonth } from './context';

/**
 * Sessions of the National People's Congress and of the National Committee of
 * the CPPCC. The two bodies order their names differently:
 *   人大  十四届全国人大二次会议  (第十四届全国人民代表大会第二次会议)
 *   政协  全国政协十四届二次会议  (中国人民政治协商会议第十四届全国委员会第二次会议)
 * Every session name has a 届, so both detectors start from the positions of
 * 届 (one shared scan) and read the few characters around it.
 */

const NUM = '(第?)([一二三四五六七八九十]{1,3}|[0-9]{1,2})';
/** Text after 届: `全国人大二次会议` (人大 order) or `二次会议` (政协 order, body before). */
const AFTER_NPC = new RegExp(`^(全国人大|全国人民代表大会)${NUM}次会议`);
const AFTER_CPPCC_WRONG = new RegExp(`^全国政协${NUM}次会议`);
const AFTER_PLAIN = new RegExp(`^${NUM}次会议`);
/** 中国人民政治协商会议第十四届全国委员会第二次会议. */
const AFTER_CPPCC_FULL = new RegExp(`^全国委员会${NUM}次会议`);
/** Text before 届: the 届 number, and for the 政协 order (or the wrong 人大 order) the body before it. */
const BEFORE_NUM = new RegExp(`${NUM}$`);
const BODY_BEFORE = /(全国人大|全国政协|全国人民代表大会|政治协商会议)$/;
const NUMERAL = '一二三四五六七八九十0123456789';
/** What can follow the 届 of a session name: 全国…, 第…, or the session number. */
const SESSION_NEXT = '全第一二三四五六七八九十0123456789';

export interface SessionMention {
  body: 'npc' | 'cppcc';
  /** The name in the wrong order for its body (全国人大十四届二次会议, 十四届全国政协二次会议). */
  wrongOrder: boolean;
  /** The body as written (全国人大, 全国人民代表大会, 全国政协, 政治协商会议). */
  bodyText: string;
  term: number;
  session: number;
  /** `第` when written (第十四届…第二次会议), kept by the fix. */
  ordinalTerm: string;
  ordinalSession: string;
  start: number;
  end: number;
}

/** All session names of the two national bodies in the document (memoised). */
export function sessionMentions(doc: DocContext): readonly SessionMention[] {
  return doc.memo('formulation.sessions', d => {
    const text = d.text;
    const out: SessionMention[] = [];
    for (const at of positions(d, '届')) {
      // Most 届 are 换届, 本届, 市十四届人大: two character tests reject them before any regular expression.
      if (!NUMERAL.includes(text[at - 1]) || !SESSION_NEXT.includes(text[at + 1])) {
        continue;
      }
      const before = BEFORE_NUM.exec(text.slice(Math.max(0, at - 4), at));
      if (!before) {
        continue;
      }
      const numStart = at - before[0].length;
      const term = parseNumber(before[2]);
      const after = text.slice(at + 1, at + 16);
      let m: RegExpExecArray | null;
      let mention: Omit<SessionMention, 'term' | 'ordinalTerm'> | null = null;
      if ((m = AFTER_NPC.exec(after))) {
        mention = { body: 'npc', wrongOrder: false, bodyText: m[1], session: parseNumber(m[3]) ?? 0, ordinalSession: m[2], start: numStart, end: at + 1 + m[0].length };
      } else if ((m = AFTER_CPPCC_WRONG.exec(after))) {
        mention = { body: 'cppcc', wrongOrder: true, bodyText: '全国政协', session: parseNumber(m[2]) ?? 0, ordinalSession: m[1], start: numStart, end: at + 1 + m[0].length };
      } else if ((m = AFTER_CPPCC_FULL.exec(after))) {
        if (text.slice(Math.max(0, numStart - 6), numStart) === '政治协商会议') {
          mention = { body: 'cppcc', wrongOrder: false, bodyText: '政治协商会议', session: parseNumber(m[2]) ?? 0, ordinalSession: m[1], start: numStart, end: at + 1 + m[0].length };
        }
      } else if ((m = AFTER_PLAIN.exec(after))) {
        const body = BODY_BEFORE.exec(text.slice(Math.max(0, numStart - 8), numStart));
        if (body) {
          const npc = body[1] === '全国人大' || body[1] === '全国人民代表大会';
          mention = {
            body: npc ? 'npc' : 'cppcc',
            wrongOrder: npc,
            bodyText: body[1],
            session: parseNumber(m[2]) ?? 0,
            ordinalSession: m[1],
            start: numStart - body[1].length,
            end: at + 1 + m[0].length,
          };
        }
      }
      if (mention && term !== null && mention.session > 0) {
        out.push({ ...mention, term, ordinalTerm: before[1] });
      }
    }
    return out;
  });
}

/**
 * `session-order` (A14): 全国人大十四届二次会议 → 十四届全国人大二次会议;
 * 十四届全国政协二次会议 → 全国政协十四届二次会议.
 */
export function detectSessionOrder(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const s of sessionMentions(doc)) {
    if (!s.wrongOrder) {
      continue;
    }
    // Session numbers in Chinese numerals (十四届, not 14届), as number.session asks too.
    const term = chineseNumeral(s.term);
    const session = chineseNumeral(s.session);
    const fixed =
      s.body === 'npc'
        ? `${s.ordinalTerm}${term}届${s.bodyText}${s.ordinalSession}${session}次会议`
        : `全国政协${s.ordinalTerm}${term}届${s.ordinalSession}${session}次会议`;
    out.push({
      start: s.start,
      end: s.end,
      detail: `${s.body === 'npc' ? '全国人大的会次写作“X届全国人大X次会议”' : '全国政协的会次写作“全国政协X届X次会议”'}，应为“${fixed}”`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start: s.start, end: s.end, newText: fixed }], safe: true }],
    });
  }
  return out;
}

/** First year of each term (the first session is held in March of that year). */
const TERM_START: Readonly<Record<number, number>> = { 12: 2013, 13: 2018, 14: 2023 };
/** Sessions not held in March. */
const SESSION_DATE: Readonly<Record<string, string>> = { '13-3': '2020-05-22' };

function sessionDate(term: number, session: number): string | null {
  const start = TERM_START[term];
  if (start === undefined) {
    return null;
  }
  return SESSION_DATE[`${term}-${session}`] ?? `${start + session - 1}-03-05`;
}

/** After the name: the session is spoken of as already held. */
const HELD_AFTER = /^(?:的)?(?:精神|以来|审议通过|通过的|闭幕|胜利闭幕|作出的|确定的)/;

/**
 * `npc-session-date` (E06): a session of the NPC or the CPPCC National
 * Committee that does not fit its date — a term has five sessions (一 to 五);
 * 十二届 began in 2013, 十三届 in 2018, 十四届 in 2023, one session each March;
 * a year written next to the name must be that year; a session the document
 * speaks of as held (…精神, …以来) must be before the document's date, and
 * one it calls just held (刚刚闭幕的…) must have closed within half a year.
 */
export function detectNpcSessionDate(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const s of sessionMentions(doc)) {
    const name = text.slice(s.start, s.end);
    if (s.session > 5) {
      out.push({ start: s.start, end: s.end, detail: `每届任期五年，只有一至五次会议，“${name}”不存在` });
      continue;
    }
    const held = sessionDate(s.term, s.session);
    if (!held) {
      continue;
    }
    const year = Number(held.slice(0, 4));
    const date = dateBefore(text, s.start, s.end) ?? dateAfter(text, s.end);
    if (date && date.year !== year) {
      const fixedDate = `${year}年${date.month !== undefined ? `${Number(held.slice(5, 7))}月` : ''}`;
      out.push({
        start: date.start,
        end: date.end,
        detail: `“${name}”于${yearMonth(held)}召开，不是${date.year}年`,
        fixes: [{ title: `改为“${fixedDate}”`, edits: [{ start: date.start, end: date.end, newText: fixedDate }], safe: false }],
      });
      continue;
    }
    const recent = recentWords(text, s.start);
    // A session lasts about a week.
    if (recent && longAfter(doc.effectiveDate, addDays(held, 7))) {
      out.push({ start: s.start, end: s.end, detail: `“${name}”于${yearMonth(held)}召开，文稿日期（${doc.effectiveDate}）时不宜再说“${recent}”` });
      continue;
    }
    if (doc.effectiveDate < held && (HELD_AFTER.test(text.slice(s.end, s.end + 5)) || recent)) {
      out.push({ start: s.start, end: s.end, detail: `“${name}”于${yearMonth(held)}召开，文稿日期（${doc.effectiveDate}）时尚未召开` });
    }
  }
  return out;
}
