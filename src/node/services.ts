import { Linter, type Checker } from '../core/check';
import type { RuleHelp } from '../core/report';
import type { RuleSet } from '../core/rules';
import { installResidueList } from './corpusData';
import { DataCache } from './dataCache';
import { defaultDataDir } from './paths';
import { compileRulePacksInSteps, readRulePacks } from './rulePacks';
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
  /**
   * The parsed built-in data cached by the build (dataCache.ts): by default the
   * cache beside the running bundle, if any; a path to use that file; `false`
   * to parse every file. An entry is used only while its file is unchanged.
   */
  cache?: string | false;
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
  const steps = loadSteps(options);
  for (;;) {
    const r = steps.next();
    if (r.done) {
      return r.value;
    }
  }
}

/**
 * Loads as `loadGongwen` does, in steps with a pause between them (by default
 * one macrotask), so an event loop that must stay responsive — the extension
 * host — is never blocked for the whole load at once.
 */
export async function loadGongwenInSteps(options: GongwenOptions = {}, pause: () => Promise<void> = () => new Promise(r => setImmediate(r))): Promise<Gongwen> {
  const steps = loadSteps(options);
  for (;;) {
    const r = steps.next();
    if (r.done) {
      return r.value;
    }
    await pause();
  }
}

/** The load, one step per `next()`: read the packs; genre profiles and residue list; compile the rules; build the rule set's automaton; the rest. */
function* loadSteps(options: GongwenOptions): Generator<void, Gongwen, void> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const issues: LoadIssue[] = [];
  const cache = options.cache === false ? undefined : options.cache ? DataCache.read(options.cache, dataDir) : DataCache.beside(dataDir);
  const read = readRulePacks({ dataDir, ruleDirs: options.ruleDirs, cache });
  yield;
  // The residue list before the rules: the rule set looks for its literals in its one pass (`residueWords`).
  const genres = loadGenreProfiles(dataDir, cache);
  const residueIssues = installResidueList(dataDir, cache);
  setGenreProfiles(genres.profiles);
  yield;
  // The rules, then (a step of its own, the longest part) the rule set's automaton.
  const rules = yield* compileRulePacksInSteps(read);
  issues.push(...rules.issues, ...genres.issues, ...residueIssues);
  yield;
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
