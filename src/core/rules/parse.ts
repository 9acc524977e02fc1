import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { yamlToJs } from '../text/yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import schema from '../../../data/schema/rules.schema.json';
import type { Category, Severity } from '../types';
import type { PackSpec, RuleIssue, RuleSpec, RuleTestCase, SourceLocation, TermSpec } from './types';

let validator: ValidateFunction | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Chinese names of the JSON types in schema messages. */
const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  array: '列表',
  object: '映射（键: 值）',
  boolean: '布尔值（true/false）',
  integer: '整数',
  number: '数字',
};

type PathSeg = string | number;

function pathOf(instancePath: string): PathSeg[] {
  if (!instancePath) {
    return [];
  }
  return instancePath
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
}

function fieldName(path: PathSeg[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    return `${names[names.length - 1] ?? '列表'}[${last}]`;
  }
  return names[names.length - 1] ?? '文件';
}

/** Finds the YAML node at a JSON path; falls back to the nearest ancestor that exists. */
function nodeAt(doc: Document, path: PathSeg[]): Node | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in (node as object)) {
      return node as Node;
    }
  }
  return null;
}

function keyPairAt(doc: Document, path: PathSeg[], key: string): Pair | null {
  const parent = nodeAt(doc, path);
  if (parent && isMap(parent)) {
    for (const item of parent.items) {
      if (isScalar(item.key) && String(item.key.value) === key) {
        return item;
      }
    }
  }
  return null;
}

/** Turns one ajv error into a Chinese message. */
function describe(e: ErrorObject, path: PathSeg[]): string {
  const field = fieldName(path);
  switch (e.keyword) {
    case 'required':
      return `缺少必填字段“${(e.params as { missingProperty: string }).missingProperty}”`;
    case 'additionalProperties':
      return `未知字段“${(e.params as { additionalProperty: string }).additionalProperty}”`;
    case 'type':
      return `“${field}”的类型应为${TYPE_NAMES[(e.params as { type: string }).type] ?? (e.params as { type: string }).type}`;
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      if (e.schemaPath.includes('/then/')) {
        return `status 为 needs-check（待核实）的规则，severity 最高只能是 info（现为其他级别），可选 ${allowed.join('、')}`;
      }
      return `“${field}”应为 ${allowed.join('、')} 之一`;
    }
    case 'pattern': {
      const p = (e.params as { pattern: string }).pattern;
      if (p.includes('\\d{4}-')) {
        return `“${field}”应为日期 YYYY-MM-DD（如 2018-03-11）`;
      }
      if (field === 'id' || field === 'pack') {
        return `“${field}”只能由小写字母、数字和 . - _ 组成`;
      }
      if (field === 'flags') {
        return '“flags”只能包含 i、m、s';
      }
      return `“${field}”格式不对（应匹配 ${p}）`;
    }
    case 'minLength':
      return field.startsWith('near') ? `“${field}”太短：近似匹配只用于至少 6 个字的长提法` : `“${field}”不能为空`;
    case 'minItems':
      return `“${field}”不能为空列表`;
    case 'minimum':
      return `“${field}”应不小于 ${(e.params as { limit: number }).limit}`;
    case 'oneOf':
      if (path.length === 2 && path[0] === 'rules') {
        return '规则必须有且只有 terms、pattern、near、detector 中的一个';
      }
      if (path[2] === 'terms') {
        return `“${field}”应为字符串，或 {term: …, replace: …}`;
      }
      if (path[2] === 'tests') {
        return `测试用例“${field}”应为字符串，或 {text: …, date: …, count: …, output: …, severity: …}`;
      }
      return `“${field}”应为字符串或字符串列表`;
    default:
      return `“${field}”${e.message ?? '不符合规则包格式'}`;
  }
}

const asStrings = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

export interface ParseResult {
  pack: PackSpec | null;
  issues: RuleIssue[];
}

/**
 * Parses and validates one rule-pack file. Every problem is a located issue;
 * a rule with a problem is left out and the pack's other rules are kept.
 */
export function parseRulePack(text: string, file: string, builtin: boolean): ParseResult {
  const lc = new LineCounter();
  const issues: RuleIssue[] = [];
  const locate = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) {
      return { file, line: 0, column: 0 };
    }
    const p = lc.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  for (const err of doc.errors) {
    issues.push({ ...locate(err.pos[0]), message: `YAML 语法错误：${yamlMessage(err.code, err.message)}`, severity: 'error' });
  }
  if (doc.errors.length > 0) {
    return { pack: null, issues };
  }
  for (const w of doc.warnings) {
    issues.push({ ...locate(w.pos[0]), message: `YAML 警告：${yamlMessage(w.code, w.message)}`, severity: 'warning' });
  }
  const js = yamlToJs(doc);
  if ('error' in js) {
    issues.push({ ...locate(js.offset), message: js.error, severity: 'error' });
    return { pack: null, issues };
  }
  const data = js.data;
  if (data === null || data === undefined) {
    issues.push({ ...locate(0), message: '规则文件是空的', severity: 'warning' });
    return { pack: null, issues };
  }
  const errors = validate(data);
  // Sub-errors of a failed oneOf are noise: the oneOf error itself says what is wrong.
  const oneOfPaths = errors.filter(e => e.keyword === 'oneOf').map(e => e.instancePath);
  const shown = errors.filter(
    e =>
      e.keyword === 'oneOf' ||
      e.keyword === 'if' ||
      !oneOfPaths.some(p => (e.instancePath === p || e.instancePath.startsWith(p + '/')) && /\/oneOf\/\d+\//.test(e.schemaPath)),
  );
  const badRules = new Set<number>();
  let fatal = false;
  const seen = new Set<string>();
  for (const e of shown) {
    if (e.keyword === 'if') {
      continue;
    }
    const path = pathOf(e.instancePath);
    let offset: number | undefined;
    if (e.keyword === 'additionalProperties') {
      const pair = keyPairAt(doc, path, (e.params as { additionalProperty: string }).additionalProperty);
      offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    }
    offset ??= nodeAt(doc, path)?.range?.[0];
    const message = describe(e, path);
    const key = `${offset}:${message}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (path[0] === 'rules' && typeof path[1] === 'number') {
      badRules.add(path[1]);
      issues.push({ ...locate(offset), message: `${message}；该规则未加载`, severity: 'error' });
    } else {
      if (path.length === 0 || path[0] === 'rules' || path[0] === 'pack') {
        fatal = true;
      }
      issues.push({ ...locate(offset), message: path.length === 0 || path[0] === 'rules' || path[0] === 'pack' ? `${message}；整个规则包未加载` : message, severity: 'error' });
    }
  }
  if (fatal) {
    return { pack: null, issues };
  }
  const top = data as { pack: string; description?: string; category?: Category; rules: Record<string, unknown>[] };
  const rulesNode = doc.get('rules', true);
  const pack: PackSpec = { pack: top.pack, description: top.description, category: top.category, file, builtin, rules: [] };
  top.rules.forEach((r, i) => {
    if (badRules.has(i)) {
      return;
    }
    const ruleNode = isSeq(rulesNode) ? (rulesNode.items[i] as Node | undefined) : undefined;
    const loc = locate(ruleNode?.range?.[0]);
    const category = (r.category as Category | undefined) ?? top.category;
    if (!category) {
      issues.push({ ...loc, message: `规则“${String(r.id)}”没有类别：请在规则或规则包上写 category；该规则未加载`, severity: 'error' });
      return;
    }
    const testCases = (kind: 'valid' | 'invalid'): RuleTestCase[] => {
      const list = ((r.tests as Record<string, unknown> | undefined)?.[kind] ?? []) as (string | Record<string, unknown>)[];
      return list.map((t, j) => {
        const node = doc.getIn(['rules', i, 'tests', kind, j], true) as Node | undefined;
        const tl = locate(node?.range?.[0]);
        return typeof t === 'string'
          ? { text: t, loc: tl }
          : {
              text: String(t.text),
              date: t.date as string | undefined,
              count: t.count as number | undefined,
              output: t.output as string | undefined,
              severity: t.severity as Severity | undefined,
              loc: tl,
            };
      });
    };
    const terms = (r.terms as (string | { term: string; replace?: string | string[] })[] | undefined)?.map(
      (t): TermSpec => (typeof t === 'string' ? { term: t } : { term: t.term, replace: t.replace === undefined ? undefined : asStrings(t.replace) }),
    );
    const patternNode = doc.getIn(['rules', i, 'pattern'], true) as Node | undefined;
    const spec: RuleSpec = {
      id: String(r.id),
      pack: top.pack,
      category,
      severity: r.severity as Severity,
      status: (r.status as 'certain' | 'needs-check' | undefined) ?? 'certain',
      terms,
      pattern: r.pattern as string | undefined,
      flags: r.flags as string | undefined,
      near: r.near as string[] | undefined,
      detector: r.detector as string | undefined,
      params: r.params as Record<string, unknown> | undefined,
      exclude: asStrings(r.exclude),
      replace: asStrings(r.replace),
      safe: r.safe === true,
      message: String(r.message),
      explanation: r.explanation as string | undefined,
      source: r.source as string | undefined,
      ref: r.ref as string | undefined,
      since: r.since as string | undefined,
      until: r.until as string | undefined,
      tests: { valid: testCases('valid'), invalid: testCases('invalid') },
      loc,
      patternLoc: patternNode ? locate(patternNode.range?.[0]) : undefined,
    };
    pack.rules.push(spec);
  });
  return { pack, issues };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const zh: Record<string, string> = {
    DUPLICATE_KEY: '同一映射中有重复的键',
    BAD_INDENT: '缩进不对',
    MISSING_CHAR: '缺少字符（如引号或括号未闭合）',
    MULTILINE_IMPLICIT_KEY: '键不能跨行（是否少了冒号或引号？）',
    BLOCK_AS_IMPLICIT_KEY: '块结构不能用作键',
    UNEXPECTED_TOKEN: '意外的符号',
    TAB_AS_INDENT: '不能用 Tab 缩进',
    BAD_SCALAR_START: '值的开头字符不合法（以 @ 或 ` 开头的值要加引号）',
    ALIAS_PROPS: '别名不能带属性',
    BAD_ALIAS: '别名无效',
    TAG_RESOLVE_FAILED: '无法解析标签',
  };
  return zh[code] ? `${zh[code]}（${first}）` : first;
}

