/**
 * Cleaning scraped speech text: line tidying, residue removal, full-width
 * punctuation in Chinese context, and rejoining sentences that a site broke
 * around a keyword link.
 */
import { matchLineMarker } from '../structure/markers';
import type { ResidueMatcher, ResidueSpan } from './residue';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_CONTEXT = /[×\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60“”‘’《》【】…—]/;
export const isHan = (c: string | undefined): boolean => c !== undefined && HAN.test(c);
const isCjkContext = (c: string | undefined): boolean => c !== undefined && CJK_CONTEXT.test(c);

/** Line breaks to `\n`, no BOM, no trailing spaces, no indentation (ASCII, full-width or NBSP), blank runs collapsed. */
export function tidyLines(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(l => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface StripResult {
  text: string;
  removed: Array<{ id: string; kind: string; text: string }>;
}

/** Removes residue (whole lines, or the matched text for `match`-scoped entries). */
export function stripResidue(text: string, matcher: ResidueMatcher): StripResult {
  const spans: ResidueSpan[] = matcher.find(text);
  const removed: StripResult['removed'] = [];
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start);
    removed.push({ id: s.entry.id, kind: s.entry.kind, text: text.slice(s.start, s.end) });
    at = s.end;
  }
  out += text.slice(at);
  return { text: tidyLines(out), removed };
}

const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };

/**
 * ASCII punctuation in Chinese context → full width: `,` `:` `;` `?` `!` next to
 * Chinese text, and `( … )` pairs that enclose or touch Chinese. Leaves numbers
 * (`10:20`, `1,000`), Latin text and URLs alone. Returns the count of changes.
 */
export function normalizePunctuation(text: string): { text: string; changes: number } {
  const chars = [...text];
  let changes = 0;
  const prevNonSpace = (i: number) => {
    for (let k = i - 1; k >= 0 && chars[k] !== '\n'; k--) {
      if (chars[k] !== ' ') {
        return chars[k];
      }
    }
    return undefined;
  };
  const nextNonSpace = (i: number) => {
    for (let k = i + 1; k < chars.length && chars[k] !== '\n'; k++) {
      if (chars[k] !== ' ') {
        return chars[k];
      }
    }
    return undefined;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const full = HALF_TO_FULL[c];
    if (full) {
      const p = prevNonSpace(i);
      const n = nextNonSpace(i);
      if (/[0-9]/.test(chars[i - 1] ?? '') && /[0-9]/.test(chars[i + 1] ?? '')) {
        continue; // 10:20, 1,000
      }
      if (isCjkContext(p) || (p !== undefined && /[0-9%)）]/.test(p) && isCjkContext(n)) || (p === undefined && isCjkContext(n))) {
        chars[i] = full;
        changes++;
        // Spaces after full-width punctuation are scraping artefacts.
        while (chars[i + 1] === ' ' && isCjkContext(nextNonSpace(i))) {
          chars.splice(i + 1, 1);
        }
      }
    } else if (c === '(') {
      // Find the matching `)` on the same line.
      let depth = 0;
      let close = -1;
      for (let k = i + 1; k < chars.length && chars[k] !== '\n'; k++) {
        if (chars[k] === '(') {
          depth++;
        } else if (chars[k] === ')') {
          if (depth === 0) {
            close = k;
            break;
          }
          depth--;
        }
      }
      if (close < 0) {
        continue;
      }
      const inner = chars.slice(i + 1, close).join('');
      if (HAN.test(inner) || isCjkContext(chars[i - 1]) || isCjkContext(chars[close + 1]) || /^[一二三四五六七八九十]+$/.test(inner)) {
        chars[i] = '（';
        chars[close] = '）';
        changes += 2;
      }
    }
  }
  // Brackets left unpaired on their line (`评议(前年是……局)`, split over two lines, or a lost partner) touching Chinese.
  for (let i = 0; i < chars.length; i++) {
    if ((chars[i] === '(' && (isCjkContext(chars[i - 1]) || isHan(chars[i + 1]))) || (chars[i] === ')' && isCjkContext(chars[i - 1]) && !atLineStartMarker(chars, i))) {
      if (!hasPartnerOnLine(chars, i)) {
        chars[i] = chars[i] === '(' ? '（' : '）';
        changes++;
      }
    }
  }
  // An ASCII full stop after Chinese: a sentence end at the end of a line or before a quote (`特色工作.` → `特色工作。`),
  // a site-inserted dot between Chinese characters (`学生的.学习` → `学生的学习`). Markers (`一.`) stay.
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '.' || !isHan(chars[i - 1]) || atLineStartMarker(chars, i)) {
      continue;
    }
    const next = chars[i + 1];
    if (next === undefined || next === '\n' || /[”’」]/.test(next)) {
      chars[i] = '。';
      changes++;
    } else if (isHan(next)) {
      chars.splice(i, 1);
      changes++;
      i--;
    }
  }
  return { text: chars.join(''), changes };
}

/** True when the character at `i` is part of a numbering marker at the start of its line (`一.`, `1)`). */
function atLineStartMarker(chars: readonly string[], i: number): boolean {
  let s = i;
  while (s > 0 && chars[s - 1] !== '\n') {
    s--;
  }
  if (i - s > 4) {
    return false;
  }
  const marker = matchLineMarker(chars.slice(s, Math.min(chars.length, s + 8)).join('').split('\n')[0]);
  return marker !== null && i - s < marker.end;
}

/** Whether the ASCII bracket at `i` has a partner on the same line (in the right direction). */
function hasPartnerOnLine(chars: readonly string[], i: number): boolean {
  const [partner, step] = chars[i] === '(' ? [')', 1] : ['(', -1];
  for (let k = i + step; k >= 0 && k < chars.length && chars[k] !== '\n'; k += step) {
    if (chars[k] === partner) {
      return true;
    }
  }
  return false;
}

/** `同志们：。` → `同志们：` (a full stop after a colon is a scraping artefact). */
export function fixStrayStops(text: string): { text: string; changes: number } {
  let changes = 0;
  const out = text.replace(/([：:])。/g, (_m, colon: string) => {
    changes++;
    return colon;
  });
  return { text: out, changes };
}

const SENTENCE_END = /[。！？；：”’）…]$/;

/**
 * Sites turn keywords into links and break the line around them, adding a full
 * stop: `…今年商务工作会议，刚才，X同志` / `总结。` / `了去年工作，…`. A short
 * fragment line (2–6 characters and a full stop) between a body line and a line
 * that continues the sentence is joined back, without the stray stops.
 */
export function joinBrokenLines(text: string): { text: string; joins: number } {
  const lines = text.split('\n');
  const out: string[] = [];
  let joins = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^([\u4e00-\u9fff]{2,6})。$/.exec(line);
    if (m && out.length) {
      // previous non-empty line
      let p = out.length - 1;
      while (p >= 0 && out[p] === '') {
        p--;
      }
      let n = i + 1;
      while (n < lines.length && lines[n] === '') {
        n++;
      }
      const prev = p >= 0 ? out[p] : '';
      const next = n < lines.length ? lines[n] : '';
      // The site may have put a full stop on both sides of the link (`……年初报告重点。` / `工作计划。` / `年底报告……`).
      const stopBefore = /[\u4e00-\u9fff]。$/.test(prev);
      if (
        prev.length >= 20 &&
        (stopBefore || !SENTENCE_END.test(prev)) &&
        !/^谢谢/.test(m[1]) &&
        /^[\u4e00-\u9fff]/.test(next) &&
        !/^(?:同志们|各位|[一二三四五六七八九十]+[、是要]|第[一二三四五六七八九十]|首先|其次|最后|谢谢)/.test(next)
      ) {
        out.length = p + 1;
        out[p] = (stopBefore ? prev.slice(0, -1) : prev) + m[1] + next;
        joins++;
        i = n;
        continue;
      }
    }
    out.push(line);
  }
  return { text: out.join('\n'), joins };
}

/** A line that starts a new item: a numbering marker or a sequence word (`一是`, `第一`, `首先`). */
export function startsNewItem(line: string): boolean {
  return (
    matchLineMarker(line.replace(/^[\s\u3000]+/, '')) !== null ||
    /^[\s\u3000]*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|首先|其次|再次|最后|同志们|各位|谢谢|[①-⑳⑴-⒇])/.test(line)
  );
}

/** Open brackets not closed at the end of `line` (ASCII or full width), `depth` being open before it. */
function unclosedBrackets(line: string, depth = 0): number {
  for (const c of line) {
    if (c === '(' || c === '（') {
      depth++;
    } else if ((c === ')' || c === '）') && depth > 0) {
      depth--;
    }
  }
  return depth;
}

const SEMICOLON_END = /[；;]$/;

/** How many lines a bracket broken across lines may span after the line that opens it. */
const BRACKET_SPAN = 3;

/**
 * Whether `lines[i]` … closes a bracket left open before it (`before` open)
 * within `BRACKET_SPAN` lines, none of them starting a new item.
 */
function closesSoon(lines: readonly string[], i: number, before: number): boolean {
  let depth = before;
  for (let j = i, seen = 0; j < lines.length && seen < BRACKET_SPAN; j++) {
    if (lines[j] === '') {
      continue;
    }
    if (seen > 0 && startsNewItem(lines[j])) {
      return false;
    }
    seen++;
    depth = unclosedBrackets(lines[j], depth);
    if (depth < before) {
      return true;
    }
  }
  return false;
}

/**
 * Sites break lines at semicolons: a line ending in `；` is joined with the
 * next one unless the next line starts a new item (`二是`, `（二）`, `2.` …);
 * so is a line with a bracket left open when the lines after it close it
 * soon. (A stray bracket, closed nowhere near, once glued every following
 * paragraph into one.)
 */
export function joinContinuedLines(text: string): { text: string; joins: number } {
  const lines = text.split('\n');
  const out: string[] = [];
  /** Per line of `out`: the brackets it leaves open, and whether it ends in a semicolon (kept as lines are joined). */
  const open: number[] = [];
  const semicolons: boolean[] = [];
  /** The last line of `out` that is not blank (-1: none). */
  let last = -1;
  let joins = 0;
  lines.forEach((line, i) => {
    // Pages that put a blank line after every paragraph put one after the broken line too.
    if (last >= 0 && line !== '') {
      const before = open[last];
      const semicolon = semicolons[last];
      if ((semicolon || before > 0) && !startsNewItem(line) && (semicolon || closesSoon(lines, i, before))) {
        out.length = last + 1;
        open.length = last + 1;
        semicolons.length = last + 1;
        out[last] += line;
        open[last] = unclosedBrackets(line, before);
        semicolons[last] = SEMICOLON_END.test(line);
        joins++;
        return;
      }
    }
    out.push(line);
    open.push(unclosedBrackets(line));
    semicolons.push(SEMICOLON_END.test(line));
    if (line !== '') {
      last = out.length - 1;
    }
  });
  return { text: out.join('\n'), joins };
}

/** Consecutive identical lines (a title printed three times) → one. */
export function collapseRepeatedLines(text: string): { text: string; removed: number } {
  const lines = text.split('\n');
  const out: string[] = [];
  let removed = 0;
  let lastNonEmpty = '';
  for (const l of lines) {
    if (l !== '' && l === lastNonEmpty) {
      removed++;
      // drop the blank line we may have pushed in between
      while (out.length && out[out.length - 1] === '') {
        out.pop();
      }
      continue;
    }
    out.push(l);
    if (l !== '') {
      lastNonEmpty = l;
    }
  }
  return { text: out.join('\n'), removed };
}

/** Speech text as stored: one paragraph per line, no blank lines. */
export function toParagraphLines(text: string): string {
  return text
    .split('\n')
    .filter(l => l.trim() !== '')
    .join('\n');
}
