import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import type { Finding, Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE, toVsDiagnostic } from './convert';
import { positionedFixEdits, type PositionedEdit } from './offThread';
import type { Services } from './services';

/**
 * VS Code shows at most this many diagnostics per file (the extension host keeps
 * the first ones by severity, errors first, and drops the rest). We publish only
 * those, so a document with a hundred thousand findings costs the host a
 * thousand conversions instead of a hundred thousand.
 */
export const MAX_SHOWN = 1000;

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * The findings VS Code would show (errors first, then warnings, …, each in
 * document order) when there are more than `max`: `max - 1` of them, leaving
 * room for the notice that says how many are not shown.
 */
export function shownFindings(findings: readonly Finding[], max = MAX_SHOWN): { shown: Finding[]; hidden: number } {
  if (findings.length <= max) {
    return { shown: [...findings], hidden: 0 };
  }
  const shown: Finding[] = [];
  for (const sev of SEVERITY_ORDER) {
    for (const f of findings) {
      if (f.severity === sev) {
        shown.push(f);
        if (shown.length === max - 1) {
          return { shown, hidden: findings.length - shown.length };
        }
      }
    }
  }
  return { shown, hidden: findings.length - shown.length };
}

/** How a check is computed off the UI path; the worker feature may replace the default. */
export type Analyzer = (document: vscode.TextDocument, text: string, services: Services) => Promise<CheckResult>;

const inProcess: Analyzer = async (document, text, services) => (await services.ready()).linter.check(text, services.checkOptions(document));

/** How the edits of fix-all are computed; the worker feature replaces the in-process default. */
export type Fixer = (document: vscode.TextDocument, text: string, services: Services) => Promise<PositionedEdit[]>;

// Positions come from `text` itself (not the document, which may have changed while the engine loaded).
const fixInProcess: Fixer = async (document, text, services) =>
  positionedFixEdits(text, (await services.ready()).linter.check(text, services.checkOptions(document)).findings);

/** Findings converted to diagnostics per event-loop turn. */
const DIAGNOSTICS_PER_TURN = 250;

/** WorkspaceEdit entries added per event-loop turn when fix-all is assembled. */
const EDITS_PER_TURN = 5000;

/**
 * Publishes diagnostics as the user types: debounced per document; a result is
 * published only if the document is still at the version it was computed for
 * (stale results never overwrite newer ones); cleared when the document closes.
 */
export class DiagnosticsFeature implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gongwen');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly tooLarge = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly published = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after diagnostics for a document were published (tests and the panel listen). */
  readonly onDidPublish = this.published.event;
  /**
   * On the host's thread, in ms: the longest synchronous step of this feature's own (reading the text, converting a
   * slice of findings, assembling a slice of fix-all), and the longest `DiagnosticCollection.set` (VS Code's conversion
   * and sending of the diagnostics to the window).
   */
  readonly stats = { longestHostStepMs: 0, longestSetMs: 0 };
  analyzer: Analyzer = inProcess;
  fixer: Fixer = fixInProcess;

  constructor(private readonly services: Services) {
    this.disposables.push(
      this.collection,
      this.published,
      vscode.workspace.onDidOpenTextDocument(d => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length > 0 && this.services.settings(e.document).run === 'onType') {
          this.schedule(e.document);
        }
      }),
      vscode.workspace.onDidSaveTextDocument(d => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument(d => this.clear(d)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('gongwen')) {
          this.services.reload();
        }
      }),
      this.services.onDidReload(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    this.collection.clear();
    for (const d of vscode.workspace.textDocuments) {
      this.schedule(d, 0);
    }
  }

  schedule(document: vscode.TextDocument, delay?: number): void {
    const key = document.uri.toString();
    if (!this.services.isTarget(document)) {
      if (this.collection.has(document.uri)) {
        this.collection.delete(document.uri);
      }
      return;
    }
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    clearTimeout(this.timers.get(key));
    const wait = delay ?? this.services.settings(document).debounceMs;
    this.services.trace(`diagnostics: schedule ${key} v${document.version} gen ${gen} in ${wait} ms`);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(document, gen);
      }, wait),
    );
  }

  /**
   * The check result of the document's current version without blocking the
   * host: the cached one, else computed by the analyzer (the worker for large
   * documents). Undefined when the document changed while it was computed.
   */
  async result(document: vscode.TextDocument): Promise<CheckResult | undefined> {
    const cached = this.services.cached(document);
    if (cached) {
      return cached;
    }
    const version = document.version;
    const result = await this.analyzer(document, document.getText(), this.services);
    if (document.version !== version) {
      return undefined;
    }
    this.services.remember(document, version, result);
    return result;
  }

  /**
   * Fix-all of the document's current version (every safe fix, one edit, one
   * undo step) without blocking the host: the fixer (the worker) computes the
   * edits with their positions, and the WorkspaceEdit is assembled a slice per
   * event-loop turn. Undefined when the document changed meanwhile. Applying
   * it is VS Code's work.
   */
  async fixAllEdit(document: vscode.TextDocument): Promise<{ edit: vscode.WorkspaceEdit; count: number } | undefined> {
    const version = document.version;
    const edits = await this.fixer(document, document.getText(), this.services);
    const edit = new vscode.WorkspaceEdit();
    for (let i = 0; i < edits.length; i += EDITS_PER_TURN) {
      if (i > 0) {
        await new Promise<void>(r => setImmediate(r));
      }
      if (document.isClosed || document.version !== version) {
        return undefined;
      }
      const t0 = performance.now();
      const end = Math.min(edits.length, i + EDITS_PER_TURN);
      for (let k = i; k < end; k++) {
        const [sl, sc, el, ec, text] = edits[k];
        edit.replace(document.uri, new vscode.Range(sl, sc, el, ec), text);
      }
      this.step(t0);
    }
    return document.isClosed || document.version !== version ? undefined : { edit, count: edits.length };
  }

  /** Checks now and publishes; resolves when the diagnostics are up to date. */
  async run(document: vscode.TextDocument, gen = this.generation.get(document.uri.toString()) ?? 0): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    let t0 = performance.now();
    const text = document.getText();
    this.step(t0);
    const limit = this.services.settings(document).maxDocumentChars;
    if (text.length > limit) {
      this.collection.delete(document.uri);
      if (!this.tooLarge.has(key)) {
        this.tooLarge.add(key);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Gongwen does not check "{0}": it has {1} characters, more than the limit of {2} (setting gongwen.maxDocumentChars).', document.fileName.split(/[\\/]/).pop() ?? '', text.length, limit),
        );
      }
      return;
    }
    this.tooLarge.delete(key);
    let result: CheckResult;
    this.services.trace(`diagnostics: run ${key} v${version} gen ${gen}`);
    try {
      result = await this.analyzer(document, text, this.services);
    } catch (err) {
      this.services.output.error(`检查 ${document.uri.toString()} 失败：${String((err as Error)?.stack ?? err)}`);
      return;
    }
    // Stale: the document changed (or was re-scheduled) while we were checking.
    const stale = () => document.isClosed || document.version !== version || this.generation.get(key) !== gen;
    if (stale()) {
      this.services.trace(
        `diagnostics: drop stale result ${key} v${version} gen ${gen} (closed ${document.isClosed}, now v${document.version} gen ${this.generation.get(key)})`,
      );
      return;
    }
    const diagnostics = await this.toDiagnostics(result.findings, document, stale);
    if (!diagnostics) {
      this.services.trace(`diagnostics: result went stale while converting ${key} v${version} gen ${gen}`);
      return;
    }
    this.services.remember(document, version, result);
    // Converting and sending the diagnostics to the window is VS Code's work (tens of ms for 1 000).
    t0 = performance.now();
    this.collection.set(document.uri, diagnostics);
    this.stats.longestSetMs = Math.max(this.stats.longestSetMs, performance.now() - t0);
    this.services.trace(`diagnostics: published ${diagnostics.length} for ${key} v${version} gen ${gen}`);
    this.published.fire(document);
  }

  private step(t0: number): void {
    this.stats.longestHostStepMs = Math.max(this.stats.longestHostStepMs, performance.now() - t0);
  }

  /**
   * The diagnostics to publish: every finding, or the ones VS Code would show
   * plus a notice of how many are not; converted a slice per event-loop turn.
   * Undefined when `stale()` says the result is no longer wanted.
   */
  private async toDiagnostics(findings: readonly Finding[], document: vscode.TextDocument, stale: () => boolean): Promise<vscode.Diagnostic[] | undefined> {
    let t0 = performance.now();
    const { shown, hidden } = shownFindings(findings);
    const out: vscode.Diagnostic[] = [];
    for (let i = 0; i < shown.length; i++) {
      if (i > 0 && i % DIAGNOSTICS_PER_TURN === 0) {
        this.step(t0);
        await new Promise<void>(r => setImmediate(r));
        if (stale()) {
          return undefined;
        }
        t0 = performance.now();
      }
      out.push(toVsDiagnostic(shown[i], document));
    }
    this.step(t0);
    if (hidden > 0) {
      const notice = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, Math.min(1, document.lineAt(0).text.length)),
        `本文档共有 ${findings.length} 处问题，VS Code 每个文件最多列出 ${MAX_SHOWN} 处：这里列出较严重的 ${shown.length} 处，另有 ${hidden} 处未列出（“修正全部”仍处理全部可安全修正的问题）`,
        vscode.DiagnosticSeverity.Information,
      );
      notice.source = DIAGNOSTIC_SOURCE;
      out.push(notice);
    }
    return out;
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.services.trace(`diagnostics: closed ${key}`);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generation.delete(key);
    this.tooLarge.delete(key);
    this.collection.delete(document.uri);
    this.services.forget(document);
    // An untitled URI can be reused at once by a new document; its open event may come before this close.
    const reopened = vscode.workspace.textDocuments.find(d => d !== document && !d.isClosed && d.uri.toString() === key);
    if (reopened) {
      this.schedule(reopened, 0);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) {
      clearTimeout(t);
    }
    this.disposables.forEach(d => d.dispose());
  }
}
