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
  if (b[i] === '(' && b.startsWith('(?:', i)) {
    const e = groupEnd(b, i);
    if (e < 0 || optionalAfter(b, e) || b[e] === '+' || b[e] === '{') {
      return null;
    }
    const inner = b.slice(i + 3, e - 1);
    const alts = inner.split('|');
    if (alts.some(a => a.length === 0 || [...a].some(ch => META.has(ch)))) {
      return null;
    }
    return alts;
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
