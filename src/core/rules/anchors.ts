/**
 * Literal anchors of a regular expression: strings one of which every match
 * STARTS with. When a rule's pattern has them, the anchors go into the shared
 * automaton and the pattern is tried (sticky) only where an anchor occurs,
 * instead of scanning the whole document once more.
 *
 * Understood shapes (anything else: null, and the pattern scans the document):
 *   leading lookbehinds `(?<=…)` `(?<!…)` (zero-width, skipped), then
 *   a literal run `党的…` (a final character made optional by ? * {0 is dropped),
 *   a group of literal alternatives `(?:本站|本网)…`,
 *   a class of plain characters `[省市县区]…`,
 *   and a top-level alternation whose every branch has anchors.
 */
const META = new Set([...'\\^$.|?*+()[]{}']);

export function regexAnchors(pattern: string, flags: string): string[] | null {
  if (flags.includes('i')) {
    return null;
  }
  const branches = splitTopLevel(pattern);
  if (!branches) {
    return null;
  }
  const out = new Set<string>();
  for (const b of branches) {
    const a = branchAnchors(b);
    if (!a || a.length === 0 || a.some(x => x.length === 0)) {
      return null;
    }
    a.forEach(x => out.add(x));
  }
  return [...out];
}

/**
 * Walks a regex source from `from`, skipping escapes and the inside of character
 * classes, and calls `visit(c, i, depth)` for every other character with the group
 * depth after it (`(` raises it, `)` lowers it). Stops when `visit` returns true.
 */
function walkSource(
  p: string,
  from: number,
  visit: (c: string, i: number, depth: number) => boolean | void,
): { depth: number; inClass: boolean; stoppedAt: number } {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') {
        inClass = false;
      }
    } else if (c === '[') {
      inClass = true;
    } else {
      if (c === '(') {
        depth++;
      } else if (c === ')') {
        depth--;
      }
      if (visit(c, i, depth)) {
        return { depth, inClass, stoppedAt: i };
      }
    }
  }
  return { depth, inClass, stoppedAt: -1 };
}

/** Splits at top-level `|`; null on unbalanced brackets. */
function splitTopLevel(p: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  const end = walkSource(p, 0, (c, i, depth) => {
    if (c === '|' && depth === 0) {
      parts.push(p.slice(start, i));
      start = i + 1;
    }
  });
  if (end.depth !== 0 || end.inClass) {
    return null;
  }
  parts.push(p.slice(start));
  return parts;
}

/** The index after the group that opens at `i` (p[i] === '('), or -1. */
function groupEnd(p: string, i: number): number {
  const end = walkSource(p, i, (c, _j, depth) => c === ')' && depth === 0);
  return end.stoppedAt < 0 ? -1 : end.stoppedAt + 1;
}

const optionalAfter = (p: string, i: number) => p[i] === '?' || p[i] === '*' || /^\{0[,}]/.test(p.slice(i, i + 3));

function branchAnchors(b: string): string[] | null {
  let i = 0;
  // Zero-width lookbehinds at the start.
  while (b.startsWith('(?<=', i) || b.startsWith('(?<!', i)) {
    const e = groupEnd(b, i);
    if (e < 0) {
      return null;
    }
    i = e;
  }
  if (b[i] === '(' && !b.startsWith('(?=', i) && !b.startsWith('(?!', i) && !b.startsWith('(?<=', i) && !b.startsWith('(?<!', i)) {
    // A group (plain, non-capturing or named): every match starts with one of its alternatives' anchors.
    const e = groupEnd(b, i);
    if (e < 0 || optionalAfter(b, e)) {
      return null;
    }
    let from = i + 1;
    if (b.startsWith('(?:', i)) {
      from = i + 3;
    } else if (b.startsWith('(?<', i)) {
      const close = b.indexOf('>', i);
      if (close < 0 || close > e) {
        return null;
      }
      from = close + 1;
    } else if (b[i + 1] === '?') {
      return null; // a group kind not understood here
    }
    return regexAnchors(b.slice(from, e - 1), '');
  }
  if (b[i] === '[') {
    const close = b.indexOf(']', i + 1);
    if (close < 0) {
      return null;
    }
    const body = b.slice(i + 1, close);
    if (body.length === 0 || body[0] === '^' || /[\\\-\]]/.test(body) || optionalAfter(b, close + 1)) {
      return null;
    }
    return [...body];
  }
  let lit = '';
  while (i < b.length && !META.has(b[i])) {
    lit += b[i];
    i++;
  }
  if (optionalAfter(b, i) || b[i] === '+' || b[i] === '{') {
    // The last literal character is quantified: only the part before it is fixed.
    lit = lit.slice(0, -1);
  }
  return lit.length > 0 ? [lit] : null;
}

/** Escaped characters that stand for themselves (`\.` `\{` …); other escapes are classes or references. */
const LITERAL_ESCAPES = new Set([...'\\^$.|?*+()[]{}/-']);

/**
 * The longest literal that every match of the pattern CONTAINS (outside any
 * group, class or alternation), or null. A rule whose pattern has no anchors
 * is still skipped on a document that lacks this literal: the automaton that
 * scans for the literal terms finds it for free.
 */
export function requiredLiteral(pattern: string, flags: string): string | null {
  if (flags.includes('i')) {
    return null;
  }
  let best = '';
  let run = '';
  const close = () => {
    if (run.length > best.length) {
      best = run;
    }
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let unit: string | null = null;
    let next = i + 1;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e !== undefined && LITERAL_ESCAPES.has(e)) {
        unit = e;
      }
      next = escapeEnd(pattern, i);
    } else if (c === '|') {
      return null; // top-level alternation: nothing is required by every branch here
    } else if (c === '(') {
      const e = groupEnd(pattern, i);
      if (e < 0) {
        return null;
      }
      next = e;
    } else if (c === '[') {
      next = classEnd(pattern, i);
    } else if (!META.has(c)) {
      unit = c;
    }
    // A quantifier after this atom.
    const q = pattern[next];
    const optional = optionalAfter(pattern, next);
    const repeated = q === '+' || q === '{' || q === '*' || q === '?';
    if (unit !== null && !optional) {
      run += unit;
    }
    if (unit === null || optional || repeated) {
      close();
    }
    i = next;
    if (repeated) {
      // Skip the quantifier (and a lazy `?` after it).
      if (q === '{') {
        const e = pattern.indexOf('}', i);
        i = e < 0 ? pattern.length : e + 1;
      } else {
        i++;
      }
      if (pattern[i] === '?') {
        i++;
      }
    }
  }
  close();
  return best.length > 0 ? best : null;
}

/** The index after the escape that starts at `i` (p[i] === '\\'). */
function escapeEnd(p: string, i: number): number {
  const e = p[i + 1];
  const upTo = (ch: string) => {
    const k = p.indexOf(ch, i + 2);
    return k < 0 ? p.length : k + 1;
  };
  switch (e) {
    case 'u':
      return p[i + 2] === '{' ? upTo('}') : i + 6;
    case 'x':
      return i + 4;
    case 'c':
      return i + 3;
    case 'p':
    case 'P':
      return upTo('}');
    case 'k':
      return upTo('>');
    default: {
      let j = i + 1;
      if (e !== undefined && e >= '0' && e <= '9') {
        while (j < p.length && p[j] >= '0' && p[j] <= '9') {
          j++;
        }
        return j;
      }
      return i + 2;
    }
  }
}

/** The index after the character class that opens at `i` (p[i] === '['). */
function classEnd(p: string, i: number): number {
  for (let j = i + 1; j < p.length; j++) {
    if (p[j] === '\\') {
      j = escapeEnd(p, j) - 1;
    } else if (p[j] === ']') {
      return j + 1;
    }
  }
  return p.length;
}
