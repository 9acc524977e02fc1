import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import * as vscode from 'vscode';
import { activateGongwen } from './helpers';

interface IndexLike {
  speeches: ReadonlyArray<{ id: string; title: string; source: string }>;
}

describe('exemplar corpus in the editor', function () {
  this.timeout(120_000);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-corpus-it-'));

  before(async () => {
    await activateGongwen();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gongwen').update('corpus.paths', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows a built-in exemplar through its document scheme', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'gongwen-corpus', path: '/001-02.txt' }));
    assert.ok(doc.getText().includes('（2005年11月21日）'));
    assert.ok(doc.getText().includes('坚持党的领导 依法行使职权'));
  });

  it('adds the user folder of gongwen.corpus.paths (GBK text and .docx) after a rebuild', async () => {
    fs.writeFileSync(path.join(folder, 'mine.txt'), iconv.encode('在全县防汛工作会议上的讲话\n同志们：\n今天召开全县防汛工作会议，部署今年的防汛抗旱工作。\n', 'gbk'));
    fs.copyFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus', 'training-speech.docx'), path.join(folder, 'training.docx'));
    await vscode.workspace.getConfiguration('gongwen').update('corpus.paths', [folder], vscode.ConfigurationTarget.Global);
    const index = (await vscode.commands.executeCommand('gongwen.corpus.rebuild')) as IndexLike | undefined;
    assert.ok(index, 'rebuilt');
    const mine = index.speeches.filter(s => s.source.startsWith(folder));
    assert.deepStrictEqual(mine.map(s => s.title).sort(), ['在全县人大代表培训班开班仪式上的讲话', '在全县防汛工作会议上的讲话']);
    // The built-in speeches and the two of the user folder.
    const builtin = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'data', 'corpus', 'manifest.json'), 'utf8')).speeches.length;
    assert.ok(builtin >= 20, 'the built-in corpus');
    assert.strictEqual(index.speeches.length, builtin + 2);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'gongwen-corpus', path: `/${mine[0].id}.txt` }));
    assert.ok(doc.getText().length > 20);
  });
});
