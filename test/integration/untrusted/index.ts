/**
 * Runs inside a VS Code host whose workspace is NOT trusted (test/host/run.js,
 * third run: workspace trust left on, test/integration/untrusted-workspace opened
 * in a fresh profile). Restricted mode as users meet it: the workspace's rule
 * pack (.gongwen/rules) is not loaded, the workspace's gongwen.corpus.paths
 * (a restricted setting) and any corpus folder inside the workspace are not
 * used, the user's own corpus folder still is, and the built-in checks work.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { writeStats } from '../index';

interface Api {
  services: { gongwen: { ruleSet: { rule(id: string): unknown }; ruleFiles: readonly string[] } };
}
interface IndexLike {
  speeches: ReadonlyArray<{ id: string; title: string; source: string }>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function folder(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the untrusted test workspace is open');
  return f.uri.fsPath;
}

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension('gongwen.gongwen');
  assert.ok(ext, 'gongwen.gongwen is installed');
  return (await ext.activate()) as Api;
}

async function diagnosticsOf(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  for (const end = Date.now() + 30_000; ; await sleep(100)) {
    const ds = vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文');
    if (ok(ds)) {
      return ds;
    }
    assert.ok(Date.now() < end, `timed out waiting for ${what}; have: ${ds.map(d => d.message).join(' | ')}`);
  }
}

const ruleId = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code));

function tests(): void {
  describe('untrusted workspace (restricted mode)', function () {
    this.timeout(120_000);

    before(() => {
      // Everything below is meaningless in a trusted workspace: stop loudly instead of passing vacuously.
      if (vscode.workspace.isTrusted) {
        throw new Error('this run must open the workspace UNTRUSTED, but vscode.workspace.isTrusted is true (was --disable-workspace-trust passed, or the folder trusted?)');
      }
    });

    after(async () => {
      await vscode.workspace.getConfiguration('gongwen').update('corpus.paths', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('the workspace is untrusted and the extension runs in restricted mode', async () => {
      assert.strictEqual(vscode.workspace.isTrusted, false);
      const ext = vscode.extensions.getExtension('gongwen.gongwen')!;
      await api();
      assert.ok(ext.isActive, 'the extension activates in restricted mode');
      assert.strictEqual(ext.packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
    });

    it('built-in diagnostics appear; the workspace rule pack in .gongwen/rules is not loaded', async () => {
      const { services } = await api();
      const packFile = path.join(folder(), '.gongwen', 'rules', 'team.yaml');
      assert.ok(fs.existsSync(packFile), 'the fixture has a workspace rule pack');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder(), 'draft.txt')));
      await vscode.window.showTextDocument(doc);
      const ds = await diagnosticsOf(doc.uri, d => d.some(x => ruleId(x) === 'placeholder'), 'the built-in placeholder diagnostic');
      assert.strictEqual(doc.getText(ds.find(x => ruleId(x) === 'placeholder')!.range), 'XXX');
      assert.ok(doc.getText().includes('团队专用提法'), 'the draft has the term the workspace pack would flag');
      assert.ok(!ds.some(x => ruleId(x).startsWith('team.')), `no diagnostic from the workspace pack: ${ds.map(ruleId).join(' ')}`);
      assert.strictEqual(services.gongwen.ruleSet.rule('team.term'), undefined, 'the workspace rule is not in the engine');
      assert.ok(!services.gongwen.ruleFiles.some(f => f.startsWith(folder())), `no rule file from the workspace: ${services.gongwen.ruleFiles.join(', ')}`);
      // Reloading (as after editing settings or packs) does not bring it in either.
      await vscode.commands.executeCommand('gongwen.reload');
      await sleep(500);
      assert.strictEqual((await api()).services.gongwen.ruleSet.rule('team.term'), undefined);
    });

    it('VS Code drops the workspace value of the restricted setting gongwen.corpus.paths; its folder outside the workspace is not used', async () => {
      const settings = JSON.parse(fs.readFileSync(path.join(folder(), '.vscode', 'settings.json'), 'utf8'));
      assert.deepStrictEqual(settings['gongwen.corpus.paths'], ['../untrusted-corpus'], 'the fixture sets it in .vscode/settings.json');
      const config = vscode.workspace.getConfiguration('gongwen');
      // The same file's unrestricted setting applies: the file is read, only the restricted one is dropped.
      assert.strictEqual(config.inspect<number>('speakingRate')?.workspaceValue, 230);
      assert.strictEqual(config.inspect<string[]>('corpus.paths')?.workspaceValue, undefined, 'restricted: the workspace value is dropped');
      assert.deepStrictEqual(config.get('corpus.paths'), [], 'restricted: the workspace value does not apply');
      const outside = path.resolve(folder(), '..', 'untrusted-corpus');
      assert.ok(fs.readdirSync(outside).some(f => f.endsWith('.txt')), 'that folder has a speech the corpus would take');
      const index = (await vscode.commands.executeCommand('gongwen.corpus.rebuild')) as IndexLike | undefined;
      assert.ok(index && index.speeches.length > 0, 'the built-in corpus is there');
      assert.ok(!index.speeches.some(s => s.source.startsWith(outside)), 'nothing from the workspace-configured folder');
    });

    it("the user's own corpus folder outside the workspace is used; a folder inside the workspace is not, even from user settings", async () => {
      const mine = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-untrusted-user-'));
      fs.writeFileSync(path.join(mine, 'mine.txt'), '在全县防汛工作会议上的讲话\n同志们：\n今天召开全县防汛工作会议，部署今年的防汛抗旱工作。\n');
      try {
        const inside = path.join(folder(), 'corpus');
        assert.ok(fs.readdirSync(inside).some(f => f.endsWith('.txt')));
        await vscode.workspace.getConfiguration('gongwen').update('corpus.paths', [mine, inside], vscode.ConfigurationTarget.Global);
        const index = (await vscode.commands.executeCommand('gongwen.corpus.rebuild')) as IndexLike | undefined;
        assert.ok(index);
        assert.deepStrictEqual(index.speeches.filter(s => s.source.startsWith(mine)).map(s => s.title), ['在全县防汛工作会议上的讲话']);
        assert.ok(!index.speeches.some(s => s.source.startsWith(inside)), 'no corpus folder inside the untrusted workspace');
      } finally {
        fs.rmSync(mine, { recursive: true, force: true });
      }
    });
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const grep = process.env.GONGWEN_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  mocha.suite.emit('pre-require', globalThis, 'untrusted', mocha);
  tests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run(f => {
      writeStats(runner.stats);
      if (f) {
        reject(new Error(`${f} untrusted-workspace test(s) failed`));
      } else {
        resolve();
      }
    });
  });
}
