/**
 * Metadata of a speech from its own text: title, date, occasion, speaker's
 * role and outline (from the structure parser).
 */
import { flattenParts, parseOutline } from '../structure/parse';
import type { IsoDate } from '../types';
import { isSalutation, isTitleLine } from './split';
import type { SpeechHeading, SpeechParagraph } from './types';

export interface ExtractedMeta {
  /** Title from the text's own title block, or null. */
  title: string | null;
  date: IsoDate | null;
  occasion: string | null;
  speaker: string | null;
  outline: SpeechHeading[];
}

const SCOPE_PREFIX = /^(?:在|召开|中共|全省|全市|全县|全区|全镇|我市|我县|我区|[市县区乡镇省]委|[市县区乡镇省](?!政府)(?=[\u4e00-\u9fff]{2})|江城县委?|XX[市县区]?|×+[市县区]?|镇、街道|市县乡|区乡两级|市镇两级|[市县区]、?[乡镇]?两级)+/;
const ROLE = /((?:[市县区省乡镇]|XX[市县区]|[\u4e00-\u9fff]{0,4}[市县区])?(?:人大常委会|人大|政府|党委|委员会|县委|市委|区委)?(?:党组)?(?:副?主任|副?书记|副?市长|副?县长|副?区长|副?主席|委员长|秘书长|部长|局长))/;

/** `县委人大工作会议` → `人大工作会议`; `全市市县乡人大换届选举工作部署会` → `人大换届选举工作部署会`. */
export function meetingType(name: string): string {
  let s = name.replace(/^的/, '');
  for (let i = 0; i < 4; i++) {
    const next = s.replace(SCOPE_PREFIX, '');
    if (next === s || next.length < 4) {
      break;
    }
    s = next;
  }
  return s;
}

const MEETING_NAME = '[\\u4e00-\\u9fff（）()·、0-9]{2,30}?(?:工作会议|工作部署会|部署会|座谈会|动员大会|动员会|推进会|扩大会|表彰大会|会议|大会|培训班)';
const VAGUE = /^(?:一次|这次|本次|此次|今天的?)|重要|十分|非常/;

/** The meeting the speech was given at: from the title block (`在……会议上的讲话`), else the opening (`召开……会议`). */
function findOccasion(block: readonly string[], opening: readonly string[]): string | null {
  for (const l of block) {
    const m = new RegExp(`在(${MEETING_NAME})(?:上|结束时|开幕时|闭幕时)`).exec(l) ?? (isTitleLine(l) ? new RegExp(`(${MEETING_NAME})(?:讲话|发言)`).exec(l) : null);
    if (m && !VAGUE.test(m[1]) && !/^(?:工作)?会议$/.test(meetingType(m[1]))) {
      return meetingType(m[1]);
    }
  }
  for (const l of opening) {
    const re = new RegExp(`(?:召开|举行|参加)(?:了|的)?(?:这次|今天的|本次)?(${MEETING_NAME})`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(l))) {
      if (!VAGUE.test(m[1])) {
        return meetingType(m[1]);
      }
    }
    const named = /(?:这次|本次|此次)([\u4e00-\u9fff（）()·、0-9]{2,30}?(?:工作会议|会议|大会|座谈会))/.exec(l);
    if (named && !VAGUE.test(named[1])) {
      return meetingType(named[1]);
    }
  }
  return null;
}

function findSpeaker(titleLines: readonly string[], blockSpeaker: string | null): string | null {
  if (blockSpeaker) {
    // `县人大常委会主任 方艾学` → the role; a name alone is not a role.
    const m = ROLE.exec(blockSpeaker);
    if (m) {
      return m[1];
    }
  }
  for (const l of titleLines) {
    const m = /^(.{2,20}?)(?:在|于)/.exec(l);
    if (m) {
      const r = ROLE.exec(m[1]);
      if (r) {
        return r[1];
      }
    }
  }
  return null;
}

/** Dates in the title block: `（2005年11月21日）`; `20xx`/`×月×日` placeholders are no date. */
function findDate(titleLines: readonly string[]): IsoDate | null {
  for (const l of titleLines) {
    const m = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$/.exec(l.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
        return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      }
    }
  }
  return null;
}

/** The lines before the salutation or the first body paragraph. */
export function titleBlockLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (isSalutation(l)) {
      break;
    }
    const t = l.trim();
    const looksTitle =
      isTitleLine(t) || /^[（(]\s*\d{4}\s*年.*日\s*[）)]$/.test(t) || (t.length <= 30 && !/[。！？；，,]/.test(t) && !/^[一二三四五六七八九十]+、/.test(t));
    if (!looksTitle) {
      break;
    }
    out.push(t);
  }
  return out;
}

export function extractMeta(text: string): ExtractedMeta {
  const lines = text.split('\n');
  const block = titleBlockLines(lines);
  const outline = parseOutline(text);
  const tb = outline.titleBlock;
  let title: string | null = null;
  if (block.length) {
    // Main title: the title-like lines that are neither subtitle, speaker nor date.
    const main = block.filter(l => !/^——/.test(l) && !/^[（(]\s*\d{4}/.test(l) && !(tb?.speaker && l === tb.speaker) && !/^中共.{0,20}材料/.test(l));
    title = main.length ? main.slice(0, 2).join(' ') : null;
    const sub = block.find(l => /^——/.test(l));
    if (title && sub && !TITLE_HAS_OCCASION.test(title)) {
      title = `${title}${sub}`;
    }
  }
  const heads: SpeechHeading[] = flattenParts(outline.parts).map(p => ({
    level: p.level,
    marker: p.marker,
    title: p.title,
    line: p.line,
  }));
  return {
    title,
    date: findDate(block) ?? tb?.date ?? null,
    occasion: findOccasion(block, lines.slice(block.length, block.length + 4)),
    speaker: findSpeaker(block, tb?.speaker ?? null),
    outline: heads,
  };
}

const TITLE_HAS_OCCASION = /(?:会议|大会|座谈会)(?:上)?的?(?:讲话|发言)/;

/** The speech's paragraphs: one per line. Headings are the outline's lines. */
export function paragraphsOf(text: string, outline: readonly SpeechHeading[]): SpeechParagraph[] {
  const headingLines = new Set(outline.map(h => h.line));
  const out: SpeechParagraph[] = [];
  let start = 0;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const end = start + line.length;
    out.push({ index, start, end, text: line, heading: headingLines.has(index) });
    start = end + 1;
  });
  return out;
}
