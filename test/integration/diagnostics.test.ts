import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateGongwen, openDraft, ruleIds, sleep, waitForDiagnostics, workspaceFile } from './helpers';

describe('diagnostics in a real VS Code', () => {
  before(async () => {
    await activateGongwen();
  });

  afterEach(async () => {
    // Revert the unsaved drafts first: closing a dirty untitled editor would ask whether to save it.
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isUntitled && d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates for a plaintext draft and reports placeholders with source and rule link', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('draft-placeholders.txt'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension('gongwen.gongwen');
    assert.ok(ext?.isActive, 'extension should be active after opening a plaintext document');
    const ds = await waitForDiagnostics(doc.uri, d => d.filter(x => ruleIds([x])[0] === 'placeholder').length >= 3, 'placeholder diagnostics');
    const ph = ds.filter(d => ruleIds([d])[0] === 'placeholder');
    const texts = ph.map(d => doc.getText(d.range));
    assert.ok(texts.includes('XXX'), `XXX flagged: ${texts.join(' ')}`);
    assert.ok(texts.includes('20xx'), `20xx flagged: ${texts.join(' ')}`);
    assert.ok(texts.includes('×××'), `××× flagged: ${texts.join(' ')}`);
    for (const d of ph) {
      assert.strictEqual(d.source, '公文');
      assert.ok(typeof d.code === 'object' && d.code.target.scheme === 'gongwen-rule', 'code links to the rule documentation');
    }
    // No false alarm on the multiplication sign and the Latin word in the same file.
    assert.ok(!texts.some(t => t === '×' || /XML/.test(t)));
  });

  it('updates as the user types and drops stale results', async () => {
    const editor = await openDraft('今年的工作很好。\n');
    const uri = editor.document.uri;
    await sleep(500);
    assert.strictEqual(vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文').length, 0);
    // Type a placeholder, then quickly remove it again: the final state must have no diagnostics.
    await editor.edit(b => b.insert(new vscode.Position(1, 0), 'XX同志讲话。\n'));
    await waitForDiagnostics(uri, ds => ds.length === 1, 'diagnostic after typing');
    await editor.edit(b => b.delete(new vscode.Range(1, 0, 2, 0)));
    await editor.edit(b => b.insert(new vscode.Position(1, 0), '某同志'));
    await editor.edit(b => b.delete(new vscode.Range(1, 0, 1, 3)));
    await waitForDiagnostics(uri, ds => ds.length === 0, 'diagnostics cleared after the edit');
    await sleep(800);
    assert.strictEqual(vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文').length, 0, 'no stale diagnostics came back');
  });

  it('clears diagnostics when the document is closed', async () => {
    const editor = await openDraft('请XXX同志发言。');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, ds => ds.length > 0, 'diagnostics on open');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(uri, ds => ds.length === 0, 'diagnostics cleared on close');
  });

  it('runs the check command and offers the rule documentation', async () => {
    const editor = await openDraft('20xx年工作要点');
    await vscode.commands.executeCommand('gongwen.checkDocument');
    const ds = await waitForDiagnostics(editor.document.uri, d => d.length === 1, 'diagnostic after the command');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, ds[0].range);
    const titles = actions.map(a => a.title);
    assert.ok(titles.some(t => t.includes('placeholder')), `documentation action offered: ${titles.join(' | ')}`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('gongwen-rule:/placeholder.md'));
    assert.match(doc.getText(), /占位符/);
  });
});
