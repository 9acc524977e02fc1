import { findDocumentDate, todayIso } from './date';
import { codeUnitsOf } from './text/codeUnits';
import { LineIndex } from './text/lineIndex';
import type { IsoDate } from './types';

export interface DocOptions {
  /**
   * The date to judge the document as of when it gives none itself
   * (CLI `--date`, setting `gongwen.documentDate`). Defaults to today.
   */
  date?: IsoDate;
  /** Markdown source: `*`/`_` may be emphasis, `#` a heading mark. */
  markdown?: boolean;
  /** Genre profile id (see data/genres); undefined = detect / default. */
  genre?: string;
}

/**
 * One document as the checkers see it. Derived data that several checkers
 * need (the outline, paragraphs, …) is computed once through `memo`.
 */
export class DocContext {
  readonly lines: LineIndex;
  /** The date the document carries itself (title block), or null. */
  readonly documentDate: IsoDate | null;
  /** The date the document is judged as of when it has no date of its own. */
  readonly judgedDate: IsoDate;
  /** The date rules are evaluated at: the document's own date, else the judged date. */
  readonly effectiveDate: IsoDate;
  private readonly cache = new Map<string, unknown>();
  private codeUnits: Uint16Array | undefined;

  constructor(
    readonly text: string,
    readonly options: DocOptions = {},
  ) {
    this.lines = new LineIndex(text);
    this.documentDate = findDocumentDate(text)?.date ?? null;
    this.judgedDate = options.date ?? todayIso();
    this.effectiveDate = this.documentDate ?? this.judgedDate;
  }

  /**
   * The text's UTF-16 code units, made at the first call: the loops that look
   * at every character read them rather than `text.charCodeAt` (see
   * `codeUnitsOf`). Read only; shared by every checker of the document.
   */
  get codes(): Uint16Array {
    return (this.codeUnits ??= codeUnitsOf(this.text));
  }

  /** Compute `key` once per document. */
  memo<T>(key: string, compute: (doc: DocContext) => T): T {
    if (this.cache.has(key)) {
      return this.cache.get(key) as T;
    }
    const value = compute(this);
    this.cache.set(key, value);
    return value;
  }

  /** The value of `key` if it was computed or provided already, else undefined (nothing is computed). */
  peek<T>(key: string): T | undefined {
    return this.cache.get(key) as T | undefined;
  }

  /**
   * Hands over the value of `key` found as a by-product of other work (e.g.
   * word positions from the rule set's one pass); a value computed earlier is
   * kept. The value must equal what the key's own computation would give.
   */
  provide<T>(key: string, value: T): void {
    if (!this.cache.has(key)) {
      this.cache.set(key, value);
    }
  }
}
