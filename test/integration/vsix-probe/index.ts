/**
 * Runs inside a VS Code host into which the packaged gongwen.vsix was installed
 * (test/host/run.js, second run). It checks the package as users get it: it
 * activates, it works, and data/, snippets/ and the bundles are inside while the
 * sources and node_modules are not (.vscodeignore is an allowlist).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { writeStats } from '../index';

function tests(): void {
  describe('packaged gongwen.vsix', () => {
    it('is installed from the package, not from the sources', () => {
      const ext = vscode.extensions.getExtension('gongwen.gongwen');
      assert.ok(ext, 'gongwen.gongwen is installed');
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'src')), `no sources in ${ext.extensionPath}`);
    });

    it('contains the bundles, data/ and snippets/, and nothing it does not need', () => {
      const ext = vscode.extensions.getExtension('gongwen.gongwen')!;
      const p = (...s: string[]) => path.join(ext.extensionPath, ...s);
      for (const f of ['dist/extension.js', 'dist/cli.js', 'dist/worker.js', 'media/webview/webview.js', 'media/panel.css', 'l10n/bundle.l10n.zh-cn.json', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json']) {
        assert.ok(fs.existsSync(p(f)), `${f} is in the package`);
      }
      // vsce stores README.md as readme.md and LICENSE as LICENSE.txt.
      const top = fs.readdirSync(ext.extensionPath).map(f => f.toLowerCase());
      assert.ok(top.includes('readme.md'), 'the README is in the package');
      assert.ok(top.some(f => f.startsWith('license')), 'the LICENSE is in the package');
      assert.ok(fs.readdirSync(p('data', 'rules')).some(f => f.endsWith('.yaml')), 'data/rules/*.yaml is in the package');
      assert.ok(fs.existsSync(p('snippets')) && fs.readdirSync(p('snippets')).some(f => f.endsWith('.json')), 'snippets/*.json is in the package');
      for (const f of ['node_modules', 'test', 'src', 'tsconfig.json', 'esbuild.js', '.ci', 'dist/webview.js', 'media/webview/webview.js.map']) {
        assert.ok(!fs.existsSync(p(f)), `${f} is not in the package`);
      }
    });

    it('activates and reports diagnostics', async () => {
      const ext = vscode.extensions.getExtension('gongwen.gongwen')!;
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '请XXX同志讲话。' });
      await vscode.window.showTextDocument(doc);
      await ext.activate();
      assert.ok(ext.isActive);
      const end = Date.now() + 20_000;
      let ds: vscode.Diagnostic[] = [];
      while (Date.now() < end) {
        ds = vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === '公文');
        if (ds.length) {
          break;
        }
        await new Promise(r => setTimeout(r, 100));
      }
      assert.ok(ds.length > 0, 'the packaged extension publishes diagnostics');
    });
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'vsix-probe', mocha);
  tests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run(f => {
      writeStats(runner.stats);
      if (f) {
        reject(new Error(`${f} failed`));
      } else {
        resolve();
      }
    });
  });
}
