import { Linter, type Checker } from '../core/check';
import type { RuleHelp } from '../core/report';
import type { RuleSet } from '../core/rules';
import { installResidueList } from './corpusData';
import { defaultDataDir } from './paths';
import { loadRulePacks } from './rulePacks';
import { loadGenreProfiles } from './genres';
import { setGenreProfiles } from '../core/structure/genres';

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
  /** All rule packs compiled into one checker (also for rule docs and inline tests). */
  ruleSet: RuleSet;
  /** The rule-pack files that were read (built-in and user). */
  ruleFiles: string[];
}

export function loadGongwen(options: GongwenOptions = {}): Gongwen {
  const dataDir = options.dataDir ?? defaultDataDir();
  const issues: LoadIssue[] = [];
  const rules = loadRulePacks({ dataDir, ruleDirs: options.ruleDirs });
  issues.push(...rules.issues);
  const genres = loadGenreProfiles(dataDir);
  issues.push(...genres.issues);
  issues.push(...installResidueList(dataDir));
  setGenreProfiles(genres.profiles);
  const checkers: Checker[] = [rules.ruleSet];
  const ruleHelp = new Map<string, RuleHelp>();
  for (const r of rules.ruleSet.info()) {
    ruleHelp.set(r.id, {
      id: r.id,
      category: r.category,
      severity: r.severity,
      description: r.description,
      explanation: r.explanation,
      source: r.source,
      since: r.since,
      until: r.until,
      pack: r.file,
    });
  }
  const linter = new Linter(checkers, (id, err) =>
    issues.push({ file: id, line: 0, column: 0, message: `检查器 ${id} 出错：${String(err)}`, severity: 'error' }),
  );
  const reported = new Set<string>();
  rules.ruleSet.onError = (id, err) => {
    if (reported.has(id)) {
      return;
    }
    reported.add(id);
    const at = rules.ruleSet.rule(id)?.loc;
    issues.push({ file: at?.file ?? id, line: at?.line ?? 0, column: at?.column ?? 0, message: `规则 ${id} 的检测器出错：${String(err)}`, severity: 'error' });
  };
  return { linter, ruleHelp, issues, dataDir, ruleSet: rules.ruleSet, ruleFiles: rules.files };
}
