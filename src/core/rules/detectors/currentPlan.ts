import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { literalHits } from '../../detectors/literalHits';
import { parseYear } from '../../date';
import { YEAR_NUMERAL } from '../historical';

/** Words that make a five-year plan the current or coming one. */
const PRESENT = /今年|明年|当前|目前|正在|即将|新的一年|开局|起步|开好局|起好步|实施好|编制|谋划|面向|进入|迈入|开启|奋力|开创|扎实推进|全面落实|贯彻落实|确保.{0,6}目标|时期要|期间要|期间将|时期将/;
/** Words that make the sentence a look back at a plan that has ended. */
const REVIEW = /以来|回顾|过去|五年来|几年来|取得|成就|成效|成绩|成果|基础|收官|圆满|完成|总结|已经|实现了|胜利|期间累计|末|期末/;
const SENTENCE_END = /[。！？；!?;\n\r]/;
/** Right before the plan: the year spoken of is named as one of the plan's years (`今年是“十四五”…之年`). */
const THIS_YEAR_IS = /(?:今年|明年|新的一年|本年度?)(?:是|为|正值|恰逢|适逢|既是)[“"‘]?$/;
/** Right after the plan, within its clause: `…之年` (收官之年, 开局之年, 关键之年), not a year after it. */
const YEAR_OF_PLAN = /^[^，。；！？,;!?后]{0,16}?之年/;
/** A year named as what it was (`2021年是……`, `二〇二五年为……`): group 1 is the year. */
const NAMED_YEAR = new RegExp(`(${YEAR_NUMERAL})年(?:是|为|正值|恰逢|适逢|既是)`, 'g');
/** How many characters of the sentence each side of the plan the finding quotes. */
const QUOTE = 14;

/**
 * `current-plan` (params: plan, next, last): a five-year plan (e.g. 十四五) spoken
 * of as the current or coming plan — 开局之年, 实施“十四五”规划, 今年是“十四五”…
 * (收官之年 too) — in a document dated after the plan ended. A look back at the plan
 * (“十四五”时期取得的成就, 回顾“十四五”) is fine, and so is a sentence that names one
 * of the plan's own years, up to `last` (its last year), as what it was:
 * `2021年是建党100周年，是“十四五”规划的开局之年` (a fact about 2021).
 */
export function detectCurrentPlan(doc: DocContext, params: Readonly<Record<string, unknown>>): DetectorMatch[] {
  const plan = String(params.plan ?? '');
  const next = String(params.next ?? '');
  const last = typeof params.last === 'number' ? params.last : Number.NaN;
  if (!plan) {
    return [];
  }
  const text = doc.text;
  const out: DetectorMatch[] = [];
  // Occurrences from left to right, each search going on after the previous occurrence.
  const { starts } = literalHits(doc, [plan]);
  let from = 0;
  for (const at of starts) {
    if (at < from) {
      continue;
    }
    from = at + plan.length;
    // 二十四五… is not 十四五; 十四五年 is a number.
    if (/[一二三四五六七八九十]/.test(text[at - 1] ?? '') || /[年岁个%]/.test(text[at + plan.length] ?? '')) {
      continue;
    }
    let s = at;
    while (s > 0 && at - s < 200 && !SENTENCE_END.test(text[s - 1])) {
      s--;
    }
    let e = at + plan.length;
    while (e < text.length && e - at < 200 && !SENTENCE_END.test(text[e])) {
      e++;
    }
    // What the sentence says of the next plan is not said of this one (`今年是“十五五”开局之年，要在“十四五”打下的
    // 基础上……`): only the clauses between the next plan's mentions count.
    if (next) {
      [s, e] = clausesWithout(text, s, e, at, at + plan.length, next);
    }
    const sentence = text.slice(s, e);
    // `今年是“十四五”规划的收官之年` says this year belongs to the plan, though 收官 is a word of looking back.
    const thisYear = THIS_YEAR_IS.test(text.slice(Math.max(s, at - 8), at)) && YEAR_OF_PLAN.test(text.slice(at + plan.length, e));
    if (!thisYear && (!PRESENT.test(sentence) || REVIEW.test(sentence) || namesPlanYear(text.slice(s, at), last))) {
      continue;
    }
    // The words around the plan, within the sentence.
    const qs = Math.max(s, at - QUOTE);
    const qe = Math.min(e, at + plan.length + QUOTE);
    out.push({
      start: at,
      end: at + plan.length,
      detail: `${qs > s ? '…' : ''}${text.slice(qs, qe).trim()}${qe < e ? '…' : ''}`,
      fixes: next ? [{ title: `改为“${next}”`, edits: [{ start: at, end: at + plan.length, newText: next }], safe: false }] : [],
    });
  }
  return out;
}

/** Whether `before` (the sentence up to the plan) names a year no later than `last` as what it was (`2021年是……`). */
function namesPlanYear(before: string, last: number): boolean {
  if (!(last > 0)) {
    return false;
  }
  NAMED_YEAR.lastIndex = 0;
  for (let m = NAMED_YEAR.exec(before); m; m = NAMED_YEAR.exec(before)) {
    const year = parseYear(m[1]);
    if (year !== null && year <= last) {
      return true;
    }
  }
  return false;
}

/** A clause mark within a sentence. */
const CLAUSE_MARK = /[，,：:]/;

/**
 * `[s, e)` narrowed to the clauses around `[a, b)` that do not mention `other`: from the end of the last clause
 * before `a` that mentions it, to the start of the first clause after `b` that does.
 */
function clausesWithout(text: string, s: number, e: number, a: number, b: number, other: string): [number, number] {
  // Both searches stay within the sentence (at most a few hundred characters).
  const rel = text.slice(s, a).lastIndexOf(other);
  const before = rel < 0 ? -1 : s + rel;
  if (before >= s) {
    let k = before + other.length;
    while (k < a && !CLAUSE_MARK.test(text[k])) {
      k++;
    }
    if (k < a) {
      s = k + 1;
    }
  }
  const relAfter = text.slice(b, e).indexOf(other);
  const after = relAfter < 0 ? -1 : b + relAfter;
  if (after >= 0) {
    let k = after;
    while (k > b && !CLAUSE_MARK.test(text[k - 1])) {
      k--;
    }
    if (k > b) {
      e = k;
    }
  }
  return [s, e];
}
