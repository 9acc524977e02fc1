import { DocContext, type DocOptions } from './document';
import type { Category, Finding, IsoDate, OffsetEdit, Severity } from './types';
import { sortByKey, sortRuns } from './order';

/** A source of findings: a rule pack, the structure checks, a procedural detector group. */
export interface Checker {
  readonly id: string;
  /**
   * `config`, when given, tells which rules the user switched off: a checker
   * may leave them out instead of producing findings that would be dropped
   * (the findings of enabled rules must not change).
   */
  check(doc: DocContext, config?: RuleConfig): Finding[];
}

/** What the user switched off or re-ranked (settings `gongwen.rules.*`, CLI flags). */
export interface RuleConfig {
  disabledRules?: readonly string[];
  disabledCategories?: readonly Category[];
  /** Severity per rule id or per category; `off` disables. Rule ids win over categories. */
  severity?: Readonly<Record<string, Severity | 'off'>>;
}

export interface CheckOptions extends DocOptions {
  config?: RuleConfig;
}

export interface CheckResult {
  /** The date judged as of (options.date, else today). */
  date: IsoDate;
  /** The document's own date from its title block, or null. */
  documentDate: IsoDate | null;
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** The severity the configuration gives a rule: its own entry, else its category's; undefined when neither is set. */
function severityOverride(sev: RuleConfig['severity'], ruleId: string, category: string): Severity | 'off' | undefined {
  if (!sev) {
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(sev, ruleId)
    ? sev[ruleId]
    : Object.prototype.hasOwnProperty.call(sev, category)
      ? sev[category]
      : undefined;
}

/** Whether the configuration switches a rule off (by id, by category, or with severity `off`). */
export function isRuleOff(config: RuleConfig | undefined, ruleId: string, category: string): boolean {
  if (!config) {
    return false;
  }
  if (config.disabledRules?.includes(ruleId) || (config.disabledCategories as readonly string[] | undefined)?.includes(category)) {
    return true;
  }
  return severityOverride(config.severity, ruleId, category) === 'off';
}

/** Whether a configuration changes nothing (no rule or category disabled, no severity override). */
function isEmptyConfig(config: RuleConfig | undefined): boolean {
  return (
    !config ||
    ((config.disabledRules?.length ?? 0) === 0 &&
      (config.disabledCategories?.length ?? 0) === 0 &&
      (!config.severity || Object.keys(config.severity).length === 0))
  );
}

/** Applies the user's rule configuration to raw findings; drops exact duplicates. */
export function applyRuleConfig(findings: Finding[], config: RuleConfig | undefined): Finding[] {
  return configure(findings, config, false);
}

/** `applyRuleConfig`; `owned`: the caller's array may be sorted in place. */
function configure(findings: Finding[], config: RuleConfig | undefined, owned: boolean): Finding[] {
  let out: Finding[];
  if (isEmptyConfig(config)) {
    out = owned ? findings : findings.slice();
  } else {
    const disabledRules = new Set(config?.disabledRules ?? []);
    const disabledCats = new Set<string>(config?.disabledCategories ?? []);
    out = [];
    for (const f of findings) {
      if (disabledRules.has(f.ruleId) || disabledCats.has(f.category)) {
        continue;
      }
      const override = severityOverride(config?.severity, f.ruleId, f.category);
      if (override === 'off') {
        continue;
      }
      out.push(override ? { ...f, severity: override } : f);
    }
  }
  // By position in linear time, then each group at one position by the full order: as out.sort(compareFindings).
  sortByKey(out, f => f.start);
  sortRuns(out, (a, b) => a.start === b.start, compareFindings);
  // Drop exact duplicates (same range, rule and message), in place.
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    const f = out[i];
    if (n > 0) {
      const p = out[n - 1];
      if (f.start === p.start && f.end === p.end && f.ruleId === p.ruleId && f.message === p.message) {
        continue;
      }
    }
    out[n++] = f;
  }
  out.length = n;
  dropResidueInsideDeletions(out);
  return out;
}

/** The span a finding's first fix deletes when that fix is one deletion covering the finding, else undefined. */
function deletedSpan(f: Finding): OffsetEdit | undefined {
  const edits = f.fixes[0]?.edits;
  if (edits === undefined || edits.length !== 1) {
    return undefined;
  }
  const e = edits[0];
  return e.newText === '' && e.start <= f.start && e.end >= f.end ? e : undefined;
}

/**
 * Site residue is reported once: a finding that lies inside the span a
 * residue finding deletes (the whole residue line, the teaser in brackets) is
 * dropped, since that deletion removes it too. Such findings are the residue's
 * own parts (`下面是小编…` from the “小编” rule, a navigation path) and what
 * other checks see in it: the `XX` of `本文来源：XX范文网`, the ASCII commas of
 * `(未完,全文共3000字,…)`. Structure findings are kept. Of two residue findings
 * that delete the same span, the first in order stays. `out` is in order
 * (`compareFindings`); in place, in O(n log r) for n findings of which r
 * delete residue.
 */
function dropResidueInsideDeletions(out: Finding[]): void {
  /** Residue findings whose first fix deletes a span (that span). */
  const spans: { i: number; start: number; end: number }[] = [];
  for (let i = 0; i < out.length; i++) {
    if (out[i].category === 'residue') {
      const d = deletedSpan(out[i]);
      if (d !== undefined) {
        spans.push({ i, start: d.start, end: d.end });
      }
    }
  }
  if (spans.length === 0 || out.length < 2) {
    return;
  }
  // The deleted spans by start, longer first, then in the findings' order; reach[k]: the furthest end among the first k + 1.
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.i - b.i);
  const reach = new Array<number>(spans.length);
  spans.forEach((s, k) => (reach[k] = Math.max(s.end, k > 0 ? reach[k - 1] : -1)));
  const drop = new Set<number>();
  // A deleting finding goes when a span before its own in that order reaches its end: that span contains its
  // own (it starts no later) and is longer, or the same span of a finding earlier in order.
  spans.forEach((s, k) => {
    if (k > 0 && reach[k - 1] >= s.end) {
      drop.add(s.i);
    }
  });
  // Any other finding goes when a deleted span starting at or before it reaches its end (an empty finding at the
  // span's end, such as a note on the next line's start, stays). Structure findings stay: they judge the whole
  // speech (`缺少称呼`) and only point at a line, which may be residue.
  const deleting = new Set(spans.map(s => s.i));
  for (let i = 0; i < out.length; i++) {
    if (deleting.has(i) || out[i].category === 'structure') {
      continue;
    }
    const f = out[i];
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= f.start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo > 0 && reach[lo - 1] >= f.end && f.start < reach[lo - 1]) {
      drop.add(i);
    }
  }
  if (drop.size === 0) {
    return;
  }
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    if (!drop.has(i)) {
      out[n++] = out[i];
    }
  }
  out.length = n;
}

/**
 * Runs a set of checkers over a text. One checker's failure never hides the
 * others' findings: it is reported through `onError` and the run goes on.
 */
export class Linter {
  constructor(
    readonly checkers: readonly Checker[],
    private readonly onError: (checkerId: string, error: unknown) => void = () => {},
  ) {}

  check(text: string, options: CheckOptions = {}): CheckResult {
    const doc = new DocContext(text, options);
    return this.checkDoc(doc, options.config);
  }

  checkDoc(doc: DocContext, config?: RuleConfig): CheckResult {
    const raw: Finding[] = [];
    for (const checker of this.checkers) {
      try {
        const length = doc.text.length;
        for (const f of checker.check(doc, config)) {
          // Ranges always lie inside the document.
          if (f.start >= 0 && f.end >= f.start && f.end <= length) {
            raw.push(f);
            continue;
          }
          const start = Math.max(0, Math.min(f.start, length));
          const end = Math.max(start, Math.min(f.end, length));
          raw.push(start === f.start && end === f.end ? f : { ...f, start, end });
        }
      } catch (err) {
        this.onError(checker.id, err);
      }
    }
    return { date: doc.judgedDate, documentDate: doc.documentDate, findings: configure(raw, config, true) };
  }
}
