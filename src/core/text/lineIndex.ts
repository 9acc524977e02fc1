import type { Position, Range } from '../types';

/**
 * Maps UTF-16 offsets to zero-based line/character positions and back.
 * Line breaks are `\r\n`, `\n` and a lone `\r`, as in VS Code.
 * Built once per document in O(n); each lookup is O(log lines).
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // The common case: only \n (native search).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) {
          i++;
        }
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line that contains `offset` (clamped to the document). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    if (offset <= 0) {
      return 0;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    // An offset inside a \r\n pair belongs to the end of its line.
    const character = Math.min(o, this.lineEnd(line)) - this.lineStarts[line];
    return { line, character };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) {
      return 0;
    }
    if (pos.line >= this.lineStarts.length) {
      return this.text.length;
    }
    const start = this.lineStarts[pos.line];
    return Math.max(start, Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line)));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && line + 1 < this.lineStarts.length) {
      end--; // \n or lone \r
      if (end > this.lineStarts[line] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) {
        end--;
      }
    }
    return end;
  }

  /** The text of `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }
}
