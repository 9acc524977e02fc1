import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NearParagraphs, PanelModel } from '../../src/core/compare/model';
import type { PanelContent } from '../../src/shared/panelMessages';
import { activateGongwen, openDraft, sleep, waitFor, workspaceFile } from './helpers';

// Mirrors src/extension/panel.ts (a test must not import the extension's modules: they would be a second copy).
const PANEL_TEST_COMMAND = '_gongwen.panel.test';
const EXEMPLAR_SCHEME = 'gongwen-exemplar';
const PANEL_TEST_WORKER_COMMAND = '_gongwen.panel.test.worker';

interface Snapshot {
  readyViews: number;
  content: PanelContent | null;
  accepted: boolean | null;
  near: NearParagraphs | null;
  worker: { available: boolean; models: number; failed: number; crashes: number; longestStepMs: number } | null;
  builtOn: 'worker' | 'host' | null;
}

async function snapshot(message?: unknown): Promise<Snapshot> {
  return (await vscode.commands.executeCommand(PANEL_TEST_COMMAND, ...(message === undefined ? [] : [message]))) as Snapshot;
}

/** The panel's model once it describes `docName` and satisfies `ok`. */
async function modelFor(docName: string, ok: (m: PanelModel) => boolean = () => true, what = `the panel model for ${docName}`): Promise<PanelModel> {
  return waitFor(async () => {
    const s = await snapshot();
    return s.content?.type === 'model' && s.content.model.docName === docName && ok(s.content.model) ? s.content.model : undefined;
  }, what, 30_000);
}

describe('comparison panel in a real VS Code', () => {
  let draft: vscode.TextEditor;

  before(async () => {
    await activateGongwen();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('panel-draft.txt'));
    draft = await vscode.window.showTextDocument(doc);
    // Show the side view: its webview loads the page, which says `ready`.
    await vscode.commands.executeCommand('gongwen.compareView.focus');
    await waitFor(async () => (await snapshot()).readyViews > 0, 'the panel webview to load and say ready', 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens for a draft and lists the closest exemplars from the built-in corpus', async () => {
    // Freshness is checked after the first paint; wait for the completed model.
    const model = await modelFor('panel-draft.txt', m => m.exemplars.length > 0 && m.exemplars.every(e => e.outdated !== null));
    assert.ok(model.corpusSize >= 5, `corpus of ${model.corpusSize}`);
    assert.strictEqual(model.exemplars.length, 5);
    assert.strictEqual(model.draftDate, '2026-10-15', 'judged as of the draft’s own date');
    assert.strictEqual(model.dateFromDocument, true);
    assert.ok(model.exemplars.every(e => e.title.length > 0 && e.score > 0));
    // The draft's structure: salutation, opening with the announcement, three sections.
    assert.deepStrictEqual(
      model.draftParts.map(p => p.role),
      ['title', 'salutation', 'opening', 'section', 'section', 'section'],
    );
    assert.ok(model.alignment.length >= model.draftParts.length);
    assert.ok(model.coverage.find(c => c.kind === 'closing')?.inDraft === false, 'the draft has no closing call yet');
    // Built off the extension host's thread: the panel's worker answered, the host only posted and received.
    const s = await snapshot();
    assert.ok(s.worker && s.worker.available && s.worker.models > 0 && s.worker.failed === 0 && s.worker.crashes === 0, JSON.stringify(s.worker));
    assert.ok(s.worker.longestStepMs <= 50, `longest host step ${s.worker.longestStepMs} ms`);
    assert.strictEqual(s.builtOn, 'worker');
  });

  it('compares on the host when its worker is not used, with the same result', async () => {
    const complete = (m: PanelModel) => m.exemplars.length > 0 && m.exemplars.every(e => e.outdated !== null);
    const viaWorker = await modelFor('panel-draft.txt', complete);
    assert.strictEqual((await snapshot()).builtOn, 'worker');
    await vscode.commands.executeCommand(PANEL_TEST_WORKER_COMMAND, false);
    try {
      const onHost = await waitFor(async () => {
        const s = await snapshot();
        return s.builtOn === 'host' && s.content?.type === 'model' && complete(s.content.model) ? s.content.model : undefined;
      }, 'a model built on the host', 30_000);
      const { elapsedMs: _a, ...a } = viaWorker;
      const { elapsedMs: _b, ...b } = onHost;
      assert.deepStrictEqual(b, a, 'the same model (freshness included) from the host as from the worker');
    } finally {
      await vscode.commands.executeCommand(PANEL_TEST_WORKER_COMMAND, true);
    }
    await waitFor(async () => (await snapshot()).builtOn === 'worker', 'the worker again');
  });

  it('inserts an exemplar paragraph at the cursor as one undoable edit', async () => {
    const model = await modelFor('panel-draft.txt', m => m.exemplarParts.length > 0);
    const paragraph = model.exemplarParts.flatMap(p => p.paragraphs).find(p => p.text.length > 20);
    assert.ok(paragraph, 'the chosen exemplar has a body paragraph');
    const doc = draft.document;
    const before = doc.getText();
    // The cursor at the end of the last line with text.
    let line = doc.lineCount - 1;
    while (line > 0 && !doc.lineAt(line).text.trim()) {
      line--;
    }
    const end = doc.lineAt(line).range.end;
    await vscode.window.showTextDocument(doc);
    draft.selection = new vscode.Selection(end, end);
    const s = await snapshot({ type: 'insertParagraph', id: model.selected, paragraph: paragraph.index });
    assert.strictEqual(s.accepted, true);
    await waitFor(() => doc.getText() !== before, 'the document to change');
    const at = doc.offsetAt(end);
    assert.strictEqual(doc.getText(), `${before.slice(0, at)}\n${paragraph.text}${before.slice(at)}`, 'inserted as a paragraph of its own after the cursor line');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'one undo to restore the draft');
  });

  it('jumps to a part of the draft', async () => {
    const model = await modelFor('panel-draft.txt');
    const section = model.draftParts.filter(p => p.role === 'section')[2];
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    draft.selection = new vscode.Selection(0, 0, 0, 0);
    await snapshot({ type: 'jump', line: section.line });
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document === draft.document && vscode.window.activeTextEditor.selection.active.line === section.line && vscode.window.activeTextEditor,
      'the cursor on the part',
    );
    assert.ok(draft.document.lineAt(section.line).text.startsWith('三、'));
    assert.ok(editor.visibleRanges.some(r => r.contains(new vscode.Position(section.line, 0))), 'the line is revealed');
  });

  it('lists the exemplar paragraphs close to the paragraph at the cursor, and inserts one as one undoable edit', async () => {
    await modelFor('panel-draft.txt');
    const doc = draft.document;
    let line = 0;
    while (line < doc.lineCount - 1 && doc.lineAt(line).text.trim().length < 30) {
      line++;
    }
    const query = doc.lineAt(line).text.trim();
    assert.ok(query.length >= 30, 'the draft has a body paragraph');
    await vscode.window.showTextDocument(doc, { viewColumn: draft.viewColumn });
    const end = doc.lineAt(line).range.end;
    draft.selection = new vscode.Selection(end, end);
    const near = await waitFor(async () => {
      const n = (await snapshot()).near;
      return n && n.query === query && n.hits.length > 0 ? n : undefined;
    }, 'the close paragraphs of the cursor paragraph', 10_000);
    assert.ok(near.hits.length <= 5);
    assert.ok(near.hits.every(h => h.title.length > 0 && h.text.length > 0 && h.score > 0));
    const before = doc.getText();
    const hit = near.hits[0];
    assert.strictEqual((await snapshot({ type: 'insertParagraph', id: hit.id, paragraph: hit.paragraph })).accepted, true);
    await waitFor(() => doc.getText() !== before, 'the document to change');
    const at = doc.offsetAt(end);
    assert.strictEqual(doc.getText(), `${before.slice(0, at)}\n${hit.text}${before.slice(at)}`);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'one undo to restore the draft');
  });

  it('opens an exemplar as a read-only virtual document at the part', async () => {
    const model = await modelFor('panel-draft.txt', m => m.exemplarParts.length > 1);
    const part = model.exemplarParts[1];
    await snapshot({ type: 'openExemplar', id: model.selected, line: part.line });
    const editor = await waitFor(
      () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === EXEMPLAR_SCHEME),
      'the exemplar editor',
    );
    assert.ok(editor.document.getText().includes(part.title.replace(/…$/, '').slice(0, 10)));
    assert.strictEqual(editor.selection.active.line, part.line);
    // Typing into it changes nothing: the editor is read-only.
    const text = editor.document.getText();
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('type', { text: '改' });
    await sleep(300);
    assert.strictEqual(editor.document.getText(), text, 'the exemplar cannot be edited');
    assert.strictEqual(editor.document.isDirty, false);
    // Opening an exemplar does not take the panel away from the draft.
    const after = await modelFor('panel-draft.txt');
    assert.strictEqual(after.docUri, draft.document.uri.toString());
  });

  it('pins an exemplar, drops malformed messages, and follows the active editor', async () => {
    const model = await modelFor('panel-draft.txt', m => m.exemplars.length > 1);
    const second = model.exemplars[1].id;
    await snapshot({ type: 'pin', id: second, pinned: true });
    await modelFor('panel-draft.txt', m => m.exemplars[0].id === second && m.exemplars[0].pinned && m.selected === second, 'the pinned exemplar first');
    await snapshot({ type: 'pin', id: second, pinned: false });
    await modelFor('panel-draft.txt', m => !m.exemplars.some(e => e.pinned), 'unpinned');

    const text = draft.document.getText();
    for (const bad of [{ type: 'insertParagraph', id: model.selected, paragraph: -1 }, { type: 'jump', line: '3' }, { type: 'exec', command: 'x' }]) {
      assert.strictEqual((await snapshot(bad)).accepted, false, JSON.stringify(bad));
    }
    assert.strictEqual(draft.document.getText(), text);

    // Another draft: the panel follows it; a document Gongwen does not check: a designed empty state.
    const other = await openDraft('同志们：\n今天召开全市人大工作会议。下面，我讲两点意见。\n一、统一思想\n要提高认识。\n二、狠抓落实\n要压实责任。\n', 'markdown');
    await waitFor(async () => {
      const s = await snapshot();
      return s.content?.type === 'model' && s.content.model.docUri === other.document.uri.toString();
    }, 'the panel to follow the new editor');
    await openDraft('{"a": 1}', 'json');
    await waitFor(async () => {
      const s = await snapshot();
      return s.content?.type === 'empty' && s.content.reason === 'unsupported';
    }, 'the unsupported state');
    // A draft longer than the panel compares on the host: a notice instead of an editor kept waiting.
    await openDraft('各项工作稳步推进。\n'.repeat(5_000));
    await waitFor(async () => {
      const s = await snapshot();
      return s.content?.type === 'empty' && s.content.reason === 'tooLarge';
    }, 'the too-long notice');
  });
});
