/** The comparison engine behind the panel and `gongwen compare`. */
export { alignSequences, type AlignedPair } from './align';
export { CopySource, detectCopies, type CopyReport, type CopyRun } from './copy';
export { diffStats, paragraphDiff, type DiffSegment, type DiffStats } from './diff';
export { outdatedFormulations } from './freshness';
export { cursorParagraph, nearParagraphs, MIN_QUERY_CHARS, type ParagraphSearcher } from './near';
export type * from './model';
export { Comparer, alignParts, type CompareRequest, type ExemplarIndex, type ExemplarSpeech, type Freshness, type FreshnessCheck } from './panel';
export { PART_KINDS, PART_KIND_NAMES, hintsFromOutline, segmentSpeech, type PartKind, type SpeechPart } from './parts';
export { parseFromPanel, parseToPanel, isPanelModel, isNearParagraphs } from './validate';
