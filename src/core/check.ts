import { DocContext, type DocOptions } from './document';
import type { Category, Finding, IsoDate, Severity } from './types';

/** A source of findings: a rule pack, the structure checks, a procedural detector group. */
export interface Checker {
  readonly id: string;
  check(doc: DocContext): Finding[];
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

/** Applies the user's rule configuration to raw findings; drops exact duplicates. */
export function applyRuleConfig(findings: Finding[], config: RuleConfig | undefined): Finding[] {
  const disabledRules = new Set(config?.disabledRules ?? []);
  const disabledCats = new Set<string>(config?.disabledCategories ?? []);
  const sev = config?.severity ?? {};
  const out: Finding[] = [];
  for (const f of findings) {
    if (disabledRules.has(f.ruleId) || disabledCats.has(f.category)) {
      continue;
    }
    const override = Object.prototype.hasOwnProperty.call(sev, f.ruleId)
      ? sev[f.ruleId]
      : Object.prototype.hasOwnProperty.call(sev, f.category)
        ? sev[f.category]
        : undefined;
    if (override === 'off') {
      continue;
    }
    out.push(override ? { ...f, severity: override } : f);
  }
  out.sort(compareFindings);
  return out.filter(
    (f, i) =>
      i === 0 ||
      !(
        f.start === out[i - 1].start &&
        f.end === out[i - 1].end &&
        f.ruleId === out[i - 1].ruleId &&
        f.message === out[i - 1].message
      ),
  );
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
        for (const f of checker.check(doc)) {
          // Ranges always lie inside the document.
          const start = Math.max(0, Math.min(f.start, doc.text.length));
          const end = Math.max(start, Math.min(f.end, doc.text.length));
          raw.push(start === f.start && end === f.end ? f : { ...f, start, end });
        }
      } catch (err) {
        this.onError(checker.id, err);
      }
    }
    return { date: doc.judgedDate, documentDate: doc.documentDate, findings: applyRuleConfig(raw, config) };
  }
}
