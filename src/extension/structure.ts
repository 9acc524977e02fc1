import * as vscode from 'vscode';
import {
  formatMinutes,
  nextNumbers,
  parseOutline,
  renumberAt,
  speechStats,
  type Outline,
  type OutlinePart,
  type SpeechOutline,
} from '../core/structure';
import type { Services } from './services';

/**
 * The speech's structure in the editor: outline view, breadcrumbs and Go to
 * Symbol (document symbols), folding by part, a status-bar item with the
 * length and speaking time, next-number completion and the 重新编号 command.
 * All of it reads one parse per document version.
 */

const cache = new Map<string, { version: number; outline: Outline }>();

/**
 * Above this many characters the outline is not parsed on the extension host
 * (outline symbols, folding, next-number completion, per-part lengths): a
 * multi-megabyte file is no single speech, and parsing it would hold up the
 * editor. The 重新编号 command (an explicit action) and `gongwen outline` still parse it.
 */
export const HOST_OUTLINE_MAX_CHARS = 300_000;

const EMPTY_OUTLINE = parseOutline('');

/** The outline of the document's current version (parsed once per version). */
export function outlineOf(document: vscode.TextDocument, force = false): Outline {
  const key = document.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === document.version && (hit.outline !== EMPTY_OUTLINE || !force)) {
    return hit.outline;
  }
  const text = document.getText();
  const outline =
    text.length > HOST_OUTLINE_MAX_CHARS && !force ? EMPTY_OUTLINE : parseOutline(text, { markdown: document.languageId === 'markdown' });
  cache.set(key, { version: document.version, outline });
  return outline;
}

const PART_KINDS = [
  vscode.SymbolKind.Namespace,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Field,
  vscode.SymbolKind.Variable,
];

function lineRange(document: vscode.TextDocument, from: number, to: number): vscode.Range {
  const last = Math.min(to, document.lineCount - 1);
  return new vscode.Range(from, 0, last, document.lineAt(last).text.length);
}

function partSymbol(document: vscode.TextDocument, p: OutlinePart): vscode.DocumentSymbol {
  const range = lineRange(document, p.line, Math.max(p.line, p.endLine));
  const selection = new vscode.Range(document.positionAt(p.markerStart), document.positionAt(Math.max(p.markerEnd, p.titleEnd)));
  const name = `${p.marker.trim()}${p.title}` || p.marker;
  const s = new vscode.DocumentSymbol(name, vscode.l10n.t('line {0}', p.line + 1), PART_KINDS[p.level - 1], range, range.contains(selection) ? selection : range);
  s.children = p.children.map(c => partSymbol(document, c));
  return s;
}

function speechSymbols(document: vscode.TextDocument, s: SpeechOutline): vscode.DocumentSymbol[] {
  const out: vscode.DocumentSymbol[] = [];
  const simple = (name: string, detail: string, kind: vscode.SymbolKind, from: number, to: number) => {
    const r = lineRange(document, from, to);
    out.push(new vscode.DocumentSymbol(name, detail, kind, r, r));
  };
  if (s.titleBlock) {
    simple(s.titleBlock.title ?? s.titleBlock.subtitle ?? vscode.l10n.t('Title'), vscode.l10n.t('Title'), vscode.SymbolKind.File, s.titleBlock.line, s.titleBlock.endLine);
  }
  if (s.salutation) {
    simple(s.salutation.text, vscode.l10n.t('Salutation'), vscode.SymbolKind.Key, s.salutation.line, s.salutation.line);
  }
  if (s.opening) {
    const firstPart = s.parts[0]?.line ?? s.endLine + 1;
    simple(vscode.l10n.t('Opening'), s.opening.text, vscode.SymbolKind.String, s.opening.line, Math.max(s.opening.line, firstPart - 1));
  }
  out.push(...s.parts.map(p => partSymbol(document, p)));
  if (s.closing) {
    simple(vscode.l10n.t('Closing'), s.closing.text, vscode.SymbolKind.Event, s.closing.line, s.endLine);
  }
  return out;
}

export class StructureSymbols implements vscode.DocumentSymbolProvider {
  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const outline = outlineOf(document);
    if (outline.speeches.length === 1) {
      return speechSymbols(document, outline.speeches[0]);
    }
    return outline.speeches.map((s, i) => {
      const r = lineRange(document, s.startLine, s.endLine);
      const name = s.titleBlock?.title ?? vscode.l10n.t('Speech {0}', i + 1);
      const sym = new vscode.DocumentSymbol(name, vscode.l10n.t('speech {0}', i + 1), vscode.SymbolKind.Module, r, r);
      sym.children = speechSymbols(document, s);
      return sym;
    });
  }
}

export class StructureFolding implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const out: vscode.FoldingRange[] = [];
    const outline = outlineOf(document);
    const walk = (ps: readonly OutlinePart[]) => {
      for (const p of ps) {
        if (p.endLine > p.line) {
          out.push(new vscode.FoldingRange(p.line, p.endLine, vscode.FoldingRangeKind.Region));
        }
        walk(p.children);
      }
    };
    for (const s of outline.speeches) {
      if (outline.speeches.length > 1 && s.endLine > s.startLine) {
        out.push(new vscode.FoldingRange(s.startLine, s.endLine, vscode.FoldingRangeKind.Region));
      }
      walk(s.parts);
    }
    return out;
  }
}

/** Completion of the next number at each level and in inline sequences. */
export class NextNumberCompletion implements vscode.CompletionItemProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const lineText = document.lineAt(position.line).text;
    const before = lineText.slice(0, position.character);
    // What the writer has typed of the number so far (`三`, `（`, `第二`, `二`).
    const typed = /(?:第|[（(])?[一二三四五六七八九十0-9]{0,3}$/.exec(before)?.[0] ?? '';
    const lead = before.slice(0, before.length - typed.length);
    const atLineStart = /^[\s\u3000]*(?:#{1,6}\s+)?(?:\*\*)?$/.test(lead);
    const offset = document.offsetAt(position);
    const items = nextNumbers(outlineOf(document), position.line, offset, atLineStart);
    const range = new vscode.Range(position.translate(0, -typed.length), position);
    return items.map((n, i) => {
      const item = new vscode.CompletionItem(n.text, n.kind === 'part' ? vscode.CompletionItemKind.EnumMember : vscode.CompletionItemKind.Value);
      item.detail = n.detail;
      item.range = range;
      item.insertText = n.text;
      item.filterText = n.text;
      item.sortText = `!${String(i).padStart(2, '0')}`;
      item.preselect = i === 0;
      return item;
    });
  }
}

/** Applies the renumbering of the level under the cursor as one undoable edit. */
export async function renumberCommand(editor: vscode.TextEditor | undefined): Promise<boolean> {
  if (!editor) {
    return false;
  }
  const document = editor.document;
  const pos = editor.selection.active;
  const plan = renumberAt(outlineOf(document, true), document.getText(), pos.line, document.offsetAt(pos));
  if (!plan) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cursor is not in a numbered part or sequence.'));
    return false;
  }
  if (plan.edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already numbered in order.', plan.label));
    return true;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return vscode.workspace.applyEdit(edit);
}

/** The status-bar item: Chinese characters and speaking time; the tooltip lists each part's length. */
class LengthStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongwen.length', vscode.StatusBarAlignment.Right, 100);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.item.name = vscode.l10n.t('Gongwen: speech length');
    this.item.command = 'workbench.action.gotoSymbol';
  }

  schedule(delay = 250): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.update(), delay);
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.services.isTarget(editor.document)) {
      this.item.hide();
      return;
    }
    const document = editor.document;
    const rate = vscode.workspace.getConfiguration('gongwen', document).get<number>('speakingRate', 220) ?? 220;
    const text = document.getText();
    const st = speechStats(text, outlineOf(document), rate);
    this.item.text = `$(clock) ${vscode.l10n.t('{0} chars · about {1}', st.han.toLocaleString('zh-CN'), formatMinutes(st.minutes))}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(vscode.l10n.t('**{0}** Chinese characters ({1} non-blank characters), about **{2}** at {3} characters per minute (setting gongwen.speakingRate).', st.han, st.chars, formatMinutes(st.minutes), st.rate));
    if (text.length > HOST_OUTLINE_MAX_CHARS) {
      md.appendMarkdown('\n\n' + vscode.l10n.t('The document has more than {0} characters: its outline is not computed in the editor (run `gongwen outline` for it).', HOST_OUTLINE_MAX_CHARS.toLocaleString('zh-CN')));
    }
    if (st.parts.length) {
      md.appendMarkdown('\n\n| | | |\n|:--|--:|--:|\n');
      for (const p of st.parts) {
        const label = p.label.length > 24 ? p.label.slice(0, 24) + '…' : p.label;
        md.appendMarkdown(`| ${label.replace(/[|\\`*_[\]]/g, c => '\\' + c)} | ${p.han} | ${formatMinutes(p.minutes)} |\n`);
      }
    }
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.item.dispose();
  }
}

export function registerStructureFeatures(context: vscode.ExtensionContext, services: Services): void {
  const selector: vscode.DocumentSelector = services.settings().languages.map(language => ({ language }));
  const status = new LengthStatus(services);
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(selector, new StructureSymbols(), { label: '公文结构' }),
    vscode.languages.registerFoldingRangeProvider(selector, new StructureFolding()),
    vscode.languages.registerCompletionItemProvider(selector, new NextNumberCompletion(), '（', '(', '；'),
    vscode.commands.registerCommand('gongwen.renumber', () => renumberCommand(vscode.window.activeTextEditor)),
    status,
    vscode.window.onDidChangeActiveTextEditor(() => status.schedule(0)),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document === vscode.window.activeTextEditor?.document) {
        status.schedule();
      }
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('gongwen')) {
        status.schedule(0);
      }
    }),
    vscode.workspace.onDidCloseTextDocument(d => cache.delete(d.uri.toString())),
  );
  status.schedule(0);
}
