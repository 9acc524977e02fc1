import type { IsoDate } from '../types';
import type { PartLevel } from './markers';

/**
 * The parsed shape of a speech. Lines are zero-based; offsets are UTF-16
 * offsets into the document text (for diagnostics and edits).
 */

export interface TitleBlock {
  title: string | null;
  /** The subtitle without its dash. */
  subtitle: string | null;
  /** Line of the subtitle, or null. */
  subtitleLine: number | null;
  speaker: string | null;
  /** The date line as ISO date (`（2005年11月21日）` → `2005-11-21`), or null. */
  date: IsoDate | null;
  /** Line of the main title (or of the first title-block line when there is no title). */
  line: number;
  /** Last line of the title block. */
  endLine: number;
  start: number;
  end: number;
}

export interface TextSpan {
  /** The text (for long paragraphs: the beginning). */
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface Salutation extends TextSpan {
  /** The mark the line ends with instead of the colon (`，`, `！`, or '' for none); null when it ends with a colon. */
  wrongEnd: string | null;
}

export interface Opening extends TextSpan {
  /** The opening states the meeting's purpose (`今天，我们召开……会议，主要任务是……`). */
  purpose: boolean;
}

export interface Announcement extends TextSpan {
  /** The announced number of points; null for the uncountable `几点`. */
  count: number | null;
}

export interface OutlinePart {
  level: PartLevel;
  value: number;
  /** The marker as typed, e.g. `一、`, `1、`. */
  marker: string;
  /** The correct marker, e.g. `1.`. */
  canonical: string;
  /** Typed form with the number abstracted (`1、`, `(一)`): same style = same form. */
  style: string;
  wrongMark: boolean;
  title: string;
  line: number;
  /** Last line belonging to the part (its heading, body and sub-parts). */
  endLine: number;
  markerStart: number;
  markerEnd: number;
  titleStart: number;
  titleEnd: number;
  /** Offset just past the part's last line. */
  end: number;
  /** The heading runs straight into its body text with no break (`……完成一要努力……`): offset where the body begins. */
  runOnAt: number | null;
  children: OutlinePart[];
}

export type SequenceKind = '一是' | '一要' | '第一' | '首先';

export interface SequenceItem {
  /** As typed: `二是`, `第三，`, `第一、`, `其次`. */
  marker: string;
  /** 1, 2, 3 …; for 首先/其次/再次/最后: 1, 2, 3 … in order, 最后 = 0 (the end). */
  value: number;
  line: number;
  start: number;
  end: number;
  /** For 第一: the mark after the number is wrong (`第一、`, `第一：`); the correct item text. */
  canonical: string;
  wrongMark: boolean;
  /** The first item, found after the subject of its clause (`我们一是要……；二是要……`), not at a clause boundary. */
  afterSubject?: true;
}

export interface Sequence {
  kind: SequenceKind;
  items: SequenceItem[];
}

/** One speech: a file usually holds one; scraped pages hold several. */
export interface SpeechOutline {
  startLine: number;
  endLine: number;
  start: number;
  end: number;
  titleBlock: TitleBlock | null;
  salutation: Salutation | null;
  opening: Opening | null;
  /** The announcement before the parts (`下面，我讲三点意见`). */
  announced: Announcement | null;
  /** Other announcements inside the speech (`我再强调三点`). */
  announcements: Announcement[];
  parts: OutlinePart[];
  sequences: Sequence[];
  closing: TextSpan | null;
}

/**
 * The document's outline. The top-level fields describe the first speech (for
 * a clean speech file: the speech); `speeches` lists every speech found.
 */
export interface Outline extends SpeechOutline {
  speeches: SpeechOutline[];
  /** Genre chosen in the document itself (front matter `genre:` or `<!-- gongwen genre: … -->`), or null. */
  genre: string | null;
}
