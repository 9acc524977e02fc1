/**
 * The comparison panel: a webview view in its own activity-bar container
 * (also openable beside the editor) that follows the active draft and shows
 * the closest exemplars, the structure side by side, the coverage of the
 * standard parts, the differences of an aligned pair and the verbatim copies.
 * The model is computed by src/core/compare; this module is the VS Code glue.
 */
import * as vscode from 'vscode';
import { Comparer, PANEL_MAX_CHARS, type CompareRequest, type ExemplarIndex, type ExemplarSpeech } from '../core/compare/panel';
import { outdatedFormulations } from '../core/compare/freshness';
import { cursorParagraph, nearParagraphs } from '../core/compare/near';
import type { NearParagraphs, PanelModel } from '../core/compare/model';
import { splitParagraphs } from '../core/compare/text';
import { parseFromPanel } from '../core/compare/validate';
import type { Speech } from '../core/corpus/types';
import type { FromPanelMessage, PanelContent, ToPanelMessage } from '../shared/panelMessages';
import { OffThreadComparer, type FreshnessPatch } from './offThreadCompare';
import { renderPanelHtml } from './panelHtml';
import { bundledWorkerFile } from './workerThread';
import { panelStrings } from './panelStrings';
import type { Services } from './services';

/** Ids shared with package.json. */
export const PANEL_VIEW_ID = 'gongwen.compareView';
export const PANEL_EDITOR_TYPE = 'gongwen.compareEditor';
export const OPEN_BESIDE_COMMAND = 'gongwen.openComparePanel';
export const REFRESH_COMMAND = 'gongwen.refreshComparePanel';
/** Read-only virtual documents of exemplars: `gongwen-exemplar:/<id>/<title>.txt`. */
export const EXEMPLAR_SCHEME = 'gongwen-exemplar';
/**
 * Test-only command (not contributed to the palette): `executeCommand(PANEL_TEST_COMMAND)`
 * returns a `PanelTestSnapshot`; `executeCommand(PANEL_TEST_COMMAND, message)` first
 * delivers `message` exactly as if the webview had posted it (same validation and
 * handling) and resolves when it was handled.
 */
export const PANEL_TEST_COMMAND = '_gongwen.panel.test';
/** Test-only command: `executeCommand(PANEL_TEST_WORKER_COMMAND, false)` makes the panel compare on the host, `true` on its worker again. */
export const PANEL_TEST_WORKER_COMMAND = '_gongwen.panel.test.worker';

const PINNED_KEY = 'gongwen.panel.pinned';

export interface PanelTestSnapshot {
  /** Webviews that loaded their script and said `ready`. */
  readyViews: number;
  /** The last content posted (model, empty, loading or error). */
  content: PanelContent | null;
  /** Whether the last handled message was accepted (null before any). */
  accepted: boolean | null;
  /** The last "close paragraphs" result posted. */
  near: NearParagraphs | null;
  /** How the models were built: on the worker (models received, requests that failed there) or on the host. */
  worker: { available: boolean; models: number; failed: number; crashes: number; longestStepMs: number } | null;
  /** Where the model shown was built. */
  builtOn: 'worker' | 'host' | null;
}

/** Delay after the last cursor move before the paragraph search runs. */
const NEAR_DEBOUNCE_MS = 300;

/** The corpus the panel searches (the corpus feature: built-in plus the user's folders), and its change event. */
export interface PanelCorpus {
  /** Whole speeches: the comparison worker indexes its own copy of them. */
  readonly index: ExemplarIndex & { readonly speeches: readonly Speech[] };
  /** Whether `index` is built (reading it before would build it in one go on the host). */
  readonly indexed: boolean;
  /** Builds the index in short steps if it is not built yet. */
  ready(): Promise<unknown>;
  readonly onDidChange: vscode.Event<unknown>;
}

interface Surface {
  webview: vscode.Webview;
  ready: boolean;
  visible(): boolean;
}

/** Follows the active draft and keeps every panel surface (side view, editor panel) up to date. */
export class ComparePanel implements vscode.Disposable {
  private readonly surfaces = new Set<Surface>();
  private readonly disposables: vscode.Disposable[] = [];
  private target: vscode.TextDocument | undefined;
  private lastEditor: vscode.TextEditor | undefined;
  private content: PanelContent | null = null;
  private selected: string | null = null;
  private pair: { draft: number; exemplar: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = true;
  private comparer: { corpus: ExemplarIndex; comparer: Comparer } | undefined;
  /** Comparers warmed up (see warmUpDone) and the one being warmed up now. */
  private readonly warmed = new WeakSet<Comparer>();
  private warming: Comparer | undefined;
  private editorPanel: vscode.WebviewPanel | undefined;
  private lastAccepted: boolean | null = null;
  private freshnessGeneration = 0;
  private near: NearParagraphs | null = null;
  /** The paragraph text last searched (null: none yet), to skip cursor moves within the same paragraph. */
  private nearQuery: string | null | undefined;
  private nearTimer: ReturnType<typeof setTimeout> | undefined;
  private useWorker = true;
  private builtOn: 'worker' | 'host' | null = null;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly services: Services,
    private readonly corpus: PanelCorpus,
    /** Builds the models on a worker thread; without it (or when it fails) they are built here, on the host. */
    private readonly offThread?: OffThreadComparer,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(editor => this.follow(editor)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === this.target && e.contentChanges.length > 0) {
          this.schedule(this.services.settings(e.document).debounceMs);
        }
      }),
      vscode.workspace.onDidCloseTextDocument(doc => {
        if (doc === this.target) {
          this.target = undefined;
          this.lastEditor = undefined;
          this.schedule(0);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection(e => {
        if (e.textEditor.document === this.target) {
          this.lastEditor = e.textEditor;
          this.scheduleNear(NEAR_DEBOUNCE_MS);
        }
      }),
      // Rules, settings or the corpus changed: compare again with a fresh engine.
      this.services.onDidReload(() => {
        this.offThread?.configure(this.services.dataDir, this.services.ruleDirs());
        this.corpusChanged();
      }),
      this.corpus.onDidChange(() => this.corpusChanged()),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The corpus changed (reloaded, user folder edited): recompute. */
  corpusChanged(): void {
    this.comparer = undefined;
    this.nearQuery = undefined;
    this.scheduleNear(0);
    this.schedule(0);
  }

  /** Attaches a webview (the side view or the editor panel) and returns its disposer. */
  attach(webview: vscode.Webview, visible: () => boolean, onDidChangeVisibility?: vscode.Event<unknown>): vscode.Disposable {
    const extensionUri = this.context.extensionUri;
    webview.options = {
      enableScripts: true,
      // media/ holds the stylesheet and the webview bundle (media/webview/webview.js): nothing else is reachable.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    };
    const strings = panelStrings(vscode.l10n);
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      loadingText: strings.loading,
      lang: vscode.env.language,
    });
    const surface: Surface = { webview, ready: false, visible };
    this.surfaces.add(surface);
    const subs: vscode.Disposable[] = [
      webview.onDidReceiveMessage(raw => this.receive(surface, raw)),
    ];
    if (onDidChangeVisibility) {
      subs.push(
        onDidChangeVisibility(() => {
          if (visible() && this.dirty) {
            this.schedule(0);
          }
        }),
      );
    }
    return new vscode.Disposable(() => {
      this.surfaces.delete(surface);
      subs.forEach(d => d.dispose());
    });
  }

  /** Opens (or reveals) the panel as an editor tab beside the active editor. */
  openBeside(): void {
    if (this.editorPanel) {
      this.editorPanel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_EDITOR_TYPE,
      panelStrings(vscode.l10n).title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    this.editorPanel = panel;
    const attached = this.attach(panel.webview, () => panel.visible, panel.onDidChangeViewState);
    panel.onDidDispose(() => {
      attached.dispose();
      this.editorPanel = undefined;
    });
  }

  /** For the integration tests: see PANEL_TEST_COMMAND. */
  async testHook(message?: unknown): Promise<PanelTestSnapshot> {
    if (message !== undefined) {
      await this.handle(parseFromPanel(message), undefined);
    }
    return {
      readyViews: [...this.surfaces].filter(s => s.ready).length,
      content: this.content,
      accepted: this.lastAccepted,
      near: this.near,
      worker: this.offThread
        ? {
            available: this.offThread.available,
            models: this.offThread.stats.models,
            failed: this.offThread.stats.failed,
            crashes: this.offThread.stats.crashes,
            longestStepMs: this.offThread.stats.longestStepMs,
          }
        : null,
      builtOn: this.content?.type === 'model' ? this.builtOn : null,
    };
  }

  /** For the integration tests: see PANEL_TEST_WORKER_COMMAND. */
  testUseWorker(on: boolean): void {
    this.useWorker = on;
    this.schedule(0);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor) {
      return; // Focus moved to the panel, a terminal or similar: keep following the last draft.
    }
    const doc = editor.document;
    if (doc.uri.scheme === EXEMPLAR_SCHEME) {
      return; // An exemplar opened from the panel: keep comparing the draft.
    }
    if (doc === this.target) {
      this.lastEditor = editor;
      return;
    }
    this.target = doc;
    this.lastEditor = editor;
    this.pair = null;
    this.nearQuery = undefined;
    this.scheduleNear(0);
    this.schedule(0, true);
  }

  private schedule(delayMs: number, announce = false): void {
    this.dirty = true;
    clearTimeout(this.timer);
    if (announce && this.target && this.services.isTarget(this.target)) {
      this.show({ type: 'loading', docName: docName(this.target) });
    }
    this.timer = setTimeout(() => this.update(), Math.max(0, delayMs));
  }

  /** Searches the exemplar paragraphs close to the cursor's paragraph after the cursor rests (never while typing). */
  private scheduleNear(delayMs: number): void {
    clearTimeout(this.nearTimer);
    this.nearTimer = setTimeout(() => this.updateNear(), delayMs);
  }

  private updateNear(): void {
    this.nearTimer = undefined;
    if (!this.corpus.indexed) {
      void this.corpus.ready().then(() => this.scheduleNear(0), () => undefined);
      return;
    }
    const editor = this.lastEditor;
    const doc = this.target;
    let query: string | null = null;
    if (editor && doc && !doc.isClosed && editor.document === doc && this.services.isTarget(doc)) {
      query = cursorParagraph(doc.lineAt(editor.selection.active.line).text);
    }
    if (query === this.nearQuery) {
      return; // same paragraph as last time
    }
    this.nearQuery = query;
    const index = this.corpus.index.speeches.length ? this.corpus.index : undefined;
    try {
      const near = index?.searchParagraphs
        ? nearParagraphs({ searchParagraphs: (t, o) => index.searchParagraphs?.(t, o) ?? [] }, query, 5)
        : { query: query ?? '', hits: [] };
      this.postNear(near);
    } catch (err) {
      this.services.output.warn(`panel: paragraph search: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private postNear(near: NearParagraphs): void {
    this.near = near;
    for (const s of this.surfaces) {
      if (s.ready) {
        void s.webview.postMessage({ type: 'near', near } satisfies ToPanelMessage);
      }
    }
  }

  private update(): void {
    this.timer = undefined;
    if (![...this.surfaces].some(s => s.visible())) {
      return; // Computed when a surface becomes visible.
    }
    if (!this.services.loaded) {
      // The engine is still loading (in steps); compare once it is there.
      void this.services.ready().then(() => this.update(), () => undefined);
      return;
    }
    if (!this.corpus.indexed) {
      // The corpus is being indexed (in steps); compare once it is there.
      void this.corpus.ready().then(() => this.update(), () => undefined);
      return;
    }
    const prepared = this.prepare();
    if (prepared.type !== 'request') {
      this.dirty = false;
      this.show(prepared);
      return;
    }
    if (this.offThread?.available && this.useWorker) {
      this.dirty = false;
      this.compareOffThread(this.offThread, prepared.request);
      return;
    }
    this.compareInProcess(prepared.request);
  }

  /** What to show without comparing (no draft, an empty or too long one, no corpus), or the comparison to run. */
  private prepare(): PanelContent | { type: 'request'; request: CompareRequest } {
    const doc = this.target;
    if (!doc || doc.isClosed) {
      return { type: 'empty', reason: 'noEditor' };
    }
    if (!this.services.isTarget(doc)) {
      return { type: 'empty', reason: 'unsupported' };
    }
    const text = doc.getText();
    if (!text.trim()) {
      return { type: 'empty', reason: 'emptyDocument' };
    }
    if (text.length > PANEL_MAX_CHARS) {
      return { type: 'empty', reason: 'tooLarge' };
    }
    if (this.corpus.index.speeches.length === 0) {
      return { type: 'empty', reason: 'emptyCorpus' };
    }
    const options = this.services.checkOptions(doc);
    return {
      type: 'request',
      request: {
        text,
        docUri: doc.uri.toString(),
        docName: docName(doc),
        docVersion: doc.version,
        date: options.date,
        markdown: options.markdown,
        top: 5,
        pinned: this.pinned(),
        selected: this.selected,
        pair: this.pair,
        freshness: 'deferred',
      },
    };
  }

  /**
   * The comparison on the worker: the host only posts the draft and shows the
   * model, then the exemplars' freshness when it comes. If the worker fails,
   * the same request is compared here instead.
   */
  private compareOffThread(offThread: OffThreadComparer, request: CompareRequest): void {
    offThread.setCorpus(this.corpus.index.speeches);
    let model: PanelModel | null = null;
    let early: FreshnessPatch[] | undefined;
    const freshness = (patches: FreshnessPatch[]) => {
      if (!model) {
        early = patches;
        return;
      }
      applyFreshness(model, patches);
      if (this.content?.type === 'model' && this.content.model === model) {
        this.show({ type: 'model', model });
      }
    };
    offThread.compare(request, freshness).then(
      m => {
        if (!m) {
          return; // a newer request replaced this one
        }
        model = m;
        if (early) {
          applyFreshness(m, early);
        }
        this.builtOn = 'worker';
        this.show({ type: 'model', model: m });
      },
      err => {
        this.services.output.warn(`panel: comparing on the worker failed, comparing here: ${err instanceof Error ? err.message : String(err)}`);
        this.compareInProcess(request);
      },
    );
  }

  /** The comparison on the host (no worker): after the comparer's warm-up, in one step. */
  private compareInProcess(request: CompareRequest): void {
    if (!this.warmUpDone()) {
      return; // update() runs again when the new comparer is ready
    }
    this.dirty = false;
    this.builtOn = 'host';
    this.show(this.compute(request));
  }

  private compute(request: CompareRequest): PanelContent {
    try {
      const engine = this.engine();
      if (!engine) {
        return { type: 'empty', reason: 'emptyCorpus' };
      }
      const model: PanelModel = engine.comparer.build(request);
      this.completeFreshness(engine.comparer, model);
      return { type: 'model', model };
    } catch (err) {
      this.services.output.error(`panel: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { type: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Checks the listed exemplars' freshness (a lint run each) one per event-loop
   * turn after the model is shown, so typing never waits for it, then posts the
   * completed model.
   */
  private completeFreshness(comparer: Comparer, model: PanelModel): void {
    const pending = comparer.pendingFreshness(model);
    const generation = ++this.freshnessGeneration;
    const step = () => {
      if (generation !== this.freshnessGeneration) {
        return; // a newer model replaced this one
      }
      const id = pending.shift();
      if (id === undefined) {
        if (this.content?.type === 'model' && this.content.model === model) {
          this.show({ type: 'model', model });
        }
        return;
      }
      try {
        comparer.fillFreshness(model, id);
      } catch (err) {
        this.services.output.warn(`panel: freshness of ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
      setTimeout(step, 0);
    };
    if (pending.length) {
      setTimeout(step, 0);
    }
  }

  /**
   * Whether the current comparer is ready for a first update at its usual
   * cost; if not, it is warmed up in steps (see Comparer.warmUp) and update()
   * runs again afterwards.
   */
  private warmUpDone(): boolean {
    let engine: { comparer: Comparer } | undefined;
    try {
      engine = this.engine();
    } catch {
      return true; // compute() reports the error
    }
    if (!engine || this.warmed.has(engine.comparer)) {
      return true;
    }
    const comparer = engine.comparer;
    if (this.warming !== comparer) {
      this.warming = comparer;
      comparer
        .warmUp(() => new Promise<void>(r => setImmediate(r)))
        .catch(err => this.services.output.warn(`panel: warm-up: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.warmed.add(comparer);
          if (this.warming === comparer) {
            this.warming = undefined;
          }
          this.update();
        });
    }
    return false;
  }

  private engine(): { corpus: ExemplarIndex; comparer: Comparer } | undefined {
    const corpus = this.corpus.index;
    if (corpus.speeches.length === 0) {
      return undefined;
    }
    if (!this.comparer || this.comparer.corpus !== corpus) {
      this.comparer = {
        corpus,
        // The engine of the moment (a reload replaces the comparer too: see corpusChanged).
        comparer: new Comparer(corpus, (speech, date) => outdatedFormulations(this.services.gongwen.linter, speech.text, date)),
      };
    }
    return this.comparer;
  }

  private show(content: PanelContent): void {
    this.content = content;
    for (const s of this.surfaces) {
      if (s.ready) {
        void s.webview.postMessage(content satisfies ToPanelMessage);
      }
    }
  }

  private async receive(surface: Surface, raw: unknown): Promise<void> {
    const msg = parseFromPanel(raw);
    if (!msg) {
      this.services.output.warn(`panel: dropped a malformed message from the webview: ${safeJson(raw)}`);
    }
    await this.handle(msg, surface);
  }

  private async handle(msg: FromPanelMessage | null, surface: Surface | undefined): Promise<void> {
    this.lastAccepted = msg !== null;
    if (!msg) {
      return;
    }
    try {
      switch (msg.type) {
        case 'ready':
          if (surface) {
            surface.ready = true;
            const init: ToPanelMessage = { type: 'init', strings: panelStrings(vscode.l10n) };
            await surface.webview.postMessage(init);
            if (this.content && !this.dirty) {
              await surface.webview.postMessage(this.content);
            } else {
              this.schedule(0);
            }
            if (this.near) {
              await surface.webview.postMessage({ type: 'near', near: this.near } satisfies ToPanelMessage);
            }
          }
          return;
        case 'refresh':
          this.corpusChanged();
          return;
        case 'selectExemplar':
          this.selected = msg.id;
          this.pair = null;
          this.schedule(0);
          return;
        case 'selectPair':
          this.pair = { draft: msg.draft, exemplar: msg.exemplar };
          this.schedule(0);
          return;
        case 'jump':
          await this.jump(msg.line);
          return;
        case 'openExemplar':
          await this.openExemplar(msg.id, msg.line);
          return;
        case 'insertParagraph':
          await this.insertParagraph(msg.id, msg.paragraph);
          return;
        case 'pin':
          await this.pin(msg.id, msg.pinned);
          return;
      }
    } catch (err) {
      this.services.output.error(`panel: ${msg.type}: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Gongwen panel: {0}', err instanceof Error ? err.message : String(err)));
    }
  }

  /** The editor showing the draft (the last one the writer used), opened again if it was closed. */
  private async draftEditor(): Promise<vscode.TextEditor | undefined> {
    const doc = this.target;
    if (!doc || doc.isClosed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the draft in an editor first.'));
      return undefined;
    }
    const visible =
      (this.lastEditor && vscode.window.visibleTextEditors.includes(this.lastEditor) ? this.lastEditor : undefined) ??
      vscode.window.visibleTextEditors.find(e => e.document === doc);
    if (visible) {
      return vscode.window.showTextDocument(doc, { viewColumn: visible.viewColumn, preserveFocus: false });
    }
    return vscode.window.showTextDocument(doc, { preserveFocus: false });
  }

  private async jump(line: number): Promise<void> {
    const editor = await this.draftEditor();
    if (!editor) {
      return;
    }
    const l = Math.min(line, editor.document.lineCount - 1);
    const pos = new vscode.Position(l, editor.document.lineAt(l).firstNonWhitespaceCharacterIndex);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.lastEditor = editor;
  }

  private exemplar(id: string): ExemplarSpeech | undefined {
    const speech = this.engine()?.corpus.get(id);
    if (!speech) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The exemplar {0} is no longer in the corpus.', id));
    }
    return speech;
  }

  private async openExemplar(id: string, line: number): Promise<void> {
    const speech = this.exemplar(id);
    if (!speech) {
      return;
    }
    const doc = await vscode.workspace.openTextDocument(exemplarUri(speech));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    const l = Math.min(line, doc.lineCount - 1);
    const pos = new vscode.Position(l, 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
  }

  /** Inserts an exemplar paragraph at the draft's cursor as one edit (one undo step). */
  private async insertParagraph(id: string, index: number): Promise<void> {
    const speech = this.exemplar(id);
    if (!speech) {
      return;
    }
    const paragraph = splitParagraphs(speech.text)[index];
    if (!paragraph) {
      this.services.output.warn(`panel: exemplar ${id} has no paragraph ${index}`);
      return;
    }
    const editor = await this.draftEditor();
    if (!editor) {
      return;
    }
    const doc = editor.document;
    const pos = editor.selection.active;
    const line = doc.lineAt(pos.line);
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    // A paragraph of its own: break the line before and after the cursor when there is text there.
    const before = line.text.slice(0, pos.character).trim() ? eol : '';
    const after = line.text.slice(pos.character).trim() ? eol : '';
    const ok = await editor.edit(b => b.replace(editor.selection, `${before}${paragraph.text}${after}`), {
      undoStopBefore: true,
      undoStopAfter: true,
    });
    if (!ok) {
      throw new Error(vscode.l10n.t('The paragraph could not be inserted (the document changed).'));
    }
  }

  private pinned(): string[] {
    const v = this.context.workspaceState.get<unknown>(PINNED_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  private async pin(id: string, pinned: boolean): Promise<void> {
    const list = this.pinned().filter(x => x !== id);
    if (pinned) {
      list.unshift(id);
      this.selected = id;
      this.pair = null;
    }
    await this.context.workspaceState.update(PINNED_KEY, list.slice(0, 10));
    this.schedule(0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.nearTimer);
    this.offThread?.dispose();
    this.editorPanel?.dispose();
    this.disposables.forEach(d => d.dispose());
  }
}

/** Writes freshness results from the worker into the model. */
function applyFreshness(model: PanelModel, patches: readonly FreshnessPatch[]): void {
  for (const p of patches) {
    const e = model.exemplars.find(x => x.id === p.id);
    if (e) {
      e.outdated = p.outdated;
      e.outdatedSamples = p.samples.slice(0, 5);
    }
  }
}

function docName(doc: vscode.TextDocument): string {
  const path = doc.uri.path;
  return doc.isUntitled ? path : path.slice(path.lastIndexOf('/') + 1);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v).slice(0, 200);
  }
}

/** The read-only virtual document of an exemplar. */
export function exemplarUri(speech: ExemplarSpeech): vscode.Uri {
  const name = speech.title.replace(/[\\/:*?"<>|\r\n\t]/g, ' ').trim().slice(0, 60) || speech.id;
  return vscode.Uri.from({ scheme: EXEMPLAR_SCHEME, path: `/${encodeURIComponent(speech.id)}/${name}.txt` });
}

function exemplarIdOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.split('/')[1] ?? '');
}

/** Registers the panel: the side view, the editor-panel command, exemplar documents, and the test hook. */
export function registerPanelFeatures(context: vscode.ExtensionContext, services: Services, corpus: PanelCorpus): ComparePanel {
  // A worker of its own (started on the first comparison): a long check on the checks' worker never delays the panel.
  const offThread = new OffThreadComparer({
    workerFile: bundledWorkerFile(context.extensionPath),
    dataDir: services.dataDir,
    ruleDirs: services.ruleDirs(),
    log: message => services.output.warn(message),
    trace: event => services.trace(event),
  });
  const panel = new ComparePanel(context, services, corpus, offThread);
  context.subscriptions.push(
    panel,
    vscode.window.registerWebviewViewProvider(
      PANEL_VIEW_ID,
      {
        resolveWebviewView(view) {
          const attached = panel.attach(view.webview, () => view.visible, view.onDidChangeVisibility);
          view.onDidDispose(() => attached.dispose());
        },
      },
      { webviewOptions: { retainContextWhenHidden: false } },
    ),
    vscode.workspace.registerTextDocumentContentProvider(EXEMPLAR_SCHEME, {
      async provideTextDocumentContent(uri) {
        await corpus.ready();
        return corpus.index.get(exemplarIdOf(uri))?.text ?? vscode.l10n.t('The exemplar {0} is no longer in the corpus.', exemplarIdOf(uri));
      },
    }),
    vscode.commands.registerCommand(OPEN_BESIDE_COMMAND, () => panel.openBeside()),
    vscode.commands.registerCommand(REFRESH_COMMAND, () => panel.corpusChanged()),
    vscode.commands.registerCommand(PANEL_TEST_COMMAND, (message?: unknown) => panel.testHook(message)),
    vscode.commands.registerCommand(PANEL_TEST_WORKER_COMMAND, (on: unknown) => panel.testUseWorker(on !== false)),
  );
  return panel;
}
