/**
 * Builds the comparison panel's model for one draft: retrieve the closest
 * exemplars, align the draft's parts with the chosen exemplar's, check the
 * coverage of the standard parts, diff one aligned pair, and measure verbatim
 * copying. Pure: the corpus and the freshness check are passed in.
 */
import { DocContext } from '../document';
import { getOutline } from '../structure/parse';
import type { SearchOptions, Speech } from '../corpus/types';
import type { SpeechOutline } from '../structure/types';
import { LineIndex } from '../text/lineIndex';
import type { IsoDate } from '../types';
import { alignSequences } from './align';
import { CopySource, CopyTarget, detectCopies, type CopyReport } from './copy';
import { diffStats, paragraphDiff } from './diff';
import type {
  AlignmentRow,
  CopyView,
  CoverageItem,
  ExemplarPartView,
  ExemplarSummary,
  PairDiff,
  PanelModel,
  PartView,
} from './model';
import { hintsFromOutline, kindsOf, PART_KINDS, segmentSpeech, type SpeechPart, type StructureHints } from './parts';
import type { ParagraphSearcher } from './near';
import { contentLength, cosine, mergeProfiles, profileOfSpans, type Profile } from './text';

/** An exemplar as the panel needs it: a corpus `Speech` (or anything with these fields). */
export type ExemplarSpeech = Pick<Speech, 'id' | 'title' | 'date' | 'occasion' | 'speaker' | 'source' | 'text'>;

/** The part of the corpus search the panel uses (`CorpusIndex` implements it). */
export interface ExemplarIndex {
  readonly speeches: readonly ExemplarSpeech[];
  get(id: string): ExemplarSpeech | undefined;
  search(text: string, options: SearchOptions): { speech: ExemplarSpeech; score: number }[];
  /** Paragraph-level search, for the "close paragraphs" section (absent: the section stays empty). */
  searchParagraphs?: ParagraphSearcher['searchParagraphs'];
}

export interface Freshness {
  /** Outdated formulations in the exemplar as of the given date. */
  count: number;
  samples: string[];
}

/** Counts an exemplar's outdated formulations as of `date` (the draft's date). */
export type FreshnessCheck = (speech: ExemplarSpeech, date: IsoDate) => Freshness | null;

export interface CompareRequest {
  text: string;
  docUri: string;
  docName: string;
  docVersion: number;
  /** The date to judge the draft as of when it has none of its own (default today). */
  date?: IsoDate;
  markdown?: boolean;
  /** How many exemplars to retrieve. Default 5. */
  top?: number;
  /** Exemplars the writer pinned: always listed, first. */
  pinned?: readonly string[];
  /** The exemplar to compare with; default the pinned one, else the closest. */
  selected?: string | null;
  /** The aligned pair to diff (part indices); default the closest aligned body section. */
  pair?: { draft: number; exemplar: number } | null;
  /**
   * `sync` (default) checks the freshness of every listed exemplar now;
   * `deferred` uses only results already cached and leaves the rest `null`
   * for `pendingFreshness`/`fillFreshness` to complete in idle time.
   */
  freshness?: 'sync' | 'deferred';
}

/** Similarity below which two parts are not aligned. */
export const PART_THRESHOLD = 0.18;
/**
 * Pairs of parts compared at most when aligning a draft with an exemplar.
 * Real speeches have tens of parts; text where every line is a heading has
 * thousands, and comparing every pair took seconds (a 40 000-character draft
 * against a 300 000-character exemplar: 3.4 s). Beyond this, `windowMatches`.
 */
export const MAX_PART_CELLS = 40_000;

/**
 * The longest draft the panel compares (characters). Building the model takes
 * about 1 ms per 1 000 characters (≈ 45 ms at this limit on the benchmark
 * machine, 0.5 s for 1 MB). The editor builds it on a worker thread, but
 * compares on the extension host when the worker is unavailable, and the
 * model of a longer draft grows with it; longer drafts get a notice instead.
 * Speeches and work reports (10 000–30 000 characters) stay below it.
 */
export const PANEL_MAX_CHARS = 40_000;

/** Exemplars prepared by `Comparer.warmUp` (≈ 3 ms each cold). */
const WARM_UP_EXEMPLARS = 30;
const MAX_COPY_RUNS = 30;

interface PreparedSpeech {
  parts: SpeechPart[];
  profiles: Profile[];
  whole: Profile;
  lines: LineIndex;
  copy?: CopySource;
}

/** A reusable comparison engine; caches what it derives from exemplars (they do not change between drafts). */
export class Comparer {
  private readonly prepared = new WeakMap<ExemplarSpeech, PreparedSpeech>();
  private readonly freshnessCache = new Map<string, Freshness | null>();

  constructor(
    private readonly corpus: ExemplarIndex,
    private readonly freshness?: FreshnessCheck,
  ) {}

  /** Drops cached freshness results (the rules changed). */
  clearFreshness(): void {
    this.freshnessCache.clear();
  }

  /** The parts of an exemplar (cached). */
  exemplarParts(speech: ExemplarSpeech): SpeechPart[] {
    return this.prepare(speech).parts;
  }

  /**
   * Gets a new comparer ready in short steps, `pause` between them: prepares
   * the first exemplars (one per step; this also compiles the code that
   * segments and profiles speeches), compares a short sample once and checks
   * its freshness once. The first real `build` and freshness checks then cost
   * what later ones do, instead of several times more in one go on the
   * extension host.
   */
  async warmUp(pause: () => Promise<void>, exemplars = WARM_UP_EXEMPLARS): Promise<void> {
    const speeches = this.corpus.speeches.slice(0, exemplars);
    for (const s of speeches) {
      this.prepare(s);
      await pause();
    }
    const first = speeches[0];
    if (first) {
      const sample = first.text.slice(0, 600);
      this.build({ text: sample, docUri: 'gongwen-warm-up:', docName: '', docVersion: 0, freshness: 'deferred' });
      await pause();
      // The freshness check runs the whole linter: compile its code on a short text too (not cached: not a real exemplar).
      this.freshness?.({ ...first, text: sample }, first.date ?? '2000-01-01');
      await pause();
    }
  }

  build(req: CompareRequest): PanelModel {
    const t0 = now();
    const top = Math.max(1, Math.min(req.top ?? 5, 20));
    const doc = new DocContext(req.text, { date: req.date, markdown: req.markdown });
    const draftParts = segmentSpeech(req.text, draftHints(getOutline(doc)));
    const draftProfiles = draftParts.map(p => profileOfSpans(req.text, p.paragraphs));
    let draftWhole: Profile | undefined;

    // Retrieve: the closest exemplars, pinned ones first.
    const hits = this.corpus.search(req.text, { top, explain: false });
    const pinned = (req.pinned ?? []).map(id => this.corpus.get(id)).filter((s): s is ExemplarSpeech => !!s);
    const listed: { speech: ExemplarSpeech; score: number; pinned: boolean; retrieved: boolean }[] = [];
    const seen = new Set<string>();
    for (const s of pinned) {
      const hit = hits.find(h => h.speech.id === s.id);
      listed.push({ speech: s, score: hit ? hit.score : NaN, pinned: true, retrieved: !!hit });
      seen.add(s.id);
    }
    for (const h of hits) {
      if (!seen.has(h.speech.id)) {
        listed.push({ speech: h.speech, score: h.score, pinned: false, retrieved: true });
        seen.add(h.speech.id);
      }
    }

    const copyTarget = new CopyTarget(req.text);
    const copyReports = new Map<string, CopyReport>();
    const copyReport = (speech: ExemplarSpeech, p: PreparedSpeech): CopyReport => {
      const r = detectCopies(copyTarget, this.copySource(speech, p));
      copyReports.set(speech.id, r);
      return r;
    };
    const exemplars: ExemplarSummary[] = listed.map(e => {
      const prep = this.prepare(e.speech);
      const score = e.score >= 0 && e.score <= 1 ? e.score : cosine((draftWhole ??= mergeProfiles(draftProfiles)), prep.whole);
      const fresh = this.freshnessOf(e.speech, doc.effectiveDate, req.freshness === 'deferred');
      return {
        id: e.speech.id,
        title: e.speech.title,
        date: e.speech.date,
        occasion: e.speech.occasion ?? '',
        speaker: e.speech.speaker ?? '',
        source: e.speech.source,
        score: round(score),
        outdated: fresh ? fresh.count : null,
        outdatedSamples: fresh ? fresh.samples.slice(0, 5) : [],
        copyShare: round(copyReport(e.speech, prep).share),
        pinned: e.pinned,
      };
    });

    const selectedEntry =
      listed.find(e => e.speech.id === req.selected) ?? listed.find(e => e.pinned) ?? listed[0] ?? null;

    const draftLines = doc.lines;
    const draftViews: PartView[] = draftParts.map((p, i) => partView(req.text, p, i, draftLines));

    // Coverage over the retrieved exemplars (pinned ones count when retrieved).
    const compared = listed.filter(e => e.retrieved);
    const draftKinds = new Set(kindsOf(draftParts));
    const coverage: CoverageItem[] = PART_KINDS.map(kind => {
      const n = compared.filter(e => kindsOf(this.prepare(e.speech).parts).includes(kind)).length;
      return {
        kind,
        inDraft: draftKinds.has(kind),
        exemplars: n,
        of: compared.length,
        missing: !draftKinds.has(kind) && compared.length > 0 && n * 2 > compared.length,
      };
    });

    let exemplarParts: ExemplarPartView[] = [];
    let alignment: AlignmentRow[] = [];
    let diff: PairDiff | null = null;
    let copy: CopyView | null = null;
    if (selectedEntry) {
      const speech = selectedEntry.speech;
      const prep = this.prepare(speech);
      exemplarParts = prep.parts.map((p, i) => ({
        ...partView(speech.text, p, i, prep.lines),
        paragraphs: p.paragraphs.map((q, k) => ({ index: p.firstParagraph + k, line: prep.lines.lineAt(q.start), text: q.text })),
      }));
      alignment = alignParts(draftParts, draftProfiles, prep.parts, prep.profiles);
      diff = this.pairDiff(req, draftParts, speech, prep, alignment);
      const report = copyReports.get(speech.id) ?? detectCopies(copyTarget, this.copySource(speech, prep));
      copy = {
        exemplarId: speech.id,
        share: round(report.share),
        copiedChars: report.copiedChars,
        draftChars: report.draftChars,
        longRuns: report.longRuns,
        runs: [...report.runs]
          .sort((a, b) => b.length - a.length || a.start - b.start)
          .slice(0, MAX_COPY_RUNS)
          .map(r => ({
            start: r.start,
            end: r.end,
            line: draftLines.lineAt(r.start),
            sourceLine: prep.lines.lineAt(r.sourceStart),
            length: r.length,
            long: r.long,
            text: req.text.slice(r.start, r.end),
          })),
      };
    }

    return {
      docUri: req.docUri,
      docName: req.docName,
      docVersion: req.docVersion,
      draftDate: doc.effectiveDate,
      dateFromDocument: doc.documentDate !== null,
      corpusSize: this.corpus.speeches.length,
      exemplars,
      selected: selectedEntry ? selectedEntry.speech.id : null,
      draftParts: draftViews,
      exemplarParts,
      alignment,
      coverage,
      diff,
      copy,
      elapsedMs: round(now() - t0, 1),
    };
  }

  private pairDiff(
    req: CompareRequest,
    draftParts: readonly SpeechPart[],
    speech: ExemplarSpeech,
    prep: PreparedSpeech,
    alignment: readonly AlignmentRow[],
  ): PairDiff | null {
    const matched = alignment.filter(r => r.status === 'matched') as { draft: number; exemplar: number; similarity: number }[];
    const wanted = req.pair
      ? matched.find(r => r.draft === req.pair?.draft && r.exemplar === req.pair?.exemplar) ??
        (req.pair.draft < draftParts.length && req.pair.exemplar < prep.parts.length
          ? { draft: req.pair.draft, exemplar: req.pair.exemplar, similarity: 0 }
          : undefined)
      : undefined;
    // By default the closest pair of body parts: its differences are the most telling.
    const body = matched.filter(r => draftParts[r.draft].role === 'section' || draftParts[r.draft].role === 'body');
    const closest = body.reduce<(typeof matched)[number] | undefined>((best, r) => (!best || r.similarity > best.similarity ? r : best), undefined);
    const row = wanted ?? closest ?? matched.find(r => draftParts[r.draft].role !== 'title') ?? matched[0];
    if (!row) {
      return null;
    }
    const d = draftParts[row.draft];
    const e = prep.parts[row.exemplar];
    const segments = paragraphDiff(speech.text.slice(e.start, e.end), req.text.slice(d.start, d.end));
    const stats = diffStats(segments);
    return {
      draft: row.draft,
      exemplar: row.exemplar,
      similarity: row.similarity,
      segments,
      equal: stats.equal,
      deleted: stats.deleted,
      inserted: stats.inserted,
      ratio: round(stats.ratio),
    };
  }

  private prepare(speech: ExemplarSpeech): PreparedSpeech {
    let p = this.prepared.get(speech);
    if (!p) {
      const lines = new LineIndex(speech.text);
      const outline = getOutline(new DocContext(speech.text));
      const parts = segmentSpeech(speech.text, draftHints(outline));
      const profiles = parts.map(part => profileOfSpans(speech.text, part.paragraphs));
      p = { parts, profiles, whole: mergeProfiles(profiles), lines };
      this.prepared.set(speech, p);
    }
    return p;
  }

  private copySource(speech: ExemplarSpeech, prep: PreparedSpeech): CopySource {
    return (prep.copy ??= new CopySource(speech.text));
  }

  /** Listed exemplars of a model whose freshness is not known yet (built with `freshness: 'deferred'`). */
  pendingFreshness(model: PanelModel): string[] {
    if (!this.freshness) {
      return [];
    }
    return model.exemplars.filter(e => e.outdated === null).map(e => e.id);
  }

  /** Checks one exemplar's freshness (cached) and writes it into the model. Returns whether the model changed. */
  fillFreshness(model: PanelModel, id: string): boolean {
    const entry = model.exemplars.find(e => e.id === id);
    const speech = this.corpus.get(id);
    if (!entry || !speech || entry.outdated !== null) {
      return false;
    }
    const fresh = this.freshnessOf(speech, model.draftDate, false);
    if (!fresh) {
      return false;
    }
    entry.outdated = fresh.count;
    entry.outdatedSamples = fresh.samples.slice(0, 5);
    return true;
  }

  private freshnessOf(speech: ExemplarSpeech, date: IsoDate, cachedOnly: boolean): Freshness | null {
    if (!this.freshness) {
      return null;
    }
    const key = `${speech.id}\u0000${date}\u0000${speech.text.length}`;
    if (cachedOnly && !this.freshnessCache.has(key)) {
      return null;
    }
    if (!this.freshnessCache.has(key)) {
      let value: Freshness | null = null;
      try {
        value = this.freshness(speech, date);
      } catch {
        value = null;
      }
      this.freshnessCache.set(key, value);
    }
    return this.freshnessCache.get(key) ?? null;
  }
}

/** Structure hints for a document that may hold several speeches: all their top-level headings. */
function draftHints(outline: SpeechOutline & { speeches?: SpeechOutline[] }): StructureHints {
  const speeches = outline.speeches && outline.speeches.length ? outline.speeches : [outline];
  const first = hintsFromOutline(speeches[0]);
  const last = speeches[speeches.length - 1];
  return {
    headings: speeches.flatMap(s => s.parts.map(p => p.markerStart)),
    salutation: first.salutation,
    announcement: first.announcement,
    closing: last.closing?.start ?? null,
  };
}

/** Aligns the draft's parts with an exemplar's by content similarity, keeping their order. */
export function alignParts(
  draft: readonly SpeechPart[],
  draftProfiles: readonly Profile[],
  exemplar: readonly SpeechPart[],
  exemplarProfiles: readonly Profile[],
): AlignmentRow[] {
  const sim = (i: number, j: number): number => partSimilarity(draft[i], draftProfiles[i], exemplar[j], exemplarProfiles[j]);
  return alignSequences(draft.length, exemplar.length, sim, PART_THRESHOLD, MAX_PART_CELLS).map(p => ({
    draft: p.a >= 0 ? p.a : null,
    exemplar: p.b >= 0 ? p.b : null,
    similarity: round(p.similarity),
    status: p.a >= 0 && p.b >= 0 ? 'matched' : p.a >= 0 ? 'extra' : 'missing',
  }));
}

/**
 * Similarity of two parts: bigram cosine of their content, lifted when they
 * play the same conventional role (both the salutation, both the closing call,
 * or sections carrying the same standard kind).
 */
export function partSimilarity(a: SpeechPart, pa: Profile, b: SpeechPart, pb: Profile): number {
  const c = cosine(pa, pb);
  const frame = ['title', 'salutation', 'opening', 'closing'];
  if (frame.includes(a.role) || frame.includes(b.role)) {
    return a.role === b.role ? Math.max(c, 0.5 + c / 2) : c * 0.5;
  }
  const sameKind = a.kinds.some(k => b.kinds.includes(k));
  return Math.min(1, 0.8 * c + (sameKind ? 0.2 : 0));
}

function partView(text: string, p: SpeechPart, index: number, lines: LineIndex): PartView {
  return {
    index,
    role: p.role,
    title: clip(p.title, p.role === 'section' ? 120 : 40),
    kinds: p.kinds,
    line: lines.lineAt(p.start),
    start: p.start,
    end: p.end,
    chars: contentLength(text, p.start, p.end),
  };
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) {
    return 0;
  }
  const f = 10 ** digits;
  return Math.min(1e12, Math.max(-1e12, Math.round(x * f) / f));
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
