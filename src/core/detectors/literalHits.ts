import type { DocContext } from '../document';
import { decodeHits, LiteralFinder, type LiteralHits } from './chars';

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

/** The memo key of each word list, made once per list (the lists are constants; a key is long and hashed on every use). */
const keys = new WeakMap<readonly string[], string>();

/** The document memo key of a word list: equal lists (the same words in the same order) share it. */
export function literalHitsKey(words: readonly string[]): string {
  let key = keys.get(words);
  if (key === undefined) {
    key = `literalHits:${words.join('\u0001')}`;
    keys.set(words, key);
  }
  return key;
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
  const key = literalHitsKey(words);
  return doc.memo(key, d => finderFor(key, words).find(d.text));
}

/** The occurrences of `words` when they are known already (provided or computed), else undefined. */
export function knownLiteralHits(doc: DocContext, words: readonly string[]): LiteralHits | undefined {
  return doc.peek<LiteralHits>(literalHitsKey(words));
}

/**
 * Hands over the occurrences of `words` found by a pass over the whole text:
 * `at[k]` is where word `which[k]` occurs, every occurrence once, in any order.
 */
export function provideLiteralHits(doc: DocContext, words: readonly string[], at: ArrayLike<number>, which: ArrayLike<number>): void {
  const n = words.length;
  const keys: number[] = new Array(at.length);
  for (let k = 0; k < at.length; k++) {
    keys[k] = at[k] * n + which[k];
  }
  doc.provide(literalHitsKey(words), decodeHits(keys, n));
}

/** The occurrences a left-to-right search finds: none overlaps the one before (each search goes on after the last hit). */
export function leftmostNonOverlapping(hits: LiteralHits, words: readonly string[]): LiteralHits {
  const starts: number[] = [];
  const which: number[] = [];
  let from = 0;
  for (let k = 0; k < hits.starts.length; k++) {
    const s = hits.starts[k];
    if (s >= from) {
      starts.push(s);
      which.push(hits.which[k]);
      from = s + words[hits.which[k]].length;
    }
  }
  return { starts, which };
}
