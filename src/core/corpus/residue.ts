/**
 * The 范文-site residue list (data/residue.yaml): parsing with located errors,
 * a line matcher, and the `residue` detector that flags the same residue in drafts.
 *
 * The list is data; the file is read in src/node (corpusData.ts) and handed to
 * `setResidueList`, which the detector uses.
 */
import { yamlToJs } from '../text/yaml';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import schema from '../../../data/schema/residue.schema.json';
import type { DetectorMatch } from '../detectors/types';
import type { DocContext } from '../document';
import type { RuleIssue } from '../rules/types';
import { regexRisk } from '../rules/regexSafety';

export type ResidueKind = 'navigation' | 'header' | 'pitch' | 'trailer' | 'fragment';
export type ResidueScope = 'line' | 'match' | 'list' | 'rest';

export interface ResidueEntry {
  id: string;
  kind: ResidueKind;
  pattern: RegExp;
  scope: ResidueScope;
  message: string;
  examples: string[];
  counter: string[];
}

export interface ResidueSpan {
  start: number;
  end: number;
  entry: ResidueEntry;
}

let validator: ValidateFunction | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

function nodeAt(doc: Document, path: Array<string | number>): Node | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in (node as object)) {
      return node as Node;
    }
  }
  return null;
}

function pathOf(instancePath: string): Array<string | number> {
  return instancePath
    ? instancePath
        .slice(1)
        .split('/')
        .map(s => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')))
    : [];
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `缺少字段“${String(p.missingProperty)}”`;
    case 'additionalProperties':
      return `未知字段“${String(p.additionalProperty)}”`;
    case 'enum':
      return `取值只能是 ${(p.allowedValues as unknown[]).join('、')}`;
    case 'const':
      return `取值只能是 ${String(p.allowedValue)}`;
    case 'type':
      return `应为 ${String(p.type)} 类型`;
    case 'pattern':
      return `格式不对（应匹配 ${String(p.pattern)}）`;
    case 'minItems':
      return `至少要有 ${String(p.limit)} 项`;
    case 'minLength':
      return '不能为空';
    default:
      return e.message ?? e.keyword;
  }
}

export interface ResidueParseResult {
  entries: ResidueEntry[];
  issues: RuleIssue[];
}

/**
 * Parses the residue list. Every problem — YAML syntax, schema, a bad or risky
 * regular expression, an example that does not match or a counter-example
 * that does — is a located issue; broken entries are skipped.
 */
export function parseResidueList(text: string, file: string): ResidueParseResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const issues: RuleIssue[] = [];
  const at = (offset: number | undefined) => {
    const pos = lc.linePos(offset ?? 0);
    return { line: offset === undefined ? 0 : pos.line, column: offset === undefined ? 0 : pos.col };
  };
  for (const e of doc.errors) {
    issues.push({ file, ...at(e.pos[0]), message: `YAML 语法错误：${e.message.split('\n')[0]}`, severity: 'error' });
  }
  if (doc.errors.length) {
    return { entries: [], issues };
  }
  const js = yamlToJs(doc);
  if ('error' in js) {
    return { entries: [], issues: [{ file, ...at(js.offset), message: js.error, severity: 'error' }] };
  }
  const data = js.data;
  const errors = validate(data);
  const badEntries = new Set<number>();
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    const node = nodeAt(doc, path);
    const where = path.length ? path.join('.') : '文件';
    issues.push({ file, ...at(node?.range?.[0]), message: `残留清单 ${where}：${describe(e)}`, severity: 'error' });
    if (path[0] === 'entries' && typeof path[1] === 'number') {
      badEntries.add(path[1]);
    } else {
      return { entries: [], issues };
    }
  }
  const raw = (data as { entries: Array<Record<string, unknown>> }).entries;
  const entries: ResidueEntry[] = [];
  const ids = new Set<string>();
  raw.forEach((r, i) => {
    if (badEntries.has(i)) {
      return;
    }
    const loc = (field: string) => {
      const entry = doc.getIn(['entries', i], true);
      if (entry && isMap(entry)) {
        for (const pair of entry.items) {
          if (isScalar(pair.key) && pair.key.value === field) {
            return at((pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0]);
          }
        }
      }
      return at(nodeAt(doc, ['entries', i])?.range?.[0]);
    };
    const id = String(r.id);
    if (ids.has(id)) {
      issues.push({ file, ...loc('id'), message: `残留条目 id“${id}”重复`, severity: 'error' });
      return;
    }
    ids.add(id);
    const source = String(r.pattern);
    const risk = regexRisk(source, 'u', false);
    if (risk) {
      issues.push({ file, ...loc('pattern'), message: `残留条目 ${id} 的正则表达式不安全：${risk}`, severity: 'error' });
      return;
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'u');
    } catch (e) {
      issues.push({ file, ...loc('pattern'), message: `残留条目 ${id} 的正则表达式无效：${(e as Error).message}`, severity: 'error' });
      return;
    }
    const entry: ResidueEntry = {
      id,
      kind: r.kind as ResidueKind,
      pattern,
      scope: (r.scope as ResidueScope | undefined) ?? 'line',
      message: String(r.message),
      examples: (r.examples as string[]) ?? [],
      counter: (r.counter as string[]) ?? [],
    };
    let ok = true;
    for (const ex of entry.examples) {
      if (!pattern.test(ex)) {
        issues.push({ file, ...loc('examples'), message: `残留条目 ${id} 的示例不匹配：“${ex}”`, severity: 'error' });
        ok = false;
      }
    }
    for (const ex of entry.counter) {
      if (pattern.test(ex)) {
        issues.push({ file, ...loc('counter'), message: `残留条目 ${id} 的反例被误匹配：“${ex}”`, severity: 'error' });
        ok = false;
      }
    }
    if (ok) {
      entries.push(entry);
    }
  });
  return { entries, issues };
}

/** A line under a trailer that belongs to its link list. */
function isListLine(line: string): boolean {
  const t = line.trim();
  if (t === '') {
    return true;
  }
  if (/^(?:[-•·*]|\d{1,2}[.、．)）])\s*\S/.test(t) && t.length <= 60) {
    return true;
  }
  if (/\d{4}-\d{2}-\d{2}\s*$/.test(t) && t.length <= 60) {
    return true;
  }
  return false;
}

/** Finds residue in text, line by line. Pure and linear in the text length. */
export class ResidueMatcher {
  constructor(readonly entries: readonly ResidueEntry[]) {}

  find(text: string): ResidueSpan[] {
    const out: ResidueSpan[] = [];
    // Lines as VS Code sees them: `\r\n`, `\n` and a lone `\r` end a line.
    const lineStarts = [0];
    const lineEnds: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        lineEnds.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) {
          i++;
        }
        lineStarts.push(i + 1);
      }
    }
    lineEnds.push(text.length);
    const lineEnd = (l: number) => lineEnds[l];
    for (let l = 0; l < lineStarts.length; l++) {
      const start = lineStarts[l];
      const end = lineEnd(l);
      const line = text.slice(start, end);
      if (line.trim() === '') {
        continue;
      }
      for (const entry of this.entries) {
        const m = entry.pattern.exec(line);
        if (!m) {
          continue;
        }
        if (entry.scope === 'match') {
          out.push({ start: start + m.index, end: start + m.index + m[0].length, entry });
        } else if (entry.scope === 'line') {
          out.push({ start, end, entry });
        } else if (entry.scope === 'list') {
          let last = l;
          while (last + 1 < lineStarts.length && isListLine(text.slice(lineStarts[last + 1], lineEnd(last + 1)))) {
            last++;
          }
          // Do not swallow trailing blank lines.
          while (last > l && text.slice(lineStarts[last], lineEnd(last)).trim() === '') {
            last--;
          }
          out.push({ start, end: lineEnd(last), entry });
          l = last;
        } else {
          out.push({ start, end: text.length, entry });
          l = lineStarts.length;
        }
        break;
      }
    }
    return out;
  }
}

let current: ResidueMatcher | undefined;

/** Installs the residue list the `residue` detector uses (src/node loads it from data/residue.yaml). */
export function setResidueList(entries: readonly ResidueEntry[]): void {
  current = new ResidueMatcher(entries);
}

export function residueMatcher(): ResidueMatcher {
  if (!current) {
    throw new Error('残留清单尚未加载（data/residue.yaml）');
  }
  return current;
}

/**
 * The `residue` detector: each residue span in the draft, with a fix that deletes
 * it (the whole line with its line break for line-scoped residue). Unsafe: a
 * writer may have meant it.
 */
export function detectResidue(doc: DocContext, matcher: ResidueMatcher = residueMatcher()): DetectorMatch[] {
  const text = doc.text;
  return matcher.find(text).map(s => {
    let delEnd = s.end;
    if (s.entry.scope !== 'match' && s.end < text.length) {
      // The line break goes with the line (`\r\n`, `\n` or a lone `\r`).
      if (text[delEnd] === '\r') {
        delEnd++;
        if (text[delEnd] === '\n') {
          delEnd++;
        }
      } else if (text[delEnd] === '\n') {
        delEnd++;
      }
    }
    return {
      start: s.start,
      end: s.end,
      detail: s.entry.message,
      fixes: [{ title: `删除${s.entry.message}`, edits: [{ start: s.start, end: delEnd, newText: '' }], safe: false }],
    };
  });
}
