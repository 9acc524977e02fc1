/**
 * The comparison panel's model: plain JSON data that the extension computes
 * (through `Comparer.build`) and posts to the webview. Types only; the webview
 * imports them too, so nothing here may pull in runtime code.
 */

/** Standard parts of a work-meeting speech (see parts.ts for how they are recognised). */
export type PartKindName =
  | 'salutation'
  | 'opening'
  | 'announcement'
  | 'achievements'
  | 'situation'
  | 'tasks'
  | 'requirements'
  | 'closing';

export type PartRoleName = 'title' | 'salutation' | 'opening' | 'section' | 'closing' | 'body';

/** -1 = only in the exemplar, 0 = in both, 1 = only in the draft. */
export type DiffOpCode = -1 | 0 | 1;

export interface ExemplarSummary {
  id: string;
  title: string;
  /** ISO date of the exemplar, or null when unknown. */
  date: string | null;
  occasion: string;
  speaker: string;
  /** Where the text came from (a URL or a file name), shown as text, never as a link. */
  source: string;
  /** Content similarity to the draft, in [0, 1]. */
  score: number;
  /** Outdated formulations in the exemplar as of the draft's date; null when not checked. */
  outdated: number | null;
  /** A few of those formulations (their text), for the badge's tooltip. */
  outdatedSamples: string[];
  /** Share of the draft's characters copied verbatim from this exemplar, in [0, 1]. */
  copyShare: number;
  pinned: boolean;
}

export interface PartView {
  /** Position in its speech's part list. */
  index: number;
  role: PartRoleName;
  title: string;
  kinds: PartKindName[];
  /** Zero-based line of the part's first character. */
  line: number;
  start: number;
  end: number;
  /** Characters of content in the part. */
  chars: number;
}

export interface ParagraphView {
  /** Index in the exemplar's paragraph list (what `insertParagraph` names). */
  index: number;
  line: number;
  text: string;
}

export interface ExemplarPartView extends PartView {
  paragraphs: ParagraphView[];
}

export type AlignmentStatus = 'matched' | 'missing' | 'extra';

/** One row of the side-by-side structure: a matched pair, a part only the exemplar has (missing), or only the draft has (extra). */
export interface AlignmentRow {
  draft: number | null;
  exemplar: number | null;
  similarity: number;
  status: AlignmentStatus;
}

export interface CoverageItem {
  kind: PartKindName;
  inDraft: boolean;
  /** How many of the compared exemplars have the part. */
  exemplars: number;
  of: number;
  /** Present in most compared exemplars but absent from the draft. */
  missing: boolean;
}

export interface PairDiff {
  draft: number;
  exemplar: number;
  similarity: number;
  segments: [DiffOpCode, string][];
  equal: number;
  deleted: number;
  inserted: number;
  /** Share of the longer side's characters that are equal, in [0, 1]. */
  ratio: number;
}

export interface CopyRunView {
  start: number;
  end: number;
  line: number;
  /** Line in the exemplar where the run starts. */
  sourceLine: number;
  length: number;
  long: boolean;
  text: string;
}

export interface CopyView {
  exemplarId: string;
  share: number;
  copiedChars: number;
  draftChars: number;
  longRuns: number;
  /** The longest runs first, at most 30. */
  runs: CopyRunView[];
}

export interface PanelModel {
  /** The draft's URI (as a string) and display name. */
  docUri: string;
  docName: string;
  /** Document version the model was computed for. */
  docVersion: number;
  /** The date the draft is judged as of, and whether it is the draft's own date. */
  draftDate: string;
  dateFromDocument: boolean;
  corpusSize: number;
  exemplars: ExemplarSummary[];
  /** The exemplar shown in the structure, differences and copy sections. */
  selected: string | null;
  draftParts: PartView[];
  exemplarParts: ExemplarPartView[];
  alignment: AlignmentRow[];
  coverage: CoverageItem[];
  diff: PairDiff | null;
  copy: CopyView | null;
  /** Time the extension took to compute the model. */
  elapsedMs: number;
}

/** An exemplar paragraph close to the paragraph under the draft's cursor. */
export interface NearParagraphHit {
  /** The exemplar speech's id and title. */
  id: string;
  title: string;
  score: number;
  text: string;
  /** Zero-based line of the paragraph in the exemplar (for "open read-only"). */
  line: number;
  /** Index among the exemplar's non-blank lines (for "insert", as `insertParagraph`). */
  paragraph: number;
}

/** The "close paragraphs" section; `query` is '' when the cursor is on no searchable paragraph. */
export interface NearParagraphs {
  query: string;
  hits: NearParagraphHit[];
}
