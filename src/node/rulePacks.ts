import * as fs from 'fs';
import * as path from 'path';
import { compileRules, compileRuleSet, parseRulePack, RuleSet, type PackSpec, type ParseResult, type RuleIssue } from '../core/rules';
import { dataFileText, type DataCache } from './dataCache';

export interface RulePackSources {
  /** The built-in data folder (its `rules/` holds the shipped packs). */
  dataDir: string;
  /** User rule folders: workspace `.gongwen/rules`, CLI `--rules DIR` (repeatable). */
  ruleDirs?: readonly string[];
  /** Parsed built-in packs from the build (see dataCache.ts); without it every file is parsed. */
  cache?: DataCache;
}

export interface LoadedRules {
  ruleSet: RuleSet;
  packs: PackSpec[];
  issues: RuleIssue[];
  /** Every rule file read (built-in first), for watchers and the editor's diagnostics. */
  files: string[];
}

const isPackFile = (name: string) => /\.ya?ml$/i.test(name);

function listPackFiles(dir: string, issues: RuleIssue[], builtin: boolean): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    issues.push({
      file: dir,
      line: 0,
      column: 0,
      message: code === 'ENOENT' ? `规则目录不存在：${dir}` : code === 'ENOTDIR' ? `不是目录：${dir}` : `无法读取规则目录 ${dir}：${(e as Error).message}`,
      severity: builtin ? 'error' : 'warning',
    });
    return [];
  }
  return names
    .filter(isPackFile)
    .sort()
    .map(n => path.join(dir, n));
}

/** Parses one rule file from disk (a read error is a located issue, never an exception). */
export function readRulePackFile(file: string, builtin: boolean, cache?: DataCache): ParseResult {
  let text: string;
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length > 5 * 1024 * 1024) {
      return { pack: null, issues: [{ file, line: 0, column: 0, message: '规则文件过大（超过 5 MB），未加载', severity: 'error' }] };
    }
    const cached = builtin ? cache?.take<ParseResult>(file, bytes) : undefined;
    if (cached) {
      return cached;
    }
    text = dataFileText(bytes);
  } catch (e) {
    return { pack: null, issues: [{ file, line: 0, column: 0, message: `无法读取规则文件：${(e as Error).message}`, severity: 'error' }] };
  }
  try {
    return parseRulePack(text, file, builtin);
  } catch (e) {
    // The YAML library throws (rather than reporting) on an alias without its anchor and on alias bombs.
    const why = /Unresolved alias/.test(String(e)) ? 'YAML 别名（*名称）没有对应的锚点（&名称）' : /alias count/.test(String(e)) ? 'YAML 别名展开过多（疑为“别名炸弹”）' : String((e as Error)?.message ?? e);
    return { pack: null, issues: [{ file, line: 0, column: 0, message: `无法解析规则文件：${why}；整个规则包未加载`, severity: 'error' }] };
  }
}

/** Loads the built-in packs and the user packs into one rule set. A broken file or rule is reported and skipped. */
export function loadRulePacks(sources: RulePackSources): LoadedRules {
  return compileRulePacks(readRulePacks(sources));
}

/** The rule-set step of loading: compiles what `readRulePacks` read. */
export function compileRulePacks(read: Omit<LoadedRules, 'ruleSet'>): LoadedRules {
  const { ruleSet, issues } = compileRuleSet(read.packs);
  return { ...read, ruleSet, issues: [...read.issues, ...issues] };
}

/**
 * `compileRulePacks` in two steps, for loading on the editor's main thread:
 * the rules (`next()` once), then the rule set with its automaton (`next()`
 * again returns the result).
 */
export function* compileRulePacksInSteps(read: Omit<LoadedRules, 'ruleSet'>): Generator<void, LoadedRules, void> {
  const { rules, issues } = compileRules(read.packs);
  yield;
  return { ...read, ruleSet: new RuleSet(rules), issues: [...read.issues, ...issues] };
}

/** The reading step of loading: every pack file parsed (or taken from the cache), nothing compiled yet. */
export function readRulePacks(sources: RulePackSources): Omit<LoadedRules, 'ruleSet'> {
  const issues: RuleIssue[] = [];
  const packs: PackSpec[] = [];
  const files: string[] = [];
  const dirs: [string, boolean][] = [[path.join(sources.dataDir, 'rules'), true], ...(sources.ruleDirs ?? []).map((d): [string, boolean] => [path.resolve(d), false])];
  const seenDirs = new Set<string>();
  for (const [dir, builtin] of dirs) {
    if (seenDirs.has(dir)) {
      continue;
    }
    seenDirs.add(dir);
    for (const file of listPackFiles(dir, issues, builtin)) {
      files.push(file);
      const r = readRulePackFile(file, builtin, sources.cache);
      issues.push(...r.issues);
      if (r.pack) {
        packs.push(r.pack);
      }
    }
  }
  return { packs, issues, files };
}
