import { isSafePattern } from 'redos-detector';

/**
 * Why a user regular expression may hang the host, or null when it looks safe.
 *
 * Two layers: a fast static scan for nested unbounded quantifiers (`(a+)+`,
 * `(\d*x?)*`); then, for packs that do not come with the extension,
 * redos-detector's backtracking analysis with a small time budget, which also
 * catches quantified alternations whose branches overlap (`(\w|\d)+$`). A
 * pattern it cannot prove safe in time is rejected too.
 */
export function regexRisk(pattern: string, flags: string, deep: boolean): string | null {
  const key = `${deep ? 1 : 0}/${flags}/${pattern}`;
  const known = verdicts.get(key);
  if (known !== undefined) {
    return known;
  }
  const verdict = judge(pattern, flags, deep);
  if (verdicts.size > 5000) {
    verdicts.clear();
  }
  verdicts.set(key, verdict);
  return verdict;
}

/** Verdicts by pattern: reloading or re-validating a pack while it is edited does not analyse unchanged patterns again. */
const verdicts = new Map<string, string | null>();

function judge(pattern: string, flags: string, deep: boolean): string | null {
  if (pattern.length > 2000) {
    return '正则表达式过长（超过 2000 个字符）';
  }
  const nested = nestedQuantifier(pattern);
  if (nested) {
    return nested;
  }
  if (!deep) {
    return null;
  }
  let result;
  try {
    result = isSafePattern(analysisPattern(pattern), {
      unicode: true,
      caseInsensitive: flags.includes('i'),
      multiLine: flags.includes('m'),
      dotAll: flags.includes('s'),
      timeout: 300,
      maxSteps: 20000,
    });
  } catch {
    return null; // A construct the analyser does not know; the static scan above already passed.
  }
  if (result.safe) {
    return null;
  }
  if (result.error === 'hitMaxScore') {
    const at = result.trails[0]?.trail[0]?.a.node;
    return `正则表达式可能发生灾难性回溯（同一段文字有多种匹配方式${at ? `，如“${at.source}”处` : ''}）`;
  }
  return '无法在限定时间内确认正则表达式不会发生灾难性回溯，请简化写法';
}

/**
 * The pattern as the backtracking analyser reads it: anchored (the engine's cost
 * per start position is what can explode; trying every start position is the
 * linear outer loop of any unanchored search), with named groups made plain
 * groups (same matching, and the analyser's parser does not read the names).
 */
export function analysisPattern(pattern: string): string {
  return `^(?:${pattern.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, '(')})`;
}

interface Frame {
  start: number;
  unbounded: boolean;
}

/** Static scan for quantifiers nested inside quantified groups. */
function nestedQuantifier(p: string): string | null {
  const stack: Frame[] = [{ start: 0, unbounded: false }];
  let i = 0;
  let inClass = false;
  while (i < p.length) {
    const c = p[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
      }
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      i++;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, unbounded: false });
      i++;
      // Skip group syntax (?:  (?=  (?<name>  …
      if (p[i] === '?') {
        i++;
        if (p[i] === '<' && p[i + 1] !== '=' && p[i + 1] !== '!') {
          const close = p.indexOf('>', i);
          i = close < 0 ? i + 1 : close + 1;
        } else {
          i++;
        }
      }
      continue;
    }
    if (c === ')') {
      const frame = stack.length > 1 ? stack.pop()! : stack[0];
      i++;
      const q = quantifierAt(p, i);
      if (q) {
        if (q.unbounded && frame.unbounded) {
          return `正则表达式有嵌套的无界量词（“${p.slice(frame.start, i + q.length)}”），可能发生灾难性回溯`;
        }
        if (q.unbounded || frame.unbounded) {
          stack[stack.length - 1].unbounded = true;
        }
        i += q.length;
      } else if (frame.unbounded) {
        stack[stack.length - 1].unbounded = true;
      }
      continue;
    }
    i++;
    const q = quantifierAt(p, i);
    if (q) {
      if (q.unbounded) {
        stack[stack.length - 1].unbounded = true;
      }
      i += q.length;
    }
  }
  return null;
}

function quantifierAt(p: string, i: number): { length: number; unbounded: boolean } | null {
  const c = p[i];
  let len = 0;
  let unbounded = false;
  if (c === '*' || c === '+') {
    len = 1;
    unbounded = true;
  } else if (c === '?') {
    len = 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 20));
    if (!m) {
      return null;
    }
    len = m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
  } else {
    return null;
  }
  if (p[i + len] === '?' || p[i + len] === '+') {
    len++; // lazy / possessive-looking suffix
  }
  return { length: len, unbounded };
}
