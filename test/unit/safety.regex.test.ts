/**
 * Regular expressions from users: a catastrophic pattern in a workspace rule
 * pack is refused at load time with its file, line and column, and cannot hang
 * checking. The hang check runs in a worker thread with a deadline, so a
 * regression fails this test instead of freezing the test run. Patterns that
 * pass the guard but backtrack polynomially are searched piece by piece under a
 * time budget (boundedRegex.ts): behaviour is asserted here, the timing is in
 * test/bench/robustness.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { DocContext } from '../../src/core/document';
import { cutPieces, execBounded, runUserRegex, USER_REGEX_LIMITS, type BoundedRegexLimits } from '../../src/core/rules/boundedRegex';
import { loadGongwen } from '../../src/node/services';
import { seedPages } from '../support/seeds';
import { tempDir } from '../support/tempDir';

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
  const root = tempDir('regex');
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
  return runOnWorker(code, { ruleDir, text }, ms, `checking did not finish within ${ms} ms: a catastrophic pattern got through`);
}

/** Runs `code` (eval'd) on a worker; resolves with its first message, or rejects with `late` after `ms`. */
function runOnWorker<T>(code: string, workerData: unknown, ms: number, late: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(late));
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

/** A workspace pack with the given pattern rules (id → pattern), each with one inline example. */
function writePatternPack(rules: Record<string, { pattern: string; example: string }>): string {
  const dir = tempWorkspace();
  const out: string[] = ['pack: user-bounded', 'category: wording', 'rules:'];
  for (const [id, r] of Object.entries(rules)) {
    out.push(`  - id: ${id}`, '    severity: warning', `    pattern: '${r.pattern.replace(/'/g, "''")}'`, '    message: 用户规则命中“{match}”', '    tests:', `      invalid: ['${r.example}']`);
  }
  fs.writeFileSync(path.join(dir, 'bounded.yaml'), out.join('\n') + '\n');
  return dir;
}

describe('safety: user regular expressions that backtrack polynomially are bounded', function () {
  this.timeout(60_000);
  const POLY = {
    'user.ab': { pattern: 'a+b', example: 'aab' },
    'user.decimal': { pattern: '\\d+\\.\\d+x', example: '1.5x' },
    'user.de': { pattern: '[一-龥]+?的', example: '我们的' },
  };

  it('the polynomial patterns pass the load-time guard (they are bounded at run time instead)', () => {
    const gw = loadGongwen({ ruleDirs: [writePatternPack(POLY)] });
    for (const id of Object.keys(POLY)) {
      assert.ok(gw.ruleSet.rule(id), `${id} is loaded; issues: ${gw.issues.map(i => i.message).join(' | ')}`);
    }
  });

  it('a 300 000-character run is not searched by user patterns and is reported once per rule as an info finding', () => {
    const gw = loadGongwen({ ruleDirs: [writePatternPack(POLY)] });
    const run = 'a'.repeat(300_000);
    const text = `第一段 aab 和 1.5x，我们的工作。\n${run}\n第三段还有 aaab。\n`;
    const findings = gw.linter.check(text, { date: '2026-11-22' }).findings;
    const runStart = text.indexOf(run);
    for (const id of Object.keys(POLY)) {
      const notices = findings.filter(f => f.ruleId === id && f.severity === 'info');
      assert.strictEqual(notices.length, 1, `${id}: one notice (${notices.map(f => f.message).join(' | ')})`);
      assert.strictEqual(notices[0].start, runStart);
      assert.strictEqual(notices[0].end, runStart + run.length);
      assert.match(notices[0].message, /没有检查这段文字/);
      assert.deepStrictEqual(notices[0].fixes, []);
    }
    // Matches on the short lines around it still work, at document offsets.
    const hits = (id: string) => findings.filter(f => f.ruleId === id && f.severity === 'warning').map(f => text.slice(f.start, f.end));
    assert.deepStrictEqual(hits('user.ab'), ['aab', 'aaab']);
    assert.deepStrictEqual(hits('user.decimal'), ['1.5x']);
    assert.ok(hits('user.de').length >= 1 && hits('user.de').every(h => h.endsWith('的')), hits('user.de').join(' '));
    // A built-in rule on the same document is untouched.
    assert.ok(gw.linter.check('请XXX同志发言。\n' + run, { date: '2026-11-22' }).findings.some(f => f.ruleId === 'placeholder'));
  });

  it('a rule that is far slower than linear stops with an info finding where it stopped; earlier matches are kept', () => {
    const text = Array.from({ length: 20 }, (_, i) => `第${i}行 aab\n`).join('');
    const doc = new DocContext(text, {});
    // A fake clock: every reading is 10 ms later, far more than 12 characters warrant: every piece is slow, the rule stops after five.
    let t = 0;
    const limits: BoundedRegexLimits = { ...USER_REGEX_LIMITS, pieceChars: 12, now: () => (t += 10) };
    const found: number[] = [];
    const notices = runUserRegex(doc, /a+b/gu, { id: 'user.ab', category: 'wording' }, m => found.push(m.index), 1000, limits);
    assert.ok(found.length > 0 && found.length < 20, `stopped part-way (${found.length} matches)`);
    assert.strictEqual(notices.length, 1);
    assert.strictEqual(notices[0].severity, 'info');
    assert.match(notices[0].message, /不再用它检查/);
    assert.ok(notices[0].start > found[found.length - 1], 'the notice marks text after the last match searched');
    // Pieces never count as slow, but the total budget (100 ms + 0.1 ms per 1 000 characters) runs out after about ten readings.
    t = 0;
    const budgetOnly: number[] = [];
    const byBudget = runUserRegex(new DocContext(text, {}), /a+b/gu, { id: 'user.ab', category: 'wording' }, m => budgetOnly.push(m.index), 1000, { ...limits, slowPieces: Infinity });
    assert.strictEqual(byBudget.length, 1);
    assert.ok(budgetOnly.length >= 5 && budgetOnly.length < 20, `${budgetOnly.length} matches before the budget ran out`);
    // A clock that never moves: every piece is searched and nothing is reported.
    const all: number[] = [];
    assert.deepStrictEqual(runUserRegex(new DocContext(text, {}), /a+b/gu, { id: 'user.ab', category: 'wording' }, m => all.push(m.index), 1000, { ...limits, now: () => 0 }), []);
    assert.strictEqual(all.length, 20);
    for (const at of found) {
      assert.strictEqual(text.slice(at, at + 3), 'aab');
    }
  });

  it('a hostile input far beyond the budget ends with the notice (real clock, run on a worker with a deadline)', async () => {
    const dir = writePatternPack({ 'user.ab': POLY['user.ab'] });
    // 8 000 lines of 499 × a (each a piece of its own): unbounded, a+b would take seconds here.
    const attack = ('a'.repeat(499) + '\n').repeat(8000) + 'aab\n';
    const code = `
      require('tsx/cjs');
      const { parentPort, workerData } = require('worker_threads');
      const { loadGongwen } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'node', 'services.ts'))});
      const gw = loadGongwen({ ruleDirs: [workerData.dir] });
      const r = gw.linter.check(workerData.text, { date: '2026-11-22' });
      parentPort.postMessage(r.findings.filter(f => f.ruleId === 'user.ab').map(f => ({ severity: f.severity, message: f.message })));
    `;
    const result = await runOnWorker<{ severity: string; message: string }[]>(code, { dir, text: attack }, 30_000, 'the bounded search did not stop');
    assert.ok(result.some(f => f.severity === 'info' && /不再用它检查/.test(f.message)), JSON.stringify(result));
  });

  it('pieces: whole lines up to the limit, long lines split after sentence ends, runs without breaks skipped', () => {
    const text = '短行一。\n短行二。\n' + '长句子，'.repeat(300) + '\n' + 'x'.repeat(2500) + '。结尾\n';
    const p = cutPieces(text, 1000);
    let covered = 0;
    for (let i = 0; i < p.count; i++) {
      const [s, e] = [p.bounds[2 * i], p.bounds[2 * i + 1]];
      assert.ok(e - s <= 1000, `piece ${i} is ${e - s} long`);
      if (i > 0) {
        assert.ok(s >= p.bounds[2 * i - 1], 'ascending, not overlapping');
      }
      covered += e - s;
    }
    const skipped = p.skipped.length === 2 ? p.skipped[1] - p.skipped[0] : -1;
    assert.strictEqual(p.skipped.length, 2, 'one skipped stretch');
    assert.strictEqual(text.slice(p.skipped[0], p.skipped[1]), 'x'.repeat(2500));
    assert.strictEqual(covered + skipped, text.length, 'every character is in a piece or skipped');
    assert.strictEqual(p.bounds[1], text.indexOf('长'), 'the two short lines share the first piece');
  });

  it('bounded search agrees with a whole-document search on ordinary text (seed pages), including ^, $ and lookbehind', () => {
    const text = seedPages().slice(0, 3).join('\n');
    for (const src of ['(?<![一-龥])[0-9]+(?:\\.[0-9]+)?%', '抓好(?:落实)?', '^各', '。$', '(?<hit>同志)们', '[一二三四五六七八九十]+是']) {
      for (const flags of ['gu', 'gmu', 'gud']) {
        const whole: number[] = [];
        const re = new RegExp(src, flags);
        for (let m = re.exec(text); m; m = re.exec(text)) {
          whole.push(m.index, m.index + m[0].length);
        }
        const bounded: number[] = [];
        execBounded(text, cutPieces(text, USER_REGEX_LIMITS.pieceChars), new RegExp(src, flags), m => bounded.push(m.index, m.index + m[0].length), 1e6, {
          ...USER_REGEX_LIMITS,
          now: () => 0,
        });
        assert.deepStrictEqual(bounded, whole, `/${src}/${flags}`);
      }
    }
  });
});
