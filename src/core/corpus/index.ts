/**
 * The exemplar corpus in memory: speeches, the speech-level and paragraph-level
 * n-gram indexes, and the explanation of each hit (shared passages, shared structure).
 */
import { flattenParts, parseOutline } from '../structure/parse';
import { isContentCode, NgramIndex } from './ngram';
import { paragraphsOf } from './metadata';
import type {
  CorpusSearch,
  ParagraphHit,
  ParagraphSearchOptions,
  SearchOptions,
  SearchWhy,
  SharedPassage,
  Speech,
  SpeechHeading,
  SpeechHit,
  SpeechMeta,
} from './types';

export * from './types';

/** A speech from its metadata and text (paragraphs derived from the text and the outline). */
export function makeSpeech(meta: SpeechMeta, text: string): Speech {
  return { ...meta, chars: text.length, text, paragraphs: paragraphsOf(text, meta.outline) };
}

/** The outline of any text as speech headings (structure parser). */
export function headingsOf(text: string): SpeechHeading[] {
  return flattenParts(parseOutline(text).parts).map(p => ({ level: p.level, marker: p.marker, title: p.title, line: p.line }));
}

interface Comparable {
  /** Content characters only (lower-cased Latin). */
  chars: string;
  /** Offset in the original text of each content character. */
  at: Uint32Array;
}

const utf16 = new TextDecoder('utf-16le');

function comparableOf(text: string): Comparable {
  const at = new Uint32Array(text.length);
  const codes = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isContentCode(c)) {
      at[n] = i;
      codes[n++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    }
  }
  return { chars: utf16.decode(codes.subarray(0, n)), at: at.subarray(0, n) };
}

const K = 8;
const BASE = 0x01000193;
/** BASE^(K-1) mod 2^32, to roll the window. */
const BASE_K1 = (() => {
  let p = 1;
  for (let i = 0; i < K - 1; i++) {
    p = Math.imul(p, BASE);
  }
  return p;
})();

/** Rolling hashes of every K-character window of `s`. */
function windowHashes(s: string): Int32Array {
  const n = Math.max(0, s.length - K + 1);
  const out = new Int32Array(n);
  if (n === 0) {
    return out;
  }
  let h = 0;
  for (let i = 0; i < K; i++) {
    h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  }
  out[0] = h;
  for (let i = 1; i < n; i++) {
    h = (Math.imul(h - Math.imul(s.charCodeAt(i - 1), BASE_K1), BASE) + s.charCodeAt(i + K - 1)) | 0;
    out[i] = h;
  }
  return out;
}

/** The query side of passage matching, prepared once per query. */
export class PassageMatcher {
  private readonly q: Comparable;
  /** Open-addressing table: window hash → first query position (+1; 0 = empty). */
  private readonly keys: Int32Array;
  private readonly vals: Uint32Array;
  private readonly mask: number;

  constructor(query: string) {
    this.q = comparableOf(query);
    const hashes = windowHashes(this.q.chars);
    let size = 16;
    while (size < hashes.length * 2) {
      size <<= 1;
    }
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.vals = new Uint32Array(size);
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i];
      let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
      while (this.vals[slot] !== 0 && this.keys[slot] !== h) {
        slot = (slot + 1) & this.mask;
      }
      if (this.vals[slot] === 0) {
        this.keys[slot] = h;
        this.vals[slot] = i + 1;
      }
    }
  }

  private anchor(h: number): number {
    let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
    while (this.vals[slot] !== 0) {
      if (this.keys[slot] === h) {
        return this.vals[slot] - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    return -1;
  }

  get queryChars(): number {
    return this.q.chars.length;
  }

  /** Passages of at least `min` content characters shared with `speech`, longest first. */
  match(speech: string, min = 10, max = 5, s: Comparable = comparableOf(speech)): { passages: SharedPassage[]; coverage: number } {
    const q = this.q;
    if (q.chars.length < K || s.chars.length < K) {
      return { passages: [], coverage: 0 };
    }
    const hashes = windowHashes(s.chars);
    const found: Array<{ qi: number; si: number; len: number }> = [];
    const coveredQ = new Uint8Array(q.chars.length);
    for (let si = 0; si < hashes.length; si++) {
      const qi = this.anchor(hashes[si]);
      if (qi < 0 || coveredQ[qi]) {
        continue;
      }
      let len = 0;
      while (qi + len < q.chars.length && si + len < s.chars.length && q.chars.charCodeAt(qi + len) === s.chars.charCodeAt(si + len)) {
        len++;
      }
      if (len >= Math.max(min, K)) {
        found.push({ qi, si, len });
        coveredQ.fill(1, qi, qi + len);
        si += len - 1;
      }
    }
    let covered = 0;
    for (let i = 0; i < coveredQ.length; i++) {
      covered += coveredQ[i];
    }
    found.sort((a, b) => b.len - a.len);
    const passages = found.slice(0, max).map(f => {
      const queryStart = q.at[f.qi];
      const queryEnd = q.at[f.qi + f.len - 1] + 1;
      const speechStart = s.at[f.si];
      const speechEnd = s.at[f.si + f.len - 1] + 1;
      return { queryStart, queryEnd, speechStart, speechEnd, text: speech.slice(speechStart, speechEnd) };
    });
    return { passages, coverage: covered / q.chars.length };
  }
}

/** Passages of at least `min` content characters that `query` and `speech` share, longest first. */
export function sharedPassages(query: string, speech: string, min = 10, max = 5): { passages: SharedPassage[]; coverage: number } {
  return new PassageMatcher(query).match(speech, min, max);
}

const bigramCache = new Map<string, Set<string>>();

function bigramSet(s: string): Set<string> {
  const cached = bigramCache.get(s);
  if (cached) {
    return cached;
  }
  if (bigramCache.size > 20000) {
    bigramCache.clear();
  }
  const set = computeBigramSet(s);
  bigramCache.set(s, set);
  return set;
}

function computeBigramSet(s: string): Set<string> {
  const c = comparableOf(s).chars;
  const out = new Set<string>();
  for (let i = 0; i + 2 <= c.length; i++) {
    out.add(c.slice(i, i + 2));
  }
  return out;
}

/** Dice coefficient of the character bigrams of two headings. */
export function headingSimilarity(a: string, b: string): number {
  const x = bigramSet(a);
  const y = bigramSet(b);
  if (x.size === 0 || y.size === 0) {
    return 0;
  }
  let common = 0;
  for (const g of x) {
    if (y.has(g)) {
      common++;
    }
  }
  return (2 * common) / (x.size + y.size);
}

function explain(matcher: PassageMatcher, queryHeads: readonly SpeechHeading[], speech: Speech, comparable: Comparable): SearchWhy {
  const { passages, coverage } = matcher.match(speech.text, 10, 5, comparable);
  const headings: SearchWhy['headings'] = [];
  for (const qh of queryHeads) {
    let best: SpeechHeading | null = null;
    let bestSim = 0;
    for (const sh of speech.outline) {
      const sim = headingSimilarity(qh.title, sh.title);
      if (sim > bestSim) {
        bestSim = sim;
        best = sh;
      }
    }
    if (best && bestSim >= 0.4) {
      headings.push({ query: qh.title, speech: best.title, similarity: bestSim });
    }
  }
  headings.sort((a, b) => b.similarity - a.similarity);
  const parts = { query: queryHeads.filter(h => h.level === 1).length, speech: speech.outline.filter(h => h.level === 1).length };
  const bits: string[] = [];
  if (passages.length) {
    const chars = Math.round(coverage * matcher.queryChars);
    bits.push(`共有 ${passages.length >= 5 ? '5 段以上' : `${passages.length} 段`}相同文字（约 ${chars} 字）`);
  }
  if (headings.length) {
    bits.push(`${headings.length} 个小标题相近`);
  }
  if (parts.query > 0 && parts.query === parts.speech) {
    bits.push(`同为 ${parts.query} 个部分`);
  }
  if (bits.length === 0) {
    bits.push('用语相近');
  }
  return { passages, passageCoverage: coverage, headings: headings.slice(0, 5), parts, summary: bits.join('；') };
}

/**
 * Speech-level trigram sampling: all trigrams for small corpora (short drafts
 * stay well represented); a quarter of trigram space beyond 2 million
 * characters, where it makes building and querying 4× cheaper.
 */
function sampleBitsFor(speeches: readonly Speech[]): number {
  let chars = 0;
  for (const s of speeches) {
    chars += s.text.length;
  }
  return chars > 2_000_000 ? 2 : 0;
}

/** A paragraph worth offering (not a heading-only line of a few characters). */
const MIN_PARAGRAPH = 12;

export class CorpusIndex implements CorpusSearch {
  private readonly byId = new Map<string, Speech>();
  private readonly index: NgramIndex;
  private paragraphIndex: { index: NgramIndex; refs: Array<[number, number]> } | undefined;

  constructor(
    readonly speeches: readonly Speech[],
    prebuilt?: NgramIndex,
  ) {
    speeches.forEach(s => this.byId.set(s.id, s));
    this.index = prebuilt ?? NgramIndex.build(speeches.length, i => speeches[i].text, sampleBitsFor(speeches));
  }

  /** Builds the index without blocking (see `NgramIndex.buildAsync`); null when cancelled. */
  static async create(speeches: readonly Speech[], pause: () => Promise<void>, isCancelled: () => boolean = () => false): Promise<CorpusIndex | null> {
    const index = await NgramIndex.buildAsync(speeches.length, i => speeches[i].text, pause, isCancelled, 200, sampleBitsFor(speeches));
    return index ? new CorpusIndex(speeches, index) : null;
  }

  private readonly comparables = new Map<number, Comparable>();

  /** Content characters of a speech, kept for the most recent hits. */
  private comparable(doc: number): Comparable {
    let c = this.comparables.get(doc);
    if (!c) {
      c = comparableOf(this.speeches[doc].text);
      if (this.comparables.size >= 64) {
        this.comparables.delete(this.comparables.keys().next().value as number);
      }
      this.comparables.set(doc, c);
    }
    return c;
  }

  get(id: string): Speech | undefined {
    return this.byId.get(id);
  }

  /** Approximate memory of the indexes in bytes. */
  get indexBytes(): number {
    return this.index.bytes;
  }

  /**
   * The `top` speeches closest to `text`. Each hit's `why` is worked out when
   * first read (the ranking does not wait for explanations nobody shows).
   */
  search(text: string, options: SearchOptions = {}): SpeechHit[] {
    const top = options.top ?? 10;
    const exclude = options.exclude;
    const hits = this.index.query(text, { top, skip: exclude ? d => exclude.has(this.speeches[d].id) : undefined });
    let shared: { heads: SpeechHeading[]; matcher: PassageMatcher } | undefined;
    const context = () => (shared ??= { heads: headingsOf(text), matcher: new PassageMatcher(text) });
    return hits.map(h => {
      const speech = this.speeches[h.doc];
      let why: SearchWhy | undefined;
      const hit = { speech, score: h.score } as SpeechHit;
      Object.defineProperty(hit, 'why', {
        enumerable: true,
        get: () => (why ??= explain(context().matcher, context().heads, speech, this.comparable(h.doc))),
      });
      if (options.explain === true) {
        void hit.why;
      }
      return hit;
    });
  }

  private paragraphRefs(): Array<[number, number]> {
    const refs: Array<[number, number]> = [];
    this.speeches.forEach((s, si) =>
      s.paragraphs.forEach((p, pi) => {
        if (p.text.length >= MIN_PARAGRAPH) {
          refs.push([si, pi]);
        }
      }),
    );
    return refs;
  }

  /** Paragraph trigrams: all of them, except for very large corpora (short queries need them). */
  private paragraphSampleBits(): number {
    let chars = 0;
    for (const s of this.speeches) {
      chars += s.text.length;
    }
    return chars > 10_000_000 ? 1 : 0;
  }

  /** Builds the paragraph index ahead of the first paragraph search, without blocking. */
  async prepareParagraphs(pause: () => Promise<void>, isCancelled: () => boolean = () => false): Promise<void> {
    if (this.paragraphIndex) {
      return;
    }
    const refs = this.paragraphRefs();
    const index = await NgramIndex.buildAsync(refs.length, i => this.speeches[refs[i][0]].paragraphs[refs[i][1]].text, pause, isCancelled, 2000, this.paragraphSampleBits());
    if (index && !this.paragraphIndex) {
      this.paragraphIndex = { index, refs };
    }
  }

  searchParagraphs(text: string, options: ParagraphSearchOptions = {}): ParagraphHit[] {
    if (!this.paragraphIndex) {
      const refs = this.paragraphRefs();
      this.paragraphIndex = { index: NgramIndex.build(refs.length, i => this.speeches[refs[i][0]].paragraphs[refs[i][1]].text, this.paragraphSampleBits()), refs };
    }
    const { index, refs } = this.paragraphIndex;
    const exclude = options.exclude;
    const hits = index.query(text, {
      top: options.top ?? 10,
      skip: d => {
        const [si, pi] = refs[d];
        const s = this.speeches[si];
        return (exclude?.has(s.id) ?? false) || (options.bodyOnly === true && s.paragraphs[pi].heading);
      },
    });
    return hits.map(h => {
      const [si, pi] = refs[h.doc];
      const speech = this.speeches[si];
      return { speech, paragraph: speech.paragraphs[pi], score: h.score };
    });
  }
}
