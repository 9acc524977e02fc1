import { Linter, type Checker } from '../core/check';
import { placeholderChecker } from '../core/checks/placeholder';
import type { RuleHelp } from '../core/report';
import { defaultDataDir } from './paths';

/** A problem found while loading data (a rule pack, a genre profile …), located in its file. */
export interface LoadIssue {
  file: string;
  /** One-based; 0 when unknown. */
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface GongwenOptions {
  dataDir?: string;
  /** Extra rule-pack folders (workspace `.gongwen/rules`, CLI `--rules`). */
  ruleDirs?: readonly string[];
}

/** Everything a front end (CLI, extension, benchmark) needs, loaded once. */
export interface Gongwen {
  linter: Linter;
  ruleHelp: ReadonlyMap<string, RuleHelp>;
  issues: LoadIssue[];
  dataDir: string;
}

export function loadGongwen(options: GongwenOptions = {}): Gongwen {
  const dataDir = options.dataDir ?? defaultDataDir();
  const issues: LoadIssue[] = [];
  const checkers: Checker[] = [placeholderChecker];
  const ruleHelp = new Map<string, RuleHelp>([
    ['placeholder', { id: 'placeholder', category: 'placeholder', description: '草稿中遗留的占位符（XX、×××、20xx、【待补】等）' }],
  ]);
  const linter = new Linter(checkers, (id, err) =>
    issues.push({ file: id, line: 0, column: 0, message: `检查器 ${id} 出错：${String(err)}`, severity: 'error' }),
  );
  return { linter, ruleHelp, issues, dataDir };
}
