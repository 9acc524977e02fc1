import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import { DocContext } from '../core/document';
import { loadGongwen, loadGongwenInSteps, type Gongwen, type LoadIssue } from '../node/services';
import { readSettings, type GongwenSettings } from './config';

/** Events kept in the in-memory journal. */
const JOURNAL_SIZE = 400;

/**
 * What every feature module shares: the loaded engine (reloaded when rule
 * packs or settings change), the settings, and one check result per document
 * version so diagnostics, code actions, hover and the panel never disagree.
 */
export class Services implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private current: Gongwen | undefined;
  /** Which load `current` came from; a load whose generation is no longer the latest is dropped. */
  private currentGeneration = -1;
  private generation = 0;
  private loading: Promise<Gongwen> | undefined;
  private readonly reloadEmitter = new vscode.EventEmitter<void>();
  /** Fires after the engine was reloaded (rule packs, settings, trust). */
  readonly onDidReload = this.reloadEmitter.event;
  private readonly results = new Map<string, { version: number; result: CheckResult; key: string }>();
  private extraRuleDirs: () => string[] = () => [];
  /** The last events of the checking pipeline (see `trace`), oldest first. */
  private readonly journal: string[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('公文写作助手', { log: true });
  }

  /** Rule-pack folders beyond the built-in data (set by the rule-pack feature: workspace `.gongwen/rules`, trusted only). */
  setExtraRuleDirs(provider: () => string[]): void {
    this.extraRuleDirs = provider;
    if (this.current || this.loading) {
      this.reload();
    }
  }

  /** The user rule folders the engine reads besides the built-in packs (workspace `.gongwen/rules`, trusted only). */
  ruleDirs(): string[] {
    return this.extraRuleDirs();
  }

  /** The built-in data folder. */
  get dataDir(): string {
    return vscode.Uri.joinPath(this.context.extensionUri, 'data').fsPath;
  }

  /**
   * The loaded engine. While a reload is under way this is still the previous
   * engine (the reload event says when the new one is in place); only before
   * the very first load has finished is the engine loaded here, at once.
   * Prefer `ready()`, which never blocks the host for the whole load.
   */
  get gongwen(): Gongwen {
    if (!this.current) {
      this.install(loadGongwen({ dataDir: this.dataDir, ruleDirs: this.extraRuleDirs() }), this.generation);
    }
    return this.current!;
  }

  /** Whether an engine is in place (`gongwen` would not have to load one). */
  get loaded(): boolean {
    return this.current !== undefined;
  }

  /** The engine once loaded: the load runs in steps, so the host keeps answering in between. */
  ready(): Promise<Gongwen> {
    if (this.current && this.currentGeneration === this.generation) {
      return Promise.resolve(this.current);
    }
    this.loading ??= this.load(this.generation);
    return this.loading;
  }

  /** Loads the engine afresh (rule packs, settings or trust changed); `onDidReload` fires once it is in place. */
  reload(): void {
    const generation = ++this.generation;
    this.loading = this.load(generation);
    this.loading.then(
      () => {
        if (generation === this.generation) {
          this.results.clear();
          this.reloadEmitter.fire();
        }
      },
      () => undefined,
    );
  }

  private load(generation: number): Promise<Gongwen> {
    return loadGongwenInSteps({ dataDir: this.dataDir, ruleDirs: this.extraRuleDirs() }).then(
      gw => {
        if (generation === this.generation && this.currentGeneration !== generation) {
          this.install(gw, generation);
        }
        return this.current ?? gw;
      },
      err => {
        this.output.error(`规则引擎加载失败：${String((err as Error)?.stack ?? err)}`);
        if (generation === this.generation) {
          this.loading = undefined; // the next ready() tries again
        }
        throw err;
      },
    );
  }

  private install(gw: Gongwen, generation: number): void {
    this.current = gw;
    this.currentGeneration = generation;
    this.logIssues(gw.issues);
  }

  settings(scope?: vscode.ConfigurationScope): GongwenSettings {
    return readSettings(scope);
  }

  /** Whether the document is one Gongwen checks (language list setting, real text documents). */
  isTarget(document: vscode.TextDocument): boolean {
    if (document.uri.scheme === 'output' || document.uri.scheme === 'vscode-settings' || document.uri.scheme.startsWith('gongwen-')) {
      return false;
    }
    return this.settings(document).languages.includes(document.languageId);
  }

  /** Options for checking `document` as the settings say. */
  checkOptions(document: vscode.TextDocument) {
    const s = this.settings(document);
    return {
      date: s.documentDate,
      markdown: document.languageId === 'markdown',
      genre: s.genre,
      config: s.rules,
    };
  }

  /** The check result of the document's current version (computed once per version and settings). */
  check(document: vscode.TextDocument): CheckResult {
    const key = document.uri.toString();
    const options = this.checkOptions(document);
    const optKey = JSON.stringify(options);
    const cached = this.results.get(key);
    if (cached && cached.version === document.version && cached.key === optKey) {
      return cached.result;
    }
    const result = this.gongwen.linter.check(document.getText(), options);
    this.results.set(key, { version: document.version, result, key: optKey });
    return result;
  }

  /** Stores a result computed elsewhere (the worker) for the document version it belongs to. */
  remember(document: vscode.TextDocument, version: number, result: CheckResult): void {
    this.results.set(document.uri.toString(), { version, result, key: JSON.stringify(this.checkOptions(document)) });
  }

  cached(document: vscode.TextDocument): CheckResult | undefined {
    const c = this.results.get(document.uri.toString());
    return c && c.version === document.version ? c.result : undefined;
  }

  forget(document: vscode.TextDocument): void {
    this.results.delete(document.uri.toString());
  }

  /** A DocContext for the document's current text (for structure features that need no findings). */
  docContext(document: vscode.TextDocument): DocContext {
    const o = this.checkOptions(document);
    return new DocContext(document.getText(), { date: o.date, markdown: o.markdown, genre: o.genre });
  }

  /**
   * Records one event of the checking pipeline (scheduling, worker requests,
   * publishing): kept in a short in-memory journal and written to the output
   * channel at trace level (Developer: Set Log Level… → Trace), so a check
   * that never arrives can be followed step by step.
   */
  trace(event: string): void {
    if (this.journal.length >= JOURNAL_SIZE) {
      this.journal.shift();
    }
    this.journal.push(`${new Date().toISOString().slice(11, 23)} ${event}`);
    this.output.trace(event);
  }

  /** The journal of recent pipeline events, oldest first. */
  recentEvents(): readonly string[] {
    return [...this.journal];
  }

  private logIssues(issues: readonly LoadIssue[]): void {
    for (const i of issues) {
      this.output.error(`${i.file}:${i.line}:${i.column} ${i.message}`);
    }
  }

  dispose(): void {
    this.reloadEmitter.dispose();
    this.output.dispose();
  }
}
