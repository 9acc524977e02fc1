import { DocContext } from '../../src/core/document';
import type { DetectorMatch } from '../../src/core/detectors/types';
import { applyEdits } from '../../src/core/fix';
import type { OffsetEdit } from '../../src/core/types';

export type Run = (doc: DocContext) => DetectorMatch[];

export function docOf(text: string, markdown = false): DocContext {
  return new DocContext(text, { date: '2026-11-22', markdown });
}

/** The matched texts. */
export function hits(run: Run, text: string, markdown = false): string[] {
  return run(docOf(text, markdown)).map(m => text.slice(m.start, m.end));
}

/** The text after applying every match's first fix (as the inline rule tests do). */
export function fixed(run: Run, text: string, markdown = false): string {
  const edits: OffsetEdit[] = [];
  for (const m of run(docOf(text, markdown))) {
    if (m.fixes && m.fixes[0]) {
      edits.push(...m.fixes[0].edits);
    }
  }
  return applyEdits(text, edits).text;
}

/** The text after applying the safe fixes only ("fix all"). */
export function fixedSafe(run: Run, text: string): string {
  const edits: OffsetEdit[] = [];
  for (const m of run(docOf(text))) {
    const f = m.fixes?.find(x => x.safe);
    if (f) {
      edits.push(...f.edits);
    }
  }
  return applyEdits(text, edits).text;
}

/** A seed page by its number (000–004). */
export { seedPage as seed } from '../support/seeds';

/** The line of text around a match, for readable assertions. */
export function around(text: string, m: { start: number; end: number }, radius = 6): string {
  return text.slice(Math.max(0, m.start - radius), Math.min(text.length, m.end + radius));
}
