/**
 * Bounded execution of regular expressions from user rule packs.
 *
 * The load-time guard (regexSafety.ts) refuses patterns whose backtracking can
 * explode at one start position (`(a+)+$`). What it lets through can still be
 * quadratic in the length of the text one search sees: `a+b` on a long run of
 * `a` tries every start position and runs to the end of the run from each one.
 * Built-in packs are reviewed and keep the whole-document scan; rules from
 * other packs go through here instead:
 *
 * - **Pieces.** The document is cut into pieces of at most `pieceChars`
 *   characters: whole lines packed together, a longer line split after its last
 *   sentence end (else comma or space) inside the limit. One search sees one
 *   piece plus one character of context on each side (so `^`, `$`, `\b` and a
 *   one-character lookbehind behave as on the whole document). A match never
 *   spans two pieces. The worst case of one search is thus quadratic in
 *   `pieceChars`, not in the length of the document.
 * - **Skipped text.** A stretch longer than `pieceChars` with no line end,
 *   sentence end, comma or space (a 300 000-character run of one letter, a
 *   base64 blob) is not searched; the rule reports it once per document as an
 *   info finding.
 * - **Time limits.** A linear search of a piece takes microseconds. A piece on
 *   which a rule takes far longer than its length warrants (more than
 *   `allowanceMs` + `allowancePerCharMs` per character) is slow. A rule stops
 *   for this document, and says so in an info finding, once `slowPieces` of
 *   its pieces were slow and they are at least `slowShare` of the pieces it
 *   searched, or once its search took `budgetMs` (plus `budgetPerCharMs` per
 *   character: ordinary patterns take a few nanoseconds per character, and on
 *   a busy machine wall time runs longer) in all. A backtracking pattern
 *   is slow on every piece that provokes it and stops after a few of them;
 *   an ordinary one is slow only where the thread was preempted or collected
 *   garbage, a few pieces out of thousands, so it is not stopped.
 *
 * Everything is plain computation on the text (the clock is injectable), so the
 * core stays pure.
 */
import type { DocContext } from '../document';
import type { Category, Finding } from '../types';

export interface BoundedRegexLimits {
  /** Longest text one search sees (besides one character of context on each side). */
  pieceChars: number;
  /** Searching time per rule and document, in all: this plus `budgetPerCharMs` per character of the document. */
  budgetMs: number;
  budgetPerCharMs: number;
  /** Slow pieces after which a rule stops (when they are also `slowShare` of the pieces searched). */
  slowPieces: number;
  slowShare: number;
  /** Time a piece may take without being slow: this plus `allowancePerCharMs` per character. */
  allowanceMs: number;
  allowancePerCharMs: number;
  /** Milliseconds clock (tests pass a fake one). */
  now: () => number;
}

/** The limits the rule engine applies to rules from user packs. */
export const USER_REGEX_LIMITS: Readonly<BoundedRegexLimits> = Object.freeze({
  pieceChars: 500,
  budgetMs: 100,
  budgetPerCharMs: 0.0001,
  slowPieces: 5,
  slowShare: 0.05,
  allowanceMs: 0.02,
  allowancePerCharMs: 0.00002,
  now: () => performance.now(),
});

/** How a document is cut for bounded searching (the same for every user rule). */
export interface Pieces {
  /** Piece i is [bounds[2i], bounds[2i+1]). Ascending, non-overlapping. */
  bounds: Int32Array;
  count: number;
  /** Stretches no search sees, [start, end) pairs in document order. */
  skipped: number[];
}

function isLineEnd(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/** 。！？；!?; */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b;
}

/** ，、：,: space, tab, ideographic space */
function isSoftBreak(c: number): boolean {
  return c === 0xff0c || c === 0x3001 || c === 0xff1a || c === 0x2c || c === 0x3a || c === 0x20 || c === 0x09 || c === 0x3000;
}

/** Any of the characters above (line ends, sentence ends, soft breaks). */
const BREAK = /[\n\r\u3002\uff01\uff1f\uff1b!?;\uff0c\u3001\uff1a,: \t\u3000]/g;

/** Cuts `text` into pieces of at most `max` characters (see the file comment). */
export function cutPieces(text: string, max: number): Pieces {
  const n = text.length;
  const bounds: number[] = [];
  const skipped: number[] = [];
  let ps = 0;
  let pe = 0;
  const flush = () => {
    if (pe > ps) {
      bounds.push(ps, pe);
    }
  };
  let pos = 0;
  // Next \r and \n at or after `pos`, each searched again only once passed (one search per line would be quadratic).
  let nextCr = -1;
  let nextLf = -1;
  while (pos < n) {
    if (nextCr !== n && nextCr < pos) {
      nextCr = text.indexOf('\r', pos);
      if (nextCr < 0) {
        nextCr = n;
      }
    }
    if (nextLf !== n && nextLf < pos) {
      nextLf = text.indexOf('\n', pos);
      if (nextLf < 0) {
        nextLf = n;
      }
    }
    const first = Math.min(nextCr, nextLf);
    const eol = first < n ? first : -1;
    let next: number;
    if (eol < 0) {
      next = n;
    } else {
      next = text.charCodeAt(eol) === 0x0d && text.charCodeAt(eol + 1) === 0x0a ? eol + 2 : eol + 1;
    }
    if (next - pos <= max) {
      if (pe - ps + (next - pos) > max) {
        flush();
        ps = pos;
      }
      pe = next;
    } else {
      flush();
      splitLong(text, pos, next, max, bounds, skipped);
      ps = pe = next;
    }
    pos = next;
  }
  flush();
  return { bounds: Int32Array.from(bounds), count: bounds.length >> 1, skipped };
}

/** Splits the long line [from, to) after sentence ends (else soft breaks); stretches without any break are skipped. */
function splitLong(text: string, from: number, to: number, max: number, bounds: number[], skipped: number[]): void {
  let s = from;
  while (to - s > max) {
    let sentence = -1;
    let soft = -1;
    for (let i = s + max - 1; i > s && sentence < 0; i--) {
      const c = text.charCodeAt(i);
      if (isSentenceEnd(c) || isLineEnd(c)) {
        sentence = i + 1;
      } else if (soft < 0 && isSoftBreak(c)) {
        soft = i + 1;
      }
    }
    const cut = sentence > 0 ? sentence : soft;
    if (cut > s) {
      bounds.push(s, cut);
      s = cut;
      continue;
    }
    // No break within `max` characters: skip up to the next one.
    BREAK.lastIndex = s + max;
    const found = BREAK.exec(text);
    const b = found && found.index < to ? found.index : to;
    skipped.push(s, b);
    s = b;
  }
  if (to > s) {
    bounds.push(s, to);
  }
}

/** The pieces of a document, computed once per document and shared by every user rule. */
export function documentPieces(doc: DocContext, max: number): Pieces {
  return doc.memo(`boundedRegex.pieces.${max}`, d => cutPieces(d.text, max));
}

export interface BoundedRunResult {
  matches: number;
  /** The first piece left unsearched because the time budget was used up. */
  stoppedAt: { start: number; end: number } | null;
}

/** Moves a match found in a slice to document offsets (index and `d`-flag indices). */
function shift(m: RegExpExecArray, by: number): void {
  if (by === 0) {
    return;
  }
  m.index += by;
  const ind = m.indices;
  if (!ind) {
    return;
  }
  const seen = new Set<[number, number]>();
  const move = (p: [number, number] | undefined) => {
    if (p && !seen.has(p)) {
      seen.add(p);
      p[0] += by;
      p[1] += by;
    }
  };
  for (let i = 0; i < ind.length; i++) {
    move(ind[i]);
  }
  if (ind.groups) {
    for (const k of Object.keys(ind.groups)) {
      move(ind.groups[k]);
    }
  }
}

/**
 * Searches `re` (flag `g`, not sticky) piece by piece; calls `onMatch` with
 * each non-empty match in document offsets. Stops after `maxMatches` matches or
 * when the time budget is used up.
 */
export function execBounded(
  text: string,
  pieces: Pieces,
  re: RegExp,
  onMatch: (m: RegExpExecArray) => void,
  maxMatches: number,
  limits: BoundedRegexLimits = USER_REGEX_LIMITS,
): BoundedRunResult {
  const n = text.length;
  const t0 = limits.now();
  const budget = limits.budgetMs + n * limits.budgetPerCharMs;
  let matches = 0;
  let slow = 0;
  let t = t0;
  const { bounds, count } = pieces;
  for (let p = 0; p < count; p++) {
    if (p > 0) {
      const now = limits.now();
      if (now - t > limits.allowanceMs + (bounds[2 * p - 1] - bounds[2 * p - 2]) * limits.allowancePerCharMs) {
        slow++;
      }
      t = now;
      if ((slow >= limits.slowPieces && slow >= p * limits.slowShare) || now - t0 > budget) {
        return { matches, stoppedAt: { start: bounds[2 * p], end: bounds[2 * p + 1] } };
      }
    }
    const ps = bounds[2 * p];
    const pe = bounds[2 * p + 1];
    const from = ps > 0 ? ps - 1 : 0;
    const to = pe < n ? pe + 1 : n;
    const slice = text.slice(from, to);
    const limit = pe - from;
    re.lastIndex = ps - from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) && m.index < limit) {
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      shift(m, from);
      onMatch(m);
      if (++matches >= maxMatches) {
        return { matches, stoppedAt: null };
      }
    }
  }
  return { matches, stoppedAt: null };
}

/** The info findings a bounded run leaves: text not searched, budget used up. */
export function boundedNotices(
  rule: { id: string; category: Category },
  pieces: Pieces,
  run: BoundedRunResult,
  limits: Pick<BoundedRegexLimits, 'pieceChars'> = USER_REGEX_LIMITS,
): Finding[] {
  const out: Finding[] = [];
  const sk = pieces.skipped;
  if (sk.length > 0) {
    let total = 0;
    for (let i = 0; i < sk.length; i += 2) {
      total += sk[i + 1] - sk[i];
    }
    const more = sk.length > 2 ? `；本文档共 ${sk.length / 2} 段、${total} 个字符没有检查` : '';
    out.push({
      ruleId: rule.id,
      category: rule.category,
      severity: 'info',
      message:
        `用户规则“${rule.id}”的正则表达式没有检查这段文字：连续 ${sk[1] - sk[0]} 个字符中没有换行、句末标点、逗号或空格，` +
        `而用户规则的正则一次最多查看 ${limits.pieceChars} 个字符（以免回溯拖慢检查）${more}`,
      start: sk[0],
      end: sk[1],
      fixes: [],
    });
  }
  if (run.stoppedAt) {
    out.push({
      ruleId: rule.id,
      category: rule.category,
      severity: 'info',
      message:
        `用户规则“${rule.id}”的正则表达式查找得太慢（在好几段文字上都远超其长度应有的耗时，或在本文档上总耗时超出限度），` +
        `从这里起不再用它检查。这通常是写法在长串同类字符上反复回溯（如“a+b”“\\d+\\.\\d+x”“[一-龥]+?的”），请写得更具体`,
      start: run.stoppedAt.start,
      end: run.stoppedAt.end,
      fixes: [],
    });
  }
  return out;
}

/** One user rule on one document: its matches go to `onMatch`, its notices are returned. */
export function runUserRegex(
  doc: DocContext,
  re: RegExp,
  rule: { id: string; category: Category },
  onMatch: (m: RegExpExecArray) => void,
  maxMatches: number,
  limits: BoundedRegexLimits = USER_REGEX_LIMITS,
): Finding[] {
  const pieces = documentPieces(doc, limits.pieceChars);
  const run = execBounded(doc.text, pieces, re, onMatch, maxMatches, limits);
  return boundedNotices(rule, pieces, run, limits);
}
