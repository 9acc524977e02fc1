/**
 * The exemplar corpus: clean speeches (built-in from the seed pages, or the
 * user's own archive) and the similarity search over them.
 *
 * Offsets are UTF-16 offsets into `Speech.text` (or into the query text).
 */
import type { IsoDate } from '../types';

/** One heading of a speech's outline, flattened in document order. */
export interface SpeechHeading {
  /** 1 = top level (`一、`), 2 = `（一）`, 3 = `1.` … */
  level: number;
  /** The marker as written (`一、`, `（二）`, `一是`). */
  marker: string;
  /** The heading text after the marker (the first sentence for run-on headings). */
  title: string;
  /** Zero-based line in `Speech.text`. */
  line: number;
}

/** A paragraph (one line of the speech text). */
export interface SpeechParagraph {
  /** Zero-based index among the speech's paragraphs (= its line number). */
  index: number;
  start: number;
  end: number;
  text: string;
  /** A heading line (`一、…`, `（二）…`) rather than body text. */
  heading: boolean;
}

/** What the pipeline changed in a speech's text, or could not recover. */
export interface RepairNote {
  kind: 'pinyin-annotation' | 'misaligned-gbk' | 'lost-bytes' | 'traditional' | 'punctuation' | 'mojibake';
  /** The damaged text as found in the source. */
  original: string;
  /** What replaced it (empty when dropped). */
  replacement: string;
  recovered: boolean;
  /** Context around the spot in the cleaned text (for the report). */
  context?: string;
}

/** The metadata of a speech (what `gongwen corpus list --format json` prints, plus the outline). */
export interface SpeechMeta {
  /** Stable id, e.g. `001-2` (seed 001, second speech) or `u:<hash>` for user files. */
  id: string;
  title: string;
  /** ISO date when the text gives one (`（2005年11月21日）`); null when absent or a placeholder (`20xx`). */
  date: IsoDate | null;
  /** Meeting type, e.g. `人大工作会议`, `换届选举工作会议`; null when not stated. */
  occasion: string | null;
  /** Speaker's role when stated (`县人大常委会主任`); null otherwise. */
  speaker: string | null;
  /** Source file name (seed page or user file path). */
  source: string;
  /** Characters of `text`. */
  chars: number;
  outline: SpeechHeading[];
  /** Repairs made and spots that could not be recovered (built-in corpus). */
  repairs?: RepairNote[];
}

/** A loaded speech. */
export interface Speech extends SpeechMeta {
  /** Clean text: title block, then one paragraph per line. */
  text: string;
  paragraphs: SpeechParagraph[];
}

/** A passage the query shares with a speech. */
export interface SharedPassage {
  /** Span in the query text. */
  queryStart: number;
  queryEnd: number;
  /** Span in `Speech.text`. */
  speechStart: number;
  speechEnd: number;
  text: string;
}

/** Why a speech came up: the evidence behind the score. */
export interface SearchWhy {
  /** Longest passages shared verbatim (after normalisation), longest first, at most 5. */
  passages: SharedPassage[];
  /** Share of the query's characters covered by shared passages (0–1). */
  passageCoverage: number;
  /** Pairs of headings (query heading, speech heading) that say nearly the same thing. */
  headings: Array<{ query: string; speech: string; similarity: number }>;
  /** Top-level part counts of query and speech (same number of parts = similar structure). */
  parts: { query: number; speech: number };
  /** One Chinese line summing the evidence up, e.g. `共有 3 段相同文字（218 字）；结构相近：4 个小标题相似`. */
  summary: string;
}

export interface SpeechHit {
  speech: Speech;
  /** Similarity 0–1 (cosine of TF-IDF weighted character n-gram vectors). */
  score: number;
  why: SearchWhy;
}

export interface ParagraphHit {
  speech: Speech;
  paragraph: SpeechParagraph;
  score: number;
}

export interface SearchOptions {
  /** How many hits (default 10). */
  top?: number;
  /** Compute `why` right away (default: when first read). */
  explain?: boolean;
  /** Speech ids to leave out (e.g. the document itself when it is in the corpus). */
  exclude?: ReadonlySet<string>;
}

export interface ParagraphSearchOptions {
  top?: number;
  /** Leave out headings (default false). */
  bodyOnly?: boolean;
  exclude?: ReadonlySet<string>;
}

/**
 * The search API the panel, the snippets and the CLI use. Implemented by
 * `CorpusIndex` (src/core/corpus/index.ts).
 */
export interface CorpusSearch {
  readonly speeches: readonly Speech[];
  get(id: string): Speech | undefined;
  search(text: string, options?: SearchOptions): SpeechHit[];
  searchParagraphs(text: string, options?: ParagraphSearchOptions): ParagraphHit[];
}
