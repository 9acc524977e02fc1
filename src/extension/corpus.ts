/**
 * The exemplar corpus in the editor: the built-in corpus plus the user's folders
 * (`gongwen.corpus.paths`, trusted workspaces only for workspace settings),
 * indexed in the background with a cancellable progress notification, cached
 * in the extension's global storage and refreshed when files change.
 *
 * Other features (the comparison panel, snippets) use `CorpusFeature.index`
 * and `onDidChange`.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { PANEL_MAX_CHARS } from '../core/compare/panel';
import { CorpusIndex } from '../core/corpus/index';
import type { Speech } from '../core/corpus/types';
import { loadBuiltinCorpus } from '../node/corpusData';
import { CORPUS_EXTENSIONS, loadUserCorpus, type UserCorpus } from '../node/corpusUser';
import { OffThreadCorpusReader } from './offThreadCorpus';
import { bundledWorkerFile } from './workerThread';
import type { Services } from './services';
import { onTrustGranted, pathsAllowed, settingPaths } from './trust';

export const CORPUS_SCHEME = 'gongwen-corpus';

const pause = () => new Promise<void>(resolve => setImmediate(resolve));

export class CorpusFeature implements vscode.Disposable {
  private builtin: Speech[] | undefined;
  private current: CorpusIndex | undefined;
  private building: vscode.CancellationTokenSource | undefined;
  private generation = 0;
  private readonly changeEmitter = new vscode.EventEmitter<CorpusIndex>();
  /** Fires when a new index is ready (after a rebuild or a file change). */
  readonly onDidChange = this.changeEmitter.event;
  private watchers: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly services: Services,
  ) {}

  private builtinSpeeches(): Speech[] {
    if (!this.builtin) {
      const { speeches, issues } = loadBuiltinCorpus(vscode.Uri.joinPath(this.context.extensionUri, 'data').fsPath);
      for (const i of issues) {
        this.services.output.error(`${i.file}: ${i.message}`);
      }
      this.builtin = speeches;
    }
    return this.builtin;
  }

  /**
   * The index to search now: the built-in corpus at first, the full corpus
   * once the background build is done. Features on the extension host await
   * `ready()` first: before it resolves, this builds the built-in index in one
   * go (a few hundred milliseconds cold).
   */
  get index(): CorpusIndex {
    if (!this.current) {
      this.current = new CorpusIndex(this.builtinSpeeches());
    }
    return this.current;
  }

  /** Whether an index is built (`index` is then immediate). */
  get indexed(): boolean {
    return this.current !== undefined;
  }

  private starting: Promise<CorpusIndex> | undefined;

  /**
   * The index once one is built, without blocking the host: the built-in
   * corpus is indexed in short steps (paragraphs included) unless the full
   * index is already there.
   */
  ready(): Promise<CorpusIndex> {
    if (this.current) {
      return Promise.resolve(this.current);
    }
    this.starting ??= (async () => {
      const index = await CorpusIndex.create(this.builtinSpeeches(), pause);
      if (this.current || !index) {
        return this.index;
      }
      await index.prepareParagraphs(pause);
      return (this.current ??= index);
    })();
    return this.starting;
  }

  /** The user's folders that may be read now (trust rules applied). */
  userFolders(): string[] {
    const folders = settingPaths('corpus.paths').map(p => (path.isAbsolute(p) ? p : path.resolve(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', p)));
    return pathsAllowed(folders, this.services.output);
  }

  private latest: Promise<CorpusIndex | undefined> | undefined;

  /**
   * Rebuilds the full index in the background, cancelling a build in progress.
   * Resolves to the new index; a build superseded by a newer one resolves to the newer one's result.
   */
  async rebuild(options: { silent?: boolean } = {}): Promise<CorpusIndex | undefined> {
    const mine = this.build(options);
    this.latest = mine;
    const result = await mine;
    if (result === undefined && this.latest !== mine) {
      return this.latest;
    }
    return result;
  }

  private async build(options: { silent?: boolean }): Promise<CorpusIndex | undefined> {
    this.building?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.building = source;
    const generation = ++this.generation;
    const folders = this.userFolders();
    this.watch(folders);
    const work = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken) => {
      const cancelled = () => source.token.isCancellationRequested || (token?.isCancellationRequested ?? false);
      let last = 0;
      // New and changed files are read on a worker thread, started for this build only (when a file needs reading).
      const reader = new OffThreadCorpusReader({ workerFile: bundledWorkerFile(this.context.extensionPath) }, m => this.services.output.warn(m));
      let user: UserCorpus = { speeches: [], problems: [], read: 0, fromCache: 0, cancelled: false };
      try {
        if (folders.length) {
          user = await loadUserCorpus(folders, {
            cacheDir: this.context.globalStorageUri.fsPath,
            isCancelled: cancelled,
            readSpeech: file => reader.read(file),
            onProgress: (done, total) => {
              const pct = total ? Math.floor((done / total) * 80) : 80;
              progress?.report({ message: vscode.l10n.t('Reading {0}/{1} files', done, total), increment: pct - last });
              last = pct;
            },
          });
        }
      } finally {
        reader.dispose();
      }
      for (const p of user.problems) {
        this.services.output.warn(`${p.file}: ${p.message}`);
      }
      if (user.cancelled || cancelled()) {
        return undefined;
      }
      progress?.report({ message: vscode.l10n.t('Indexing {0} speeches', user.speeches.length + this.builtinSpeeches().length), increment: 80 - last });
      const index = await CorpusIndex.create([...this.builtinSpeeches(), ...user.speeches], pause, cancelled);
      if (!index || generation !== this.generation) {
        return undefined;
      }
      await index.prepareParagraphs(pause, cancelled);
      if (cancelled() || generation !== this.generation) {
        return undefined;
      }
      this.current = index;
      this.services.output.info(
        `范文库已就绪：内置 ${this.builtinSpeeches().length} 篇，自己的文件夹 ${user.speeches.length} 篇（新读取 ${user.read} 个文件，缓存 ${user.fromCache} 个，未收入 ${user.problems.length} 个）`,
      );
      this.changeEmitter.fire(index);
      return index;
    };
    try {
      if (options.silent || folders.length === 0) {
        return await work();
      }
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Gongwen: building the exemplar corpus'), cancellable: true },
        (progress, token) => work(progress, token),
      );
    } catch (e) {
      this.services.output.error(`范文库建立失败：${(e as Error).stack ?? e}`);
      return undefined;
    } finally {
      if (this.building === source) {
        this.building = undefined;
      }
      source.dispose();
    }
  }

  /** Watches the user's folders; changes refresh the index incrementally (through the cache). */
  private watch(folders: string[]): void {
    this.watchers.forEach(w => w.dispose());
    this.watchers = [];
    const glob = `**/*.{${CORPUS_EXTENSIONS.map(e => e.slice(1)).join(',')}}`;
    for (const f of folders) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(f), glob));
      const changed = () => this.scheduleRefresh();
      w.onDidChange(changed);
      w.onDidCreate(changed);
      w.onDidDelete(changed);
      this.watchers.push(w);
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) {
      clearTimeout(this.refreshTimer);
    }
    this.refreshTimer = setTimeout(() => void this.rebuild({ silent: true }), 2000);
  }

  dispose(): void {
    this.building?.cancel();
    this.watchers.forEach(w => w.dispose());
    if (this.refreshTimer) {
      clearTimeout(this.refreshTimer);
    }
    this.changeEmitter.dispose();
  }
}

function speechUri(s: Speech): vscode.Uri {
  return vscode.Uri.from({ scheme: CORPUS_SCHEME, path: `/${s.id}.txt`, query: encodeURIComponent(s.title) });
}

/** Registers the corpus feature: settings, commands, background build. Returns it for the panel and snippets. */
export function registerCorpusFeatures(context: vscode.ExtensionContext, services: Services): CorpusFeature {
  const feature = new CorpusFeature(context, services);
  context.subscriptions.push(
    feature,
    vscode.workspace.registerTextDocumentContentProvider(CORPUS_SCHEME, {
      async provideTextDocumentContent(uri) {
        const id = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.txt$/, ''));
        return (await feature.ready()).get(id)?.text ?? vscode.l10n.t('This exemplar is no longer in the corpus.');
      },
    }),
    vscode.commands.registerCommand('gongwen.corpus.rebuild', () => feature.rebuild()),
    vscode.commands.registerCommand('gongwen.corpus.findSimilar', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      let text = editor.document.getText();
      if (text.length > PANEL_MAX_CHARS) {
        // The search runs on the host: a speech-sized query keeps it short (a whole 10 MB file would not).
        text = text.slice(0, PANEL_MAX_CHARS);
        void vscode.window.showInformationMessage(vscode.l10n.t('The document is long: exemplars are searched by its first {0} characters.', PANEL_MAX_CHARS));
      }
      const hits = (await feature.ready()).search(text, { top: 10 });
      const pick = await vscode.window.showQuickPick(
        hits.map(h => ({
          label: h.speech.title,
          description: `${Math.round(h.score * 100)}% · ${h.speech.date ?? vscode.l10n.t('date unknown')}`,
          detail: h.why.summary,
          speech: h.speech,
        })),
        { placeHolder: vscode.l10n.t('Exemplars closest to this draft'), matchOnDetail: true },
      );
      if (pick) {
        await vscode.window.showTextDocument(speechUri(pick.speech), { preview: true, viewColumn: vscode.ViewColumn.Beside });
      }
    }),
    vscode.commands.registerCommand('gongwen.corpus.findSimilarParagraph', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      const line = editor.document.lineAt(editor.selection.active.line).text;
      const text = editor.selection.isEmpty ? line : editor.document.getText(editor.selection);
      if (text.trim().length < 4) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a paragraph (or select some text) first.'));
        return;
      }
      const hits = (await feature.ready()).searchParagraphs(text, { top: 10 });
      const pick = await vscode.window.showQuickPick(
        hits.map(h => ({ label: h.paragraph.text.slice(0, 80), description: `${Math.round(h.score * 100)}%`, detail: h.speech.title, hit: h })),
        { placeHolder: vscode.l10n.t('Exemplar paragraphs closest to this one (choose one to insert it below)'), matchOnDetail: true },
      );
      if (pick) {
        const at = editor.document.lineAt(editor.selection.end.line).range.end;
        await editor.edit(b => b.insert(at, '\n' + pick.hit.paragraph.text));
      }
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('gongwen.corpus.paths')) {
        void feature.rebuild();
      }
    }),
  );
  onTrustGranted(context, () => void feature.rebuild());
  // Build in the background after activation; the built-in corpus serves until then.
  setTimeout(() => void feature.rebuild(), 1500);
  return feature;
}
