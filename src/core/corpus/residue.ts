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
import { LiteralFinder, REGEX_SPACE, type LiteralHits } from '../detectors/chars';
import { literalHits } from '../detectors/literalHits';

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

// ---------------------------------------------------------------------------
// What a pattern needs from a line (a prefilter: the pattern itself still decides)

/** The characters of `\s` (and of `String.prototype.trim`). */
const WS = REGEX_SPACE;

/** A parsed regular expression (the subset the prefilter understands; anything else makes the parse fail). */
type ReNode =
  /** One character out of `set` (strings of one code point); null: too many or unknown (`.`, `\S`, `\p{…}`). */
  | { t: 'char'; set: string[] | null; ws: boolean }
  /** Zero-width: `^` (bol), `$`, `\b`, lookarounds. */
  | { t: 'zero'; bol: boolean }
  | { t: 'group'; alts: ReNode[][] }
  | { t: 'rep'; node: ReNode; min: number; max: number }
  /** A back-reference: its text is unknown. */
  | { t: 'ref' };

/** At most this many strings in a set of alternatives before it counts as unknown. */
const MAX_SET = 32;

class ReParser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): ReNode[][] | null {
    const alts = this.alts();
    return alts && this.i === this.p.length ? alts : null;
  }

  private alts(): ReNode[][] | null {
    const out: ReNode[][] = [];
    let seq: ReNode[] = [];
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      if (c === ')') {
        break;
      }
      if (c === '|') {
        this.i++;
        out.push(seq);
        seq = [];
        continue;
      }
      const atom = this.atom();
      if (!atom) {
        return null;
      }
      const q = this.quantifier();
      if (q === false) {
        return null;
      }
      seq.push(q ? { t: 'rep', node: atom, min: q[0], max: q[1] } : atom);
    }
    out.push(seq);
    return out;
  }

  /** `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (lazy or not); null when there is none, false when malformed. */
  private quantifier(): [number, number] | null | false {
    const p = this.p;
    const c = p[this.i];
    let q: [number, number] | null = null;
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      q = c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i, this.i + 24));
      if (!m) {
        return false;
      }
      this.i += m[0].length;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
    }
    if (q && p[this.i] === '?') {
      this.i++;
    }
    return q;
  }

  private atom(): ReNode | null {
    const p = this.p;
    const c = p[this.i];
    if (c === '(') {
      let kind: 'plain' | 'look' = 'plain';
      if (p.startsWith('(?:', this.i)) {
        this.i += 3;
      } else if (p.startsWith('(?=', this.i) || p.startsWith('(?!', this.i)) {
        this.i += 3;
        kind = 'look';
      } else if (p.startsWith('(?<=', this.i) || p.startsWith('(?<!', this.i)) {
        this.i += 4;
        kind = 'look';
      } else if (p.startsWith('(?<', this.i)) {
        const close = p.indexOf('>', this.i);
        if (close < 0) {
          return null;
        }
        this.i = close + 1;
      } else if (p[this.i + 1] === '?') {
        return null; // a group syntax this parser does not know
      } else {
        this.i++;
      }
      const alts = this.alts();
      if (!alts || p[this.i] !== ')') {
        return null;
      }
      this.i++;
      return kind === 'look' ? { t: 'zero', bol: false } : { t: 'group', alts };
    }
    if (c === '[') {
      return this.charClass();
    }
    if (c === '\\') {
      return this.escape(false);
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'zero', bol: c === '^' };
    }
    if (c === '.') {
      this.i++;
      return { t: 'char', set: null, ws: false };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ']' || c === '}') {
      return null;
    }
    const cp = p.codePointAt(this.i) as number;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { t: 'char', set: [ch], ws: false };
  }

  /** An escape outside (or, with `inClass`, inside) a class: a character node, or null when unknown. */
  private escape(inClass: boolean): ReNode | null {
    const p = this.p;
    const e = p[this.i + 1];
    if (e === undefined) {
      return null;
    }
    this.i += 2;
    const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', v: '\v', f: '\f', '0': '\0' };
    if (e in simple && !(e === '0' && /\d/.test(p[this.i] ?? ''))) {
      return { t: 'char', set: [simple[e]], ws: false };
    }
    if (e === 's') {
      return { t: 'char', set: null, ws: true };
    }
    if ('dDwWSpP'.includes(e)) {
      if ((e === 'p' || e === 'P') && p[this.i] === '{') {
        const close = p.indexOf('}', this.i);
        if (close < 0) {
          return null;
        }
        this.i = close + 1;
      }
      return { t: 'char', set: null, ws: false };
    }
    if (e === 'b' || e === 'B') {
      return inClass ? null : { t: 'zero', bol: false };
    }
    if (e === 'u' || e === 'x') {
      const m = e === 'x' ? /^[0-9A-Fa-f]{2}/.exec(p.slice(this.i)) : /^(?:\{([0-9A-Fa-f]{1,6})\}|[0-9A-Fa-f]{4})/.exec(p.slice(this.i));
      if (!m) {
        return null;
      }
      this.i += m[0].length;
      const code = parseInt(m[1] ?? m[0], 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return null; // surrogate escapes may pair up: leave to the engine
      }
      return { t: 'char', set: [String.fromCodePoint(code)], ws: false };
    }
    if (/[1-9k]/.test(e)) {
      if (inClass) {
        return null;
      }
      if (e === 'k') {
        const close = p.indexOf('>', this.i);
        if (p[this.i] !== '<' || close < 0) {
          return null;
        }
        this.i = close + 1;
      } else {
        while (/\d/.test(p[this.i] ?? '')) {
          this.i++;
        }
      }
      return { t: 'ref' };
    }
    if (/[\^$\\.*+?()[\]{}|/-]/.test(e)) {
      return { t: 'char', set: [e], ws: false };
    }
    return null; // \c, identity escapes the `u` flag rejects, …
  }

  private charClass(): ReNode | null {
    const p = this.p;
    this.i++;
    const negated = p[this.i] === '^';
    if (negated) {
      this.i++;
    }
    const set = new Set<string>();
    let unknown = false;
    let prev: string | null = null;
    while (this.i < p.length && p[this.i] !== ']') {
      let ch: string | null;
      if (p[this.i] === '\\') {
        const node = this.escape(true);
        if (!node || node.t !== 'char') {
          return null;
        }
        if (node.set === null) {
          unknown = true;
          prev = null;
          continue;
        }
        ch = node.set[0];
      } else {
        const cp = p.codePointAt(this.i) as number;
        ch = String.fromCodePoint(cp);
        this.i += ch.length;
      }
      if (ch === '-' && prev !== null && p[this.i] !== ']' && this.i < p.length) {
        // A range prev-next.
        let to: string;
        if (p[this.i] === '\\') {
          const node = this.escape(true);
          if (!node || node.t !== 'char' || node.set === null) {
            return null;
          }
          to = node.set[0];
        } else {
          to = String.fromCodePoint(p.codePointAt(this.i) as number);
          this.i += to.length;
        }
        const a = prev.codePointAt(0) as number;
        const b = to.codePointAt(0) as number;
        if (b < a) {
          return null;
        }
        if (b - a > MAX_SET) {
          unknown = true;
        } else {
          for (let x = a; x <= b; x++) {
            set.add(String.fromCodePoint(x));
          }
        }
        prev = null;
        continue;
      }
      set.add(ch);
      prev = ch;
    }
    if (p[this.i] !== ']') {
      return null;
    }
    this.i++;
    if (negated || unknown || set.size > MAX_SET) {
      return { t: 'char', set: null, ws: false };
    }
    return { t: 'char', set: [...set], ws: false };
  }
}

function union(a: string[], b: string[]): string[] | null {
  const s = new Set([...a, ...b]);
  return s.size > MAX_SET ? null : [...s];
}

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_SET) {
    return null;
  }
  const s = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      s.add(x + y);
    }
  }
  return [...s];
}

/** Every string the node can match, when there are few; null otherwise. */
function exactOf(n: ReNode): string[] | null {
  switch (n.t) {
    case 'char':
      return n.set;
    case 'zero':
      return [''];
    case 'ref':
      return null;
    case 'group': {
      let out: string[] | null = [];
      for (const alt of n.alts) {
        const e = exactOfSeq(alt);
        out = e && out ? union(out, e) : null;
      }
      return out;
    }
    case 'rep': {
      const e = exactOf(n.node);
      if (!e || n.max > 3) {
        return null;
      }
      let out: string[] | null = [''];
      let acc: string[] | null = [''];
      for (let k = 1; k <= n.max && acc && out; k++) {
        acc = cross(acc, e);
        if (acc && k >= n.min) {
          out = union(out, acc);
        }
      }
      if (!acc || !out) {
        return null;
      }
      return n.min === 0 ? out : out.filter(s => s !== '' || e.includes(''));
    }
  }
}

function exactOfSeq(items: readonly ReNode[]): string[] | null {
  let acc: string[] | null = [''];
  for (const it of items) {
    const e = exactOf(it);
    acc = e && acc ? cross(acc, e) : null;
    if (!acc) {
      return null;
    }
  }
  return acc;
}

/** The better of two literal sets for a prefilter: longer shortest string, then fewer strings. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  const la = Math.min(...a.map(s => s.length));
  const lb = Math.min(...b.map(s => s.length));
  return lb > la || (lb === la && b.length < a.length) ? b : a;
}

/** Strings one of which every match of the node contains; null when there are none to rely on. */
function requiredOf(n: ReNode): string[] | null {
  const e = exactOf(n);
  if (e && !e.includes('')) {
    return e;
  }
  switch (n.t) {
    case 'group': {
      let out: string[] | null = [];
      for (const alt of n.alts) {
        const r = requiredOfSeq(alt);
        out = r && out ? union(out, r) : null;
      }
      return out;
    }
    case 'rep':
      return n.min >= 1 ? requiredOf(n.node) : null;
    default:
      return null;
  }
}

function requiredOfSeq(items: readonly ReNode[]): string[] | null {
  let best: string[] | null = null;
  let run: string[] = [''];
  const close = () => {
    if (!run.includes('')) {
      best = better(best, run);
    }
    run = [''];
  };
  for (const it of items) {
    const e = exactOf(it);
    const next = e ? cross(run, e) : null;
    if (next) {
      run = next;
      continue;
    }
    close();
    if (e) {
      run = e;
    }
    best = better(best, requiredOf(it));
  }
  close();
  return best;
}

interface FirstChars {
  /** First code units of what the items can match; null when unknown. */
  set: Set<number> | null;
  /** The items can match the empty string. */
  empty: boolean;
}

function firstOf(n: ReNode): FirstChars {
  switch (n.t) {
    case 'char':
      return { set: n.set ? new Set(n.set.map(s => s.charCodeAt(0))) : null, empty: false };
    case 'zero':
      return { set: new Set(), empty: true };
    case 'ref':
      return { set: null, empty: true };
    case 'group': {
      const set = new Set<number>();
      let empty = false;
      for (const alt of n.alts) {
        const f = firstOfSeq(alt, 0);
        if (!f.set) {
          return { set: null, empty: true };
        }
        f.set.forEach(c => set.add(c));
        empty ||= f.empty;
      }
      return { set, empty };
    }
    case 'rep': {
      const f = firstOf(n.node);
      return { set: f.set, empty: f.empty || n.min === 0 };
    }
  }
}

function firstOfSeq(items: readonly ReNode[], from: number): FirstChars {
  const set = new Set<number>();
  for (let k = from; k < items.length; k++) {
    const f = firstOf(items[k]);
    if (!f.set) {
      return { set: null, empty: true };
    }
    f.set.forEach(c => set.add(c));
    if (!f.empty) {
      return { set, empty: false };
    }
  }
  return { set, empty: true };
}

/**
 * What a line must have for the pattern to match it: its first non-space
 * character in `first` (a pattern anchored by `^\s*`), or one of `literals`
 * somewhere, or nothing known (`all`).
 */
export type ResidueNeed = { kind: 'first'; first: Set<number> } | { kind: 'literals'; literals: string[] } | { kind: 'all' };

export function residueNeed(source: string): ResidueNeed {
  const alts = new ReParser(source).parse();
  if (!alts) {
    return { kind: 'all' };
  }
  if (alts.length === 1) {
    const items = alts[0];
    const head = items[0];
    if (head && head.t === 'zero' && head.bol) {
      let k = 1;
      while (k < items.length) {
        const it = items[k];
        const inner = it.t === 'rep' ? it.node : it;
        if (inner.t !== 'char' || !inner.ws) {
          break;
        }
        k++;
      }
      const f = firstOfSeq(items, k);
      if (f.set && !f.empty && f.set.size > 0 && [...f.set].every(c => !WS[c])) {
        return { kind: 'first', first: f.set };
      }
    }
  }
  const group: ReNode = { t: 'group', alts };
  const lits = requiredOf(group);
  if (!lits || lits.length === 0 || lits.some(s => s.length === 0)) {
    return { kind: 'all' };
  }
  // A literal that contains another one adds nothing (`为大家` next to `大家`).
  return { kind: 'literals', literals: lits.filter(s => !lits.some(t => t !== s && s.includes(t))) };
}

/** A need that holds for every example of the entry (a failing one means the analysis went wrong: no prefilter). */
function checkedNeed(entry: ResidueEntry): ResidueNeed {
  const need = residueNeed(entry.pattern.source);
  const holds = (line: string): boolean => {
    if (need.kind === 'first') {
      let i = 0;
      while (i < line.length && WS[line.charCodeAt(i)]) {
        i++;
      }
      return i < line.length && need.first.has(line.charCodeAt(i));
    }
    return need.kind === 'all' || need.literals.some(l => line.includes(l));
  };
  return entry.examples.every(ex => !entry.pattern.test(ex) || holds(ex)) ? need : { kind: 'all' };
}

const LINE_BREAK = /[\n\r]/g;

/** Line starts as in `LineIndex`: `\r\n`, `\n` and a lone `\r` end a line. */
function findLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    return starts;
  }
  const br = LINE_BREAK;
  br.lastIndex = 0;
  while (br.test(text)) {
    const i = br.lastIndex - 1;
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) {
      br.lastIndex = i + 2;
    }
    starts.push(br.lastIndex);
  }
  return starts;
}

/** The end of line `l` before its line break. */
function lineEndOf(text: string, starts: ArrayLike<number>, l: number): number {
  if (l + 1 >= starts.length) {
    return text.length;
  }
  const next = starts[l + 1];
  return next - 2 >= starts[l] && text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
}

/** Finds residue in text, line by line. Pure and linear in the text length. */
export class ResidueMatcher {
  /** Per entry: what a line needs before the entry's pattern is tried on it. */
  private readonly needs: ResidueNeed[];
  /** First characters of the line-start-anchored entries. */
  private readonly firstAny = new Uint8Array(0x10000);
  /** Some entry must be tried on every non-blank line. */
  private readonly anyLine: boolean;
  /** The literals of the `literals` entries (in the order `LiteralHits.which` counts them), and which entries each serves. */
  readonly literals: readonly string[];
  private readonly literalFinder: LiteralFinder | null;
  private readonly literalEntries: number[][] = [];

  constructor(readonly entries: readonly ResidueEntry[]) {
    this.needs = entries.map(checkedNeed);
    this.anyLine = this.needs.some(n => n.kind === 'all');
    const literals = new Map<string, number>();
    this.needs.forEach((n, k) => {
      if (n.kind === 'first') {
        n.first.forEach(c => (this.firstAny[c] = 1));
      } else if (n.kind === 'literals') {
        for (const l of n.literals) {
          let i = literals.get(l);
          if (i === undefined) {
            i = literals.size;
            literals.set(l, i);
            this.literalEntries.push([]);
          }
          if (!this.literalEntries[i].includes(k)) {
            this.literalEntries[i].push(k);
          }
        }
      }
    });
    this.literals = [...literals.keys()];
    this.literalFinder = literals.size > 0 ? new LiteralFinder(this.literals) : null;
  }

  /** Per `literals` entry, the ascending lines that contain one of its literals; and all such lines. */
  private literalLines(text: string, lineStarts: ArrayLike<number>, hits: LiteralHits | undefined): { byEntry: Map<number, number[]>; any: number[] } {
    const byEntry = new Map<number, number[]>();
    const any: number[] = [];
    if (!this.literalFinder) {
      return { byEntry, any };
    }
    const { starts, which } = hits ?? this.literalFinder.find(text);
    let line = 0;
    for (let h = 0; h < starts.length; h++) {
      const at = starts[h];
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= at) {
        line++;
      }
      if (any.length === 0 || any[any.length - 1] !== line) {
        any.push(line);
      }
      for (const k of this.literalEntries[which[h]]) {
        const list = byEntry.get(k);
        if (!list) {
          byEntry.set(k, [line]);
        } else if (list[list.length - 1] !== line) {
          list.push(line);
        }
      }
    }
    return { byEntry, any };
  }

  /**
   * Residue spans of `text`. `lineStarts` (of the document's line index: the
   * same line breaks) saves finding the lines again; `hits`, the occurrences
   * of `literals` when they are known already, saves searching for them.
   */
  find(text: string, lineStarts: ArrayLike<number> = findLineStarts(text), hits?: LiteralHits): ResidueSpan[] {
    const out: ResidueSpan[] = [];
    const lineCount = lineStarts.length;
    const lineEnd = (l: number) => lineEndOf(text, lineStarts, l);
    const needs = this.needs;
    const entries = this.entries;
    const { byEntry, any } = this.literalLines(text, lineStarts, hits);
    /** Per entry, the next index into its literal lines; and into `any`. */
    const cursor = new Int32Array(entries.length);
    let anyCursor = 0;
    const firstAny = this.firstAny;
    const anyLine = this.anyLine;
    for (let l = 0; l < lineCount; l++) {
      const start = lineStarts[l];
      const end = lineEnd(l);
      let p = start;
      while (p < end && WS[text.charCodeAt(p)] === 1) {
        p++;
      }
      if (p === end) {
        continue; // blank
      }
      const first = text.charCodeAt(p);
      if (!anyLine && firstAny[first] === 0) {
        while (anyCursor < any.length && any[anyCursor] < l) {
          anyCursor++;
        }
        if (anyCursor >= any.length || any[anyCursor] !== l) {
          continue; // no entry can match this line
        }
      }
      let line: string | null = null;
      for (let k = 0; k < entries.length; k++) {
        const need = needs[k];
        if (need.kind === 'first') {
          if (firstAny[first] === 0 || !need.first.has(first)) {
            continue;
          }
        } else if (need.kind === 'literals') {
          const lines = byEntry.get(k);
          if (!lines) {
            continue;
          }
          let c = cursor[k];
          while (c < lines.length && lines[c] < l) {
            c++;
          }
          cursor[k] = c;
          if (c >= lines.length || lines[c] !== l) {
            continue;
          }
        }
        const entry = entries[k];
        line ??= text.slice(start, end);
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
          while (last + 1 < lineCount && isListLine(text.slice(lineStarts[last + 1], lineEnd(last + 1)))) {
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
          l = lineCount;
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

/**
 * The words the `residue` detector looks for in the whole text (`DetectorWords`):
 * the literals of the installed list, none before one is installed.
 */
export function residueWords(): ReadonlyArray<readonly string[]> {
  return current && current.literals.length > 0 ? [current.literals] : [];
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
  // The literals' occurrences come from the rule set's automaton pass when it watched them (else a native search).
  const hits = matcher.literals.length > 0 ? literalHits(doc, matcher.literals) : undefined;
  return matcher.find(text, doc.lines.lineStarts, hits).map(s => {
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
