import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import { toVsDiagnostic } from './convert';
import type { Services } from './services';

/** How a check is computed off the UI path; the worker feature may replace the default. */
export type Analyzer = (document: vscode.TextDocument, text: string, services: Services) => Promise<CheckResult>;

const inProcess: Analyzer = async (document, text, services) => services.gongwen.linter.check(text, services.checkOptions(document));

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
  analyzer: Analyzer = inProcess;

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

  /** Checks now and publishes; resolves when the diagnostics are up to date. */
  async run(document: vscode.TextDocument, gen = this.generation.get(document.uri.toString()) ?? 0): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    const text = document.getText();
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
    try {
      result = await this.analyzer(document, text, this.services);
    } catch (err) {
      this.services.output.error(`检查 ${document.uri.toString()} 失败：${String((err as Error)?.stack ?? err)}`);
      return;
    }
    // Stale: the document changed (or was re-scheduled) while we were checking.
    if (document.isClosed || document.version !== version || this.generation.get(key) !== gen) {
      return;
    }
    this.services.remember(document, version, result);
    this.collection.set(document.uri, result.findings.map(f => toVsDiagnostic(f, document)));
    this.published.fire(document);
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
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
