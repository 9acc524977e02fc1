import type { Finding, OffsetEdit } from './types';

/** Two edits clash when their spans overlap, or when both insert at the same point. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
}

/**
 * Accepted edits, pairwise non-clashing, kept sorted by start. Because they do
 * not clash, at most one starts at any offset and each ends before the next
 * starts, so a new edit can only clash with its two neighbours: O(log n) per
 * test instead of a scan over everything accepted (fix-all on a large
 * document has tens of thousands of edits).
 */
class EditSet {
  readonly sorted: OffsetEdit[] = [];

  /** Index of the first accepted edit starting at or after `start`. */
  private lowerBound(start: number): number {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].start < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  clashes(e: OffsetEdit): boolean {
    const i = this.lowerBound(e.start);
    return (i < this.sorted.length && overlaps(this.sorted[i], e)) || (i > 0 && overlaps(this.sorted[i - 1], e));
  }

  /** Adds an edit that does not clash (check `clashes` first). */
  add(e: OffsetEdit): void {
    const s = this.sorted;
    if (s.length === 0 || s[s.length - 1].start < e.start) {
      s.push(e);
    } else {
      s.splice(this.lowerBound(e.start), 0, e);
    }
  }
}

/**
 * Applies edits to a text. Overlapping edits are dropped (the earlier one in
 * the list wins), so applying never corrupts text outside the edited spans.
 * Returns the new text and the edits actually applied.
 */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): { text: string; applied: OffsetEdit[] } {
  const accepted = new EditSet();
  for (const e of edits) {
    if (e.start < 0 || e.end > text.length || e.start > e.end) {
      continue;
    }
    if (!accepted.clashes(e)) {
      accepted.add(e);
    }
  }
  const sorted = accepted.sorted;
  const out: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    out.push(text.slice(pos, e.start), e.newText);
    pos = e.end;
  }
  out.push(text.slice(pos));
  return { text: out.join(''), applied: sorted };
}

/** The edits of every finding's first safe fix, as one non-overlapping edit list ("fix all"). */
export function safeFixEdits(findings: readonly Finding[]): OffsetEdit[] {
  const edits = new EditSet();
  for (const f of findings) {
    const fix = f.fixes.find(x => x.safe);
    if (!fix) {
      continue;
    }
    // A fix's edits go in together or not at all (also when two of its own edits clash or one is malformed).
    const own = new EditSet();
    let ok = true;
    for (const e of fix.edits) {
      if (!(e.start >= 0 && e.start <= e.end) || edits.clashes(e) || own.clashes(e)) {
        ok = false;
        break;
      }
      own.add(e);
    }
    if (ok) {
      for (const e of own.sorted) {
        edits.add(e);
      }
    }
  }
  return edits.sorted;
}
