import type { Category, IsoDate, Severity } from '../types';

/** Where something is in a rule file: one-based line and column (0 = unknown). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A located problem in a rule pack. Same shape as `LoadIssue` in src/node/services.ts. */
export interface RuleIssue extends SourceLocation {
  /** Chinese, for the writer or the pack author. */
  message: string;
  severity: 'error' | 'warning';
}

/** A literal term, optionally with replacements of its own. */
export interface TermSpec {
  term: string;
  replace?: string[];
}

export interface RuleTestCase {
  text: string;
  date?: IsoDate;
  count?: number;
  output?: string;
  /** For an invalid case: the severity every finding must have. */
  severity?: Severity;
  loc: SourceLocation;
}

/** One rule as written in a pack (validated against data/schema/rules.schema.json). */
export interface RuleSpec {
  id: string;
  pack: string;
  category: Category;
  severity: Severity;
  status: 'certain' | 'needs-check';
  terms?: TermSpec[];
  pattern?: string;
  flags?: string;
  near?: string[];
  detector?: string;
  params?: Readonly<Record<string, unknown>>;
  exclude: string[];
  replace: string[];
  safe: boolean;
  message: string;
  explanation?: string;
  source?: string;
  ref?: string;
  since?: IsoDate;
  until?: IsoDate;
  tests: { valid: RuleTestCase[]; invalid: RuleTestCase[] };
  loc: SourceLocation;
  /** Location of the `pattern` value (for regex problems). */
  patternLoc?: SourceLocation;
}

export interface PackSpec {
  pack: string;
  description?: string;
  category?: Category;
  file: string;
  /** Built-in packs (data/rules) are trusted; user packs get the run-time regex safety check. */
  builtin: boolean;
  rules: RuleSpec[];
}

/** What hover, rule docs and SARIF show for a rule. */
export interface RuleInfo {
  id: string;
  pack: string;
  category: Category;
  severity: Severity;
  status: 'certain' | 'needs-check';
  description: string;
  explanation?: string;
  source?: string;
  ref?: string;
  since?: IsoDate;
  until?: IsoDate;
  file: string;
  line: number;
}
