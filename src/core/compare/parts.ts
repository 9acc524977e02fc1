/**
 * The parts of a speech for comparison: title block, salutation, opening,
 * the level-1 sections, and the closing call, each labelled with the
 * standard part kinds it carries (a 领导讲话稿 conventionally runs 称谓 →
 * 开场/会议主旨 → 讲几点意见 → 肯定成绩 → 分析形势 → 部署任务 → 提出要求 → 结尾号召).
 */
import type { SpeechOutline } from '../structure/types';
import { splitParagraphs, type Paragraph } from './text';

export const PART_KINDS = [
  'salutation',
  'opening',
  'announcement',
  'achievements',
  'situation',
  'tasks',
  'requirements',
  'closing',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** Chinese names of the standard parts (the panel's labels come from the localisation table; these are for the CLI and tests). */
export const PART_KIND_NAMES: Record<PartKind, string> = {
  salutation: '称谓',
  opening: '开场/会议主旨',
  announcement: '讲几点意见',
  achievements: '肯定成绩',
  situation: '分析形势',
  tasks: '部署任务',
  requirements: '提出要求',
  closing: '结尾号召',
};

/** Without numbered sections, body paragraphs are grouped into parts of at least this many characters. */
export const BODY_PART_CHARS = 400;

export type PartRole = 'title' | 'salutation' | 'opening' | 'section' | 'closing' | 'body';

export interface SpeechPart {
  role: PartRole;
  /** The heading (for sections) or a short preview of the first paragraph. */
  title: string;
  /** UTF-16 offsets into the speech text. */
  start: number;
  end: number;
  /** Index of the part's first paragraph in the speech's paragraph list. */
  firstParagraph: number;
  paragraphs: Paragraph[];
  kinds: PartKind[];
}

/**
 * What the structure parser found (see `hintsFromOutline`), by offsets into
 * the text. Without hints the parts are recognised by their own patterns.
 */
export interface StructureHints {
  /** Offsets of the top-level part headings (their numbering marker). */
  headings: readonly number[];
  salutation?: number | null;
  closing?: number | null;
  announcement?: number | null;
}

/** The hints of one speech outline from src/core/structure. */
export function hintsFromOutline(outline: SpeechOutline): StructureHints {
  return {
    headings: outline.parts.map(p => p.markerStart),
    salutation: outline.salutation?.start ?? null,
    closing: outline.closing?.start ?? null,
    announcement: outline.announced?.start ?? null,
  };
}

const SALUTATION_RE = /^(?:(?:尊敬的|各位|亲爱的)[^。！？!?]{0,40}|同志们|朋友们|代表们)[：:]$/;
const LEVEL1_RE = /^(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十]{1,3}(?:部分|个方面|方面)[，,、：:\s]?)/;
const ANNOUNCE_RE =
  /(?:讲|谈|强调|提|说)(?:[两二三四五六七八九十\d]{1,3}|几)(?:点|个方面|个问题|条|层意思)(?:意见|看法|要求|建议|希望)?|从以下[两二三四五六七八九十\d]{1,3}个方面|下面[，,]?我(?:讲|谈|再讲|强调)/;
const OPENING_RE = /今天|这次|本次|召开|刚才|主要任务是|会议的主要|隆重开幕|即将闭幕|胜利闭幕/;
const CLOSING_RE = /^同志们[，,！!]|让我们|谢谢大家|努力奋斗[！!]?$|而努力奋斗|再创新的?辉煌/;

const SECTION_KEYWORDS: Record<'achievements' | 'situation' | 'tasks' | 'requirements', RegExp> = {
  achievements: /成绩|成效|成果|回顾|取得了?|一年来|过去的?一年|五年来|几年来|进展|亮点|显著|来之不易|稳健前行|稳中有进|积极贡献/g,
  situation: /形势|认清|认识|清醒|机遇|挑战|差距|不足|短板|问题|重要性|必要性|重要意义|重大意义|紧迫感|责任感|使命感|严峻|基本态势/g,
  tasks: /任务|重点|突出|着力|聚焦|推进|抓好|推动|部署|统筹|围绕|工作安排|主要工作|职能作用|履职|监督|立法|代表工作/g,
  requirements: /要求|组织领导|加强领导|党的领导|作风|保障|纪律|压实|督查|督促|考核|自身建设|队伍建设|履职能力|支持|营造|氛围|协调配合/g,
};

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) {
    n++;
  }
  return n;
}

/** Whether a paragraph is a level-1 heading (`一、`, `第一部分`). */
export function isLevel1Heading(p: string): boolean {
  return LEVEL1_RE.test(p) && p.length <= 80;
}

/**
 * Splits a speech into parts. `headings` (from the structure parser) fixes the
 * level-1 sections when given; otherwise level-1 headings are recognised by
 * their numbering (`一、`, `第一部分`).
 */
export function segmentSpeech(text: string, hints?: StructureHints | null, paragraphs = splitParagraphs(text)): SpeechPart[] {
  const paras = paragraphs;
  if (paras.length === 0) {
    return [];
  }
  /** The paragraph that contains (or starts right after the indentation before) `offset`. */
  const paragraphAt = (offset: number | null | undefined): number => {
    if (offset === null || offset === undefined) {
      return -1;
    }
    let lo = 0;
    let hi = paras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paras[mid].start <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (paras[lo].start <= offset && offset < paras[lo].end) {
      return lo;
    }
    const next = paras[lo].start > offset ? lo : lo + 1;
    return next < paras.length && paras[next].start - offset <= 8 && !/[\r\n]/.test(text.slice(offset, paras[next].start)) ? next : -1;
  };
  const headingIdx: number[] = [];
  if (hints && hints.headings.length) {
    for (const h of hints.headings) {
      const i = paragraphAt(h);
      if (i >= 0 && (headingIdx.length === 0 || i > headingIdx[headingIdx.length - 1])) {
        headingIdx.push(i);
      }
    }
  } else {
    paras.forEach((p, i) => {
      if (isLevel1Heading(p.text)) {
        headingIdx.push(i);
      }
    });
  }
  const announceIdx = paragraphAt(hints?.announcement);

  const parts: SpeechPart[] = [];
  const make = (role: PartRole, from: number, to: number, title?: string): void => {
    if (to <= from) {
      return;
    }
    const ps = paras.slice(from, to);
    parts.push({
      role,
      title: title ?? ps[0].text,
      start: ps[0].start,
      end: ps[ps.length - 1].end,
      firstParagraph: from,
      paragraphs: ps,
      kinds: [],
    });
  };

  const firstHeading = headingIdx.length ? headingIdx[0] : paras.length;
  let sal = hints ? paragraphAt(hints.salutation) : -1;
  if (sal >= firstHeading) {
    sal = -1;
  }
  for (let i = 0; sal < 0 && i < Math.min(firstHeading, 20); i++) {
    if (SALUTATION_RE.test(paras[i].text)) {
      sal = i;
    }
  }
  let bodyStart: number;
  if (sal >= 0) {
    make('title', 0, sal);
    make('salutation', sal, sal + 1);
    bodyStart = sal + 1;
  } else {
    // Without a salutation, short lines at the very top are the title block.
    let t = 0;
    while (t < Math.min(firstHeading, 3) && paras[t].text.length <= 40 && !/[。！？!?]$/.test(paras[t].text)) {
      t++;
    }
    make('title', 0, t);
    bodyStart = t;
  }

  // The closing call: trailing paragraphs from the last one that reads like a rally.
  let closingFrom = paras.length;
  const hinted = hints ? paragraphAt(hints.closing) : -1;
  if (hinted >= bodyStart) {
    closingFrom = hinted;
  }
  for (let i = paras.length - 1; hinted < 0 && i >= Math.max(bodyStart, paras.length - 3); i--) {
    if (CLOSING_RE.test(paras[i].text) && !isLevel1Heading(paras[i].text)) {
      closingFrom = i;
    }
  }
  if (closingFrom <= (headingIdx.length ? headingIdx[headingIdx.length - 1] : bodyStart)) {
    closingFrom = paras.length;
  }

  if (headingIdx.length) {
    make('opening', bodyStart, Math.min(firstHeading, closingFrom));
    for (let k = 0; k < headingIdx.length; k++) {
      const from = headingIdx[k];
      const to = Math.min(k + 1 < headingIdx.length ? headingIdx[k + 1] : paras.length, closingFrom);
      make('section', from, Math.max(to, from + 1));
    }
  } else {
    // No numbered sections: the first paragraph opens; later paragraphs are grouped
    // into parts of at least BODY_PART_CHARS characters.
    const end = closingFrom;
    if (end > bodyStart) {
      make('opening', bodyStart, bodyStart + 1);
      let from = bodyStart + 1;
      let size = 0;
      for (let i = bodyStart + 1; i < end; i++) {
        size += paras[i].text.length;
        if (size >= BODY_PART_CHARS || i === end - 1) {
          make('body', from, i + 1);
          from = i + 1;
          size = 0;
        }
      }
    }
  }
  make('closing', closingFrom, paras.length);
  classifyParts(parts);
  if (announceIdx >= 0) {
    const owner = parts.find(p => p.firstParagraph <= announceIdx && announceIdx < p.firstParagraph + p.paragraphs.length);
    if (owner && !owner.kinds.includes('announcement')) {
      owner.kinds = PART_KINDS.filter(k => k === 'announcement' || owner.kinds.includes(k));
    }
  }
  return parts;
}

/** Labels parts with the standard kinds they carry. */
export function classifyParts(parts: SpeechPart[]): void {
  const sections = parts.filter(p => p.role === 'section' || p.role === 'body');
  for (const part of parts) {
    const kinds = new Set<PartKind>();
    const full = part.paragraphs.map(p => p.text).join('\n');
    switch (part.role) {
      case 'salutation':
        kinds.add('salutation');
        break;
      case 'opening':
        if (OPENING_RE.test(full) || part.paragraphs.length > 0) {
          kinds.add('opening');
        }
        if (ANNOUNCE_RE.test(full)) {
          kinds.add('announcement');
        }
        for (const k of sectionKinds(full, full, 0.5)) {
          if (k === 'achievements') {
            kinds.add(k);
          }
        }
        break;
      case 'closing':
        kinds.add('closing');
        break;
      case 'section':
      case 'body': {
        const head = part.role === 'section' ? part.title : part.paragraphs[0].text.slice(0, 40);
        const lead = (part.role === 'section' ? part.paragraphs[1]?.text ?? '' : part.paragraphs[0].text).slice(0, 150);
        const index = sections.indexOf(part);
        const position = sections.length > 1 ? index / (sections.length - 1) : 0.5;
        const best = sectionKinds(head, lead, position)[0];
        if (best) {
          kinds.add(best);
        }
        if (part.role === 'body' && index === 0 && ANNOUNCE_RE.test(full)) {
          kinds.add('announcement');
        }
        break;
      }
      case 'title':
        break;
    }
    part.kinds = PART_KINDS.filter(k => kinds.has(k));
  }
}

/**
 * Kinds of a body section by keyword evidence, best first; the heading weighs
 * most; `position` (0 = first section, 1 = last) breaks ties by convention.
 */
function sectionKinds(head: string, lead: string, position: number): PartKind[] {
  const prior: Record<keyof typeof SECTION_KEYWORDS, number> = {
    achievements: 0.3 * (1 - position),
    situation: 0.2 * (1 - position),
    tasks: 0.1,
    requirements: 0.3 * position,
  };
  const scored = (Object.keys(SECTION_KEYWORDS) as (keyof typeof SECTION_KEYWORDS)[])
    .map(k => {
      const evidence = 5 * count(SECTION_KEYWORDS[k], head) + count(SECTION_KEYWORDS[k], lead);
      return { k, evidence, score: evidence + prior[k] };
    })
    .filter(s => s.evidence > 0)
    .sort((x, y) => y.score - x.score);
  return scored.map(s => s.k);
}

/** The standard kinds a speech carries, in canonical order. */
export function kindsOf(parts: readonly SpeechPart[]): PartKind[] {
  const set = new Set(parts.flatMap(p => p.kinds));
  return PART_KINDS.filter(k => set.has(k));
}
