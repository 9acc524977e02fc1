import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateGongwen, openDraft, ruleIds, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

const GOOD = [
  'pack: house',
  'category: wording',
  'rules:',
  '  - id: house.zhuashou',
  '    severity: warning',
  '    terms: [抓手]',
  '    replace: 着力点',
  '    message: 本单位文稿不用“{match}”',
  '',
].join('\n');

const BROKEN = [
  'pack: broken',
  'category: wording',
  'rules:',
  '  - id: broken.one',
  '    severity: warning',
  '    terms: [x]',
  '    mesage: typo',
  '    message: m',
  '',
].join('\n');

const packDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文规则包');

describe('workspace rule packs in the editor', function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    await activateGongwen();
    dir = path.join(path.dirname(workspaceFile('x').fsPath), '.gongwen', 'rules');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'house.yaml'), GOOD);
    fs.writeFileSync(path.join(dir, 'broken.yaml'), BROKEN);
    await vscode.commands.executeCommand('gongwen.reload');
  });

  after(async () => {
    // Revert and close the packs edited without saving first, so nothing writes them back after they are removed.
    for (const doc of vscode.workspace.textDocuments.filter(d => d.uri.fsPath.startsWith(dir) && d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    await vscode.commands.executeCommand('gongwen.reload');
  });

  it('a workspace pack’s rule fires in a draft while the broken pack beside it is reported with its location', async () => {
    const editor = await openDraft('我们要找准抓手，督促一府两院依法行政。');
    const ds = await waitForDiagnostics(editor.document.uri, d => ruleIds(d).includes('house.zhuashou'), 'the workspace rule');
    assert.ok(ruleIds(ds).includes('formulation.yifu-liangyuan'), 'built-in rules still work');
    const broken = vscode.Uri.file(path.join(dir, 'broken.yaml'));
    const pd = await waitFor(() => {
      const d = packDiagnostics(broken);
      return d.length > 0 ? d : undefined;
    }, 'diagnostics on the broken pack');
    assert.strictEqual(pd[0].message, '未知字段“mesage”；该规则未加载');
    assert.strictEqual(pd[0].range.start.line, 6);
    assert.strictEqual(pd[0].range.start.character, 4);
    assert.strictEqual(pd[0].severity, vscode.DiagnosticSeverity.Error);
  });

  it('validates a pack while it is edited, before it is saved', async () => {
    const broken = vscode.Uri.file(path.join(dir, 'broken.yaml'));
    const doc = await vscode.workspace.openTextDocument(broken);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit(b => b.replace(new vscode.Range(6, 4, 6, 10), 'source'));
    await waitFor(() => packDiagnostics(broken).length === 0, 'the fixed pack has no diagnostics');
    await editor.edit(b => b.replace(new vscode.Range(4, 14, 4, 21), 'fatal'));
    const pd = await waitFor(() => {
      const d = packDiagnostics(broken);
      return d.length > 0 ? d : undefined;
    }, 'a diagnostic for the wrong severity');
    assert.match(pd[0].message, /“severity”应为 error、warning、info、hint 之一/);
    assert.strictEqual(pd[0].range.start.line, 4);
  });
});
