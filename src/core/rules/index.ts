export { AhoCorasick } from './ahoCorasick';
export { parseRulePack, type ParseResult } from './parse';
export { regexRisk } from './regexSafety';
export { compileRules, compileRuleSet, describeRule, formatChineseDate, formatMessage, RuleSet, type CompiledRules, type CompileResult } from './ruleSet';
export { runRuleTests, type RuleTestFailure } from './selfTest';
export type { PackSpec, RuleInfo, RuleIssue, RuleSpec, RuleTestCase, SourceLocation, TermSpec } from './types';
