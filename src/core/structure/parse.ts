import { isDateLine, readDateLine, readSubtitleDate } from '../date';
import { SUBTITLE_DASH } from '../text/subtitle';
import type { DocContext } from '../document';
import { knownLiteralHits, leftmostNonOverlapping } from '../detectors/literalHits';
import { LineIndex } from '../text/lineIndex';
import { MARKER_FIRST, matchLineMarker, type LineMarker, type PartLevel } from './markers';
import { parseChineseNumberIn, parseCount } from './numerals';
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
  /** For a part: its heading title (computed once, see `headingOf`). */
  heading: HeadingTitle | null;
  /** `isTitleLike`, computed once: 0 not yet known, 1 yes, 2 no. */
  titleLike: 0 | 1 | 2;
}

interface HeadingTitle {
  title: string;
  titleStart: number;
  titleEnd: number;
  runOnAt: number | null;
}

/** Where a short text excerpt of a long paragraph ends. */
const EXCERPT = 60;

/** Whom a salutation addresses: the nouns of its items (`各位代表`, `同志们`, `李主任`). */
const ADDRESSEES =
  '同志|代表|委员|领导|来宾|嘉宾|朋友|同事|同学|老师|先生|女士|专家|学者|企业家|乡亲|战友|同仁|青年|校友|家长|常委|' +
  '人员|干部|职工|群众|党员|官兵|伙伴|' +
  '委员长|主任|秘书长|主席|书记|省长|市长|州长|县长|区长|乡长|镇长|部长|厅长|局长|院长|检察长';
/** Titles that address one person (`主任`, `李主任`, `王书记`, `副主任`): an item only beside a plural one. */
const ADDRESSED_TITLES = '委员长|主任|秘书长|主席|书记|省长|市长|州长|县长|区长|乡长|镇长|部长|厅长|局长|院长|检察长';
/**
 * One item of a salutation: `各位……`/`尊敬的……` ending with whom it addresses, a plural (`同志们`,
 * `女士们`, `代表们`), or a title with perhaps a surname before it (`李主任`, `副主任`, `秘书长`).
 */
const ADDRESS_ITEM =
  `(?:(?:各位|尊敬的)[^、，,：:。！？!?；;]{0,16}?(?:${ADDRESSEES})[们們]?` +
  `|[\\p{Script=Han}]{0,4}?(?:${ADDRESSEES})[们們]` +
  `|[\\p{Script=Han}]{0,3}?副?(?:${ADDRESSED_TITLES}))`;
/** Items joined by `、` (or `，`): `主任、各位副主任、秘书长、各位委员`, `王书记、各位领导、同志们`. */
const ADDRESS_LIST = `${ADDRESS_ITEM}(?:[、，,]${ADDRESS_ITEM}){0,9}`;
/** A salutation speaks to several people: it has an item with 各位, 尊敬的 or a plural (`主任：` alone is a label). */
const ADDRESSES_MANY = '(?=[^：:]*?(?:各位|尊敬的|[们們](?:[、，,：:！!]|$)))';
const SALUTATION = new RegExp(`^${ADDRESSES_MANY}${ADDRESS_LIST}[：:]\\s*[。.]?$`, 'u');
/**
 * A salutation line with the wrong end (a comma, an exclamation mark or none
 * instead of the colon): taken as the salutation only where one belongs, on
 * the line where the text begins (or the line just above it, when it has no
 * mark), and only when it ends with whom it addresses (各位代表要认真履职，
 * is a sentence); group 1 is the wrong end.
 */
const SALUTATION_WRONG_END = new RegExp(`^${ADDRESSES_MANY}${ADDRESS_LIST}([，,！!]?)$`, 'u');
/** A subtitle line: its dash, then text. */
const SUBTITLE = new RegExp(`${SUBTITLE_DASH.source}\\S`);
const SPEECH_WORDS = /讲话|发言|致辞|报告|讲稿|动员|致词|范文|【篇|篇\d|第[一二三四五六七八九十\d]+篇/;
/** A title does not end with one of these. */
const TITLE_ENDS = '。！？!?；;：:，,、';
const LABEL = /^[^\s：:]{1,6}[：:]|^\s*(?:时间|来源|作者|发布|浏览|阅读|当前位置|首页)/;
const PURPOSE = /召开|今天|这次(?:会议|大会|全会|会)|本次(?:会议|大会)|主要(?:任务|目的|议程)是|隆重开幕|胜利闭幕|即将闭幕|圆满完成|刚才/;
const CLOSING = new RegExp(
  `^(?:${ADDRESSES_MANY}${ADDRESS_LIST}[，,！!：:]|让我们|谢谢(?:大家|各位)?[！!。.]?$|我(?:的讲话)?就讲(?:这些|到这里|这么多)|我的讲话(?:就)?(?:完了|到此结束|到这里)` +
    '|以上(?:报告|说明|意见)[，,]?请(?:予以|予)?审议|(?:今天的|本次|这次)?(?:会议|大会)(?:就)?(?:到此结束|开到这里|到这里)|现在散会|散会[！!。.]?$' +
    // The chair closes the session: `现在，我宣布：……会议闭幕！`; hopes: `希望大家……`
    '|(?:现在[，,]?)?我宣布[：:，,]?[^。]{0,40}?(?:闭幕|结束)|希望(?:大家|同志们|各位|全市|全县|全区)' +
    // Wishes: `预祝大会圆满成功！`, `最后，祝大家新年快乐！`
    '|(?:最后[，,])?(?:预祝|祝愿?)[^。！!]{0,24}?(?:圆满成功|取得圆满成功|身体健康|工作顺利|万事如意|新年快乐|节日快乐|阖家幸福))',
  'u',
);

/** The first characters of CLOSING's lines (an address list begins with whom it addresses). */
const CLOSING_FIRST = new Set([...'同各代朋女先老尊亲全让谢我以本这会大现散最预祝今希'].map(ch => ch.charCodeAt(0)));
/** A line that ends with the rallying call of a closing, whatever it begins with (`新征程上，……为……而不懈奋斗！`). */
const RALLY_END = /(?:而(?:不懈|共同|继续|团结)?(?:努力)?奋斗|作出新的(?:更大)?贡献|奋勇前进|团结奋斗|再立新功|续写新篇章|谱写新篇章)[！!]$/;

/** How much of a line's start CLOSING looks at (its forms are short; a long paragraph is not scanned whole). */
const CLOSING_HEAD = 80;
/** How much of a line's end RALLY_END looks at. */
const RALLY_TAIL = 16;

/**
 * A closing line (CLOSING, or RALLY_END); its first character rules out most lines for CLOSING, its last
 * character for RALLY_END, and each looks only at a short stretch of the line.
 */
function isClosing(content: string): boolean {
  if (CLOSING_FIRST.has(content.charCodeAt(0)) && CLOSING.test(content.length > CLOSING_HEAD ? content.slice(0, CLOSING_HEAD) : content)) {
    return true;
  }
  const last = content.charCodeAt(content.length - 1);
  return (last === 0xff01 || last === 0x21) && RALLY_END.test(content.slice(-RALLY_TAIL));
}

/** After `从三个方面`: the speaking verb in the same clause, and what is said (`谈几点想法`), taken with the count. */
const ANNOUNCE_SAID = '(?:[^，。；：！？,;:!?]{0,6}?(?:讲|谈|说|提|强调|汇报|交流)(?:[^，。；：！？,;:!?]{0,8}?(?:意见|想法|看法|体会|要求|建议|问题))?)';
/**
 * Announcements of a number of points (`我讲三点意见`, `从以下四个方面`, `关键要做到两条`).
 * Sticky: tried only at the places `inlineHints` finds. Groups: 1–4 the count word of each form.
 */
const ANNOUNCE = new RegExp(
  [
    '(?:讲|谈|强调|提出?|说|讲讲|谈谈)(?:以下|这么|一下|上)?([两二三四五六七八九十0-9０-９]{1,3}|几)(?:点|个?方面|个问题|条|层意思)',
    `从以下([两二三四五六七八九十0-9０-９]{1,3}|几)个方面${ANNOUNCE_SAID}?`,
    // Without 以下 only with a speaking verb after it: `我从三个方面谈几点想法`, not `从三个方面加强了监督`.
    `从这?([两二三四五六七八九十0-9０-９]{1,3}|几)个方面${ANNOUNCE_SAID}`,
    '关键(?:是|要)?(?:做到|抓好|把握|突出)([两二三四五六七八九十0-9０-９]{1,3}|几)(?:条|点|个方面)',
  ].join('|'),
  'y',
);
const ANNOUNCE_FIRST = '讲谈强提说从关';
/** Just before an announcement: the speaker speaks of what follows (`下面，我讲`, `我再强调`, `接下来`). */
const OWN_ANNOUNCEMENT = /我|下面|接下来|以下/;
/** How far before an announcement OWN_ANNOUNCEMENT is looked for, within its line. */
const OWN_REACH = 8;

/**
 * An inline sequence item (`一是`, `二要`, `第三，`, `第一点意见：`, `首先，`): the pattern
 * `([一二三四五六七八九十]{1,3})(是|要)|第([一二三四五六七八九十]{1,3})(点意见|点要求|点希望|点|个方面|个问题|句话|条)?([，,、：:])|(首先|其次|再次|最后)(?=[，,、：:])`,
 * matched by `sequenceLength`. It starts at a clause boundary: at the start of the scanned text or after
 * white space or a character of SEQUENCE_AFTER, which `scanInline` checks at the places `inlineHints` finds.
 */
const SEQUENCE_UNITS = ['点意见', '点要求', '点希望', '点', '个方面', '个问题', '句话', '条'];
const SEQUENCE_FIRST = '一二三四五六七八九十第首其再最';
/** Besides white space: the punctuation a sequence item may follow. */
const SEQUENCE_AFTER = '\u3000。；;，,：:、！!？?）)”"’」』】…—*';

/**
 * Where inline items may be, found with one native scan each (far cheaper than looking at every character):
 * a sequence item has a number before 是/要, or 第 before a number, or an order word; an announcement has its
 * count word right before its unit (`三点`, `四个方面`, `两条`, `几层意思`).
 */
const SEQ_DIGITS = '一二三四五六七八九十';
/** The count words of an announcement's unit (`三点`, `3个`, `几条`, `三方面`). */
const COUNT_CHARS = '两二三四五六七八九十0123456789０１２３４５６７８９几';
/** The first and second characters of the hints, as alternatives of two character classes each. */
const SEQUENCE_PAIRS: readonly [string, string][] = [
  [SEQ_DIGITS, '是要'],
  ['第', SEQ_DIGITS],
  ['首其再最', '先次后'],
];
const ANNOUNCE_PAIRS: readonly [string, string][] = [[COUNT_CHARS, '点个条层方']];
const hintPattern = (pairs: readonly [string, string][]) => new RegExp(pairs.map(([a, b]) => `[${a}][${b}]`).join('|'), 'g');
const hintWords = (pairs: readonly [string, string][]) => pairs.flatMap(([a, b]) => [...a].flatMap(x => [...b].map(y => x + y)));
const SEQUENCE_HINT = hintPattern(SEQUENCE_PAIRS);
const ANNOUNCE_HINT = hintPattern(ANNOUNCE_PAIRS);
/** The two-character words SEQUENCE_HINT matches, in its order (a rule set's pass may find them, see literalHits.ts). */
export const SEQUENCE_WORDS: readonly string[] = hintWords(SEQUENCE_PAIRS);
/** The two-character words ANNOUNCE_HINT matches. */
export const ANNOUNCE_WORDS: readonly string[] = hintWords(ANNOUNCE_PAIRS);
/** The longest announcement text before its count word: `关键是做到`. */
const ANNOUNCE_LEAD_MAX = 5;
/** The longest count word: `十二`, `100`. */
const COUNT_MAX = 3;

/** Character classes of UTF-16 code units, one table lookup per character in the scanning loops. */
const C_SPACE = 1; // JavaScript `\s` (which includes U+3000 and U+FEFF)
const C_SEQ_AFTER = 2;
const C_SEQ_FIRST = 4;
const C_ANN_FIRST = 8;
const C_HEAD_AFTER = 16; // `[\u4e00-\u9fff”」』）)]`: a heading character before a run-on body
const C_STOP = 32; // `[。！？!?]`: a sentence end
const C_CLAUSE = 64; // `[，,；;：:、\s\u3000]`: a clause mark, for the run-on body check
const C_SEQ_DIGIT = 128; // `[一二三四五六七八九十]`
const CLASSES = new Uint8Array(0x10000);
{
  const mark = (chars: string, flag: number) => {
    for (let i = 0; i < chars.length; i++) {
      CLASSES[chars.charCodeAt(i)] |= flag;
    }
  };
  const spaces = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
  for (let c = 0x2000; c <= 0x200a; c++) {
    spaces.push(c);
  }
  for (const c of spaces) {
    CLASSES[c] |= C_SPACE | C_SEQ_AFTER | C_CLAUSE;
  }
  mark(SEQUENCE_AFTER, C_SEQ_AFTER);
  mark(SEQUENCE_FIRST, C_SEQ_FIRST);
  mark(ANNOUNCE_FIRST, C_ANN_FIRST);
  mark(SEQ_DIGITS, C_SEQ_DIGIT);
  for (let c = 0x4e00; c <= 0x9fff; c++) {
    CLASSES[c] |= C_HEAD_AFTER;
  }
  mark('”」』）)', C_HEAD_AFTER);
  mark('。！？!?', C_STOP);
  mark('，,；;：:、', C_CLAUSE);
}

/** MARKER_FIRST in a local binding: most lines cannot start a marker, and one lookup tells. */
const MARKER_START = MARKER_FIRST;

function isSpace(c: number): boolean {
  return (CLASSES[c] & C_SPACE) !== 0;
}

const ORDER_VALUES: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 0 };

function classifyLines(text: string, lines: LineIndex, markdown: boolean): { infos: LineInfo[]; genre: string | null } {
  const infos: LineInfo[] = [];
  let genre: string | null = null;
  let inFrontMatter = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    // The content: the line without leading white space, a Markdown heading mark (`## `), an opening bold
    // mark (`**一、…**`, `__…__`, followed by a non-space) and trailing white space; then without the closing bold mark.
    let from = start;
    while (from < end && isSpace(text.charCodeAt(from))) {
      from++;
    }
    const lead = from;
    if (from < end && text.charCodeAt(from) === 0x23) {
      let h = from;
      while (h < end && h - from < 6 && text.charCodeAt(h) === 0x23) {
        h++;
      }
      if (h < end && (text.charCodeAt(h) === 0x20 || text.charCodeAt(h) === 0x09)) {
        while (h < end && (text.charCodeAt(h) === 0x20 || text.charCodeAt(h) === 0x09)) {
          h++;
        }
        from = h;
      }
    }
    const bold = from + 2 < end && isBoldMark(text, from) && !isSpace(text.charCodeAt(from + 2));
    if (bold) {
      from += 2;
    }
    let to = end;
    while (to > from && isSpace(text.charCodeAt(to - 1))) {
      to--;
    }
    if (bold && to - from >= 2 && isBoldMark(text, to - 2)) {
      to -= 2;
    }
    const content = from < to ? text.slice(from, to) : '';
    let kind: LineKind = 'text';
    let marker: LineMarker | null = null;
    if (inFrontMatter || (line === 0 && markdown) || text.charCodeAt(lead) === 0x3c) {
      // Rare lines (front matter, `<!-- … -->` comments) look at the whole trimmed line.
      const trimmed = text.slice(start, end).trim();
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
      }
    }
    if (kind === 'text') {
      if (content.length === 0) {
        kind = 'blank';
      } else if (content.length <= 80 && endsWithColon(content) && SALUTATION.test(content)) {
        kind = 'salutation';
      } else if (MARKER_START[content.charCodeAt(0)] !== 0 && (marker = matchLineMarker(content))) {
        kind = 'part';
      }
    }
    infos.push({ line, start, end, contentStart: from, content, kind, marker, heading: null, titleLike: 0 });
  }
  return { infos, genre };
}

/** `**` or `__` at `at`. */
function isBoldMark(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c === 0x2a || c === 0x5f) && text.charCodeAt(at + 1) === c;
}

/** Whether a line ends with a colon, perhaps then a stray `。` (what SALUTATION ends with). */
function endsWithColon(content: string): boolean {
  let k = content.length - 1;
  let c = content.charCodeAt(k);
  if (c === 0x3002 || c === 0x2e) {
    c = content.charCodeAt(--k);
    while (c === 0x20 || c === 0x3000 || c === 0x09) {
      c = content.charCodeAt(--k);
    }
  }
  return c === 0xff1a || c === 0x3a;
}

function isTitleLike(info: LineInfo): boolean {
  if (info.titleLike === 0) {
    const c = info.content;
    const like = info.kind === 'text' && c.length >= 2 && c.length <= 60 && !c.includes('。') && !TITLE_ENDS.includes(c[c.length - 1]) && !LABEL.test(c);
    info.titleLike = like ? 1 : 2;
  }
  return info.titleLike === 1;
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
    if (info.kind !== 'text' || !(isTitleLike(info) || isDateLine(info.content) || SUBTITLE.test(info.content))) {
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
      if ((maxLevel1 > 0 || hasSalutation) && isClosing(info.content)) {
        closed = true;
      }
    }
  }
  ranges.push([start, infos.length - 1]);
  return ranges;
}

/** A speaker line: positions and name in Chinese characters (`县委副书记、县人大常委会主任  张三`, `（张三）`). */
const SPEAKER_LINE = /^[\u4e00-\u9fff·•、（）()\s\u3000]+$/;
/** A name not filled in yet: a short run of placeholder marks (`×××`, `XXX`, `＊＊`). */
const NAME_PLACEHOLDER = /[×✕XＸ*＊○□]{1,4}|[xｘ]{2,4}/g;
/** Words of the positions a speaker line names. */
const POSITION = /书记|主任|主席|委员长|委员|市长|县长|区长|省长|州长|镇长|乡长|部长|厅长|局长|处长|院长|检察长|秘书长|总理|同志/;

/**
 * Whether a short line under the title is the speaker's: a name, positions
 * and a name, the name perhaps still a placeholder. A line naming positions
 * may be longer (`市人民代表大会常务委员会党组书记、主任  张三`); an
 * enumeration comma in a line without a position belongs to a title
 * (`坚持党的领导、人民当家作主`).
 */
function isSpeakerLine(c: string): boolean {
  const t = c.replace(/人民代表大会/g, '人大');
  const position = POSITION.test(t);
  if (t.length > (position ? 30 : 20) || SPEECH_WORDS.test(t) || /会议|工作|大会/.test(t)) {
    return false;
  }
  return SPEAKER_LINE.test(t.replace(NAME_PLACEHOLDER, '某')) && (position || !t.includes('、'));
}

function parseTitleBlock(infos: LineInfo[], from: number, bodyStart: number): TitleBlock | null {
  // Walk back from the body over the title block: date, speaker, subtitle, title (in reverse order).
  let title: LineInfo | null = null;
  let subtitle: LineInfo | null = null;
  let speaker: LineInfo | null = null;
  /** The date line; `iso` null while its digits are placeholders (`（20××年×月×日）`) or the day does not exist. */
  let date: { info: LineInfo; iso: string | null } | null = null;
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
    const reading = readDateLine(c);
    if (reading) {
      if (date || title) {
        break;
      }
      date = { info, iso: reading.iso };
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
      if (!speaker && !subtitle && isSpeakerLine(c)) {
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
    if (isTitleLine(above) && !SUBTITLE.test(above.content) && !isDateLine(above.content)) {
      titleText = `${above.content} ${titleText}`;
      titleFirst = above;
    }
  }
  const lines = [titleFirst, title, subtitle, speaker, date?.info].filter((x): x is LineInfo => x !== null && x !== undefined);
  const first = lines.reduce((a, b) => (a.line <= b.line ? a : b));
  const last = lines.reduce((a, b) => (a.line >= b.line ? a : b));
  return {
    title: titleText,
    subtitle: subtitle ? subtitle.content.replace(SUBTITLE_DASH, '') : null,
    subtitleLine: subtitle ? subtitle.line : null,
    speaker: speaker ? speaker.content.replace(/^[（(]|[）)]$/g, '') : null,
    // Without a date line, a subtitle may begin with the date (`——2026年10月28日在……会议上`), as `findDocumentDate` reads it.
    date: date ? date.iso : subtitle ? (readSubtitleDate(subtitle.content)?.iso ?? null) : null,
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
/**
 * Typical openings of a part's body text, right after a heading written without its full stop. Sticky: tried
 * where the heading so far has at least four characters, no clause mark, and ends in a Chinese character or a
 * closing quote or bracket (see `runOnBodyAt`). A subject opens the body when it is told what to do
 * (`各级党委要`, not `压实各级责任`), a time when a comma follows it (`当前，`, not `当前经济形势`).
 */
const RUN_ON_BODY = /各(?:级|地|部门|单位)[^，,。；;：:、]{0,6}?(?:要|必须|务必|应当)|我们(?:要|必须)|必须|要(?=[切认坚进加充全着努把深高严])|(?:今年|近年来|当前)[，,]/y;

/**
 * Where an inline sequence (`一是`, `一要`, `第一，` / `第一、` / `第一,`) starts after a heading character
 * inside `s[from, to)`: the first such place, or -1.
 */
function runOnSequenceAt(s: string, from: number, to: number): number {
  for (let i = from + 1; i + 1 < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x4e00) {
      // 一是 / 一要, not in a word (`第一要务`, `统一要求`)
      const d = s.charCodeAt(i + 1);
      if ((d === 0x662f || d === 0x8981) && CLASSES[s.charCodeAt(i - 1)] & C_HEAD_AFTER && !WORD_BEFORE_ONE.has(s[i - 1])) {
        return i;
      }
    } else if (c === 0x7b2c && i + 2 < to && s.charCodeAt(i + 1) === 0x4e00) {
      // 第一，/ 第一, / 第一、
      const d = s.charCodeAt(i + 2);
      if ((d === 0xff0c || d === 0x2c || d === 0x3001) && CLASSES[s.charCodeAt(i - 1)] & C_HEAD_AFTER) {
        return i;
      }
    }
  }
  return -1;
}

/** The first characters of RUN_ON_BODY: 各 我 必 要 今 近 当. */
function mayOpenBody(c: number): boolean {
  return c === 0x5404 || c === 0x6211 || c === 0x5fc5 || c === 0x8981 || c === 0x4eca || c === 0x8fd1 || c === 0x5f53;
}

/**
 * Where a typical body opening (RUN_ON_BODY) starts in the first sentence `s[from, to)`, at most `max`
 * characters in: preceded by at least four code points and no clause mark, the last of them a heading
 * character. The first such place, or -1.
 */
function runOnBodyAt(s: string, from: number, to: number, max: number): number {
  let codePoints = 0;
  for (let i = from; i < to && i - from <= max; i++) {
    if (codePoints >= 4 && i - from >= 4 && CLASSES[s.charCodeAt(i - 1)] & C_HEAD_AFTER && mayOpenBody(s.charCodeAt(i))) {
      RUN_ON_BODY.lastIndex = i;
      if (RUN_ON_BODY.test(s)) {
        return i;
      }
    }
    const c = s.charCodeAt(i);
    if (CLASSES[c] & C_CLAUSE) {
      return -1; // the heading so far must have no clause mark
    }
    // A surrogate pair is one code point.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > from && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) {
      codePoints++;
    }
  }
  return -1;
}

/** The title of a heading: the text after the marker up to the first full stop (or the whole line). */
function headingTitle(info: LineInfo, marker: LineMarker): HeadingTitle {
  const c = info.content;
  let from = marker.end;
  while (from < c.length && isSpace(c.charCodeAt(from))) {
    from++;
  }
  const titleStart = info.contentStart + from;
  // The first sentence: up to the first full stop, exclamation or question mark.
  let stop = from;
  while (stop < c.length && !(CLASSES[c.charCodeAt(stop)] & C_STOP)) {
    stop++;
  }
  let cut = stop;
  let runOnAt: number | null = null;
  // The heading runs into its text when an inline sequence starts inside the first sentence (`……完成一要努力……`).
  const seq = runOnSequenceAt(c, from, stop);
  if (seq >= 0 && seq - from >= 4) {
    cut = seq;
    runOnAt = titleStart + seq - from;
  } else if (marker.level <= 2 && stop - from > RUN_ON_SENTENCE) {
    // A first sentence far longer than a heading that goes on with a typical body opening (`加强领导各级党委要……`).
    const open = runOnBodyAt(c, from, stop, RUN_ON_HEAD_MAX);
    if (open >= 0) {
      cut = open;
      runOnAt = titleStart + open - from;
    }
  }
  while (cut > from && isSpace(c.charCodeAt(cut - 1))) {
    cut--;
  }
  const length = cut - from;
  const title = length > 120 ? c.slice(from, from + 120) + '…' : c.slice(from, cut);
  return { title, titleStart, titleEnd: titleStart + Math.min(length, 120), runOnAt };
}

/** The heading of a part line, computed once. */
function headingOf(info: LineInfo): HeadingTitle {
  return (info.heading ??= headingTitle(info, info.marker!));
}

function buildParts(infos: LineInfo[], from: number, to: number): OutlinePart[] {
  const roots: OutlinePart[] = [];
  // The open parts, outermost first: each is the last child of the one before.
  const stack: OutlinePart[] = [];
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind !== 'part' || !info.marker) {
      continue;
    }
    const m = info.marker;
    const h = headingOf(info);
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
    closeParts(stack, m.level, infos, lastContentLine(infos, from, i - 1));
    if (stack.length) {
      const parent = stack[stack.length - 1];
      // A first child gets an array of its own size (a push would make room for seventeen).
      if (parent.children.length === 0) {
        parent.children = [part];
      } else {
        parent.children.push(part);
      }
    } else {
      roots.push(part);
    }
    stack.push(part);
  }
  closeParts(stack, 0, infos, lastContentLine(infos, from, to));
  return roots;
}

/** Closes the open parts of `level` and deeper: they end with line `lastLine`. */
function closeParts(stack: OutlinePart[], level: number, infos: LineInfo[], lastLine: number): void {
  while (stack.length && stack[stack.length - 1].level >= level) {
    const p = stack.pop()!;
    p.endLine = lastLine;
    p.end = infos[lastLine].end;
  }
}

function lastContentLine(infos: LineInfo[], floor: number, i: number): number {
  let j = i;
  while (j > floor && (infos[j].kind === 'blank' || infos[j].kind === 'meta')) {
    j--;
  }
  return Math.max(floor, j);
}

/** Places in the text where an inline sequence item (after a clause boundary) or an announcement may start, in ascending order. */
interface InlineHints {
  sequences: number[];
  announcements: number[];
}

/**
 * The hints from where SEQUENCE_HINT and ANNOUNCE_HINT match (a global scan with each), or from the starts of
 * those matches when they are known already (`sequenceAt`, `announceAt`: the same places).
 */
function inlineHints(text: string, sequenceAt?: readonly number[], announceAt?: readonly number[]): InlineHints {
  // Only places after a clause boundary are kept: `scanInline` tries the clause starts themselves anyway.
  // Matches come in ascending order and the places derived from one lie after those of the one before.
  const sequences: number[] = [];
  const eachMatch = (re: RegExp, known: readonly number[] | undefined, use: (at: number) => void) => {
    if (known) {
      for (let k = 0; k < known.length; k++) {
        use(known[k]);
      }
      return;
    }
    re.lastIndex = 0;
    while (re.test(text)) {
      use(re.lastIndex - 2);
    }
  };
  eachMatch(SEQUENCE_HINT, sequenceAt, at => {
    // The number of `一是`/`十二要` may begin up to COUNT_MAX - 1 characters earlier.
    let first = at;
    if (CLASSES[text.charCodeAt(at)] & C_SEQ_DIGIT) {
      while (first > at - (COUNT_MAX - 1) && first > 0 && CLASSES[text.charCodeAt(first - 1)] & C_SEQ_DIGIT) {
        first--;
      }
    }
    for (let p = first; p <= at; p++) {
      if (p > 0 && CLASSES[text.charCodeAt(p - 1)] & C_SEQ_AFTER) {
        pushAscending(sequences, p);
      }
    }
  });
  // Announcements: at most COUNT_MAX - 1 + ANNOUNCE_LEAD_MAX characters before the count word's last character,
  // at a character that can begin one (windows of neighbouring matches may overlap).
  const announcements: number[] = [];
  eachMatch(ANNOUNCE_HINT, announceAt, count => {
    const last = announcements.length ? announcements[announcements.length - 1] : -1;
    for (let p = Math.max(last + 1, count - (COUNT_MAX - 1) - ANNOUNCE_LEAD_MAX, 0); p < count; p++) {
      if (CLASSES[text.charCodeAt(p)] & C_ANN_FIRST) {
        announcements.push(p);
      }
    }
  });
  return { sequences, announcements };
}

function pushAscending(list: number[], value: number): void {
  if (list.length === 0 || list[list.length - 1] < value) {
    list.push(value);
  }
}

/** The first index of `sorted` whose value is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The inline structure of the lines `from`…`to`: announcements (`我讲三点意见`) and sequences (`一是……二是……`,
 * `第一，……第二，……`, `首先……其次……最后`). The patterns are tried only at the hinted places of the text and
 * part lines (and at the start of each clause scanned for sequences); matches of a kind do not overlap.
 */
function scanInline(text: string, infos: LineInfo[], from: number, to: number, hints: InlineHints): { announcements: Announcement[]; sequences: Sequence[] } {
  const announcements: Announcement[] = [];
  const sequences: Sequence[] = [];
  const seqHints = hints.sequences;
  const annHints = hints.announcements;
  let si = from <= to ? lowerBound(seqHints, infos[from].start) : 0;
  let ai = from <= to ? lowerBound(annHints, infos[from].start) : 0;
  // The sequences still open, by kind (one map for every call: a speech of a scraped page may be a few lines).
  const open = OPEN_SEQUENCES;
  open.clear();
  for (let i = from; i <= to; i++) {
    const info = infos[i];
    if (info.kind !== 'text' && info.kind !== 'part') {
      continue;
    }
    const end = info.end;
    // Announcements: anywhere in the line (none can start inside a numbering marker).
    while (ai < annHints.length && annHints[ai] < info.contentStart) {
      ai++;
    }
    for (let next = info.contentStart; ai < annHints.length && annHints[ai] < end; ai++) {
      if (annHints[ai] >= next) {
        next = announcementAt(text, annHints[ai], info, announcements);
      }
    }
    // Sequences: after the numbering marker; a heading run into its text starts a new clause where the sequence begins.
    let scanFrom = info.contentStart;
    let runOnAt = -1;
    if (info.kind === 'part' && info.marker) {
      if (open.size > 0) {
        open.clear(); // a new part is a new scope
      }
      scanFrom = info.contentStart + info.marker.end;
      runOnAt = headingOf(info).runOnAt ?? -1;
    }
    while (si < seqHints.length && seqHints[si] < scanFrom) {
      si++;
    }
    // Tried in order: each clause start (scanFrom, runOnAt), and each hint after a clause boundary.
    let next = scanFrom;
    if (scanFrom < end && CLASSES[text.charCodeAt(scanFrom)] & C_SEQ_FIRST) {
      next = sequenceAt(text, scanFrom, runOnAt >= 0 ? runOnAt : end, info.line, open, sequences);
    }
    let runOnTried = runOnAt < 0;
    for (; si < seqHints.length && seqHints[si] < end; si++) {
      const at = seqHints[si];
      if (!runOnTried && at >= runOnAt) {
        runOnTried = true;
        if (runOnAt >= next && CLASSES[text.charCodeAt(runOnAt)] & C_SEQ_FIRST) {
          next = sequenceAt(text, runOnAt, end, info.line, open, sequences);
        }
        if (at === runOnAt) {
          continue;
        }
      }
      if (at > scanFrom && at >= next && CLASSES[text.charCodeAt(at - 1)] & C_SEQ_AFTER) {
        next = sequenceAt(text, at, at < runOnAt ? runOnAt : end, info.line, open, sequences);
      }
    }
    if (!runOnTried && runOnAt >= next && CLASSES[text.charCodeAt(runOnAt)] & C_SEQ_FIRST) {
      sequenceAt(text, runOnAt, end, info.line, open, sequences);
    }
  }
  open.clear();
  return { announcements, sequences };
}

const OPEN_SEQUENCES = new Map<string, Sequence>();

/** Characters that make a word with a following `一` (`统一是`, `唯一要`): no sequence item starts after them. */
const WORD_BEFORE_ONE = new Set('统唯同万之第其逐专划单归合惟不整');

/** Whether the `一` at `at` can begin an item after a subject: not the end of a word (`统一是`) or of a number (`十一是`). */
function isItemOne(text: string, at: number): boolean {
  return !WORD_BEFORE_ONE.has(text[at - 1]) && !/[〇零一二三四五六七八九十百千万两]/.test(text[at - 1]);
}

/**
 * `我们一是要……；二是要……`: the first item comes after the subject of its
 * clause, not at a clause boundary, so the sequence began at `二是`. Adds the
 * `一是` (`一要`) before it in the same paragraph, at most ten characters into
 * its clause.
 */
function addFirstAfterSubject(text: string, infos: readonly LineInfo[], seq: Sequence, claim: (at: number) => boolean): void {
  const second = seq.items[0];
  if ((seq.kind !== '一是' && seq.kind !== '一要') || second.value !== 2) {
    return;
  }
  const marker = seq.kind === '一是' ? '一是' : '一要';
  const verb = marker.charCodeAt(1);
  const lineStart = infos[second.line].contentStart;
  // Back from the second item, within its paragraph only.
  let at = second.start - 2;
  while (at > lineStart && !(text.charCodeAt(at) === 0x4e00 && text.charCodeAt(at + 1) === verb)) {
    at--;
  }
  if (at <= lineStart || !isItemOne(text, at)) {
    return;
  }
  // The clause it starts: back to the last mark before it, within the sentence.
  let clause = at;
  while (clause > lineStart && !/[，,；;：:。！？!?、（(“]/.test(text[clause - 1])) {
    clause--;
  }
  // Not an item already (claim takes the position when it is free).
  if (at - clause > 10 || !claim(at)) {
    return;
  }
  seq.items.unshift({ marker, value: 1, line: second.line, start: at, end: at + 2, canonical: marker, wrongMark: false, afterSubject: true });
}

/** `第一，` of a `第一` item: the item with its number taken out (`第，`, `第点意见：`). */
const ordinalForm = (item: SequenceItem) => item.marker.replace(/^第[一二三四五六七八九十百零〇两]+/, '第');

/**
 * `第一，……` `第二，……` paragraphs that carry a speech above its numbered parts,
 * the parts nested in a point (`第一，放下包袱。` then `（一）……（四）`, then
 * `第二，……`): each part heading opens a new scope for sequences, so the later
 * points began sequences of their own. They are joined to the `第一` sequence
 * that begins a paragraph before the first part, when each of their items
 * begins its paragraph and their numbers go on from it.
 */
function joinLeadingOrdinals(sequences: Sequence[], infos: readonly LineInfo[], firstPart: number): Sequence[] {
  if (firstPart < 0) {
    return sequences;
  }
  const leads = (item: SequenceItem) => item.start === infos[item.line].contentStart;
  const top = sequences.find(s => s.kind === '第一' && s.items[0].line < firstPart && s.items[0].value === 1 && s.items.every(leads));
  if (!top) {
    return sequences;
  }
  const form = ordinalForm(top.items[0]);
  return sequences.filter(s => {
    const last = top.items[top.items.length - 1];
    if (s === top || s.kind !== '第一' || s.items[0].line <= last.line || s.items[0].value !== last.value + 1) {
      return true;
    }
    if (!s.items.every(item => leads(item) && ordinalForm(item) === form)) {
      return true;
    }
    top.items.push(...s.items);
    return false;
  });
}

/** The mark after a `第一` item, or after an order word: `[，,、：:]`. */
function isItemMark(c: number): boolean {
  return c === 0xff0c || c === 0x2c || c === 0x3001 || c === 0xff1a || c === 0x3a;
}

/** The unit of the last `第` item `sequenceLength` matched (`点意见`, `个问题`, … or ''). */
let matchedUnit = '';

/**
 * The length of the sequence item (see SEQUENCE_UNITS) at `at` that lies within `[at, end)`, or 0. The number
 * takes at most three digits; a 第 item takes the first unit that is followed by a mark, else none.
 */
function sequenceLength(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (CLASSES[c] & C_SEQ_DIGIT) {
    // 一是, 十二要
    let q = at + 1;
    while (q < end && CLASSES[text.charCodeAt(q)] & C_SEQ_DIGIT) {
      q++;
    }
    const verb = q < end && q - at <= 3 ? text.charCodeAt(q) : 0;
    return verb === 0x662f || verb === 0x8981 ? q + 1 - at : 0;
  }
  if (c === 0x7b2c) {
    // 第一，第二点意见：
    let q = at + 1;
    while (q < end && CLASSES[text.charCodeAt(q)] & C_SEQ_DIGIT) {
      q++;
    }
    if (q === at + 1 || q - at - 1 > 3) {
      return 0;
    }
    for (const unit of SEQUENCE_UNITS) {
      if (q + unit.length < end && text.startsWith(unit, q) && isItemMark(text.charCodeAt(q + unit.length))) {
        matchedUnit = unit;
        return q + unit.length + 1 - at;
      }
    }
    matchedUnit = '';
    if (q >= end || !isItemMark(text.charCodeAt(q))) {
      return 0;
    }
    // `第一、二、三产业`, `第一、第二产业` name several at once: not an item.
    const after = q + 1 < end ? text.charCodeAt(q + 1) : 0;
    if (text.charCodeAt(q) === 0x3001 && (CLASSES[after] & C_SEQ_DIGIT || after === 0x7b2c)) {
      return 0;
    }
    return q + 1 - at;
  }
  // 首先 其次 再次 最后, before a mark
  return at + 2 < end && isOrderWord(c, text.charCodeAt(at + 1)) && isItemMark(text.charCodeAt(at + 2)) ? 2 : 0;
}

/** 首先, 其次, 再次 or 最后 as two UTF-16 code units. */
function isOrderWord(a: number, b: number): boolean {
  return (a === 0x9996 && b === 0x5148) || (a === 0x5176 && b === 0x6b21) || (a === 0x518d && b === 0x6b21) || (a === 0x6700 && b === 0x540e);
}

/** Matches a sequence item at `at` (within `[at, clauseEnd)`) and records it. Returns where the next item may start. */
function sequenceAt(text: string, at: number, clauseEnd: number, line: number, open: Map<string, Sequence>, out: Sequence[]): number {
  const length = sequenceLength(text, at, clauseEnd);
  if (length === 0) {
    return at;
  }
  const next = at + length;
  const marker = text.slice(at, next);
  let kind: SequenceKind;
  let value: number;
  let canonical = marker;
  let wrongMark = false;
  let unit = '';
  const first = marker.charCodeAt(0);
  if (CLASSES[first] & C_SEQ_DIGIT) {
    const v = parseChineseNumberIn(text, at, next - 1);
    if (v === null) {
      return next;
    }
    kind = text.charCodeAt(next - 1) === 0x662f ? '一是' : '一要';
    value = v;
  } else if (first === 0x7b2c) {
    unit = matchedUnit;
    const v = parseChineseNumberIn(text, at + 1, next - 1 - unit.length);
    if (v === null) {
      return next;
    }
    kind = '第一';
    value = v;
    // `第一点意见：` and `第一个问题，` are headings of their own kind; a bare `第一` takes a comma.
    if (!unit) {
      const mark = text.charCodeAt(next - 1);
      wrongMark = mark === 0x3001 || mark === 0xff1a || mark === 0x3a;
      if (mark !== 0xff0c) {
        canonical = `${marker.slice(0, length - 1)}，`;
      }
    }
  } else {
    kind = '首先';
    value = ORDER_VALUES[marker];
    // 其次/再次/最后 continue a sequence that 首先 opened; on their own they are ordinary words.
    if (value !== 1 && !open.has('首先')) {
      return next;
    }
  }
  const item: SequenceItem = { marker, value, line, start: at, end: next, canonical, wrongMark };
  const key = kind + unit;
  const seq = open.get(key);
  if (seq && value !== 1 && !startsAnotherList(text, at, seq, item)) {
    seq.items.push(item);
    if (kind === '首先' && value === 0) {
      open.delete(key);
    }
  } else {
    const s: Sequence = { kind, items: [item] };
    out.push(s);
    open.set(key, s);
  }
  return next;
}

/**
 * `二是` in a later paragraph than the open list's last item, which is already at 二 or beyond, with its own `一是`
 * after the subject of its paragraph (`各专委会一是要……；二是要……`): a second list in the same part, not the
 * first one going on (`addFirstAfterSubject` then adds its `一是`).
 */
function startsAnotherList(text: string, at: number, seq: Sequence, item: SequenceItem): boolean {
  const last = seq.items[seq.items.length - 1];
  if (item.value !== 2 || last.value < 2 || last.line === item.line || (seq.kind !== '一是' && seq.kind !== '一要')) {
    return false;
  }
  const verb = seq.kind.charCodeAt(1);
  for (let k = at - 1; k > 0 && at - k <= 120; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) {
      return false;
    }
    if (c === 0x4e00 && text.charCodeAt(k + 1) === verb && isItemOne(text, k)) {
      return true;
    }
  }
  return false;
}

/** Tries ANNOUNCE at `at` in the line of `info`; records the announcement. Returns where the next one may start. */
function announcementAt(text: string, at: number, info: LineInfo, out: Announcement[]): number {
  ANNOUNCE.lastIndex = at;
  const m = ANNOUNCE.exec(text);
  if (!m) {
    return at;
  }
  const next = at + m[0].length;
  const word = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
  const count = word === '几' ? null : parseCount(word);
  if (word !== '几' && (count === null || count < 2)) {
    return next;
  }
  // The whole clause for context: from the clause start to the clause end, within the line.
  // Looked for within a bounded window, so a long line with many announcements stays linear.
  const lineStart = info.contentStart;
  const lineEnd = info.end;
  const from = Math.max(lineStart, at - EXCERPT);
  const back = text.slice(from, at);
  const before = Math.max(back.lastIndexOf('，'), back.lastIndexOf('。'), back.lastIndexOf(','));
  const clauseStart = before < 0 ? from : from + before + 1;
  const endRel = text.slice(at, Math.min(lineEnd, at + EXCERPT)).search(/[。，,：:；;！!]/);
  const clauseEnd = endRel < 0 ? Math.min(lineEnd, at + EXCERPT) : at + endRel;
  out.push({ count, text: excerpt(text.slice(clauseStart, clauseEnd)), line: info.line, start: at, end: next });
  return next;
}

function parseSpeech(text: string, infos: LineInfo[], from: number, to: number, hints: InlineHints): SpeechOutline {
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
  // A salutation written with the wrong end (`同志们，`, `各位代表、同志们`): the line the text begins with, or the one above.
  let salutationEnd: string | null = null;
  if (!salutation && firstBody >= 0) {
    const above = prevNonBlank(infos, firstBody, from);
    for (const i of [firstBody, above]) {
      const wrong = i >= 0 && infos[i].kind === 'text' && infos[i].content.length <= 32 ? SALUTATION_WRONG_END.exec(infos[i].content) : null;
      // Without a mark only the line above the text: the text's own first line is a paragraph.
      if (wrong && (wrong[1] !== '' || i === above)) {
        salutation = infos[i];
        salutationEnd = wrong[1];
        break;
      }
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
  const inline = scanInline(text, infos, openFrom, to, hints);
  inline.sequences = joinLeadingOrdinals(inline.sequences, infos, firstPart);
  // The starts of all items, made once and only when some sequence begins at 二是 (a sequence per part could).
  let taken: Set<number> | undefined;
  const claim = (at: number) => {
    taken ??= new Set(inline.sequences.flatMap(s => s.items.map(item => item.start)));
    if (taken.has(at)) {
      return false;
    }
    taken.add(at);
    return true;
  };
  for (const seq of inline.sequences) {
    addFirstAfterSubject(text, infos, seq, claim);
  }
  const all = inline.announcements;
  const firstPartStart = firstPart >= 0 ? infos[firstPart].start : Infinity;
  // The speaker's own announcement (`下面，我再讲两点意见`) rather than a summary of someone else's before it
  // (`刚才，王主任从五个方面提出了要求`); else the first.
  const before = (a: Announcement) => a.start < firstPartStart;
  const own = all.findIndex(a => before(a) && OWN_ANNOUNCEMENT.test(text.slice(Math.max(infos[a.line].contentStart, a.start - OWN_REACH), a.start)));
  const mainIdx = own >= 0 ? own : all.findIndex(before);
  const announced = mainIdx >= 0 ? all[mainIdx] : null;
  const announcements = all.filter((_, i) => i !== mainIdx);

  // Closing: after the last top-level heading, the first line that rallies or thanks.
  const lastTop = parts.length ? parts[parts.length - 1].line + 1 : openFrom;
  let closing: TextSpan | null = null;
  for (let i = lastTop; i <= to; i++) {
    const info = infos[i];
    if (info.kind === 'text' && isClosing(info.content)) {
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
    salutation: salutation ? { ...span(salutation), wrongEnd: salutationEnd } : null,
    opening,
    announced,
    announcements,
    parts,
    sequences: inline.sequences,
    closing,
  };
}

export interface ParseOptions {
  markdown?: boolean;
  /** A line index of `text` to reuse. */
  lines?: LineIndex;
  /**
   * Where SEQUENCE_HINT and ANNOUNCE_HINT match in `text` (the starts of a
   * global scan's matches, ascending), when found already by another pass.
   */
  hintStarts?: { sequences: readonly number[]; announcements: readonly number[] };
}

/**
 * A speech title with a final full stop, and nothing else of a sentence: `在全市人大工作会议上的讲话。`. It ends with
 * what it is (讲话, 报告 …); a request to speak (`请王书记讲话。`, `下面由……发言。`) is not one.
 */
const TITLE_WITH_STOP = /^(?!请|下面|现在|由|欢迎)[^。，,；;：:！？!?、]{2,40}(?:讲话|讲话稿|讲话提纲|发言|发言稿|致辞|致词|报告|说明|动员讲话)。$/;

/**
 * The document's first line may be its title written with a final full stop
 * (`在全市人大工作会议上的讲话。`): it stays the title (structure.title-stop
 * suggests dropping the stop). Only the first line, and only a speech title, so
 * that no sentence of the body (`请王书记讲话。`) becomes one.
 */
function acceptTitleStop(infos: LineInfo[]): void {
  const first = infos.find(info => info.kind !== 'blank' && info.kind !== 'meta');
  if (first && first.kind === 'text' && TITLE_WITH_STOP.test(first.content) && !LABEL.test(first.content)) {
    first.titleLike = 1;
  }
}

/** Parses the structure of one document (one or several speeches). Pure and linear in the text length. */
export function parseOutline(text: string, options: ParseOptions = {}): Outline {
  const lines = options.lines && options.lines.text === text ? options.lines : new LineIndex(text);
  const { infos, genre } = classifyLines(text, lines, options.markdown ?? false);
  acceptTitleStop(infos);
  const hints = inlineHints(text, options.hintStarts?.sequences, options.hintStarts?.announcements);
  const speeches = segment(infos).map(([from, to]) => parseSpeech(text, infos, from, to, hints));
  return { ...speeches[0], speeches, genre };
}

/** The document's outline, parsed once and shared by every checker and editor feature. */
export function getOutline(doc: DocContext): Outline {
  return doc.memo('outline', d => {
    // The rule set's pass may have found the hint words already (the structure detectors declare them).
    const sequences = knownLiteralHits(d, SEQUENCE_WORDS);
    const announcements = knownLiteralHits(d, ANNOUNCE_WORDS);
    const hintStarts =
      sequences && announcements
        ? {
            sequences: leftmostNonOverlapping(sequences, SEQUENCE_WORDS).starts,
            announcements: leftmostNonOverlapping(announcements, ANNOUNCE_WORDS).starts,
          }
        : undefined;
    return parseOutline(d.text, { markdown: d.options.markdown, lines: d.lines, hintStarts });
  });
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
