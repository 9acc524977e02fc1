import { DocContext } from '../document';
import { applyEdits } from '../fix';
import type { OffsetEdit } from '../types';
import type { RuleSet } from './ruleSet';
import type { RuleSpec, RuleTestCase, SourceLocation } from './types';

export interface RuleTestFailure {
  ruleId: string;
  loc: SourceLocation;
  message: string;
}

/** The date inline tests are judged as of when a case gives none. */
function caseDate(t: RuleTestCase, today: string): string {
  return t.date ?? today;
}

/** Runs one rule's inline `tests` (valid / invalid examples) against the compiled rule set. */
export function runRuleTests(ruleSet: RuleSet, spec: RuleSpec, today: string): RuleTestFailure[] {
  const failures: RuleTestFailure[] = [];
  const fail = (t: RuleTestCase, message: string) => failures.push({ ruleId: spec.id, loc: t.loc, message });
  const findingsOf = (t: RuleTestCase) => {
    const doc = new DocContext(t.text, { date: caseDate(t, today) });
    return ruleSet.check(doc).filter(f => f.ruleId === spec.id);
  };
  for (const t of spec.tests.valid) {
    const found = findingsOf(t);
    if (found.length > 0) {
      fail(t, `valid 用例不应报告，却报告了 ${found.length} 处：${found.map(f => `“${t.text.slice(f.start, f.end)}”`).join('、')}（${found[0].message}）`);
    }
  }
  for (const t of spec.tests.invalid) {
    const found = findingsOf(t);
    if (t.count !== undefined ? found.length !== t.count : found.length === 0) {
      fail(t, `invalid 用例应报告 ${t.count ?? '至少 1'} 处，实际 ${found.length} 处：“${t.text}”`);
      continue;
    }
    const other = t.severity === undefined ? undefined : found.find(f => f.severity !== t.severity);
    if (other) {
      fail(t, `invalid 用例的问题应为 ${t.severity} 级，实际“${t.text.slice(other.start, other.end)}”为 ${other.severity} 级`);
      continue;
    }
    if (t.output !== undefined) {
      const edits: OffsetEdit[] = [];
      for (const f of found) {
        if (f.fixes[0]) {
          edits.push(...f.fixes[0].edits);
        }
      }
      const out = applyEdits(t.text, edits).text;
      if (out !== t.output) {
        fail(t, `应用修正后应为“${t.output}”，实际为“${out}”`);
      }
    }
  }
  return failures;
}
