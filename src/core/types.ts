/**
 * The core's vocabulary. Everything in src/core is pure TypeScript: no `vscode`,
 * no file system. The CLI, the extension, the benchmark and the tests all call
 * exactly this code.
 *
 * Internally the core works with UTF-16 offsets into the document string (the
 * unit JavaScript strings and VS Code both use). Offsets become zero-based
 * line/character positions only at the edges (see `LineIndex`).
 */

/** The fixed category vocabulary of the CLI/JSON contract. */
export const CATEGORIES = [
  'formulation',
  'structure',
  'numbering',
  'placeholder',
  'residue',
  'masked',
  'punctuation',
  'number',
  'wording',
  'duplicate',
  'encoding',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One replacement of the half-open UTF-16 span [start, end) by `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface OffsetFix {
  /** Chinese title shown in the quick-fix menu, e.g. `改为“一府一委两院”`. */
  title: string;
  edits: OffsetEdit[];
  /**
   * Safe fixes are applied by "fix all" (`source.fixAll.gongwen`, `gongwen check --fix`).
   * A fix is unsafe when a human must choose (several alternatives, deletions of
   * possibly intended text, renumbering that moves references).
   */
  safe: boolean;
}

/** A location related to a finding (the "other end": announcement ↔ parts, first ↔ repeated passage). */
export interface RelatedSpan {
  start: number;
  end: number;
  message: string;
}

/** A finding in offset form: what every checker produces. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Chinese message for the writer. */
  message: string;
  start: number;
  end: number;
  fixes: OffsetFix[];
  related?: RelatedSpan[];
}

/** Zero-based line and UTF-16 character, as in VS Code and in the JSON contract. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  edits: TextEdit[];
}
/** A finding in line/character form: the JSON contract's diagnostic. */
export interface Diagnostic {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

/** An ISO date `YYYY-MM-DD`. */
export type IsoDate = string;
