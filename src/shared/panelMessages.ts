/**
 * Messages between the extension and the comparison panel's webview. Types
 * only: both sides import this file; the runtime checks live in
 * src/core/compare/validate.ts and run on arrival on both sides.
 */
import type { NearParagraphs, PanelModel } from '../core/compare/model';

export type { NearParagraphs, PanelModel } from '../core/compare/model';

/** The panel's UI strings, localised by the extension (Chinese first). */
export type PanelStrings = Record<PanelStringKey, string>;

export type PanelStringKey =
  | 'title'
  | 'loading'
  | 'emptyNoEditor'
  | 'emptyUnsupported'
  | 'emptyDocument'
  | 'emptyCorpus'
  | 'emptyTooLarge'
  | 'errorTitle'
  | 'retry'
  | 'exemplars'
  | 'exemplarsHint'
  | 'score'
  | 'freshOk'
  | 'freshOutdated'
  | 'freshUnknown'
  | 'copyShare'
  | 'pin'
  | 'unpin'
  | 'pinned'
  | 'open'
  | 'compareWith'
  | 'structure'
  | 'draft'
  | 'exemplar'
  | 'missingInDraft'
  | 'extraInDraft'
  | 'matched'
  | 'jump'
  | 'insert'
  | 'insertHint'
  | 'showParagraphs'
  | 'coverage'
  | 'coverageAllPresent'
  | 'coverageMissing'
  | 'coveragePresent'
  | 'coverageCount'
  | 'differences'
  | 'diffNone'
  | 'diffLegendExemplar'
  | 'diffLegendDraft'
  | 'diffStats'
  | 'copy'
  | 'copyNone'
  | 'copySummary'
  | 'copyLong'
  | 'copyRun'
  | 'dateOwn'
  | 'dateJudged'
  | 'unknownDate'
  | 'kind.salutation'
  | 'kind.opening'
  | 'kind.announcement'
  | 'kind.achievements'
  | 'kind.situation'
  | 'kind.tasks'
  | 'kind.requirements'
  | 'kind.closing'
  | 'role.title'
  | 'role.salutation'
  | 'role.opening'
  | 'role.section'
  | 'role.closing'
  | 'role.body'
  | 'near'
  | 'nearEmpty'
  | 'nearNone'
  | 'nearInsert';

export type EmptyReason = 'noEditor' | 'unsupported' | 'emptyDocument' | 'emptyCorpus' | 'tooLarge';

/** Extension → webview. */
export type ToPanelMessage =
  | { type: 'init'; strings: PanelStrings }
  | { type: 'loading'; docName: string }
  | { type: 'empty'; reason: EmptyReason }
  | { type: 'model'; model: PanelModel }
  | { type: 'error'; message: string }
  /** Exemplar paragraphs close to the paragraph under the draft's cursor (sent on cursor moves). */
  | { type: 'near'; near: NearParagraphs };

/** Webview → extension. */
export type FromPanelMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'selectExemplar'; id: string }
  | { type: 'selectPair'; draft: number; exemplar: number }
  | { type: 'jump'; line: number }
  | { type: 'openExemplar'; id: string; line: number }
  | { type: 'insertParagraph'; id: string; paragraph: number }
  | { type: 'pin'; id: string; pinned: boolean };

/** What the webview shows: every message but the string table. */
export type PanelContent = Exclude<ToPanelMessage, { type: 'init' } | { type: 'near' }>;

/** What the webview keeps across hide/show through `getState`/`setState`. */
export interface PanelViewState {
  /** The last string table received, so a re-created view paints at once. */
  strings: PanelStrings | null;
  /** The last content shown (model, empty, loading or error). */
  content: PanelContent | null;
  scrollY: number;
  /** The last "close paragraphs" result. */
  near: NearParagraphs | null;
  /** Sections the user collapsed. */
  collapsed: string[];
  /** Exemplar parts whose paragraphs are expanded. */
  expanded: number[];
  /** The element that had focus (its data-focus-key). */
  focusKey: string | null;
}
