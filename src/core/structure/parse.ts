import { parseChineseDateLine } from '../date';
import type { DocContext } from '../document';
import { LineIndex } from '../text/lineIndex';
import { matchLineMarker, type LineMarker, type PartLevel } from './markers';
import { parseChineseNumber, parseCount } from './numerals';
import type {
  Announcement,
  Opening,
  Outline,
  OutlinePart,
  Sequence,
  SequenceItem,
  SequenceKind,
  SpeechOutline,
  TextSpan,
  TitleBlock,
} from './types';

/**
 * The speech-structure parser. One pass over the lines classifies them, a
 * second groups them into speeches, a third builds each speech's outline.
 * Every step looks at a bounded neighbourhood of a line, so the whole parse is
 * linear in the length of the text.
 */

type LineKind = 'blank' | 'meta' | 'salutation' | 'part' | 'text';

interface LineInfo {
  line: number;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's last character (before the line break). */
  end: number;
  /** Offset of `content` in the text. */
  contentStart: number;
  /** The line without leading white space, Markdown heading/bold marks and trailing white space. */
  content: string;
  kind: LineKind;
  marker: LineMarker | null;
}

/** Where a short text excerpt of a long paragraph ends. */
const EXCERPT = 60;

const SALUTATION = /^(?:(?:各位|尊敬的)[^。！？!?：:]{1,30}|同志们|同志們|代表们|代表們|朋友们|朋友們|女士们、先生们)[：:]\s*[。.]?$/;
const SUBTITLE = /^(?:——|—|--|――|─{1,2}|－{1,2})\s*\S/;
const SPEECH_WORDS = /讲话|发言|致辞|报告|讲稿|动员|致词|范文|【篇|篇\d|第[一二三四五六七八九十\d]+篇/;
const TITLE_ENDS = /[。！？!?；;：:，,、]$/;
const LABEL = /^[^\s：:]{1,6}[：:]|^\s*(?:时间|来源|作者|发布|浏览|阅读|当前位置|首页)/;
const PURPOSE = /召开|今天|这次(?:会议|大会|全会|会)|本次(?:会议|大会)|主要(?:任务|目的|议程)是|隆重开幕|胜利闭幕|即将闭幕|圆满完成|刚才/;
const CLOSING = /^(?:(?:同志们|各位代表|各位委员|代表们)[，,！!]|让我们|谢谢(?:大家|各位)?[！!。.]?$)/;
const ANNOUNCE = new RegExp(
  [
    '(?:讲|谈|强调|提|说|讲讲|谈谈)(?:以下|这么|一下|上)?(?<c1>[两二三四五六七八九十0-9０-９]{1,3}|几)(?:点|个方面|个问题|条|层意思)',
    '从以下(?<c2>[两二三四五六七八九十0-9０-９]{1,3}|几)个方面',
    '关键(?:是|要)?(?:做到|抓好|把握|突出)(?<c3>[两二三四五六七八九十0-9０-９]{1,3}|几)(?:条|点|个方面)',
  ].join('|'),
  'gu',
);

/** Start of an inline sequence item: at a line start or after punctuation/space. */
const SEQUENCE = /(?<=^|[\s\u3000。；;，,：:、！!？?）)”"’」』】…—*])(?:(?<n1>[一二三四五六七八九十]{1,3})(?<verb>是|要)|第(?<n2>[一二三四五六七八九十]{1,3})(?<unit>点意见|点要求|点希望|点|个方面|个问题|句话|条)?(?<mark>[，,、：:])|(?<order>首先|其次|再次|最后)(?=[，,、：:]))/gu;
const ORDER_VALUES: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 0 };

function classifyLines(text: string, lines: LineIndex, markdown: boolean): { infos: LineInfo[]; genre: string | null } {
  const infos: LineInfo[] = [];
  let genre: string | null = null;
  let inFrontMatter = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    const raw = text.slice(start, end);
    let lead = 0;
    while (lead < raw.length && /[\s\u3000\ufeff]/.test(raw[lead])) {
      lead++;
    }
    let content = raw.slice(lead);
    // Markdown heading marks and bold wrappers: `## 一、…`, `**一、…**`.
    const heading = /^#{1,6}[ \t]+/.exec(content);
    if (heading) {
      lead += heading[0].length;
      content = content.slice(heading[0].length);
    }
    const bold = /^(?:\*\*|__)(?=\S)/.exec(content);
    if (bold) {
      lead += bold[0].length;
      content = content.slice(bold[0].length);
    }
    content = content.replace(/[\s\u3000]+$/, '');
    if (bold) {
      content = content.replace(/(?:\*\*|__)$/, '');
    }
    let kind: LineKind = 'text';
    let marker: LineMarker | null = null;
    const trimmed = raw.trim();
    if (line === 0 && trimmed === '---' && markdown) {
      inFrontMatter = true;
      kind = 'meta';
    } else if (inFrontMatter) {
      kind = 'meta';
      if (trimmed === '---' || trimmed === '...') {
        inFrontMatter = false;
      }
      const g = /^genre\s*:\s*["']?([\w-]+)/.exec(trimmed);
      if (g) {
        genre = g[1];
      }
    } else if (/^<!--.*-->$/.test(trimmed)) {
      kind = 'meta';
      const g = /gongwen[\s:]*genre\s*[=:：]\s*([\w-]+)/i.exec(trimmed);
      if (g) {
        genre = g[1];
      }
    } else if (content.length === 0) {
      kind = 'blank';
    } else if (content.length <= 40 && SALUTATION.test(content)) {
      kind = 'salutation';
    } else if ((marker = matchLineMarker(content))) {
      kind = 'part';
    }
    infos.push({ line, start, end, contentStart: start + lead, content, kind, marker });
  }
  return { infos, genre };
}

function isTitleLike(info: LineInfo): boolean {
  const c = info.content;
  return (
    info.kind === 'text' &&
    c.length >= 2 &&
    c.length <= 60 &&
    !c.includes('。') &&
    !TITLE_ENDS.test(c) &&
    !LABEL.test(c)
  );
}

/** A line that can be the first line of a two-line main title: short, no sentence punctuation, not a document label or a numbered series name. */
function isTitleLine(info: LineInfo): boolean {
  return isTitleLike(info) && info.content.length <= 30 && !/[（(][一二三四五六七八九十\d]+[）)]$|材料|附件|文件/.test(info.content);
}

function isSpeechTitle(info: LineInfo): boolean {
  return isTitleLike(info) && SPEECH_WORDS.test(info.content);
}

function excerpt(s: string): string {
  return s.length > EXCERPT ? s.slice(0, EXCERPT) + '…' : s;
}

function span(info: LineInfo): TextSpan {
  return { text: excerpt(info.content), line: info.line, start: info.contentStart, end: info.end };
}

/** Walks back from `from` (exclusive) over at most `max` non-blank lines that look like a title block; returns the first line of that block. */
function titleBlockStart(infos: LineInfo[], from: number, floor: number, max = 5): number {
  let first = from;
  let seen = 0;
  for (let i = from - 1; i >= floor && seen < max && from - i <= 24; i--) {
    const info = infos[i];
    if (info.kind === 'blank' || info.kind === 'meta') {
      continue;
    }
    if (info.kind !== 'text' || !(isTitleLike(info) || parseChineseDateLine(info.content) || SUBTITLE.test(info.content))) {
      break;
    }
    first = i;
    seen++;
  }
  return first;
}

/** Splits the lines into speeches: a new salutation or a new titled `一、` run after a finished speech starts the next one. */
function segment(infos: LineInfo[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let hasSalutation = false;
  let maxLevel1 = 0;
  let hasBody = false;
  let closed = false;
  let anyParts = false;
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    let boundary = -1;
    if (info.kind === 'salutation') {
      if (hasSalutation || anyParts || closed) {
        boundary = titleBlockStart(infos, i, start + 1);
      }
    } else if (info.kind === 'part' && info.marker?.level === 1) {
      if (info.marker.value === 1 && maxLevel1 >= 2) {
        // A restart shortly after a speech title is a new speech; otherwise it is a restart inside this one.
        let seen = 0;
        for (let j = i - 1; j > start && seen < 6; j--) {
          if (infos[j].kind === 'blank' || infos[j].kind === 'meta') {
            continue;
          }
          if (infos[j].kind !== 'text') {
            break;
          }
          seen++;
          if (isSpeechTitle(infos[j])) {
            boundary = titleBlockStart(infos, j + 1, start + 1);
            break;
          }
        }
      }
    } else if (info.kind === 'text') {
      if (closed && info.content.length <= 40 && isSpeechTitle(info)) {
        // A new title after a speech has closed.
        boundary = titleBlockStart(infos, i + 1, start + 1);
      }
    }
    if (boundary > start && (hasBody || maxLevel1 > 0)) {
      ranges.push([start, boundary - 1]);
      start = boundary;
      hasSalutation = false;
      maxLevel1 = 0;
      hasBody = false;
      closed = false;
      anyParts = false;
    }
    if (info.kind === 'part') {
      anyParts = true;
    }
    if (info.kind === 'salutation') {
      hasSalutation = true;
    } else if (info.kind === 'part' && info.marker?.level === 1) {
      maxLevel1 = Math.max(maxLevel1, info.marker.value);
    } else if (info.kind === 'text') {
      if (!isTitleLike(info)) {
        hasBody = true;
      }
      if ((maxLevel1 > 0 || hasSalutation) && CLOSING.test(info.content)) {
        closed = true;
      }
    }
  }
  ranges.push([start, infos.length - 1]);
  return ranges;
}

function parseTitleBlock(infos: LineInfo[], from: number, bodyStart: number): TitleBlock | null {
  // Walk back from the body over the title block: date, speaker, subtitle, title (in reverse order).
  let title: LineInfo | null = null;
  let subtitle: LineInfo | null = null;
  let speaker: LineInfo | null = null;
  let date: { info: LineInfo; iso: string } | null = null;
  let skipped = 0;
  let seen = 0;
  for (let i = bodyStart - 1; i >= from && seen < 8; i--) {
    const info = infos[i];
    if (info.kind === 'blank' || info.kind === 'meta') {
      continue;
    }
    seen++;
    if (info.kind !== 'text') {
      break;
    }
    const c = info.content;
    const iso = parseChineseDateLine(c);
    if (iso) {
      if (date || title) {
        break;
      }
      date = { info, iso };
      continue;
    }
    if (SUBTITLE.test(c)) {
      if (subtitle || title) {
        break;
      }
      subtitle = info;
      continue;
    }
    if (isTitleLike(info)) {
      // A short name line right under the title is the speaker.
      if (!speaker && !subtitle && c.length <= 20 && !SPEECH_WORDS.test(c) && !/会议|工作|大会/.test(c) && /^[\u4e00-\u9fff·•（）()\s\u3000]+$/.test(c)) {
        const prev = prevNonBlank(infos, i, from);
        if (prev >= 0 && (isTitleLike(infos[prev]) || SUBTITLE.test(infos[prev].content))) {
          speaker = info;
          continue;
        }
      }
      title = info;
      break;
    }
    // Page labels between the title and the text (`发布时间:…`, `浏览数:次`) are skipped, a few at most.
    if (LABEL.test(c) && c.length <= 60 && skipped < 3 && !title) {
      skipped++;
      continue;
    }
    break;
  }
  // Nothing title-like before the body: no title block (a lone subtitle or date line still makes one).
  if (!title && !subtitle && !date) {
    return null;
  }
  // A main title set on two lines: the title-like line directly above belongs to it (`坚持党的领导 依法行使职权` / `不断开创……新局面`).
  let titleText = title ? title.content : null;
  let titleFirst = title;
  if (title && title.line - 1 >= from) {
    const above = infos[title.line - 1];
    if (isTitleLine(above) && !SUBTITLE.test(above.content) && !parseChineseDateLine(above.content)) {
      titleText = `${above.content} ${titleText}`;
      titleFirst = above;
    }
  }
  const lines = [titleFirst, title, subtitle, speaker, date?.info].filter((x): x is LineInfo => x !== null && x !== undefined);
  const first = lines.reduce((a, b) => (a.line <= b.line ? a : b));
  const last = lines.reduce((a, b) => (a.line >= b.line ? a : b));
  return {
    title: titleText,
    subtitle: subtitle ? subtitle.content.replace(/^(?:——|—|--|――|─{1,2}|－{1,2})\s*/, '') : null,
    speaker: speaker ? speaker.content.replace(/^[（(]|[）)]$/g, '') : null,
    date: date ? date.iso : null,
    line: (titleFirst ?? first).line,
    endLine: last.line,
    start: first.contentStart,
    end: last.end,
  };
}

function prevNonBlank(infos: LineInfo[], i: number, floor: number): number {
  for (let j = i - 1; j >= floor && i - j <= 24; j--) {
    if (infos[j].kind !== 'blank' && infos[j].kind !== 'meta') {
      return j;
    }
  }
  return -1;
}

/** A heading's first sentence longer than this is suspected of running into the body text. */
const RUN_ON_SENTENCE = 30;
/** The longest heading text before a body opening that still counts as a heading. */
const RUN_ON_HEAD_MAX = 20;
/** Typical openings of a part's body text, right after a heading written without its full stop (no comma before them in the heading). */
const RUN_ON_BODY = /(?<=^[^，,；;：:、\s\u3000]{4,}?)(?<=[\u4e00-\u9fff”」』）)])(?:各级|各地|各部门|各单位|我们(?:要|必须)|必须|要(?=[切认坚进加充全着努把深高严])|今年|近年来|当前)/u;

/** The title of a heading: the text after the marker up to the first full stop (or the whole line). */
function headingTitle(info: LineInfo, marker: LineMarker): { title: string; titleStart: number; titleEnd: number; runOnAt: number | null } {
  const rest = info.content.slice(marker.end);
  const lead = rest.length - rest.replace(/^[\s\u3000]+/, '').length;
  const body = rest.slice(lead);
  const titleStart = info.contentStart + marker.end + lead;
  let cut = body.search(/[。！？!?]/);
  let runOnAt: number | null = null;
  const firstSentence = cut < 0 ? body : body.slice(0, cut);
  // The heading runs into its text when an inline sequence starts inside the first sentence (`……完成一要努力……`).
  const seq = /(?<=[\u4e00-\u9fff”」』）)])(?:一是|一要|第一[，,、])/u.exec(firstSentence);
  if (seq && seq.index >= 4) {
    cut = seq.index;
    runOnAt = titleStart + seq.index;
  } else if (marker.level <= 2 && firstSentence.length > RUN_ON_SENTENCE) {
    // A first sentence far longer than a heading that goes on with a typical body opening (`加强领导各级党委要……`).
    const open = RUN_ON_BODY.exec(firstSentence);
    if (open && open.index >= 4 && open.index <= RUN_ON_HEAD_MAX) {
      cut = open.index;
      runOnAt = titleStart + open.index;
    }
  }
  const title = (cut < 0 ? body : body.slice(0, cut)).replace(/[\s\u3000]+$/, '');
  return { title: title.length > 120 ? title.slice(0, 120) + '…' : title, titleStart, titleEnd: titleStart + Math.min(title.length, 120), runOnAt };
}

function buildParts(infos: LineInfo[], from: number, to: number): OutlinePart[] {
  const roots: OutlinePart[] = [];
  const stack: OutlinePart[] = [];
  const open: OutlinePart[] = [];
  const closeUntil = (level: number, lastLine: number) => {
    while (stack.length && stack[stack.length - 1].level >= level) {
      const p = stack.pop()!;
      p.endLine = lastLine;
    }
  };
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind !== 'part' || !info.marker) {
      continue;
    }
    const m = info.marker;
    const h = headingTitle(info, m);
    const part: OutlinePart = {
      level: m.level,
      value: m.value,
      marker: m.text,
      canonical: m.canonical,
      style: m.style,
      wrongMark: m.wrong,
      title: h.title,
      line: info.line,
      endLine: info.line,
      markerStart: info.contentStart,
      markerEnd: info.contentStart + m.end,
      titleStart: h.titleStart,
      titleEnd: h.titleEnd,
      end: info.end,
      runOnAt: h.runOnAt,
      children: [],
    };
    closeUntil(m.level, lastContentLine(infos, from, i - 1));
    if (stack.length) {
      stack[stack.length - 1].children.push(part);
    } else {
      roots.push(part);
    }
    stack.push(part);
    open.push(part);
  }
  closeUntil(0, lastContentLine(infos, from, to));
  for (const p of open) {
    p.end = infos[p.endLine].end;
  }
  return roots;
}

function lastContentLine(infos: LineInfo[], floor: number, i: number): number {
  let j = i;
  while (j > floor && (infos[j].kind === 'blank' || infos[j].kind === 'meta')) {
    j--;
  }
  return Math.max(floor, j);
}

function parseSequences(text: string, infos: LineInfo[], from: number, to: number): Sequence[] {
  const out: Sequence[] = [];
  let open = new Map<string, Sequence>();
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind === 'blank' || info.kind === 'meta' || info.kind === 'salutation') {
      continue;
    }
    let scanFrom = info.contentStart;
    const chunks: Array<[number, number]> = [];
    if (info.kind === 'part' && info.marker) {
      open = new Map(); // a new part is a new scope
      scanFrom = info.contentStart + info.marker.end;
      // A heading run into its text: the text starts a new clause where the sequence begins.
      const runOnAt = headingTitle(info, info.marker).runOnAt;
      if (runOnAt !== null) {
        chunks.push([scanFrom, runOnAt]);
        scanFrom = runOnAt;
      }
    }
    chunks.push([scanFrom, info.end]);
    for (const [chunkStart, chunkEnd] of chunks) {
      scanSequenceChunk(text.slice(chunkStart, chunkEnd), chunkStart, info.line, open, out);
    }
  }
  return out;
}

function scanSequenceChunk(lineText: string, scanFrom: number, line: number, open: Map<string, Sequence>, out: Sequence[]): void {
  {
    SEQUENCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SEQUENCE.exec(lineText))) {
      const g = m.groups ?? {};
      let kind: SequenceKind;
      let value: number;
      let canonical = m[0];
      let wrongMark = false;
      let unit = '';
      if (g.n1) {
        const v = parseChineseNumber(g.n1);
        if (v === null) {
          continue;
        }
        kind = g.verb === '是' ? '一是' : '一要';
        value = v;
      } else if (g.n2) {
        const v = parseChineseNumber(g.n2);
        if (v === null) {
          continue;
        }
        kind = '第一';
        value = v;
        // `第一点意见：` and `第一个问题，` are headings of their own kind; a bare `第一` takes a comma.
        unit = g.unit ?? '';
        if (!unit) {
          wrongMark = g.mark === '、' || g.mark === '：' || g.mark === ':';
          canonical = `第${g.n2}，`;
        }
      } else {
        kind = '首先';
        value = ORDER_VALUES[g.order];
        // 其次/再次/最后 continue a sequence that 首先 opened; on their own they are ordinary words.
        if (value !== 1 && !open.has('首先')) {
          continue;
        }
      }
      const start = scanFrom + m.index;
      const item: SequenceItem = { marker: m[0], value, line, start, end: start + m[0].length, canonical, wrongMark };
      const key = kind + unit;
      const seq = open.get(key);
      if (seq && value !== 1) {
        seq.items.push(item);
        if (kind === '首先' && value === 0) {
          open.delete(key);
        }
      } else {
        const s: Sequence = { kind, items: [item] };
        out.push(s);
        open.set(key, s);
      }
    }
  }
}

function findAnnouncements(text: string, infos: LineInfo[], from: number, to: number): Announcement[] {
  const out: Announcement[] = [];
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind !== 'text' && info.kind !== 'part') {
      continue;
    }
    const lineText = text.slice(info.contentStart, info.end);
    ANNOUNCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ANNOUNCE.exec(lineText))) {
      const word = m.groups?.c1 ?? m.groups?.c2 ?? m.groups?.c3 ?? '';
      const count = word === '几' ? null : parseCount(word);
      if (word !== '几' && (count === null || count < 2)) {
        continue;
      }
      // The whole clause for context: from the clause start to the clause end.
      // Looked for within a bounded window, so a long line with many announcements stays linear.
      const from = Math.max(0, m.index - EXCERPT);
      const back = lineText.slice(from, m.index);
      const before = Math.max(back.lastIndexOf('，'), back.lastIndexOf('。'), back.lastIndexOf(','));
      const clauseStart = before < 0 ? from : from + before + 1;
      const endRel = lineText.slice(m.index, m.index + EXCERPT).search(/[。，,：:；;！!]/);
      const clauseEnd = endRel < 0 ? Math.min(lineText.length, m.index + EXCERPT) : m.index + endRel;
      out.push({
        count,
        text: excerpt(lineText.slice(clauseStart, clauseEnd)),
        line: info.line,
        start: info.contentStart + m.index,
        end: info.contentStart + m.index + m[0].length,
      });
    }
  }
  return out;
}

function parseSpeech(text: string, infos: LineInfo[], from: number, to: number): SpeechOutline {
  let salutation: LineInfo | null = null;
  let firstPart = -1;
  let firstBody = -1;
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind === 'part') {
      firstPart = i;
      break;
    }
    if (info.kind === 'salutation' && !salutation) {
      salutation = info;
    } else if (info.kind === 'text' && firstBody < 0 && !isTitleLike(info) && !LABEL.test(info.content)) {
      firstBody = i;
    }
  }
  const bodyStart = salutation ? salutation.line : firstBody >= 0 ? firstBody : firstPart >= 0 ? firstPart : to + 1;
  const titleBlock = parseTitleBlock(infos, from, bodyStart);

  // Opening: the paragraphs between the salutation (or the title block) and the first part.
  const openFrom = salutation ? salutation.line + 1 : titleBlock ? titleBlock.endLine + 1 : from;
  const openTo = firstPart >= 0 ? firstPart - 1 : to;
  let opening: Opening | null = null;
  for (let i = openFrom; i <= openTo; i++) {
    const info = infos[i];
    if (info.kind !== 'text' || LABEL.test(info.content)) {
      continue;
    }
    if (!opening) {
      opening = { ...span(info), purpose: false };
    }
    if (PURPOSE.test(info.content)) {
      opening.purpose = true;
      break;
    }
  }

  const parts = buildParts(infos, from, to);
  const all = findAnnouncements(text, infos, openFrom, to);
  const firstPartStart = firstPart >= 0 ? infos[firstPart].start : Infinity;
  const mainIdx = all.findIndex(a => a.start < firstPartStart);
  const announced = mainIdx >= 0 ? all[mainIdx] : null;
  const announcements = all.filter((_, i) => i !== mainIdx);

  // Closing: after the last top-level heading, the first line that rallies or thanks.
  const lastTop = parts.length ? parts[parts.length - 1].line + 1 : openFrom;
  let closing: TextSpan | null = null;
  for (let i = lastTop; i <= to; i++) {
    const info = infos[i];
    if (info.kind === 'text' && CLOSING.test(info.content)) {
      closing = span(info);
      break;
    }
  }
  // The last part ends before the closing.
  if (closing && parts.length) {
    const endLine = lastContentLine(infos, from, closing.line - 1);
    const trim = (p: OutlinePart) => {
      if (p.endLine >= closing!.line) {
        p.endLine = Math.max(p.line, endLine);
        p.end = infos[p.endLine].end;
      }
      p.children.forEach(trim);
    };
    parts.forEach(trim);
  }

  return {
    startLine: from,
    endLine: to,
    start: infos[from].start,
    end: infos[to].end,
    titleBlock,
    salutation: salutation ? span(salutation) : null,
    opening,
    announced,
    announcements,
    parts,
    sequences: parseSequences(text, infos, openFrom, to),
    closing,
  };
}

export interface ParseOptions {
  markdown?: boolean;
  /** A line index of `text` to reuse. */
  lines?: LineIndex;
}

/** Parses the structure of one document (one or several speeches). Pure and linear in the text length. */
export function parseOutline(text: string, options: ParseOptions = {}): Outline {
  const lines = options.lines && options.lines.text === text ? options.lines : new LineIndex(text);
  const { infos, genre } = classifyLines(text, lines, options.markdown ?? false);
  const speeches = segment(infos).map(([from, to]) => parseSpeech(text, infos, from, to));
  return { ...speeches[0], speeches, genre };
}

/** The document's outline, parsed once and shared by every checker and editor feature. */
export function getOutline(doc: DocContext): Outline {
  return doc.memo('outline', d => parseOutline(d.text, { markdown: d.options.markdown, lines: d.lines }));
}

/** Every part of a tree in document order. */
export function flattenParts(parts: readonly OutlinePart[]): OutlinePart[] {
  const out: OutlinePart[] = [];
  const walk = (ps: readonly OutlinePart[]) => {
    for (const p of ps) {
      out.push(p);
      walk(p.children);
    }
  };
  walk(parts);
  return out;
}

export type { PartLevel };
