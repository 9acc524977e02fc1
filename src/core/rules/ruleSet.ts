import { isRuleOff, type Checker, type RuleConfig } from '../check';
import { DETECTOR_WORDS, DETECTORS } from '../detectors';
import { protectedSpans, spanCovers, type ProtectedSpans } from '../detectors/chars';
import { literalHitsKey, provideLiteralHits } from '../detectors/literalHits';
import type { Detector, DetectorMatch } from '../detectors/types';
import type { DocContext } from '../document';
import type { Finding, IsoDate, OffsetFix } from '../types';
import { AhoCorasick } from './ahoCorasick';
import { speaksOfTimeBefore } from './historical';
import { sortByKey, sortRuns } from '../order';
import { offsetAnchors, requiredLiteral, type OffsetAnchor } from './anchors';
import { runUserRegex } from './boundedRegex';
import { regexRisk } from './regexSafety';
import type { PackSpec, RuleInfo, RuleIssue, RuleSpec } from './types';

const ROLE_TERM = 0;
const ROLE_EXCLUDE = 1;
const ROLE_NEAR_HEAD = 2;
const ROLE_NEAR_TAIL = 3;
const ROLE_ANCHOR = 4;
const ROLE_GATE = 5;
/** A word a detector looks for (`DetectorWords`): its occurrences are handed to the document. */
const ROLE_WATCH = 6;

/** Near-miss matching: a term needs this many characters unchanged at each end. */
const NEAR_ANCHOR = 2;
/** At most this many findings per rule and document (a runaway pattern cannot flood the editor). */
const MAX_PER_RULE = 100_000;

type Kind = 'terms' | 'pattern' | 'detector' | 'near';

interface CompiledRule {
  spec: RuleSpec;
  kind: Kind;
  regex?: RegExp;
  /** Sticky copy of `regex`, tried only `offset` units before where one of `anchors` occurs. */
  sticky?: RegExp;
  anchors?: OffsetAnchor[];
  /** A literal every match contains: no occurrence, no scan (nor sticky tries). */
  gate?: string;
  detector?: Detector;
  /** The word lists the detector looks for in the whole text (`DetectorWords`). */
  words?: ReadonlyArray<readonly string[]>;
  /** A user-pack pattern: searched piece by piece under a time budget (boundedRegex.ts). */
  bounded?: boolean;
  params: Readonly<Record<string, unknown>>;
  hasExclude: boolean;
  /** Length of the longest exclusion context. */
  longestExclude: number;
  /** The rule's message, compiled once. */
  message: (vars: MessageVars) => string;
  /** Whether the message shows the matched text: `{match}`, or `{detail}` when a match has no detail. */
  messageShowsMatch: boolean;
  messageShowsDetail: boolean;
  /** Detector rules: whether each replacement contains `$&` (the matched text). */
  replaceHasMatch?: boolean[];
}

/** A hit before exclusion and overlap filtering (one shape for every kind of rule). */
class Candidate {
  constructor(
    readonly rule: number,
    readonly start: number,
    readonly end: number,
    /** Replacements (already expanded); undefined = the rule's own. */
    readonly replace: string[] | undefined,
    readonly detail: string | undefined,
    readonly match: DetectorMatch | undefined,
  ) {}
}

const chineseDates = new Map<string, string>();

/** `2018-03-11` → `2018年3月11日`. */
export function formatChineseDate(iso: IsoDate): string {
  let d = chineseDates.get(iso);
  if (d === undefined) {
    d = chineseDateOf(iso);
    if (chineseDates.size < 4096) {
      chineseDates.set(iso, d);
    }
  }
  return d;
}

function chineseDateOf(iso: IsoDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

type MessageVars = { match: string; replace?: string; detail?: string; since?: IsoDate; until?: IsoDate };

const PLACEHOLDER = /\{(match|replace|detail|since|until)\}/g;

/** Fills `{match}` `{replace}` `{detail}` `{since}` `{until}` in a rule message. */
export function formatMessage(template: string, vars: MessageVars): string {
  return compileMessage(template)(vars);
}

/**
 * Compiles a message template once: literal pieces and placeholders, joined
 * per finding without a regular expression (a document can have tens of
 * thousands of findings).
 */
function compileMessage(template: string): (vars: MessageVars) => string {
  const literals: string[] = [];
  const keys: string[] = [];
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    literals.push(template.slice(last, m.index));
    keys.push(m[1]);
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  if (keys.length === 0) {
    return () => template;
  }
  return vars => {
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      out += literals[i];
      switch (keys[i]) {
        case 'match':
          out += vars.match;
          break;
        case 'replace':
          out += vars.replace ?? '';
          break;
        case 'detail':
          out += vars.detail ?? vars.match;
          break;
        case 'since':
          out += vars.since ? formatChineseDate(vars.since) : '';
          break;
        default:
          out += vars.until ? formatChineseDate(vars.until) : '';
      }
    }
    return out + tail;
  };
}

/** Expands `$1`, `$<name>`, `$&`, `$$` in a replacement with a regex match (`$&` is the `hit` group when there is one). */
function expand(replacement: string, m: RegExpExecArray): string {
  if (!replacement.includes('$')) {
    return replacement;
  }
  return replacement.replace(/\$(\$|&|\d{1,2}|<([^>]+)>)/g, (all, tok: string, name: string | undefined) => {
    if (tok === '$') {
      return '$';
    }
    if (tok === '&') {
      return m.groups?.hit ?? m[0];
    }
    if (name !== undefined) {
      return m.groups?.[name] ?? '';
    }
    const n = Number(tok);
    return n < m.length ? (m[n] ?? '') : all;
  });
}

/**
 * Is text[start, end) one insertion, deletion or substitution away from `canon`
 * (exact equality is not), with the first and last NEAR_ANCHOR characters
 * unchanged? Compares in place, without slicing.
 */
function oneEditAt(text: string, start: number, end: number, canon: string): boolean {
  const la = end - start;
  const lb = canon.length;
  if (la < NEAR_ANCHOR * 2 || Math.abs(la - lb) > 1) {
    return false;
  }
  for (let j = 0; j < NEAR_ANCHOR; j++) {
    if (text.charCodeAt(start + j) !== canon.charCodeAt(j) || text.charCodeAt(end - 1 - j) !== canon.charCodeAt(lb - 1 - j)) {
      return false;
    }
  }
  let i = 0;
  while (i < la && i < lb && text.charCodeAt(start + i) === canon.charCodeAt(i)) {
    i++;
  }
  if (i === la && la === lb) {
    return false; // identical
  }
  // Skip one character on the longer side (or on both for a substitution), then the rest must agree.
  const skipA = la >= lb ? 1 : 0;
  const skipB = lb >= la ? 1 : 0;
  const restA = la - i - skipA;
  if (restA !== lb - i - skipB || restA < 0) {
    return false;
  }
  for (let j = 0; j < restA; j++) {
    if (text.charCodeAt(start + i + skipA + j) !== canon.charCodeAt(i + skipB + j)) {
      return false;
    }
  }
  return true;
}

/**
 * All rule packs compiled into one checker: one Aho–Corasick automaton for the
 * literal terms, exclusion contexts and near-miss anchors of every rule; each
 * regular expression compiled once and scanned once per document; detector
 * rules dispatched to the procedural detectors.
 */
export class RuleSet implements Checker {
  readonly id = 'rules';
  readonly rules: readonly CompiledRule[];
  private readonly ac: AhoCorasick;
  private readonly patterns: string[];
  private readonly entryStart: Int32Array;
  private readonly entryRule: Int32Array;
  private readonly entryRole: Uint8Array;
  private readonly entryArg: Int32Array;
  private readonly regexRules: number[] = [];
  /** Word lists the detector rules look for (`DetectorWords`), each once; per watch entry its list and word. */
  private readonly watches: (readonly string[])[] = [];
  private readonly watchOf: number[] = [];
  private readonly watchWord: number[] = [];
  private readonly detectorRules: number[] = [];
  private activeDate: IsoDate | null = null;
  private active = new Uint8Array(0);
  private readonly byId = new Map<string, number>();
  /** Called when a detector throws; the other rules' findings are still returned. */
  onError: (ruleId: string, error: unknown) => void = () => {};

  constructor(rules: CompiledRule[]) {
    this.rules = rules;
    const patternIds = new Map<string, number>();
    const patterns: string[] = [];
    const entries: [number, number, number, number][] = [];
    const watchIds = new Map<string, number>();
    const add = (text: string, rule: number, role: number, arg: number) => {
      let id = patternIds.get(text);
      if (id === undefined) {
        id = patterns.length;
        patterns.push(text);
        patternIds.set(text, id);
      }
      entries.push([id, rule, role, arg]);
    };
    rules.forEach((r, i) => {
      this.byId.set(r.spec.id, i);
      r.spec.terms?.forEach((t, k) => add(t.term, i, ROLE_TERM, k));
      r.spec.exclude.forEach((x, k) => add(x, i, ROLE_EXCLUDE, k));
      r.spec.near?.forEach((t, k) => {
        const h = t.length >> 1;
        add(t.slice(0, h), i, ROLE_NEAR_HEAD, k);
        add(t.slice(h), i, ROLE_NEAR_TAIL, k);
      });
      r.anchors?.forEach(a => add(a.text, i, ROLE_ANCHOR, a.offset));
      if (r.gate) {
        add(r.gate, i, ROLE_GATE, 0);
      }
      for (const words of r.words ?? []) {
        const key = literalHitsKey(words);
        if (words.length === 0 || words.some(w => w.length === 0) || watchIds.has(key)) {
          continue;
        }
        const id = this.watches.length;
        watchIds.set(key, id);
        this.watches.push(words);
        words.forEach((w, k) => {
          add(w, i, ROLE_WATCH, this.watchOf.length);
          this.watchOf.push(id);
          this.watchWord.push(k);
        });
      }
      if (r.kind === 'pattern') {
        this.regexRules.push(i);
      } else if (r.kind === 'detector') {
        this.detectorRules.push(i);
      }
    });
    entries.sort((a, b) => a[0] - b[0]);
    this.patterns = patterns;
    this.entryStart = new Int32Array(patterns.length + 1);
    this.entryRule = new Int32Array(entries.length);
    this.entryRole = new Uint8Array(entries.length);
    this.entryArg = new Int32Array(entries.length);
    let p = 0;
    entries.forEach(([pid, rule, role, arg], k) => {
      while (p <= pid) {
        this.entryStart[p++] = k;
      }
      this.entryRule[k] = rule;
      this.entryRole[k] = role;
      this.entryArg[k] = arg;
    });
    while (p <= patterns.length) {
      this.entryStart[p++] = entries.length;
    }
    this.ac = new AhoCorasick(patterns);
  }

  /** Number of distinct literal strings in the automaton. */
  get literalCount(): number {
    return this.patterns.length;
  }

  rule(id: string): RuleSpec | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.rules[i].spec;
  }

  /** Which rules apply at `date` (cached for the last date seen). */
  private activeAt(date: IsoDate): Uint8Array {
    if (this.activeDate !== date || this.active.length !== this.rules.length) {
      const a = new Uint8Array(this.rules.length);
      this.rules.forEach((r, i) => {
        const { since, until } = r.spec;
        a[i] = (!since || date >= since) && (!until || date < until) ? 1 : 0;
      });
      this.active = a;
      this.activeDate = date;
    }
    return this.active;
  }

  /** Which rules run on a document: those in force at its date and not switched off by `config`. */
  private enabled(date: IsoDate, config: RuleConfig | undefined): Uint8Array {
    const active = this.activeAt(date);
    if (!config) {
      return active;
    }
    let copy: Uint8Array | null = null;
    for (let i = 0; i < this.rules.length; i++) {
      const spec = this.rules[i].spec;
      if (active[i] !== 0 && isRuleOff(config, spec.id, spec.category)) {
        copy ??= active.slice();
        copy[i] = 0;
      }
    }
    return copy ?? active;
  }

  check(doc: DocContext, config?: RuleConfig): Finding[] {
    const text = doc.text;
    const active = this.enabled(doc.effectiveDate, config);
    const rules = this.rules;
    const cands: Candidate[] = [];
    const excl = new Map<number, number[]>();
    const near: [number, number, number, number][] = [];
    const anchorHits = new Map<number, number[]>();
    const gateHits = new Set<number>();
    const { entryStart, entryRule, entryRole, entryArg } = this;
    const lengths = this.ac.lengths;
    const watched: number[] = [];

    this.ac.scan(doc.codes, (pid, end) => {
      for (let k = entryStart[pid]; k < entryStart[pid + 1]; k++) {
        const role = entryRole[k];
        const start = end - lengths[pid];
        if (role === ROLE_WATCH) {
          watched.push(entryArg[k], start);
          continue;
        }
        const r = entryRule[k];
        if (active[r] === 0) {
          continue;
        }
        if (role === ROLE_TERM) {
          cands.push(new Candidate(r, start, end, rules[r].spec.terms![entryArg[k]].replace, undefined, undefined));
        } else if (role === ROLE_ANCHOR) {
          // The anchor lies `offset` units after the start of every match that contains it.
          const at = start - entryArg[k];
          if (at < 0) {
            continue;
          }
          let list = anchorHits.get(r);
          if (!list) {
            anchorHits.set(r, (list = []));
          }
          list.push(at);
        } else if (role === ROLE_GATE) {
          gateHits.add(r);
        } else if (role === ROLE_EXCLUDE) {
          let list = excl.get(r);
          if (!list) {
            excl.set(r, (list = []));
          }
          list.push(start, end);
        } else {
          near.push([r, entryArg[k], role, role === ROLE_NEAR_HEAD ? start : end]);
        }
      }
    });

    if (near.length > 0) {
      this.verifyNear(text, near, cands);
    }
    if (this.watches.length > 0) {
      this.handOver(doc, watched);
    }

    const notices: Finding[] = [];

    for (const r of this.regexRules) {
      if (active[r] === 0) {
        continue;
      }
      const cr = rules[r];
      if (cr.gate !== undefined && !gateHits.has(r)) {
        continue;
      }
      if (cr.bounded) {
        notices.push(...runUserRegex(doc, cr.regex!, cr.spec, m => this.pushMatch(r, m, cands), MAX_PER_RULE));
        continue;
      }
      if (cr.sticky) {
        const starts = anchorHits.get(r);
        if (starts) {
          this.runSticky(text, r, cr, starts, cands);
        }
        continue;
      }
      const re = cr.regex!;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let n = 0;
      while ((m = re.exec(text)) && n < MAX_PER_RULE) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        n++;
        this.pushMatch(r, m, cands);
      }
    }

    for (const r of this.detectorRules) {
      if (active[r] === 0) {
        continue;
      }
      const cr = rules[r];
      let matches: DetectorMatch[];
      try {
        matches = cr.detector!(doc, cr.params);
      } catch (err) {
        // One detector's failure never hides the other rules' findings.
        this.onError(cr.spec.id, err);
        continue;
      }
      for (let i = 0; i < matches.length && i < MAX_PER_RULE; i++) {
        const m = matches[i];
        cands.push(new Candidate(r, m.start, m.end, undefined, m.detail, m));
      }
    }

    const findings = this.toFindings(text, cands, excl, protectedSpans(doc));
    return notices.length > 0 ? findings.concat(notices) : findings;
  }

  /** Gives the document the occurrences of every watched word list (`watched`: watch entry, start; pairs). */
  private handOver(doc: DocContext, watched: readonly number[]): void {
    const at: number[][] = this.watches.map(() => []);
    const which: number[][] = this.watches.map(() => []);
    for (let j = 0; j < watched.length; j += 2) {
      const e = watched[j];
      const w = this.watchOf[e];
      at[w].push(watched[j + 1]);
      which[w].push(this.watchWord[e]);
    }
    this.watches.forEach((words, w) => provideLiteralHits(doc, words, at[w], which[w]));
  }

  /** Tries the sticky pattern at each anchor position (ascending, non-overlapping matches). */
  private runSticky(text: string, r: number, cr: CompiledRule, starts: number[], cands: Candidate[]): void {
    starts.sort((a, b) => a - b);
    const re = cr.sticky!;
    let lastEnd = -1;
    let prev = -1;
    let n = 0;
    for (const p of starts) {
      if (p === prev || p < lastEnd) {
        continue;
      }
      prev = p;
      re.lastIndex = p;
      const m = re.exec(text);
      if (m && m[0].length > 0) {
        lastEnd = p + m[0].length;
        this.pushMatch(r, m, cands);
        if (++n >= MAX_PER_RULE) {
          break;
        }
      }
    }
  }

  private pushMatch(r: number, m: RegExpExecArray, cands: Candidate[]): void {
    // A group named `hit` narrows the finding to that part of the match (context around it is only matched).
    const hit = m.indices?.groups?.hit;
    const [start, end] = hit ?? [m.index, m.index + m[0].length];
    if (end > start) {
      cands.push(new Candidate(r, start, end, this.rules[r].spec.replace.map(x => expand(x, m)), undefined, undefined));
    }
  }

  private verifyNear(text: string, near: [number, number, number, number][], cands: Candidate[]): void {
    const seen = new Set<string>();
    for (const [r, k, role, at] of near) {
      const canon = this.rules[r].spec.near![k];
      const n = canon.length;
      for (let len = n - 1; len <= n + 1; len++) {
        const start = role === ROLE_NEAR_HEAD ? at : at - len;
        const end = start + len;
        if (start < 0 || end > text.length || !oneEditAt(text, start, end, canon)) {
          continue;
        }
        // The canonical wording right here (an extra character next to it is someone else's business).
        if (text.startsWith(canon, start) || text.startsWith(canon, end - n)) {
          continue;
        }
        const w = text.slice(start, end);
        if (/[\s，。；：、！？,.;:!?]/.test(w) && !/[\s，。；：、！？,.;:!?]/.test(canon)) {
          continue;
        }
        const key = `${r}:${start}:${end}`;
        if (!seen.has(key)) {
          seen.add(key);
          cands.push(new Candidate(r, start, end, [canon], undefined, undefined));
        }
      }
    }
  }

  private toFindings(text: string, cands: Candidate[], excl: Map<number, number[]>, prot: ProtectedSpans): Finding[] {
    // Per rule: drop hits inside an exclusion context, then keep the leftmost-longest of overlapping hits.
    // By rule, then position, longer first; stable, in linear time (as a comparison sort by the same keys).
    sortByKey(cands, c => (c.start > 0 ? c.start : 0));
    sortByKey(cands, c => c.rule);
    sortRuns(cands, (a, b) => a.rule === b.rule && a.start === b.start, (a, b) => b.end - a.end);
    const out: Finding[] = [];
    let lastRule = -1;
    let lastEnd = -1;
    for (const c of cands) {
      const cr = this.rules[c.rule];
      if (cr.hasExclude) {
        // Spans arrive ordered by their end (the automaton's order); a covering one ends in [c.end, c.start + longest].
        const spans = excl.get(c.rule);
        let covered = false;
        if (spans) {
          let lo = 0;
          let hi = spans.length >> 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (spans[2 * mid + 1] < c.end) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          const limit = c.start + cr.longestExclude;
          for (let i = 2 * lo; i < spans.length && spans[i + 1] <= limit; i += 2) {
            if (spans[i] <= c.start) {
              covered = true;
              break;
            }
          }
        }
        if (covered) {
          continue;
        }
      }
      if (c.rule === lastRule && c.start < lastEnd && cr.kind !== 'detector') {
        continue;
      }
      // A document's title in 《》 is quoted as it was issued (《新时期产业工人队伍建设改革方案》).
      if (cr.spec.category === 'formulation' && insideBookTitle(text, c.start, c.end)) {
        continue;
      }
      // Words and patterns in a URL or in Markdown code are not prose (detectors judge their own; site residue is
      // reported wherever it is).
      if (cr.kind !== 'detector' && cr.spec.category !== 'residue' && spanCovers(prot, c.start)) {
        continue;
      }
      lastRule = c.rule;
      lastEnd = c.end;
      const finding = this.finding(text, cr, c);
      // A formulation that changed on `since` may be right in a sentence about the time before (detectors judge their
      // own): a hint then, and no safe fix, so that fix-all never rewrites a statement about the past.
      if (cr.spec.since !== undefined && cr.kind !== 'detector' && speaksOfTimeBefore(text, c.start, c.end, cr.spec.since)) {
        out.push(asLookingBack(finding));
      } else {
        out.push(finding);
      }
    }
    return out;
  }

  private finding(text: string, cr: CompiledRule, c: Candidate): Finding {
    const spec = cr.spec;
    const match = text.slice(c.start, c.end);
    const m = c.match;
    let replace = c.replace;
    if (replace === undefined) {
      replace = cr.replaceHasMatch ? substituteMatch(spec.replace, cr.replaceHasMatch, match) : spec.replace;
    }
    let fixes: OffsetFix[];
    if (m !== undefined && m.fixes && m.fixes.length > 0) {
      fixes = m.fixes;
    } else {
      fixes = [];
      for (let i = 0; i < replace.length; i++) {
        const newText = replace[i];
        if (newText !== match) {
          fixes.push({
            title: newText === '' ? `删除“${clip(match)}”` : `改为“${clip(newText)}”`,
            edits: [{ start: c.start, end: c.end, newText }],
            safe: spec.safe && i === 0,
          });
        }
      }
    }
    const severity = (m !== undefined ? m.severity : undefined) ?? spec.severity;
    const message = cr.message({
      // Shortened only when shown (a repeated paragraph is matched whole and named by its detail).
      match: cr.messageShowsMatch || (cr.messageShowsDetail && c.detail === undefined) ? clip(match) : '',
      replace: replace[0] ?? (fixes[0]?.edits[0]?.newText || undefined),
      detail: c.detail,
      since: spec.since,
      until: spec.until,
    });
    // One literal per shape (a property added afterwards costs a hidden-class change and a separate store).
    if (m !== undefined && m.related) {
      return { ruleId: spec.id, category: spec.category, severity, message, start: c.start, end: c.end, fixes, related: m.related };
    }
    return { ruleId: spec.id, category: spec.category, severity, message, start: c.start, end: c.end, fixes };
  }

  /** Help for hover, rule docs and SARIF. */
  info(): RuleInfo[] {
    return this.rules.map(({ spec }) => ({
      id: spec.id,
      pack: spec.pack,
      category: spec.category,
      severity: spec.severity,
      status: spec.status,
      description: describeRule(spec),
      explanation: spec.explanation,
      source: spec.source,
      ref: spec.ref,
      since: spec.since,
      until: spec.until,
      file: spec.loc.file,
      line: spec.loc.line,
    }));
  }
}

/** How far from a match the 《 and 》 of a title around it are looked for. */
const TITLE_REACH = 60;

/** Whether `[start, end)` lies inside 《…》 on its line. */
function insideBookTitle(text: string, start: number, end: number): boolean {
  let open = -1;
  for (let i = start - 1; i >= 0 && start - i <= TITLE_REACH; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x300a) {
      open = i;
      break;
    }
    if (c === 0x300b || c === 0x0a || c === 0x0d) {
      return false;
    }
  }
  if (open < 0) {
    return false;
  }
  for (let i = end; i < text.length && i - end <= TITLE_REACH; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x300b) {
      return true;
    }
    if (c === 0x300a || c === 0x0a || c === 0x0d) {
      return false;
    }
  }
  return false;
}

/** A finding in a sentence about the time before the change: a hint that says so, its fixes no longer safe. */
function asLookingBack(f: Finding): Finding {
  return {
    ...f,
    severity: 'hint',
    message: `${f.message}（本句讲的是改变以前的情况：如确是回顾当时，可以保留）`,
    fixes: f.fixes.map(x => (x.safe ? { ...x, safe: false } : x)),
  };
}

/** A detector rule's replacements with `$&` filled in by the matched text. */
function substituteMatch(replace: readonly string[], hasMatch: readonly boolean[], match: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < replace.length; i++) {
    out.push(hasMatch[i] ? replace[i].replace(/\$&/g, match) : replace[i]);
  }
  return out;
}

/** Long matches are shortened in messages and fix titles. */
function clip(s: string): string {
  // The common cases: no line break among the characters shown.
  let k = 0;
  const n = Math.min(s.length, 41);
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 10 || c === 13) {
      break;
    }
    k++;
  }
  if (k === n) {
    return s.length <= 40 ? s : s.slice(0, 37) + '…';
  }
  // Line breaks show as ↵ (one character for \r\n); more than 40 shown characters are cut to 37 and …
  let out = '';
  for (let i = 0; i < s.length && out.length <= 40; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && s.charCodeAt(i + 1) === 10) {
        i++;
      }
      out += '↵';
    } else {
      out += s[i];
    }
  }
  return out.length > 40 ? out.slice(0, 37) + '…' : out;
}

/** A one-line description of a rule: its message filled with its first term. */
export function describeRule(spec: RuleSpec): string {
  const sample = spec.terms?.[0]?.term ?? spec.near?.[0] ?? '';
  const msg = formatMessage(spec.message, {
    match: sample || '…',
    replace: spec.terms?.[0]?.replace?.[0] ?? spec.replace[0] ?? spec.near?.[0] ?? '…',
    detail: sample || '…',
    since: spec.since,
    until: spec.until,
  });
  return msg.replace(/“”/g, '').trim();
}

export interface CompileResult {
  ruleSet: RuleSet;
  issues: RuleIssue[];
}

/**
 * Compiles parsed packs into one RuleSet. A rule with a problem (duplicate id,
 * bad or dangerous regex, unknown detector) is left out with a located issue.
 */
export function compileRuleSet(packs: readonly PackSpec[], detectors: Readonly<Record<string, Detector>> = DETECTORS): CompileResult {
  const { rules, issues } = compileRules(packs, detectors);
  return { ruleSet: new RuleSet(rules), issues };
}

/** The rules of the packs compiled one by one (expressions, anchors, detectors), before the rule set's automaton is built. */
export interface CompiledRules {
  rules: CompiledRule[];
  issues: RuleIssue[];
}

/**
 * The first half of `compileRuleSet`: every rule compiled, the automaton not
 * built yet (`new RuleSet(rules)` builds it). Loading on the editor's main
 * thread takes the two halves as separate steps.
 */
export function compileRules(packs: readonly PackSpec[], detectors: Readonly<Record<string, Detector>> = DETECTORS): CompiledRules {
  const issues: RuleIssue[] = [];
  const compiled: CompiledRule[] = [];
  const ids = new Map<string, RuleSpec>();
  for (const pack of packs) {
    for (const spec of pack.rules) {
      const prev = ids.get(spec.id);
      if (prev) {
        issues.push({
          ...spec.loc,
          message: `规则 id“${spec.id}”重复（已在 ${prev.loc.file}:${prev.loc.line} 定义）；此处的规则未加载`,
          severity: 'error',
        });
        continue;
      }
      const kind: Kind = spec.terms ? 'terms' : spec.pattern !== undefined ? 'pattern' : spec.near ? 'near' : 'detector';
      const cr: CompiledRule = {
        spec,
        kind,
        params: spec.params ?? {},
        hasExclude: spec.exclude.length > 0,
        longestExclude: spec.exclude.reduce((m, x) => Math.max(m, x.length), 0),
        message: compileMessage(spec.message),
        messageShowsMatch: spec.message.includes('{match}'),
        messageShowsDetail: spec.message.includes('{detail}'),
        replaceHasMatch: kind === 'detector' ? spec.replace.map(x => x.includes('$&')) : undefined,
      };
      if (kind === 'pattern') {
        const loc = spec.patternLoc ?? spec.loc;
        const flags = spec.flags ?? '';
        try {
          const d = spec.pattern!.includes('(?<hit>') ? 'd' : '';
          cr.regex = new RegExp(spec.pattern!, 'gu' + flags + d);
          cr.bounded = !pack.builtin;
          const anchors = pack.builtin ? offsetAnchors(spec.pattern!, flags) : null;
          // A one-character literal (、 委) is in nearly every document: reporting it would cost more than it saves.
          const required = requiredLiteral(spec.pattern!, flags);
          const gate = required && (required.length >= 2 || required.charCodeAt(0) < 0x2000) ? required : null;
          const shortest = anchors ? Math.min(...anchors.map(a => a.text.length)) : 0;
          // Anchors of one character (市, “) occur everywhere: the native scan beats a sticky try at each.
          if (anchors && shortest >= 2) {
            cr.anchors = anchors;
            cr.sticky = new RegExp(spec.pattern!, 'uy' + flags + d);
          }
          // A required literal longer than the anchors (科学发展观 vs 十七大) may spare even the sticky tries.
          if (gate && (!cr.sticky || gate.length > shortest)) {
            cr.gate = gate;
          }
        } catch (e) {
          issues.push({ ...loc, message: `规则“${spec.id}”的正则表达式无效：${(e as Error).message}；该规则未加载`, severity: 'error' });
          continue;
        }
        const risk = regexRisk(spec.pattern!, flags, !pack.builtin);
        if (risk) {
          issues.push({ ...loc, message: `规则“${spec.id}”：${risk}；该规则未加载`, severity: 'error' });
          continue;
        }
      } else if (kind === 'detector') {
        const d = Object.prototype.hasOwnProperty.call(detectors, spec.detector!) ? detectors[spec.detector!] : undefined;
        if (!d) {
          issues.push({
            ...spec.loc,
            message: `规则“${spec.id}”使用了未知的检测器“${spec.detector}”（可用：${Object.keys(detectors).sort().join('、')}）；该规则未加载`,
            severity: 'error',
          });
          continue;
        }
        cr.detector = d;
        if (d === DETECTORS[spec.detector!] && Object.prototype.hasOwnProperty.call(DETECTOR_WORDS, spec.detector!)) {
          cr.words = DETECTOR_WORDS[spec.detector!](cr.params);
        }
      }
      const unknown = /\{(?!match\}|replace\}|detail\}|since\}|until\})[^{}]*\}/.exec(spec.message);
      if (unknown) {
        issues.push({ ...spec.loc, message: `规则“${spec.id}”的 message 中有未知占位符“${unknown[0]}”（可用 {match} {replace} {detail} {since} {until}）`, severity: 'warning' });
      }
      if (spec.since && spec.until && spec.since >= spec.until) {
        issues.push({ ...spec.loc, message: `规则“${spec.id}”的 since（${spec.since}）不早于 until（${spec.until}），永远不会生效`, severity: 'warning' });
      }
      ids.set(spec.id, spec);
      compiled.push(cr);
    }
  }
  return { rules: compiled, issues };
}
