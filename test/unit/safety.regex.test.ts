/**
 * Regular expressions from users: a catastrophic pattern in a workspace rule
 * pack is refused at load time with its file, line and column, and cannot hang
 * checking. The hang check runs in a worker thread with a deadline, so a
 * regression fails this test instead of freezing the test run.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { loadGongwen } from '../../src/node/services';

const EVIL = [
  { id: 'user.nested', pattern: '(a+)+$', why: /嵌套的无界量词|灾难性回溯/ },
  { id: 'user.overlap', pattern: '(\\w|\\d)+$', why: /灾难性回溯/ },
  { id: 'user.alternation', pattern: '(a|aa)+$', why: /灾难性回溯/ },
  { id: 'user.class', pattern: '([一二三]+)*。', why: /灾难性回溯/ },
];

/** A workspace pack: the catastrophic patterns, each on a known line, plus one ordinary rule. */
function writePack(dir: string): { file: string; lines: Map<string, { line: number; column: number }> } {
  const out: string[] = ['pack: user-test', 'category: wording', 'rules:'];
  const lines = new Map<string, { line: number; column: number }>();
  for (const e of EVIL) {
    out.push(`  - id: ${e.id}`, '    severity: warning');
    const text = `    pattern: '${e.pattern}'`;
    out.push(text);
    lines.set(e.id, { line: out.length, column: text.indexOf("'") + 1 });
    out.push('    message: 不应加载', '    tests:', '      invalid: [aaaa]');
  }
  out.push('  - id: user.ok', '    severity: warning', "    pattern: '抓好(?:落实)?'", '    message: 用户规则命中“{match}”', '    tests:', '      invalid: [抓好落实]');
  const file = path.join(dir, 'custom.yaml');
  fs.writeFileSync(file, out.join('\n') + '\n');
  return { file, lines };
}

function tempWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-regex-'));
  const rules = path.join(root, '.gongwen', 'rules');
  fs.mkdirSync(rules, { recursive: true });
  return rules;
}

/** Loads the packs and checks `text` on a worker; resolves with what it found or rejects after `ms`. */
function checkOnWorker(ruleDir: string, text: string, ms: number): Promise<{ ids: string[]; issues: string[] }> {
  const services = path.join(__dirname, '..', '..', 'src', 'node', 'services.ts');
  const code = `
    require('tsx/cjs');
    const { parentPort, workerData } = require('worker_threads');
    const { loadGongwen } = require(${JSON.stringify(services)});
    const gw = loadGongwen({ ruleDirs: [workerData.ruleDir] });
    const r = gw.linter.check(workerData.text, { date: '2026-11-22' });
    parentPort.postMessage({ ids: r.findings.map(f => f.ruleId), issues: gw.issues.map(i => i.message) });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { ruleDir, text } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`checking did not finish within ${ms} ms: a catastrophic pattern got through`));
    }, ms);
    w.once('message', m => {
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.once('error', e => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('safety: regular expressions from workspace rule packs', function () {
  this.timeout(60_000);

  it('each catastrophic pattern is refused with the file, line and column of the pattern and a reason', () => {
    const dir = tempWorkspace();
    const { file, lines } = writePack(dir);
    const gw = loadGongwen({ ruleDirs: [dir] });
    for (const e of EVIL) {
      const at = lines.get(e.id)!;
      const issue = gw.issues.find(i => i.message.includes(e.id));
      assert.ok(issue, `no load issue for ${e.id} (${e.pattern}); issues: ${gw.issues.map(i => i.message).join(' | ')}`);
      assert.strictEqual(issue.file, file);
      assert.strictEqual(issue.line, at.line, `${e.id}: wrong line`);
      assert.strictEqual(issue.column, at.column, `${e.id}: wrong column`);
      assert.strictEqual(issue.severity, 'error');
      assert.match(issue.message, e.why);
      assert.strictEqual(gw.ruleSet.rule(e.id), undefined, `${e.id} must not be loaded`);
    }
    // The ordinary rule of the same pack and every built-in rule still work.
    assert.ok(gw.ruleSet.rule('user.ok'));
    const ids = gw.linter.check('我们要抓好落实，XXX同志。', { date: '2026-11-22' }).findings.map(f => f.ruleId);
    assert.ok(ids.includes('user.ok'), `user rule missing: ${ids.join(' ')}`);
    assert.ok(ids.includes('placeholder'), `built-in rule missing: ${ids.join(' ')}`);
  });

  it('checking the inputs that make those patterns explode finishes (run on a worker with a deadline)', async () => {
    const dir = tempWorkspace();
    writePack(dir);
    const attack = ['a'.repeat(40) + '!', 'a1'.repeat(30) + '!', '一二三'.repeat(30) + '!', '抓好落实'].join('\n');
    const r = await checkOnWorker(dir, attack, 30_000);
    assert.ok(r.ids.includes('user.ok'));
    for (const e of EVIL) {
      assert.ok(!r.ids.includes(e.id));
    }
  });

  it('the CLI names the pack location on stderr and still checks the file with everything else', async () => {
    const dir = tempWorkspace();
    const { file, lines } = writePack(dir);
    const draft = path.join(path.dirname(path.dirname(dir)), 'draft.txt');
    fs.writeFileSync(draft, '我们要抓好落实，XXX同志。\n');
    let out = '';
    let err = '';
    const io: CliIO = { out: t => (out += t), err: t => (err += t), stdin: () => new Uint8Array() };
    const code = await main(['check', '--rules', dir, '--format', 'json', '--date', '2026-11-22', draft], io);
    assert.ok(code === 0 || code === 1, `exit code ${code}: ${err}`);
    const at = lines.get('user.nested')!;
    assert.ok(err.includes(`${file}:${at.line}:${at.column} error`), `stderr names the location: ${err}`);
    const ids = JSON.parse(out).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId);
    assert.ok(ids.includes('user.ok') && ids.includes('placeholder'), ids.join(' '));
  });
});
