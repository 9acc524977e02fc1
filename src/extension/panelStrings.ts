/**
 * The comparison panel's UI strings. The extension localises them with
 * `vscode.l10n` (translations in l10n/bundle.l10n.*.json) and sends the table
 * to the webview in its `init` message. `{0}`, `{1}` are filled in by the
 * webview. No `vscode` import here, so tests can build the table too.
 */
import { PANEL_MAX_CHARS } from '../core/compare/panel';
import type { PanelStrings } from '../shared/panelMessages';

/** The subset of `vscode.l10n` used here. */
export interface Localizer {
  t(message: string, ...args: (string | number)[]): string;
}

export function panelStrings(l10n: Localizer): PanelStrings {
  return {
    title: l10n.t('Compare with exemplars'),
    loading: l10n.t('Comparing with the exemplars…'),
    emptyNoEditor: l10n.t('Open a draft speech to compare it with the closest exemplars.'),
    emptyUnsupported: l10n.t('The active document is not a draft Gongwen checks (setting gongwen.languages).'),
    emptyDocument: l10n.t('The draft is empty. Start writing, and the closest exemplars appear here.'),
    emptyCorpus: l10n.t('The exemplar corpus is empty or could not be loaded. See the log for details.'),
    emptyTooLarge: l10n.t(
      'The draft is longer than {0} characters: comparing it here would hold up the editor. Copy the part you want to compare into a new draft.',
      PANEL_MAX_CHARS.toLocaleString('en-US'),
    ),
    errorTitle: l10n.t('The comparison failed'),
    retry: l10n.t('Try again'),
    exemplars: l10n.t('Closest exemplars'),
    exemplarsHint: l10n.t('{0} exemplars in the corpus; draft judged as of {1}'),
    score: l10n.t('Similarity {0}'),
    freshOk: l10n.t('No outdated formulations as of {0}'),
    freshOutdated: l10n.t('{0} outdated formulations as of {1}'),
    freshUnknown: l10n.t('Freshness not checked'),
    copyShare: l10n.t('Copied {0}'),
    pin: l10n.t('Pin'),
    unpin: l10n.t('Unpin'),
    pinned: l10n.t('Pinned'),
    open: l10n.t('Open read-only'),
    compareWith: l10n.t('Compare with this exemplar'),
    structure: l10n.t('Structure side by side'),
    draft: l10n.t('Draft'),
    exemplar: l10n.t('Exemplar'),
    missingInDraft: l10n.t('Missing in the draft'),
    extraInDraft: l10n.t('Only in the draft'),
    matched: l10n.t('Aligned, similarity {0}'),
    jump: l10n.t('Go to this part in the draft'),
    insert: l10n.t('Insert at cursor'),
    insertHint: l10n.t('Insert this exemplar paragraph at the cursor in the draft'),
    showParagraphs: l10n.t('Paragraphs'),
    coverage: l10n.t('Coverage of standard parts'),
    coverageAllPresent: l10n.t('The draft has every standard part that most of the closest exemplars have.'),
    coverageMissing: l10n.t('Missing'),
    coveragePresent: l10n.t('Present'),
    coverageCount: l10n.t('in {0} of {1} exemplars'),
    differences: l10n.t('Differences'),
    diffNone: l10n.t('No aligned pair of parts to compare.'),
    diffLegendExemplar: l10n.t('only in the exemplar'),
    diffLegendDraft: l10n.t('only in the draft'),
    diffStats: l10n.t('{0} identical characters ({1})'),
    copy: l10n.t('Copied verbatim'),
    copyNone: l10n.t('No passage of the draft is copied verbatim from this exemplar.'),
    copySummary: l10n.t('{0} of the draft ({1} characters) is copied verbatim from this exemplar'),
    copyLong: l10n.t('{0} long copied passages: rewrite them in your own words'),
    copyRun: l10n.t('{0} characters, line {1}'),
    dateOwn: l10n.t('the draft’s date'),
    dateJudged: l10n.t('the judged date'),
    unknownDate: l10n.t('date unknown'),
    'kind.salutation': l10n.t('Salutation'),
    'kind.opening': l10n.t('Opening purpose'),
    'kind.announcement': l10n.t('Announcement of the points'),
    'kind.achievements': l10n.t('Review of achievements'),
    'kind.situation': l10n.t('Analysis of the situation'),
    'kind.tasks': l10n.t('Tasks'),
    'kind.requirements': l10n.t('Requirements'),
    'kind.closing': l10n.t('Closing call'),
    'role.title': l10n.t('Title'),
    'role.salutation': l10n.t('Salutation'),
    'role.opening': l10n.t('Opening'),
    'role.section': l10n.t('Section'),
    'role.closing': l10n.t('Closing'),
    'role.body': l10n.t('Paragraph'),
    near: l10n.t('Exemplar paragraphs close to the paragraph at the cursor'),
    nearEmpty: l10n.t('Put the cursor in a paragraph, and the close paragraphs from the exemplars are listed here.'),
    nearNone: l10n.t('No exemplar paragraph is close to the paragraph at the cursor.'),
    nearInsert: l10n.t('Insert'),
  };
}
