/**
 * Freshness of an exemplar: how many of its formulations are outdated as of
 * the draft's date (so nobody copies a 2005 phrase into a 2026 speech). The
 * exemplar is checked by the same linter as the draft, but judged as of the
 * draft's date even when it carries its own date.
 */
import type { Linter } from '../check';
import { DocContext } from '../document';
import type { IsoDate } from '../types';
import type { Freshness } from './panel';

/** A document judged as of a fixed date, whatever date it gives itself. */
class AsOfDocument extends DocContext {
  override readonly effectiveDate: IsoDate;

  constructor(text: string, date: IsoDate) {
    super(text, { date });
    this.effectiveDate = date;
  }
}

/** Outdated formulations (category `formulation`) in `text` as of `date`, with up to five distinct samples. */
export function outdatedFormulations(linter: Linter, text: string, date: IsoDate): Freshness {
  const { findings } = linter.checkDoc(new AsOfDocument(text, date));
  const hits = findings.filter(f => f.category === 'formulation');
  const samples: string[] = [];
  for (const f of hits) {
    const s = text.slice(f.start, f.end);
    if (s && !samples.includes(s) && samples.length < 5) {
      samples.push(s);
    }
  }
  return { count: hits.length, samples };
}
