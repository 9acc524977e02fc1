/**
 * The off-thread checker's failure handling: a worker that cannot start, dies,
 * or hangs never costs the user their diagnostics; newer versions of a
 * document replace older requests.
 */
import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CheckOptions, CheckResult } from '../../src/core/check';
import { OffThreadChecker } from '../../src/extension/offThread';
import { gongwen } from '../fuzz/properties';

const OPTIONS: CheckOptions = { date: '2026-11-22' };
const SRC = path.join(__dirname, '..', '..', 'src', 'extension', 'worker.ts');
const realWorker = (f: string) => new Worker(`require('tsx/cjs'); require(${JSON.stringify(f)});`, { eval: true });

function inProcess(): { fallback: (t: string, o: CheckOptions) => CheckResult; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fallback: (t, o) => {
      calls.push(t);
      return gongwen().linter.check(t, o);
    },
  };
}

describe('safety: off-thread checking falls back and never loses a result', function () {
  this.timeout(60_000);

  it('a missing worker file: checked in-process, with a log line, and the checker reports itself unavailable', async () => {
    const fb = inProcess();
    const logs: string[] = [];
    const c = new OffThreadChecker({ workerFile: '/nonexistent/worker.js', fallback: fb.fallback, log: m => logs.push(m) });
    const r = await c.check('a', '请XXX同志发言。', OPTIONS);
    assert.ok(r.findings.some(f => f.ruleId === 'placeholder'));
    assert.strictEqual(c.stats.fallback, 1);
    assert.strictEqual(c.available, false);
    assert.ok(logs.some(l => /找不到后台检查程序/.test(l)), logs.join('\n'));
    c.dispose();
  });

  it('a worker that dies mid-request: the request is answered in-process; after repeated crashes the worker is given up', async () => {
    const fb = inProcess();
    const c = new OffThreadChecker({
      workerFile: SRC,
      createWorker: () => new Worker('setTimeout(() => process.exit(7), 20); require("worker_threads").parentPort.on("message", () => {});', { eval: true }),
      fallback: fb.fallback,
      maxCrashes: 2,
    });
    const r1 = await c.check('a', '请XXX同志发言。', OPTIONS);
    assert.ok(r1.findings.some(f => f.ruleId === 'placeholder'));
    assert.strictEqual(c.stats.crashes, 1);
    assert.strictEqual(c.available, true, 'one crash: try the worker again next time');
    const r2 = await c.check('a', '20xx年工作要点', OPTIONS);
    assert.ok(r2.findings.length > 0);
    assert.strictEqual(c.stats.crashes, 2);
    assert.strictEqual(c.available, false, 'given up after maxCrashes');
    assert.strictEqual(c.stats.fallback, 2);
    c.dispose();
  });

  it('a worker that hangs: the request is abandoned with an error after the timeout, the worker restarted', async () => {
    const fb = inProcess();
    let started = 0;
    const c = new OffThreadChecker({
      workerFile: SRC,
      createWorker: () => {
        started++;
        return new Worker('require("worker_threads").parentPort.on("message", () => {});', { eval: true });
      },
      fallback: fb.fallback,
      timeoutMs: 300,
    });
    await assert.rejects(c.check('a', '请XXX同志发言。', OPTIONS), /超时/);
    assert.strictEqual(c.stats.timeouts, 1);
    assert.strictEqual(fb.calls.length, 0, 'a hang is never retried on the host thread');
    // The next request gets a fresh worker (which hangs too: rejected again, never a silent wait).
    await assert.rejects(c.check('b', '请XXX同志发言。', OPTIONS), /超时/);
    assert.strictEqual(started, 2);
    assert.strictEqual(c.available, true, 'timeouts do not give the worker up');
    c.dispose();
  });

  it('a newer version replaces an older request: every caller gets the newest result, older texts are not checked', async () => {
    const fb = inProcess();
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: fb.fallback, dataDir: gongwen().dataDir });
    try {
      // Keep the worker busy with another document so the three versions queue up.
      const busy = c.check('other', '同志们：\n'.repeat(20_000), OPTIONS);
      const v1 = c.check('doc', '请XXX同志发言。', OPTIONS);
      const v2 = c.check('doc', '请XX同志发言。请XXX同志发言。', OPTIONS);
      const v3 = c.check('doc', '20xx年，请XXX同志、XX同志和×××同志发言。', OPTIONS);
      const [r1, r2, r3] = await Promise.all([v1, v2, v3]);
      await busy;
      assert.strictEqual(r1, r3);
      assert.strictEqual(r2, r3);
      assert.ok(r3.findings.filter(f => f.ruleId === 'placeholder').length >= 4, JSON.stringify(r3.findings.map(f => f.ruleId)));
      assert.ok(c.stats.superseded >= 2);
      assert.strictEqual(c.stats.worker, 2, 'only the busy document and the newest version were checked');
      assert.strictEqual(fb.calls.length, 0);
    } finally {
      c.dispose();
    }
  });

  it('dispose rejects what is still pending instead of leaving it waiting', async () => {
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: inProcess().fallback, dataDir: gongwen().dataDir });
    const p = c.check('doc', '同志们：\n'.repeat(5000), OPTIONS);
    c.dispose();
    await assert.rejects(p, /disposed/);
  });
});
