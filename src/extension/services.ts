import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import { DocContext } from '../core/document';
import { loadGongwen, type Gongwen, type LoadIssue } from '../node/services';
import { readSettings, type GongwenSettings } from './config';

/**
 * What every feature module shares: the loaded engine (reloaded when rule
 * packs or settings change), the settings, and one check result per document
 * version so diagnostics, code actions, hover and the panel never disagree.
 */
export class Services implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private current: Gongwen | undefined;
  private readonly reloadEmitter = new vscode.EventEmitter<void>();
  /** Fires after the engine was reloaded (rule packs, settings, trust). */
  readonly onDidReload = this.reloadEmitter.event;
  private readonly results = new Map<string, { version: number; result: CheckResult; key: string }>();
  private extraRuleDirs: () => string[] = () => [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('公文写作助手', { log: true });
  }

  /** Rule-pack folders beyond the built-in data (set by the rule-pack feature: workspace `.gongwen/rules`, trusted only). */
  setExtraRuleDirs(provider: () => string[]): void {
    this.extraRuleDirs = provider;
    this.reload();
  }

  get gongwen(): Gongwen {
    if (!this.current) {
      this.current = loadGongwen({ dataDir: vscode.Uri.joinPath(this.context.extensionUri, 'data').fsPath, ruleDirs: this.extraRuleDirs() });
      this.logIssues(this.current.issues);
    }
    return this.current;
  }

  reload(): void {
    this.current = undefined;
    this.results.clear();
    this.reloadEmitter.fire();
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
