/**
 * Splitting a scraped page into speeches. Pages hold one speech, or several:
 * marked pieces (`【篇1】…`, `【领导会议发言范文】一`), or speeches simply run
 * together (the page of fifteen `…讲话稿`), each starting with a title line
 * and/or a salutation (`同志们：`), or after a closing paragraph.
 */

export interface PageSegment {
  /** Text of the piece marker line (`【篇2】在全市……的讲话`), when the page marks its pieces. */
  marker: string | null;
  /** Ordinal of the piece on the page, 1-based. */
  ordinal: number;
  lines: string[];
}

export interface PageSplit {
  /** Lines before the first speech (page title, subtitle): used for fallback titles. */
  preamble: string[];
  segments: PageSegment[];
}

const PIECE_MARKER = /^【(?:篇\s*\d+|[^】]{0,20}(?:范文|讲话|发言)[^】]{0,6})】\s*(.*)$/;
const SALUTATION = /^(?:(?:尊敬的)?各位[^，,：:。]{0,12}[，,、]\s*)*(?:同志们|各位代表|各位委员|同事们|各位领导|女士们、先生们|老师们、同学们)[：:]$/;
const TITLE_END = /(?:讲话|讲话稿|发言|致辞|讲话提纲|发言稿|动员讲话|总结讲话|讲话范文|发言范文)[。]?$/;
/** A closing paragraph: `同志们，……让我们……` / `……预祝……圆满成功！` / `谢谢大家！`. */
const CLOSING = /^(?:同志们[，,].{10,}(?:让我们|我们一定要|我们要|努力|奋斗|共同|贡献|新局面|新成绩|新的更大|大有可为)|.{0,20}(?:预祝|祝愿).{0,30}(?:圆满成功|顺利|健康)|谢谢大家[！!。]?$|我的讲话完了)/;
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
  return TITLE_END.test(t);
}

const bodyChars = (lines: readonly string[]) => lines.reduce((n, l) => n + (isTitleLine(l) || isSalutation(l) ? 0 : l.length), 0);

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
    for (const speech of splitRunTogether(piece.lines, piece.marker === null ? preamble : null)) {
      segments.push({ marker: piece.marker, ordinal: segments.length + 1, lines: speech });
    }
  }
  return { preamble, segments };
}

/** Splits lines into speeches at title lines and salutations that follow a speech body, and after closing paragraphs. */
function splitRunTogether(lines: string[], preamble: string[] | null): string[][] {
  const speeches: string[][] = [];
  let current: string[] = [];
  let closed = false;
  const MIN_BODY = 200;
  const flush = (carry: string[] = []) => {
    if (current.some(l => l !== '')) {
      speeches.push(current);
    }
    current = carry;
    closed = false;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      current.push(line);
      continue;
    }
    const body = bodyChars(current);
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
    current.push(line);
    if (CLOSING.test(line) && body >= MIN_BODY) {
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
