/**
 * Repairing text damaged on its way through scrapers and old encodings:
 *
 * - pinyin annotations after characters (`發(fā)` → `發`),
 * - misaligned GBK runs: GBK bytes decoded one byte off, e.g. `??梢哉f` — the bytes
 *   `A1 A3 BF C9 D2 D4 D5 66` of `。可以說` read from `A3` on: `A3BF`=`？`, `C9D2`=`梢`,
 *   `D4D5`=`哉`, and the trail byte `66` alone = `f`, where the decoder falls back
 *   into step. The lead byte lost before the run shows as `?`; a full-width `？`/`；`
 *   produced by the shift was later flattened to ASCII by the scraper. Re-encoding
 *   the run and decoding it one byte earlier gives the text back, except the byte
 *   that was lost: that character is chosen from the candidates by a character
 *   bigram model when one is given, and reported as unrecoverable otherwise,
 * - torn annotations and lone `?` between Chinese characters: unrecoverable loss,
 * - UTF-8 read as Latin-1/Windows-1252 (`ä¸­æ–‡` → `中文`),
 * - traditional → simplified (OpenCC, dictionaries built on first use).
 *
 * Pure: no file system. The GBK tables come from the platform's `TextDecoder`.
 */
import * as OpenCC from 'opencc-js/t2cn';
import type { RepairNote } from '../corpus/types';

// ---------------------------------------------------------------------------
// Traditional → simplified

let t2sConverter: ((s: string) => string) | undefined;
/** Single characters already converted (a call costs microseconds; the repair finders ask about the same few thousand). */
const singles = new Map<number, string>();

/** Traditional → simplified Chinese (OpenCC `t` → `cn`). The dictionaries load on the first call. */
export function toSimplified(text: string): string {
  t2sConverter ??= OpenCC.Converter({ from: 't', to: 'cn' });
  if (text.length === 1) {
    const c = text.charCodeAt(0);
    let s = singles.get(c);
    if (s === undefined) {
      s = t2sConverter(text);
      singles.set(c, s);
    }
    return s;
  }
  return t2sConverter(text);
}

export interface TraditionalRun {
  start: number;
  end: number;
  text: string;
  simplified: string;
}

/** Runs of characters that OpenCC converts (traditional forms in a simplified text). */
export function findTraditionalRuns(text: string): TraditionalRun[] {
  const simplified = toSimplified(text);
  const out: TraditionalRun[] = [];
  if (simplified.length === text.length) {
    let i = 0;
    while (i < text.length) {
      if (text[i] === simplified[i]) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length && text[j] !== simplified[j]) {
        j++;
      }
      out.push({ start: i, end: j, text: text.slice(i, j), simplified: simplified.slice(i, j) });
      i = j;
    }
    return out;
  }
  // A phrase conversion changed the length: fall back to character by character.
  for (let i = 0; i < text.length; i++) {
    const s = toSimplified(text[i]);
    if (s !== text[i]) {
      const last = out[out.length - 1];
      if (last && last.end === i) {
        last.end = i + 1;
        last.text += text[i];
        last.simplified += s;
      } else {
        out.push({ start: i, end: i + 1, text: text[i], simplified: s });
      }
    }
  }
  return out;
}

/** Share of Han characters that OpenCC changes: > ~0.05 means the text is written in traditional characters. */
export function traditionalShare(text: string): number {
  let han = 0;
  for (const ch of text) {
    if (isHan(ch)) {
      han++;
    }
  }
  if (han === 0) {
    return 0;
  }
  let changed = 0;
  for (const r of findTraditionalRuns(text)) {
    changed += r.end - r.start;
  }
  return changed / han;
}

const isHan = (c: string | undefined): boolean => c !== undefined && /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(c);

// ---------------------------------------------------------------------------
// GBK tables (from the platform decoder, so they match how the bytes were read)

interface GbkTables {
  decode: Map<number, string>;
  encode: Map<string, number>;
}
let gbk: GbkTables | undefined;

function gbkTables(): GbkTables {
  if (gbk) {
    return gbk;
  }
  const decoder = new TextDecoder('gbk');
  const decode = new Map<number, string>();
  const encode = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) {
        continue;
      }
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      const code = ch.charCodeAt(0);
      if (ch.length !== 1 || ch === '\ufffd' || (code >= 0xe000 && code <= 0xf8ff)) {
        continue; // unassigned or private use: never produced by real text
      }
      const key = (lead << 8) | trail;
      decode.set(key, ch);
      if (!encode.has(ch)) {
        encode.set(ch, key);
      }
    }
  }
  gbk = { decode, encode };
  return gbk;
}

/** The GBK code of a double-byte character (`(lead << 8) | trail`), or undefined. */
export function gbkCode(ch: string): number | undefined {
  return gbkTables().encode.get(ch);
}

/** A character of GB2312 (the 6 763 common Han characters and the usual symbols), judged on its simplified form. */
export function isCommonChar(ch: string): boolean {
  const code = gbkCode(toSimplified(ch)) ?? gbkCode(ch);
  if (code === undefined) {
    return false;
  }
  const lead = code >> 8;
  const trail = code & 0xff;
  return trail >= 0xa1 && ((lead >= 0xb0 && lead <= 0xf7) || (lead >= 0xa1 && lead <= 0xa3));
}

// ---------------------------------------------------------------------------
// Character bigram model (to choose the character whose byte was lost)

/**
 * Character bigram model of (simplified) reference text, interpolated with
 * character frequencies: P(b | a) = (c(ab) + β·P(b)) / (c(a) + β).
 */
export class CharBigramModel {
  private readonly pairs = new Map<string, number>();
  private readonly singles = new Map<string, number>();
  private total = 0;

  static fromTexts(texts: Iterable<string>): CharBigramModel {
    const m = new CharBigramModel();
    for (const t of texts) {
      m.add(toSimplified(t));
    }
    return m;
  }

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const a = text[i];
      if (a === '\n') {
        continue;
      }
      this.singles.set(a, (this.singles.get(a) ?? 0) + 1);
      this.total++;
      const b = text[i + 1];
      if (b !== undefined && b !== '\n') {
        const k = a + b;
        this.pairs.set(k, (this.pairs.get(k) ?? 0) + 1);
      }
    }
  }

  count(a: string, b: string): number {
    return this.pairs.get(toSimplified(a) + toSimplified(b)) ?? 0;
  }

  /** log P(b | a). */
  logProb(a: string, b: string): number {
    const sa = toSimplified(a);
    const sb = toSimplified(b);
    const beta = 2;
    const pb = ((this.singles.get(sb) ?? 0) + 0.5) / (this.total + 0.5 * 8000);
    const ca = this.singles.get(sa) ?? 0;
    return Math.log(((this.pairs.get(sa + sb) ?? 0) + beta * pb) / (ca + beta));
  }
}

// ---------------------------------------------------------------------------
// Misaligned GBK runs

export interface MisalignedRun {
  /** Span of the damaged text: the marker of the lost byte, the shifted characters and the terminator. */
  start: number;
  end: number;
  original: string;
  /** The realigned characters; null where a byte was lost and no candidate could be chosen. */
  chars: Array<string | null>;
  /** The recovered text, or null when a character could not be recovered. */
  recovered: string | null;
}

const PINYIN_LETTERS = 'a-zü\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc';
const TONE_MARK = /[\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc]/;
/** The mark a decoder leaves for a lost byte, optionally followed by a torn annotation (`?guī)`). */
const LOST_MARK = new RegExp(`[?\\ufffd](?:[${PINYIN_LETTERS}]{1,7}\\))?`, 'g');
/** ASCII stand-ins of full-width punctuation (A3xx) inside a shifted run. */
const FULLWIDTH_STANDIN = new Set(['?', ';', ':', '!']);
const MAX_RUN = 60;

interface Slot {
  /** Known byte, or null when lost. */
  byte: number | null;
}

/**
 * Finds misaligned GBK runs. With a `model`, the character whose lead (or trail)
 * byte was lost is chosen among the GBK candidates by how well it fits between
 * its neighbours; without one it stays null.
 */
export function findMisalignedGbk(text: string, options: { model?: CharBigramModel } = {}): MisalignedRun[] {
  const { decode, encode } = gbkTables();
  const out: MisalignedRun[] = [];
  LOST_MARK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOST_MARK.exec(text))) {
    const start = m.index;
    // The marker follows Chinese text (a lost byte inside Chinese, not a real question mark after Latin text).
    const before = text[start - 1];
    if (before !== undefined && before.charCodeAt(0) < 0x80 && before !== ',' && before !== '\n') {
      continue;
    }
    const slots: Slot[] = [{ byte: null }];
    let j = start + m[0].length;
    let end = -1;
    let shifted = 0;
    while (j < text.length && shifted <= MAX_RUN) {
      const c = text[j];
      const code = c.charCodeAt(0);
      if ((c === '?' || c === '\ufffd') && (j + 1 >= text.length || text.charCodeAt(j + 1) < 0x40)) {
        // A lead byte whose trail was not a trail byte: the decoder emitted `?` and fell back into step.
        slots.push({ byte: null });
        end = j + 1;
        break;
      }
      if (FULLWIDTH_STANDIN.has(c)) {
        slots.push({ byte: 0xa3 }, { byte: code + 0x80 });
        shifted++;
        j++;
        continue;
      }
      if (code >= 0x40 && code <= 0x7e) {
        // A trail byte read alone: the decoder is back in step after it.
        const next = text[j + 1];
        if (next !== undefined && /[A-Za-z0-9]/.test(next)) {
          break;
        }
        slots.push({ byte: code });
        end = j + 1;
        break;
      }
      if (c === '\u20ac') {
        slots.push({ byte: 0x80 });
        end = j + 1;
        break;
      }
      const g = code >= 0x80 ? encode.get(c) : undefined;
      if (g === undefined) {
        break;
      }
      slots.push({ byte: g >> 8 }, { byte: g & 0xff });
      shifted++;
      j++;
    }
    if (end < 0 || shifted < 2 || slots.length % 2 !== 0) {
      continue;
    }
    // Realign: pair the bytes one byte earlier.
    const chars: Array<string | null> = [];
    const candidates: Array<string[] | null> = [];
    let valid = true;
    for (let k = 0; k < slots.length; k += 2) {
      const a = slots[k].byte;
      const b = slots[k + 1].byte;
      if (a !== null && b !== null) {
        const ch = decode.get((a << 8) | b);
        if (ch === undefined) {
          valid = false;
          break;
        }
        chars.push(ch);
        candidates.push(null);
      } else {
        chars.push(null);
        candidates.push(candidatesFor(a, b, decode));
      }
    }
    if (!valid) {
      continue;
    }
    const known = chars.filter((c): c is string => c !== null);
    if (known.length < 1 || known.filter(isCommonChar).length < known.length * 0.8) {
      continue;
    }
    // A torn annotation (`?guī)`) means more than one byte was lost: the first character cannot be chosen.
    const torn = m[0].length > 1;
    if (options.model) {
      for (let k = torn ? 1 : 0; k < chars.length; k++) {
        const list = candidates[k];
        if (chars[k] !== null || !list) {
          continue;
        }
        const prev = k === 0 ? lastChar(text, start) : chars[k - 1];
        const next = k === chars.length - 1 ? text[end] : chars[k + 1];
        chars[k] = choose(list, prev ?? undefined, next ?? undefined, options.model);
      }
    }
    const recovered = chars.every(c => c !== null) && !torn ? chars.join('') : null;
    out.push({ start, end, original: text.slice(start, end), chars, recovered });
    LOST_MARK.lastIndex = end;
  }
  return out;
}

function lastChar(text: string, at: number): string | undefined {
  for (let i = at - 1; i >= 0; i--) {
    if (!/\s/.test(text[i])) {
      return text[i];
    }
  }
  return undefined;
}

function candidatesFor(a: number | null, b: number | null, decode: Map<number, string>): string[] {
  const out: string[] = [];
  if (a === null && b === null) {
    return out;
  }
  for (let x = 0x40; x <= 0xfe; x++) {
    const key = a === null ? (x << 8) | (b as number) : ((a as number) << 8) | x;
    const ch = decode.get(key);
    if (ch !== undefined && isCommonChar(ch)) {
      out.push(ch);
    }
  }
  return out;
}

const SENTENCE_PUNCT = new Set(['。', '，', '；', '：', '！', '？', '、']);

/**
 * The candidate that fits best between its neighbours (seen next to both in the
 * reference text); null when there is none or none is at least four times as
 * likely as the runner-up.
 */
function choose(list: string[], prev: string | undefined, next: string | undefined, model: CharBigramModel): string | null {
  let best: string | null = null;
  let bestScore = -Infinity;
  let second = -Infinity;
  for (const c of list) {
    // Only characters seen next to both neighbours in the reference text count as evidence.
    // Punctuation closes any word: after a Han character it needs no evidence on its left.
    const leftFree = SENTENCE_PUNCT.has(c) && isHan(prev);
    if ((prev && !leftFree && model.count(prev, c) === 0) || (next && model.count(c, next) === 0)) {
      continue;
    }
    const score = (prev ? model.logProb(prev, c) : 0) + (next ? model.logProb(c, next) : 0);
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = c;
    } else if (score > second) {
      second = score;
    }
  }
  return best !== null && bestScore - second >= Math.log(4) ? best : null;
}

// ---------------------------------------------------------------------------
// Other damage

export interface Span {
  start: number;
  end: number;
}

/** `發(fā)` → the span of `(fā)`. Requires a tone mark, so `(ppp)` or `(a)` are left alone. */
export function findPinyinAnnotations(text: string): Span[] {
  const re = new RegExp(`\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'g');
  const out: Span[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const prev = text[m.index - 1];
    if (prev === undefined || !TONE_MARK.test(m[1]) || /[\s(]/.test(prev)) {
      continue;
    }
    out.push({ start: m.index + 0, end: m.index + m[0].length });
  }
  return out;
}

/** Lost bytes that cannot be recovered: torn annotations (`?zhèn)?`), U+FFFD, `锟斤拷`. */
export function findLostBytes(text: string): Span[] {
  // A lone `?` between Chinese characters may be a real question mark (scraped as ASCII): not counted.
  const re = new RegExp(`(?:锟斤拷)+|[?\\ufffd]+[${PINYIN_LETTERS}]{1,7}\\)[?\\ufffd]*|\\ufffd+`, 'g');
  const out: Span[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function cp1252Byte(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) {
    return code;
  }
  const i = CP1252_HIGH.indexOf(ch);
  return i >= 0 ? 0x80 + i : undefined;
}

export interface Utf8AsLatin1 extends Span {
  recovered: string;
}

/** UTF-8 read as Latin-1/Windows-1252: `ä¸­æ–‡` → `中文`. */
export function findUtf8AsLatin1(text: string): Utf8AsLatin1[] {
  const re = /(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3})+/g;
  const out: Utf8AsLatin1[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const bytes: number[] = [];
    let ok = true;
    for (const ch of m[0]) {
      const b = cp1252Byte(ch);
      if (b === undefined) {
        ok = false;
        break;
      }
      bytes.push(b);
    }
    if (!ok) {
      continue;
    }
    try {
      const recovered = decoder.decode(new Uint8Array(bytes));
      // Only multi-byte sequences that decode to non-Latin text count (leave `Café` alone).
      if (/[\u0800-\uffff]/.test(recovered)) {
        out.push({ start: m.index, end: m.index + m[0].length, recovered });
      }
    } catch {
      // not UTF-8 after all
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Detection for diagnostics

export type MojibakeKind = 'misaligned-gbk' | 'pinyin-annotation' | 'lost-bytes' | 'utf8-as-latin1';

export interface MojibakeSpan extends Span {
  kind: MojibakeKind;
  /** The repaired text when it is certain; null when bytes were lost. */
  recovered: string | null;
}

/** Every spot of encoding damage in `text`, sorted, non-overlapping. */
export function detectMojibake(text: string, options: { model?: CharBigramModel } = {}): MojibakeSpan[] {
  const spans: MojibakeSpan[] = [];
  for (const r of findMisalignedGbk(text, options)) {
    spans.push({ start: r.start, end: r.end, kind: 'misaligned-gbk', recovered: r.recovered });
  }
  for (const s of findPinyinAnnotations(text)) {
    spans.push({ ...s, kind: 'pinyin-annotation', recovered: '' });
  }
  for (const s of findUtf8AsLatin1(text)) {
    spans.push({ start: s.start, end: s.end, kind: 'utf8-as-latin1', recovered: s.recovered });
  }
  for (const s of findLostBytes(text)) {
    spans.push({ ...s, kind: 'lost-bytes', recovered: null });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MojibakeSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * Stray letters inside Chinese text: a Hebrew or Arabic letter next to a Han
 * character (recovered as `“` when a `”` later on the line has no opener, else
 * dropped), and a Latin word with four digits inside it (`pl2020tform`, dropped
 * together with brackets that held only it).
 */
export function findStrayLetters(text: string): Array<Span & { recovered: string | null }> {
  const out: Array<Span & { recovered: string | null }> = [];
  const han = /[\u3400-\u9fff]/;
  for (const m of text.matchAll(/[\u0590-\u06ff]/g)) {
    const i = m.index;
    if (!han.test(text[i - 1] ?? '') && !han.test(text[i + 1] ?? '')) {
      continue;
    }
    const rest = text.slice(i + 1).replace(/\n[\s\S]*$/, '');
    const close = rest.indexOf('”');
    const open = rest.indexOf('“');
    out.push({ start: i, end: i + 1, recovered: close >= 0 && (open < 0 || open > close) ? '“' : null });
  }
  for (const m of text.matchAll(/([(（])?\b[A-Za-z]+\d{4}[A-Za-z]+\b([)）])?/g)) {
    const bracketed = m[1] !== undefined && m[2] !== undefined;
    const start = bracketed ? m.index : m.index + (m[1]?.length ?? 0);
    const end = bracketed ? m.index + m[0].length : m.index + m[0].length - (m[2]?.length ?? 0);
    out.push({ start, end, recovered: null });
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------
// Repair

export interface RepairOptions {
  /** Chooses characters whose byte was lost (build it from clean text of the same kind). */
  model?: CharBigramModel;
  /** Convert to simplified when the text is mostly traditional (default true). */
  simplify?: boolean;
}

export interface RepairResult {
  text: string;
  notes: RepairNote[];
}

/** The repaired spot with up to 8 characters on each side, the repair in 【】 (`…兼【】、以德…` when dropped). */
function around(text: string, span: Span, replacement: string): string {
  const left = text.slice(Math.max(0, span.start - 8), span.start).replace(/^.*\n/s, '');
  const right = text.slice(span.end, span.end + 8).replace(/\n.*$/s, '');
  return `${left}【${replacement}】${right}`;
}

/**
 * Repairs `text`: annotations removed, misaligned runs realigned, lost bytes
 * dropped (and reported), UTF-8-as-Latin-1 decoded, traditional → simplified.
 * Unrecoverable characters are dropped, never kept as garbage, and listed in `notes`.
 */
export function repairText(text: string, options: RepairOptions = {}): RepairResult {
  const notes: RepairNote[] = [];
  // 1. Pinyin annotations.
  text = replaceSpans(text, findPinyinAnnotations(text), s => {
    notes.push({ kind: 'pinyin-annotation', original: s, replacement: '', recovered: true });
    return '';
  });
  // 2. Misaligned GBK runs.
  const runs = findMisalignedGbk(text, options);
  const before = text;
  text = replaceSpans(text, runs, (s, i) => {
    const r = runs[i];
    const replacement = r.chars.map(c => c ?? '').join('');
    notes.push({ kind: 'misaligned-gbk', original: s, replacement, recovered: r.recovered !== null, context: around(before, r, replacement) });
    return replacement;
  });
  // 3. UTF-8 read as Latin-1.
  const latin = findUtf8AsLatin1(text);
  text = replaceSpans(text, latin, (s, i) => {
    notes.push({ kind: 'mojibake', original: s, replacement: latin[i].recovered, recovered: true });
    return latin[i].recovered;
  });
  // 3b. Letters of a script Chinese speeches never use (`赋予ד打造`, a Hebrew letter for a quote mark) and
  // Latin words with a run of digits inside (`p2020tnership`, a site replacing letters with a year): the
  // original cannot be read back, except a stray letter that opens a quotation closed later on the line.
  const stray = findStrayLetters(text);
  const beforeStray = text;
  text = replaceSpans(text, stray, (s, i) => {
    const replacement = stray[i].recovered ?? '';
    notes.push({ kind: 'mojibake', original: s, replacement, recovered: stray[i].recovered !== null, context: around(beforeStray, stray[i], replacement) });
    return replacement;
  });
  // 4. Lost bytes: drop.
  const lost = findLostBytes(text);
  const beforeLost = text;
  text = replaceSpans(text, lost, (s, i) => {
    notes.push({ kind: 'lost-bytes', original: s, replacement: '', recovered: false, context: around(beforeLost, lost[i], '') });
    return '';
  });
  // 5. Traditional → simplified.
  if (options.simplify !== false && traditionalShare(text) > 0.05) {
    const simplified = toSimplified(text);
    if (simplified !== text) {
      notes.push({ kind: 'traditional', original: `${findTraditionalRuns(text).length} 处`, replacement: '', recovered: true });
      text = simplified;
    }
  }
  // Contexts in the final script.
  if (options.simplify !== false && notes.some(n => n.kind === 'traditional')) {
    for (const n of notes) {
      n.replacement = toSimplified(n.replacement);
      if (n.context) {
        n.context = toSimplified(n.context);
      }
    }
  }
  return { text, notes };
}

function replaceSpans(text: string, spans: readonly Span[], replace: (original: string, index: number) => string): string {
  if (spans.length === 0) {
    return text;
  }
  let out = '';
  let at = 0;
  spans.forEach((s, i) => {
    out += text.slice(at, s.start) + replace(text.slice(s.start, s.end), i);
    at = s.end;
  });
  return out + text.slice(at);
}
