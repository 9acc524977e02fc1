import type { DocContext } from '../document';
import type { OffsetFix, RelatedSpan, Severity } from '../types';

/** One hit of a procedural detector; the rule that names the detector supplies id, category and message. */
export interface DetectorMatch {
  start: number;
  end: number;
  /** Replaces `{detail}` in the rule's message. */
  detail?: string;
  /** Overrides the rule's severity for this hit (e.g. a less certain variant). */
  severity?: Severity;
  fixes?: OffsetFix[];
  /** Other locations that belong to this hit (an announcement and the parts it announces). */
  related?: RelatedSpan[];
}

/**
 * A procedural matcher for what literal terms and simple regular expressions
 * cannot express (context on both sides, balance, counting). Pure and linear.
 */
export type Detector = (doc: DocContext, params: Readonly<Record<string, unknown>>) => DetectorMatch[];

/**
 * The word lists a detector looks for in the whole text through `literalHits`
 * (each list as one call passes it), given the rule's params. A rule set looks
 * for them in its own pass over the text and hands the occurrences over, so
 * the detector need not search again.
 */
export type DetectorWords = (params: Readonly<Record<string, unknown>>) => ReadonlyArray<readonly string[]>;
