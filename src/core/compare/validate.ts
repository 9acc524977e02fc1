/**
 * Runtime checks for the panel's messages, used on arrival on both sides:
 * the extension validates what the webview sends, the webview validates what
 * the extension sends. A message that fails is dropped (and logged), never
 * half-used. Pure code without imports of runtime modules, so the webview
 * bundle can include it.
 */
import type { EmptyReason, FromPanelMessage, PanelStringKey, PanelStrings, ToPanelMessage } from '../../shared/panelMessages';
import type { NearParagraphs, PanelModel } from './model';

type Obj = Record<string, unknown>;

const MAX_ID = 200;
const MAX_INDEX = 1_000_000;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isStr(v: unknown, max = Infinity): v is string {
  return typeof v === 'string' && v.length <= max;
}
function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_INDEX;
}
function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isShare(v: unknown): v is number {
  return isNum(v) && v >= 0 && v <= 1;
}
function hasOnly(o: Obj, keys: readonly string[]): boolean {
  return Object.keys(o).every(k => keys.includes(k));
}

/** The webview's message as a typed value, or null when it is malformed. */
export function parseFromPanel(raw: unknown): FromPanelMessage | null {
  if (!isObj(raw) || !isStr(raw.type)) {
    return null;
  }
  const m = raw;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return hasOnly(m, ['type']) ? { type: m.type } : null;
    case 'selectExemplar':
      return hasOnly(m, ['type', 'id']) && isStr(m.id, MAX_ID) && m.id.length > 0 ? { type: m.type, id: m.id } : null;
    case 'selectPair':
      return hasOnly(m, ['type', 'draft', 'exemplar']) && isIndex(m.draft) && isIndex(m.exemplar)
        ? { type: m.type, draft: m.draft, exemplar: m.exemplar }
        : null;
    case 'jump':
      return hasOnly(m, ['type', 'line']) && isIndex(m.line) ? { type: m.type, line: m.line } : null;
    case 'openExemplar':
      return hasOnly(m, ['type', 'id', 'line']) && isStr(m.id, MAX_ID) && m.id.length > 0 && isIndex(m.line)
        ? { type: m.type, id: m.id, line: m.line }
        : null;
    case 'insertParagraph':
      return hasOnly(m, ['type', 'id', 'paragraph']) && isStr(m.id, MAX_ID) && m.id.length > 0 && isIndex(m.paragraph)
        ? { type: m.type, id: m.id, paragraph: m.paragraph }
        : null;
    case 'pin':
      return hasOnly(m, ['type', 'id', 'pinned']) && isStr(m.id, MAX_ID) && m.id.length > 0 && typeof m.pinned === 'boolean'
        ? { type: m.type, id: m.id, pinned: m.pinned }
        : null;
    default:
      return null;
  }
}

const EMPTY_REASONS: readonly EmptyReason[] = ['noEditor', 'unsupported', 'emptyDocument', 'emptyCorpus', 'tooLarge'];

/** Every key the panel needs a string for (checked at runtime when the table arrives). */
export const PANEL_STRING_KEYS: readonly PanelStringKey[] = [
  'title', 'loading', 'emptyNoEditor', 'emptyUnsupported', 'emptyDocument', 'emptyCorpus', 'emptyTooLarge', 'errorTitle', 'retry',
  'exemplars', 'exemplarsHint', 'score', 'freshOk', 'freshOutdated', 'freshUnknown', 'copyShare', 'pin', 'unpin', 'pinned',
  'open', 'compareWith', 'structure', 'draft', 'exemplar', 'missingInDraft', 'extraInDraft', 'matched', 'jump', 'insert',
  'insertHint', 'showParagraphs', 'coverage', 'coverageAllPresent', 'coverageMissing', 'coveragePresent', 'coverageCount',
  'differences', 'diffNone', 'diffLegendExemplar', 'diffLegendDraft', 'diffStats', 'copy', 'copyNone', 'copySummary',
  'copyLong', 'copyRun', 'dateOwn', 'dateJudged', 'unknownDate',
  'kind.salutation', 'kind.opening', 'kind.announcement', 'kind.achievements', 'kind.situation', 'kind.tasks',
  'kind.requirements', 'kind.closing',
  'role.title', 'role.salutation', 'role.opening', 'role.section', 'role.closing', 'role.body',
  'near', 'nearEmpty', 'nearNone', 'nearInsert',
];

const KINDS = ['salutation', 'opening', 'announcement', 'achievements', 'situation', 'tasks', 'requirements', 'closing'];
const ROLES = ['title', 'salutation', 'opening', 'section', 'closing', 'body'];

function isStrings(v: unknown): v is PanelStrings {
  return isObj(v) && PANEL_STRING_KEYS.every(k => isStr(v[k], 2000));
}

function isArrayOf<T>(v: unknown, item: (x: unknown) => x is T, max = 100_000): v is T[] {
  return Array.isArray(v) && v.length <= max && v.every(item);
}

function isExemplarSummary(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.id, MAX_ID) &&
    isStr(v.title) &&
    (v.date === null || isStr(v.date, 40)) &&
    isStr(v.occasion) &&
    isStr(v.speaker) &&
    isStr(v.source) &&
    isShare(v.score) &&
    (v.outdated === null || isIndex(v.outdated)) &&
    isArrayOf(v.outdatedSamples, (x): x is string => isStr(x), 20) &&
    isShare(v.copyShare) &&
    typeof v.pinned === 'boolean'
  );
}

function isPartView(v: unknown): v is Obj {
  return (
    isObj(v) &&
    isIndex(v.index) &&
    isStr(v.role) &&
    ROLES.includes(v.role) &&
    isStr(v.title) &&
    isArrayOf(v.kinds, (x): x is string => isStr(x) && KINDS.includes(x), KINDS.length) &&
    isIndex(v.line) &&
    isIndex(v.start) &&
    isIndex(v.end) &&
    isIndex(v.chars)
  );
}

function isExemplarPartView(v: unknown): boolean {
  return (
    isPartView(v) &&
    isArrayOf(v.paragraphs, (p): p is Obj => isObj(p) && isIndex(p.index) && isIndex(p.line) && isStr(p.text))
  );
}

function isNullableIndex(v: unknown): boolean {
  return v === null || isIndex(v);
}

function isAlignmentRow(v: unknown): boolean {
  return (
    isObj(v) &&
    isNullableIndex(v.draft) &&
    isNullableIndex(v.exemplar) &&
    isShare(v.similarity) &&
    (v.status === 'matched' || v.status === 'missing' || v.status === 'extra') &&
    (v.status !== 'matched' || (v.draft !== null && v.exemplar !== null)) &&
    (v.status !== 'missing' || (v.draft === null && v.exemplar !== null)) &&
    (v.status !== 'extra' || (v.draft !== null && v.exemplar === null))
  );
}

function isCoverageItem(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.kind) &&
    KINDS.includes(v.kind) &&
    typeof v.inDraft === 'boolean' &&
    isIndex(v.exemplars) &&
    isIndex(v.of) &&
    typeof v.missing === 'boolean'
  );
}

function isSegment(v: unknown): v is [number, string] {
  return Array.isArray(v) && v.length === 2 && (v[0] === -1 || v[0] === 0 || v[0] === 1) && isStr(v[1]);
}

function isPairDiff(v: unknown): boolean {
  return (
    isObj(v) &&
    isIndex(v.draft) &&
    isIndex(v.exemplar) &&
    isShare(v.similarity) &&
    isArrayOf(v.segments, isSegment, 1_000_000) &&
    isIndex(v.equal) &&
    isIndex(v.deleted) &&
    isIndex(v.inserted) &&
    isShare(v.ratio)
  );
}

function isCopyView(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.exemplarId, MAX_ID) &&
    isShare(v.share) &&
    isIndex(v.copiedChars) &&
    isIndex(v.draftChars) &&
    isIndex(v.longRuns) &&
    isArrayOf(
      v.runs,
      (r): r is Obj =>
        isObj(r) &&
        isIndex(r.start) &&
        isIndex(r.end) &&
        isIndex(r.line) &&
        isIndex(r.sourceLine) &&
        isIndex(r.length) &&
        typeof r.long === 'boolean' &&
        isStr(r.text),
      1000,
    )
  );
}

/** Whether a value has the full shape of a `PanelModel`. */
export function isPanelModel(v: unknown): v is PanelModel {
  return (
    isObj(v) &&
    isStr(v.docUri) &&
    isStr(v.docName) &&
    isNum(v.docVersion) &&
    isStr(v.draftDate, 40) &&
    typeof v.dateFromDocument === 'boolean' &&
    isIndex(v.corpusSize) &&
    isArrayOf(v.exemplars, (x): x is Obj => isExemplarSummary(x), 1000) &&
    (v.selected === null || isStr(v.selected, MAX_ID)) &&
    isArrayOf(v.draftParts, isPartView) &&
    isArrayOf(v.exemplarParts, (x): x is Obj => isExemplarPartView(x)) &&
    isArrayOf(v.alignment, (x): x is Obj => isAlignmentRow(x)) &&
    isArrayOf(v.coverage, (x): x is Obj => isCoverageItem(x), KINDS.length) &&
    (v.diff === null || isPairDiff(v.diff)) &&
    (v.copy === null || isCopyView(v.copy)) &&
    isNum(v.elapsedMs)
  );
}

/** Whether a value has the shape of the "close paragraphs" section. */
export function isNearParagraphs(v: unknown): v is NearParagraphs {
  return (
    isObj(v) &&
    isStr(v.query, 4000) &&
    isArrayOf(
      v.hits,
      (h): h is Obj =>
        isObj(h) &&
        isStr(h.id, MAX_ID) &&
        h.id.length > 0 &&
        isStr(h.title, 2000) &&
        isShare(h.score) &&
        isStr(h.text, 4000) &&
        isIndex(h.line) &&
        isIndex(h.paragraph),
      20,
    )
  );
}

/** The extension's message as a typed value, or null when it is malformed. */
export function parseToPanel(raw: unknown): ToPanelMessage | null {
  if (!isObj(raw) || !isStr(raw.type)) {
    return null;
  }
  const m = raw;
  switch (m.type) {
    case 'init':
      return isStrings(m.strings) ? { type: 'init', strings: m.strings } : null;
    case 'loading':
      return isStr(m.docName) ? { type: 'loading', docName: m.docName } : null;
    case 'empty':
      return isStr(m.reason) && (EMPTY_REASONS as readonly string[]).includes(m.reason)
        ? { type: 'empty', reason: m.reason as EmptyReason }
        : null;
    case 'model':
      return isPanelModel(m.model) ? { type: 'model', model: m.model } : null;
    case 'error':
      return isStr(m.message, 5000) ? { type: 'error', message: m.message } : null;
    case 'near':
      return isNearParagraphs(m.near) ? { type: 'near', near: m.near } : null;
    default:
      return null;
  }
}
