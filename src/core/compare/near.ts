/**
 * "Exemplar paragraphs close to the paragraph under the cursor": picks the
 * cursor's paragraph and turns the corpus paragraph search into the panel's
 * view model (title, similarity, text, and where to open or insert it).
 */
import type { NearParagraphHit, NearParagraphs } from './model';
import { splitParagraphs } from './text';

/** Lines shorter than this (after trimming) are headings or fragments, not paragraphs worth searching. */
export const MIN_QUERY_CHARS = 8;
/** Longest paragraph text sent to the panel. */
const MAX_TEXT = 4000;

/** The paragraph search the section needs (`CorpusIndex.searchParagraphs`). */
export interface ParagraphSearcher {
  searchParagraphs(
    text: string,
    options: { top?: number; bodyOnly?: boolean },
  ): { speech: { id: string; title: string; text: string }; paragraph: { start: number; text: string }; score: number }[];
}

/** The searchable paragraph on a line of the draft, or null (blank, or a heading/fragment too short to search). */
export function cursorParagraph(lineText: string): string | null {
  const text = lineText.replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g, '');
  return [...text].length >= MIN_QUERY_CHARS ? text : null;
}

/** The closest exemplar paragraphs to `query` (null: no paragraph at the cursor, an empty result). */
export function nearParagraphs(searcher: ParagraphSearcher, query: string | null, top = 5): NearParagraphs {
  if (query === null) {
    return { query: '', hits: [] };
  }
  const hits: NearParagraphHit[] = [];
  for (const h of searcher.searchParagraphs(query, { top, bodyOnly: true })) {
    const paragraphs = splitParagraphs(h.speech.text);
    const at = h.paragraph.start;
    const index = paragraphs.findIndex(p => at < p.end && at + h.paragraph.text.length > p.start);
    if (index < 0) {
      continue; // not a paragraph the insert action can address
    }
    hits.push({
      id: h.speech.id,
      title: h.speech.title,
      score: Math.min(1, Math.max(0, h.score)),
      text: paragraphs[index].text.slice(0, MAX_TEXT),
      line: lineOf(h.speech.text, paragraphs[index].start),
      paragraph: index,
    });
  }
  return { query: query.slice(0, MAX_TEXT), hits };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}
