import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateGongwen, ruleIds, sleep, waitFor, waitForDiagnostics } from './helpers';

let fileCount = 0;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-structure-'));

/** A fresh .txt file on disk (not an untitled buffer, whose name and model the host may reuse between tests), shown in an editor. */
async function openDraft(content: string): Promise<vscode.TextEditor> {
  const file = path.join(tmpDir, `draft-${++fileCount}.txt`);
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

const SPEECH = [
  '在全市工作会议上的讲话',
  '',
  '同志们：',
  '',
  '今天，我们召开全市工作会议，主要任务是部署今年工作。下面，我讲三点意见。',
  '',
  '一、统一思想',
  '',
  '（一）提高认识。一是加强学习；二是深入调研。',
  '',
  '（二）明确任务。',
  '',
  '二、突出重点',
  '',
  '1、抓项目建设。',
  '',
  '三、加强领导',
  '',
  '四、改进作风',
  '',
  '同志们，让我们共同努力！',
  '',
].join('\n');

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('speech structure in a real VS Code', () => {
  before(async () => {
    await activateGongwen();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it('shows the parts in the outline (document symbols) and folds by part', async () => {
    const editor = await openDraft(SPEECH);
    const uri = editor.document.uri;
    const symbols = await waitFor(
      async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
        return s && s.length > 0 ? s : undefined;
      },
      'document symbols',
    );
    const names = symbols.map(s => s.name);
    assert.ok(names.includes('在全市工作会议上的讲话'), names.join(' | '));
    assert.ok(names.includes('同志们：'), names.join(' | '));
    const parts = symbols.filter(s => /^[一二三四]、/.test(s.name));
    assert.deepStrictEqual(parts.map(s => s.name), ['一、统一思想', '二、突出重点', '三、加强领导', '四、改进作风']);
    assert.deepStrictEqual(parts[0].children.map(c => c.name), ['（一）提高认识', '（二）明确任务']);
    assert.strictEqual(parts[0].range.start.line, 6);
    assert.strictEqual(parts[0].children[1].selectionRange.start.line, 10);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds.some(f => f.start === 6 && f.end === 10), JSON.stringify(folds));
  });

  it('reports the announced count against the parts, pointing at both', async () => {
    const editor = await openDraft(SPEECH);
    const ds = await waitForDiagnostics(editor.document.uri, d => ruleIds(d).includes('structure.announced-count'), 'count-mismatch diagnostic');
    const d = ds.find(x => ruleIds([x])[0] === 'structure.announced-count')!;
    assert.strictEqual(editor.document.getText(d.range), '讲三点');
    assert.match(d.message, /开头说讲三点，后面却有四个部分/);
    assert.strictEqual(d.relatedInformation?.length, 4);
    assert.deepStrictEqual(d.relatedInformation!.map(r => r.location.range.start.line), [6, 12, 16, 18]);
  });

  it('quick-fixes a wrong mark after a number (1、 → 1.)', async () => {
    const editor = await openDraft(SPEECH);
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, d => ruleIds(d).includes('structure.wrong-mark'), 'wrong-mark diagnostic');
    const d = ds.find(x => ruleIds([x])[0] === 'structure.wrong-mark')!;
    assert.strictEqual(editor.document.getText(d.range), '1、');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find(a => a.title === '改为“1.”');
    assert.ok(fix?.edit, actions.map(a => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(editor.document.lineAt(14).text, '1.抓项目建设。');
    await waitForDiagnostics(uri, x => !ruleIds(x).includes('structure.wrong-mark'), 'wrong-mark diagnostic gone');
  });

  it('offers the speech snippets by pinyin initials (tzm, jhg)', async () => {
    const editor = await openDraft('tzm');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 3));
    const item = list.items.find(i => labelOf(i) === 'tzm');
    assert.ok(item, list.items.map(labelOf).slice(0, 30).join(' '));
    const body = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
    assert.match(body, /^同志们：/);
    // The title-block snippet carries today's date.
    const jhgDraft = await openDraft('jhg');
    const jhg = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', jhgDraft.document.uri, new vscode.Position(0, 3));
    const title = jhg.items.find(i => labelOf(i) === 'jhg');
    assert.ok(title, 'jhg snippet offered');
    const titleBody = title.insertText instanceof vscode.SnippetString ? title.insertText.value : String(title.insertText);
    assert.match(titleBody, /\$CURRENT_YEAR年/);
    // Inserted, the snippet carries today's date as a speech date line: （2026年11月22日）, no leading zeros.
    await jhgDraft.edit(b => b.delete(new vscode.Range(0, 0, 0, 3)));
    await jhgDraft.insertSnippet(new vscode.SnippetString(titleBody), new vscode.Position(0, 0));
    const now = new Date();
    assert.strictEqual(jhgDraft.document.lineAt(2).text, `（${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日）`);
    assert.strictEqual(jhgDraft.document.lineAt(0).text, '在会议名称上的讲话');
  });

  it('completes the next number at each level and in sequences', async () => {
    const editor = await openDraft('一、甲\n正文。\n二、乙\n（一）子\n（二）子\n一是抓学习；\n');
    const uri = editor.document.uri;
    const at = async (line: number, character: number) =>
      (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character))).items.map(labelOf);
    const lineStart = await at(6, 0);
    assert.ok(lineStart.includes('（三）') && lineStart.includes('三、'), lineStart.slice(0, 20).join(' '));
    assert.ok(lineStart.indexOf('（三）') < lineStart.indexOf('三、'), 'the innermost level comes first');
    const midLine = await at(5, 6);
    assert.ok(midLine.includes('二是'), midLine.slice(0, 20).join(' '));
  });

  it('renumbers a level as one undoable edit (重新编号)', async () => {
    const editor = await openDraft('一、甲\n二、新插入的部分\n二、乙\n三、丙\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.ok(await vscode.commands.executeCommand('gongwen.renumber'));
    assert.strictEqual(editor.document.getText(), '一、甲\n二、新插入的部分\n三、乙\n四、丙\n');
    await vscode.commands.executeCommand('undo');
    await sleep(100);
    assert.strictEqual(editor.document.getText(), '一、甲\n二、新插入的部分\n二、乙\n三、丙\n', 'one undo restores the numbering');
  });
});
