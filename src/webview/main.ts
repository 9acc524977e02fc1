/**
 * The comparison panel's browser program. It renders what the extension
 * sends and posts the writer's actions back. Every text from a draft or a
 * corpus file goes into the DOM through `textContent` or attribute setters,
 * never as markup; messages are validated on arrival.
 */
import type { CopyView, ExemplarPartView, ExemplarSummary, NearParagraphs, PairDiff, PanelModel, PartView } from '../core/compare/model';
import { isNearParagraphs, parseToPanel } from '../core/compare/validate';
import type {
  EmptyReason,
  FromPanelMessage,
  PanelContent,
  PanelStringKey,
  PanelViewState,
} from '../shared/panelMessages';

interface VsCodeApi<S> {
  postMessage(message: FromPanelMessage): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

const vscode = acquireVsCodeApi<PanelViewState>();
const root = document.getElementById('app') as HTMLElement;
const state: PanelViewState = restoreState(vscode.getState());

/** Restores the saved state, dropping whatever does not validate (e.g. from an older version). */
function restoreState(saved: unknown): PanelViewState {
  const empty: PanelViewState = { strings: null, content: null, near: null, scrollY: 0, collapsed: [], expanded: [], focusKey: null };
  if (typeof saved !== 'object' || saved === null) {
    return empty;
  }
  const s = saved as Partial<PanelViewState>;
  const init = parseToPanel({ type: 'init', strings: s.strings });
  const content = s.content ? parseToPanel(s.content) : null;
  return {
    strings: init && init.type === 'init' ? init.strings : null,
    content: content && content.type !== 'init' && content.type !== 'near' ? content : null,
    near: isNearParagraphs(s.near) ? s.near : null,
    scrollY: typeof s.scrollY === 'number' && Number.isFinite(s.scrollY) ? s.scrollY : 0,
    collapsed: Array.isArray(s.collapsed) ? s.collapsed.filter((x): x is string => typeof x === 'string') : [],
    expanded: Array.isArray(s.expanded) ? s.expanded.filter((x): x is number => Number.isInteger(x)) : [],
    focusKey: typeof s.focusKey === 'string' ? s.focusKey : null,
  };
}

function save(): void {
  vscode.setState(state);
}

function post(message: FromPanelMessage): void {
  vscode.postMessage(message);
}

/** A localised string with `{0}`, `{1}` … filled in. */
function t(key: PanelStringKey, ...args: (string | number)[]): string {
  const template = state.strings ? state.strings[key] : key;
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

// ---------------------------------------------------------------------------
// DOM helpers: text only, never markup.

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) {
      node.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

function button(
  label: string,
  focusKey: string,
  onClick: () => void,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-focus-key': focusKey, ...attrs }, ...(children.length ? children : [label]));
  if (children.length) {
    b.setAttribute('aria-label', label);
  }
  b.addEventListener('click', onClick);
  return b;
}

/** A collapsible section; its open state survives hide/show. */
function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const details = el('details', { id: `section-${id}`, class: 'section' });
  details.open = !state.collapsed.includes(id);
  const summary = el('summary', { 'data-focus-key': `section:${id}` }, el('h2', {}, title));
  details.append(summary, ...children.filter((c): c is Node | string => !!c));
  details.addEventListener('toggle', () => {
    state.collapsed = state.collapsed.filter(x => x !== id);
    if (!details.open) {
      state.collapsed.push(id);
    }
    save();
  });
  return details;
}

// ---------------------------------------------------------------------------
// Rendering.

function render(): void {
  const focused = (document.activeElement as HTMLElement | null)?.getAttribute('data-focus-key') ?? state.focusKey;
  root.replaceChildren();
  const content = state.content;
  document.title = t('title');
  if (!state.strings) {
    root.append(statusBlock('loading', '…'));
  } else if (!content || content.type === 'loading') {
    root.append(statusBlock('loading', t('loading'), content && content.type === 'loading' ? content.docName : undefined));
  } else if (content.type === 'empty') {
    root.append(statusBlock('empty', t(emptyKey(content.reason))));
  } else if (content.type === 'error') {
    const retry = button(t('retry'), 'retry', () => post({ type: 'refresh' }));
    root.append(statusBlock('error', t('errorTitle'), content.message, retry));
  } else {
    root.append(...renderModel(content.model));
  }
  // Put focus back where it was, but never take it from the editor while the writer types.
  if (focused && document.hasFocus()) {
    const target = root.querySelector<HTMLElement>(`[data-focus-key="${cssEscape(focused)}"]`);
    target?.focus({ preventScroll: true });
  }
}

function cssEscape(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}

function emptyKey(reason: EmptyReason): PanelStringKey {
  switch (reason) {
    case 'noEditor':
      return 'emptyNoEditor';
    case 'unsupported':
      return 'emptyUnsupported';
    case 'emptyDocument':
      return 'emptyDocument';
    case 'emptyCorpus':
      return 'emptyCorpus';
    case 'tooLarge':
      return 'emptyTooLarge';
  }
}

function statusBlock(kind: 'loading' | 'empty' | 'error', title: string, detail?: string, action?: HTMLElement): HTMLElement {
  return el(
    'div',
    { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'aria-live': 'polite', 'aria-busy': kind === 'loading' ? 'true' : undefined },
    kind === 'loading' ? el('div', { class: 'progress', 'aria-hidden': 'true' }) : null,
    el('p', { class: 'status-title' }, title),
    detail ? el('p', { class: 'status-detail' }, detail) : null,
    action ?? null,
  );
}

function renderModel(model: PanelModel): Node[] {
  const header = el(
    'header',
    { class: 'doc' },
    el('h1', {}, model.docName),
    el(
      'p',
      { class: 'meta' },
      t('exemplarsHint', model.corpusSize, `${model.draftDate}（${model.dateFromDocument ? t('dateOwn') : t('dateJudged')}）`),
    ),
  );
  const selected = model.exemplars.find(e => e.id === model.selected) ?? null;
  return [
    header,
    section('exemplars', t('exemplars'), renderExemplars(model)),
    section('near', t('near'), renderNear(state.near)),
    section('coverage', t('coverage'), renderCoverage(model)),
    section('structure', selected ? `${t('structure')} · ${selected.title}` : t('structure'), renderStructure(model, selected)),
    section('diff', t('differences'), renderDiff(model, model.diff)),
    section('copy', t('copy'), renderCopy(model.copy)),
  ];
}

function renderExemplars(model: PanelModel): HTMLElement {
  if (model.exemplars.length === 0) {
    return el('p', { class: 'muted' }, t('emptyCorpus'));
  }
  const list = el('ul', { class: 'exemplars', 'aria-label': t('exemplars') });
  for (const e of model.exemplars) {
    list.append(renderExemplar(model, e));
  }
  return list;
}

function renderExemplar(model: PanelModel, e: ExemplarSummary): HTMLElement {
  const isSelected = e.id === model.selected;
  const metaParts = [e.date ?? t('unknownDate'), e.occasion, e.speaker].filter(Boolean);
  const select = button(
    `${t('compareWith')}：${e.title}`,
    `ex:${e.id}:select`,
    () => post({ type: 'selectExemplar', id: e.id }),
    { class: 'exemplar-select', 'aria-pressed': String(isSelected) },
    el('span', { class: 'exemplar-title' }, e.title),
    el('span', { class: 'exemplar-meta' }, metaParts.join(' · ')),
  );
  const badges = el('div', { class: 'badges' });
  badges.append(el('span', { class: 'badge badge-score', title: t('score', percent(e.score)) }, t('score', percent(e.score))));
  if (e.outdated === null) {
    badges.append(el('span', { class: 'badge badge-unknown' }, t('freshUnknown')));
  } else if (e.outdated === 0) {
    badges.append(el('span', { class: 'badge badge-fresh' }, t('freshOk', model.draftDate)));
  } else {
    const label = t('freshOutdated', e.outdated, model.draftDate);
    badges.append(
      el('span', { class: 'badge badge-outdated', title: `${label}：${e.outdatedSamples.join('、')}` }, label),
    );
  }
  if (e.copyShare > 0) {
    badges.append(el('span', { class: `badge ${e.copyShare >= 0.2 ? 'badge-outdated' : 'badge-unknown'}` }, t('copyShare', percent(e.copyShare))));
  }
  const actions = el(
    'div',
    { class: 'actions' },
    button(e.pinned ? t('unpin') : t('pin'), `ex:${e.id}:pin`, () => post({ type: 'pin', id: e.id, pinned: !e.pinned }), {
      class: 'secondary',
      'aria-pressed': String(e.pinned),
      'aria-label': `${e.pinned ? t('unpin') : t('pin')}：${e.title}`,
    }),
    button(t('open'), `ex:${e.id}:open`, () => post({ type: 'openExemplar', id: e.id, line: 0 }), {
      class: 'secondary',
      'aria-label': `${t('open')}：${e.title}`,
    }),
  );
  return el(
    'li',
    { class: `exemplar${isSelected ? ' selected' : ''}${e.pinned ? ' pinned' : ''}`, 'data-id': e.id },
    select,
    e.source ? el('span', { class: 'exemplar-source' }, e.source) : null,
    badges,
    actions,
  );
}

function renderNear(near: NearParagraphs | null): HTMLElement {
  if (!near || !near.query) {
    return el('p', { class: 'muted near-empty' }, t('nearEmpty'));
  }
  if (near.hits.length === 0) {
    return el('p', { class: 'muted near-empty' }, t('nearNone'));
  }
  const list = el('ol', { class: 'near', 'aria-label': t('near') });
  near.hits.forEach((h, k) => {
    list.append(
      el(
        'li',
        {},
        el('p', { class: 'near-meta' }, el('span', { class: 'near-title' }, h.title), ' · ', t('score', percent(h.score))),
        el('p', { class: 'paragraph-text' }, h.text),
        el(
          'div',
          { class: 'actions' },
          button(
            t('nearInsert'),
            `near:${k}:insert`,
            () => post({ type: 'insertParagraph', id: h.id, paragraph: h.paragraph }),
            { class: 'secondary', title: t('insertHint'), 'aria-label': `${t('insertHint')}：${h.text.slice(0, 30)}` },
          ),
          button(
            t('open'),
            `near:${k}:open`,
            () => post({ type: 'openExemplar', id: h.id, line: h.line }),
            { class: 'secondary', 'aria-label': `${t('open')}：${h.title}` },
          ),
        ),
      ),
    );
  });
  return list;
}

function renderCoverage(model: PanelModel): HTMLElement {
  const missing = model.coverage.filter(c => c.missing);
  const list = el('ul', { class: 'coverage', 'aria-label': t('coverage') });
  for (const c of model.coverage) {
    const status = c.missing ? t('coverageMissing') : c.inDraft ? t('coveragePresent') : '—';
    list.append(
      el(
        'li',
        { class: `coverage-item${c.missing ? ' missing' : c.inDraft ? ' present' : ''}`, 'data-kind': c.kind },
        el('span', { class: 'coverage-status' }, status),
        el('span', { class: 'coverage-kind' }, t(`kind.${c.kind}` as PanelStringKey)),
        el('span', { class: 'muted' }, t('coverageCount', c.exemplars, c.of)),
      ),
    );
  }
  const wrap = el('div', {});
  if (missing.length === 0) {
    wrap.append(el('p', { class: 'ok' }, t('coverageAllPresent')));
  }
  wrap.append(list);
  return wrap;
}

function partLabel(p: PartView): string {
  const kinds = p.kinds.map(k => t(`kind.${k}` as PanelStringKey)).join('、');
  return kinds ? `${p.title}（${kinds}）` : p.title;
}

function renderStructure(model: PanelModel, selected: ExemplarSummary | null): HTMLElement {
  if (!selected) {
    return el('p', { class: 'muted' }, t('diffNone'));
  }
  const table = el('table', { class: 'structure' });
  table.append(
    el('caption', { class: 'visually-hidden' }, `${t('structure')}：${t('draft')} / ${t('exemplar')}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('draft')), el('th', { scope: 'col' }, t('exemplar')))),
  );
  const body = el('tbody', {});
  model.alignment.forEach((row, r) => {
    const d = row.draft !== null ? model.draftParts[row.draft] : undefined;
    const x = row.exemplar !== null ? model.exemplarParts[row.exemplar] : undefined;
    const isDiffed = model.diff !== null && row.draft === model.diff.draft && row.exemplar === model.diff.exemplar;
    const tr = el('tr', { class: `row-${row.status}${isDiffed ? ' diffed' : ''}` });
    // Draft cell.
    const dc = el('td', { class: 'part draft-part' });
    if (d) {
      dc.append(
        button(`${t('jump')}：${d.title}`, `row:${r}:jump`, () => post({ type: 'jump', line: d.line }), { class: 'link part-title' }, partLabel(d)),
      );
      if (row.status === 'extra') {
        dc.append(el('span', { class: 'tag tag-extra' }, t('extraInDraft')));
      }
    } else {
      dc.append(el('span', { class: 'tag tag-missing' }, t('missingInDraft')));
    }
    // Exemplar cell.
    const xc = el('td', { class: 'part exemplar-part' });
    if (x) {
      xc.append(el('span', { class: 'part-title' }, partLabel(x)));
      const tools = el('div', { class: 'actions' });
      if (row.status === 'matched' && d) {
        tools.append(
          button(t('differences'), `row:${r}:diff`, () => post({ type: 'selectPair', draft: d.index, exemplar: x.index }), {
            class: 'secondary',
            'aria-pressed': String(isDiffed),
            'aria-label': `${t('differences')}：${d.title} / ${x.title}`,
          }),
          el('span', { class: 'muted' }, t('matched', percent(row.similarity))),
        );
      }
      const expanded = state.expanded.includes(x.index);
      tools.append(
        button(t('showParagraphs'), `row:${r}:paras`, () => toggleParagraphs(x.index), {
          class: 'secondary',
          'aria-expanded': String(expanded),
          'aria-label': `${t('showParagraphs')}：${x.title}`,
        }),
        button(t('open'), `row:${r}:open`, () => post({ type: 'openExemplar', id: selected.id, line: x.line }), {
          class: 'secondary',
          'aria-label': `${t('open')}：${x.title}`,
        }),
      );
      xc.append(tools);
      if (expanded) {
        xc.append(renderParagraphs(selected, x));
      }
    } else {
      xc.append(el('span', { class: 'muted' }, '—'));
    }
    tr.append(dc, xc);
    body.append(tr);
  });
  table.append(body);
  return table;
}

function toggleParagraphs(index: number): void {
  state.expanded = state.expanded.includes(index) ? state.expanded.filter(i => i !== index) : [...state.expanded, index];
  save();
  render();
}

function renderParagraphs(selected: ExemplarSummary, part: ExemplarPartView): HTMLElement {
  const list = el('ol', { class: 'paragraphs', 'aria-label': `${t('showParagraphs')}：${part.title}` });
  for (const p of part.paragraphs) {
    list.append(
      el(
        'li',
        {},
        el('p', { class: 'paragraph-text' }, p.text),
        button(
          t('insert'),
          `para:${p.index}:insert`,
          () => post({ type: 'insertParagraph', id: selected.id, paragraph: p.index }),
          { class: 'secondary', title: t('insertHint'), 'aria-label': `${t('insertHint')}：${p.text.slice(0, 30)}` },
        ),
      ),
    );
  }
  return list;
}

function renderDiff(model: PanelModel, diff: PairDiff | null): HTMLElement {
  if (!diff) {
    return el('p', { class: 'muted' }, t('diffNone'));
  }
  const d = model.draftParts[diff.draft];
  const x = model.exemplarParts[diff.exemplar];
  const wrap = el('div', { class: 'diff-wrap' });
  wrap.append(
    el('p', { class: 'diff-pair' }, `${t('draft')}：${d ? d.title : ''} ↔ ${t('exemplar')}：${x ? x.title : ''}`),
    el(
      'p',
      { class: 'legend' },
      el('del', {}, t('diffLegendExemplar')),
      ' ',
      el('ins', {}, t('diffLegendDraft')),
      ' · ',
      t('diffStats', diff.equal, percent(diff.ratio)),
    ),
  );
  const body = el('div', { class: 'diff', role: 'document', 'aria-label': t('differences'), tabindex: '0', 'data-focus-key': 'diff' });
  for (const [op, text] of diff.segments) {
    body.append(op === 0 ? el('span', {}, text) : op < 0 ? el('del', {}, text) : el('ins', {}, text));
  }
  wrap.append(body);
  return wrap;
}

function renderCopy(copy: CopyView | null): HTMLElement {
  if (!copy || copy.runs.length === 0) {
    return el('p', { class: 'ok' }, t('copyNone'));
  }
  const wrap = el('div', {});
  wrap.append(el('p', { class: copy.longRuns ? 'warn' : '' }, t('copySummary', percent(copy.share), copy.copiedChars)));
  if (copy.longRuns) {
    wrap.append(el('p', { class: 'warn', role: 'note' }, t('copyLong', copy.longRuns)));
  }
  const list = el('ul', { class: 'copy-runs', 'aria-label': t('copy') });
  copy.runs.forEach((run, k) => {
    list.append(
      el(
        'li',
        { class: run.long ? 'long' : '' },
        button(
          `${t('jump')}：${t('copyRun', run.length, run.line + 1)}`,
          `copy:${k}`,
          () => post({ type: 'jump', line: run.line }),
          { class: 'link' },
          el('span', { class: 'copy-meta' }, t('copyRun', run.length, run.line + 1)),
          el('q', {}, run.text),
        ),
      ),
    );
  });
  wrap.append(list);
  return wrap;
}

// ---------------------------------------------------------------------------
// Wiring.

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToPanel(event.data);
  if (!msg) {
    console.warn('[gongwen] dropped a malformed message');
    return;
  }
  if (msg.type === 'init') {
    state.strings = msg.strings;
  } else if (msg.type === 'near') {
    state.near = msg.near;
  } else {
    const docChanged =
      msg.type === 'model' && state.content?.type === 'model' && state.content.model.docUri !== msg.model.docUri;
    state.content = msg as PanelContent;
    if (docChanged) {
      state.scrollY = 0;
      state.expanded = [];
    }
  }
  save();
  const y = window.scrollY;
  render();
  window.scrollTo(0, msg.type === 'model' || msg.type === 'init' || msg.type === 'near' ? y : 0);
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => {
    state.scrollY = window.scrollY;
    save();
  }, 100);
});

document.addEventListener('focusin', e => {
  const key = (e.target as HTMLElement | null)?.getAttribute?.('data-focus-key') ?? null;
  if (key !== state.focusKey) {
    state.focusKey = key;
    save();
  }
});

render();
window.scrollTo(0, state.scrollY);
post({ type: 'ready' });
