import type { Finding, OffsetEdit } from './types';

/** Two edits clash when their spans overlap, or when both insert at the same point. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
}

/** Index of the first edit of `s` (sorted by start) starting at or after `start`. */
function lowerBound(s: readonly OffsetEdit[], start: number): number {
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

/** Whether `e` clashes with an edit of `s` (sorted by start, pairwise non-clashing): only its two neighbours can. */
function clashesIn(s: readonly OffsetEdit[], e: OffsetEdit): boolean {
  const i = lowerBound(s, e.start);
  return (i < s.length && overlaps(s[i], e)) || (i > 0 && overlaps(s[i - 1], e));
}

/**
 * Accepted edits, pairwise non-clashing. Because they do not clash, at most
 * one starts at any offset and each ends before the next starts, so a new
 * edit can only clash with its two neighbours: O(log n) per test instead of a
 * scan over everything accepted (fix-all on a large document has tens of
 * thousands of edits). Edits arriving in order are appended; the others go to
 * a short sorted list merged in when it grows past four times the square
 * root of the rest (inserting each into one long array made edits in reverse order
 * quadratic: 120 000 took 2.8 s).
 */
class EditSet {
  private main: OffsetEdit[] = [];
  private recent: OffsetEdit[] = [];

  clashes(e: OffsetEdit): boolean {
    return clashesIn(this.main, e) || (this.recent.length > 0 && clashesIn(this.recent, e));
  }

  /** Adds an edit that does not clash (check `clashes` first). */
  add(e: OffsetEdit): void {
    const main = this.main;
    if (main.length === 0 || main[main.length - 1].start < e.start) {
      main.push(e);
      return;
    }
    const recent = this.recent;
    recent.splice(lowerBound(recent, e.start), 0, e);
    if (recent.length > 64 && recent.length * recent.length > 16 * main.length) {
      this.merge();
    }
  }

  /** The accepted edits, sorted by start. */
  sorted(): OffsetEdit[] {
    if (this.recent.length > 0) {
      this.merge();
    }
    return this.main;
  }

  private merge(): void {
    const a = this.main;
    const b = this.recent;
    const out = new Array<OffsetEdit>(a.length + b.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < out.length; k++) {
      out[k] = j >= b.length || (i < a.length && a[i].start < b[j].start) ? a[i++] : b[j++];
    }
    this.main = out;
    this.recent = [];
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
  const sorted = accepted.sorted();
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
      for (const e of own.sorted()) {
        edits.add(e);
      }
    }
  }
  return edits.sorted();
}
