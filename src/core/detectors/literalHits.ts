import type { DocContext } from '../document';
import { LiteralFinder, type LiteralHits } from './chars';

/**
 * Occurrences of a fixed list of words in a document, shared through the
 * document memo. Whoever needs them asks `literalHits`; the rule set, which
 * passes over the whole text with its automaton anyway, looks for the words
 * that its detector rules declare (`DETECTOR_WORDS`) in that same pass and
 * hands the occurrences over (`provideLiteralHits`), so the detectors and the
 * outline do not search the text again. Without it the words are searched
 * for natively (`LiteralFinder`); the answer is the same either way.
 */

const finders = new Map<string, LiteralFinder>();

function keyOf(words: readonly string[]): string {
  return `literalHits:${words.join('\u0001')}`;
}

function finderFor(key: string, words: readonly string[]): LiteralFinder {
  let f = finders.get(key);
  if (!f) {
    if (finders.size >= 256) {
      finders.clear();
    }
    f = new LiteralFinder(words);
    finders.set(key, f);
  }
  return f;
}

/** Every occurrence (overlapping ones too) of `words` in the document, ascending by start, then by word index. */
export function literalHits(doc: DocContext, words: readonly string[]): LiteralHits {
  const key = keyOf(words);
  return doc.memo(key, d => finderFor(key, words).find(d.text));
}

/** The occurrences of `words` when they are known already (provided or computed), else undefined. */
export function knownLiteralHits(doc: DocContext, words: readonly string[]): LiteralHits | undefined {
  return doc.peek<LiteralHits>(keyOf(words));
}

/**
 * Hands over the occurrences of `words` found by a pass over the whole text:
 * `at[k]` is where word `which[k]` occurs, every occurrence once, in any order.
 */
export function provideLiteralHits(doc: DocContext, words: readonly string[], at: ArrayLike<number>, which: ArrayLike<number>): void {
  const n = words.length;
  const order = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) {
    order[k] = at[k] * n + which[k];
  }
  order.sort();
  const starts: number[] = new Array(order.length);
  const whichOut: number[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const w = order[k] % n;
    whichOut[k] = w;
    starts[k] = (order[k] - w) / n;
  }
  doc.provide(keyOf(words), { starts, which: whichOut });
}

/** Starts of the non-overlapping occurrences a left-to-right search finds (each search going on after the last hit). */
export function leftmostNonOverlapping(hits: LiteralHits, words: readonly string[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (let k = 0; k < hits.starts.length; k++) {
    const s = hits.starts[k];
    if (s >= from) {
      out.push(s);
      from = s + words[hits.which[k]].length;
    }
  }
  return out;
}
