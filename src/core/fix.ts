import type { Finding, OffsetEdit } from './types';

/** Two edits clash when their spans overlap, or when both insert at the same point. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
}

/**
 * Applies edits to a text. Overlapping edits are dropped (the earlier one in
 * the list wins), so applying never corrupts text outside the edited spans.
 * Returns the new text and the edits actually applied.
 */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): { text: string; applied: OffsetEdit[] } {
  const accepted: OffsetEdit[] = [];
  for (const e of edits) {
    if (e.start < 0 || e.end > text.length || e.start > e.end) {
      continue;
    }
    const clash = accepted.some(a => overlaps(a, e));
    if (!clash) {
      accepted.push(e);
    }
  }
  const sorted = [...accepted].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied: sorted };
}

/** The edits of every finding's first safe fix, as one non-overlapping edit list ("fix all"). */
export function safeFixEdits(findings: readonly Finding[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find(x => x.safe);
    if (!fix) {
      continue;
    }
    // A fix's edits go in together or not at all.
    const clash = fix.edits.some(e => edits.some(a => overlaps(a, e)));
    if (!clash) {
      edits.push(...fix.edits);
    }
  }
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}
