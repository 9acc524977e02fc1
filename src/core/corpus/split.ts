/**
 * Splitting a scraped page into speeches. Pages hold one speech, or several:
 * marked pieces (`【篇1】…`, `【领导会议发言范文】一`), or speeches simply run
 * together (the page of fifteen `…讲话稿`), each starting with a title line
 * and/or a salutation (`同志们：`), or after a closing paragraph. Some sites cut
 * one speech into marked pieces at its part headings, the marker standing where
 * the heading `三、……` was: such a piece continues the speech before it.
 */
import { canonicalMarker, matchLineMarker } from '../structure/markers';

export interface PageSegment {
  /** Text of the piece marker line (`【篇2】在全市……的讲话`), when the page marks its pieces. */
  marker: string | null;
  /** Ordinal of the piece on the page, 1-based. */
  ordinal: number;
  lines: string[];
  /**
   * Markers of the pieces joined to this one as the rest of its speech, each
   * with the part heading that stands in its place: the one the piece began
   * with, else a bare number (`三、`) where the site dropped the heading.
   */
  continued?: Array<{ marker: string; heading: string; lost: boolean }>;
}

export interface PageSplit {
  /** Lines before the first speech (page title, subtitle): used for fallback titles. */
  preamble: string[];
  segments: PageSegment[];
}

const PIECE_MARKER = /^【(?:篇\s*\d+|[^】]{0,20}(?:范文|讲话|发言)[^】]{0,6})】\s*(.*)$/;
/** `同志们：`, `各位代表、同志们：`, and at a standing committee's meeting `主任、各位副主任、秘书长、各位委员：`. */
const SALUTATION =
  /^(?:(?:主任|委员长|主席)[、，,])?(?:(?:尊敬的)?各位[^，,：:。]{0,12}[，,、]\s*)*(?:同志们|各位代表|各位委员|同事们|各位领导|女士们、先生们|老师们、同学们)[：:]$/;
const TITLE_END = /(?:讲话|讲话稿|发言|致辞|讲话提纲|发言稿|动员讲话|总结讲话|讲话范文|发言范文)[。]?$/;
/** A report's title: `关于……情况的报告`. */
const REPORT_TITLE = /^关于[^。！？；;，,]{2,40}的(?:报告|说明)$/;
/**
 * A closing paragraph: `同志们，……让我们……` / `……预祝……圆满成功！` /
 * `谢谢大家！` / a report's `以上报告，请予审议。`.
 */
const CLOSING =
  /^(?:同志们[，,].{10,}(?:让我们|我们一定要|我们要|努力|奋斗|共同|贡献|新局面|新成绩|新的更大|大有可为)|.{0,20}(?:预祝|祝愿).{0,30}(?:圆满成功|顺利|健康)|谢谢大家[！!。]?$|我的讲话完了|以上报告[，,]?请予审议)/;
const AFTER_CLOSING = /^(?:谢谢大家|谢谢|最后[，,]|预祝|祝愿|我的讲话完了)/;

export function isSalutation(line: string): boolean {
  return SALUTATION.test(line.trim());
}

/** A title line: short, not a sentence, names a speech (`……会议上的讲话`, `……讲话稿`) or is a subtitle (`——在……`). */
export function isTitleLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 48) {
    return false;
  }
  if (/^——/.test(t)) {
    return true;
  }
  if (/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+[、.．]/.test(t)) {
    return false;
  }
  if (/[，,；;]/.test(t) && !/^在/.test(t)) {
    return false;
  }
  return TITLE_END.test(t) || REPORT_TITLE.test(t);
}

/** What a line adds to a speech's body: its length, unless it is a title line or a salutation. */
const bodyCharsOf = (line: string) => (isTitleLine(line) || isSalutation(line) ? 0 : line.length);

/** Split marked pieces, then speeches run together inside each piece. */
export function splitPage(text: string): PageSplit {
  const lines = text.split('\n').map(l => l.trim());
  const preamble: string[] = [];
  const pieces: Array<{ marker: string | null; lines: string[] }> = [];
  const hasMarkers = lines.some(l => PIECE_MARKER.test(l));
  if (hasMarkers) {
    let current: { marker: string | null; lines: string[] } | null = null;
    for (const l of lines) {
      if (PIECE_MARKER.test(l)) {
        current = { marker: l, lines: [] };
        pieces.push(current);
      } else if (current) {
        current.lines.push(l);
      } else if (l) {
        preamble.push(l);
      }
    }
  } else {
    pieces.push({ marker: null, lines });
  }
  const segments: PageSegment[] = [];
  for (const piece of pieces) {
    const previous = segments[segments.length - 1];
    const next = previous && piece.marker !== null ? nextPartOf(previous.lines) : 0;
    const heading = next > 0 ? continuationHeading(piece.lines, next) : null;
    if (heading !== null) {
      // The site's marker took the place of the part heading: the piece is the rest of the speech before it.
      const body = trimBlank(piece.lines);
      const lost = heading !== body[0];
      previous.lines = [...previous.lines, ...(lost ? [heading] : []), ...body];
      (previous.continued ??= []).push({ marker: piece.marker!, heading, lost });
      continue;
    }
    for (const speech of splitRunTogether(piece.lines, piece.marker === null ? preamble : null)) {
      segments.push({ marker: piece.marker, ordinal: segments.length + 1, lines: speech });
    }
  }
  return { preamble, segments };
}

/**
 * The number of the part that would come next in a speech cut off at its end:
 * one more than its last part heading (`二、` → 3), or 0 when the speech has no
 * parts or ends as speeches end (a closing paragraph, `谢谢大家！`).
 */
function nextPartOf(lines: readonly string[]): number {
  let last = 0;
  let end = '';
  for (const l of lines) {
    if (l === '') {
      continue;
    }
    end = l;
    const m = matchLineMarker(l);
    if (m && m.level === 1) {
      last = m.value;
    }
  }
  return last > 0 && !CLOSING.test(end) && !AFTER_CLOSING.test(end) ? last + 1 : 0;
}

/**
 * The heading of part `next` when a marked piece continues the speech before
 * it: the piece starts with that heading, or starts with body text (no title,
 * no salutation, no part `一、` of a speech of its own) and the heading was
 * lost (a bare `三、` then). Null when the piece is a speech of its own.
 */
function continuationHeading(lines: readonly string[], next: number): string | null {
  const body = lines.filter(l => l !== '');
  if (body.length === 0 || isTitleLine(body[0]) || isSalutation(body[0])) {
    return null;
  }
  const markers = body.map(l => matchLineMarker(l));
  const levels = markers.filter(m => m !== null && m.level === 1);
  const first = markers[0];
  if (first && first.level === 1) {
    return first.value === next && levels.every((m, i) => m!.value === next + i) ? body[0] : null;
  }
  return levels.length === 0 ? canonicalMarker(1, next) : null;
}

/** Splits lines into speeches at title lines and salutations that follow a speech body, and after closing paragraphs. */
function splitRunTogether(lines: string[], preamble: string[] | null): string[][] {
  const speeches: string[][] = [];
  let current: string[] = [];
  /** The body characters of `current`, kept as lines come and go (summing them per line made long pages quadratic). */
  let body = 0;
  let closed = false;
  const MIN_BODY = 200;
  const flush = (carry: string[] = []) => {
    if (current.some(l => l !== '')) {
      speeches.push(current);
    }
    current = carry;
    body = carry.reduce((n, l) => n + bodyCharsOf(l), 0);
    closed = false;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      current.push(line);
      continue;
    }
    if ((isTitleLine(line) || isSalutation(line)) && body >= MIN_BODY) {
      // Title lines just before a salutation belong to the new speech.
      const carry: string[] = [];
      if (isSalutation(line)) {
        while (current.length) {
          const last = current[current.length - 1];
          if (last === '' || isTitleLine(last)) {
            carry.unshift(current.pop() as string);
          } else {
            break;
          }
        }
      }
      flush([...carry, line]);
      continue;
    }
    if (closed && body >= MIN_BODY && !AFTER_CLOSING.test(line) && !CLOSING.test(line)) {
      flush([line]);
      continue;
    }
    // A closing paragraph ends a speech whose body came before it.
    const before = body;
    current.push(line);
    body += bodyCharsOf(line);
    if (CLOSING.test(line) && before >= MIN_BODY) {
      closed = true;
    } else if (!AFTER_CLOSING.test(line)) {
      closed = false;
    }
  }
  flush();
  // A page without markers: its first lines before the first speech title are the page preamble.
  if (preamble && speeches.length > 0) {
    const first = speeches[0];
    while (first.length && first[0] === '') {
      first.shift();
    }
  }
  return speeches.map(s => trimBlank(s));
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a] === '') {
    a++;
  }
  while (b > a && lines[b - 1] === '') {
    b--;
  }
  return lines.slice(a, b);
}
