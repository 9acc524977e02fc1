/**
 * The off-thread checker's failure handling: a worker that cannot start, dies,
 * or hangs never costs the user their diagnostics; newer versions of a
 * document replace older requests, identical requests share one check, short
 * documents do not wait behind long ones, and a restart never hits a worker
 * that is still loading the engine. Workers start with the heap limits the
 * benchmark times.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CheckOptions, CheckResult } from '../../src/core/check';
import { applyEdits, safeFixEdits } from '../../src/core/fix';
import { LineIndex } from '../../src/core/text/lineIndex';
import { OffThreadChecker, type PositionedEdit } from '../../src/extension/offThread';
import { startWorker, WORKER_RESOURCE_LIMITS } from '../../src/extension/workerThread';
import { gongwen } from '../fuzz/properties';
import { removeTempDir, tempDir } from '../support/tempDir';

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

  it('a request for the text and options already pending joins it instead of starting over', async () => {
    const fb = inProcess();
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: fb.fallback, dataDir: gongwen().dataDir });
    try {
      const text = '请XXX同志发言。\n' + '各项工作稳步推进。\n'.repeat(3000);
      const a = c.check('doc', text, OPTIONS);
      const b = c.check('doc', text.slice(0), OPTIONS);
      const [ra, rb] = await Promise.all([a, b]);
      assert.strictEqual(ra, rb);
      assert.strictEqual(c.stats.joined, 1);
      assert.strictEqual(c.stats.superseded, 0);
      assert.strictEqual(c.stats.worker, 1, 'checked once');
      // Other options are another request.
      await c.check('doc', text, { ...OPTIONS, date: '2018-01-01' });
      assert.strictEqual(c.stats.worker, 2);
    } finally {
      c.dispose();
    }
  });

  it('queued requests go shortest document first', async () => {
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: inProcess().fallback, dataDir: gongwen().dataDir });
    try {
      const order: string[] = [];
      const busy = c.check('busy', '同志们：\n'.repeat(20_000), OPTIONS).then(() => order.push('busy'));
      const long = c.check('long', '各级人大要加强监督。\n'.repeat(20_000), OPTIONS).then(() => order.push('long'));
      const short = c.check('short', '请XXX同志发言。', OPTIONS).then(() => order.push('short'));
      await Promise.all([busy, long, short]);
      assert.deepStrictEqual(order, ['busy', 'short', 'long']);
    } finally {
      c.dispose();
    }
  });

  it('a superseded run is restarted only once it has been checking too long, never while the worker loads the engine', async () => {
    // Fake workers: one that never gets past loading, one that starts checking and never ends.
    const loading = 'require("worker_threads").parentPort.on("message", () => {});';
    const stuck = `const { parentPort } = require('worker_threads');
      parentPort.on('message', m => { if (m.type === 'check') parentPort.postMessage({ type: 'checking', id: m.id }); });`;
    const wait = (ms: number) => new Promise(r => setTimeout(r, ms));
    const until = async (ok: () => boolean, what: string) => {
      for (const end = Date.now() + 20_000; !ok(); await wait(20)) {
        assert.ok(Date.now() < end, `timed out waiting until ${what}`);
      }
    };
    const checker = (script: string, limit: number, started: { n: number }) =>
      new OffThreadChecker({
        workerFile: SRC,
        createWorker: () => {
          started.n++;
          return new Worker(script, { eval: true });
        },
        fallback: inProcess().fallback,
        restartSupersededAfterMs: limit,
      });

    // Still loading (it never says it is checking): superseded, but never restarted.
    let started = { n: 0 };
    let c = checker(loading, 50, started);
    let p1 = c.check('doc', 'v1', OPTIONS).catch(() => undefined);
    await wait(300);
    let p2 = c.check('doc', 'v2', OPTIONS).catch(() => undefined);
    await wait(500);
    assert.strictEqual(c.stats.superseded, 1);
    assert.strictEqual(c.stats.restarts, 0, 'no restart while the worker loads the engine');
    assert.strictEqual(started.n, 1);
    c.dispose();
    await Promise.all([p1, p2]);

    // Checking for longer than the limit when superseded (or once it gets there): restarted, the newer request goes to a fresh worker.
    started = { n: 0 };
    c = checker(stuck, 300, started);
    p1 = c.check('doc', 'v1', OPTIONS).catch(() => undefined);
    p2 = c.check('doc', 'v2', OPTIONS).catch(() => undefined);
    assert.strictEqual(c.stats.restarts, 0);
    await until(() => c.stats.restarts === 1, 'the superseded run is restarted');
    await until(() => started.n === 2, 'a fresh worker takes the newer request');
    c.dispose();
    await Promise.all([p1, p2]);
  });

  it('fix-all on the worker: the edits of the safe fixes with line/character positions, the same as computed in-process', async () => {
    const text = '各级人大要加强对一府两院的监督,切实抓好落实。\r\n请XXX同志发言。\n' + '各级人大要加强对一府两院的监督。\r'.repeat(300);
    const expected = applyEdits(text, safeFixEdits(gongwen().linter.check(text, OPTIONS).findings)).text;
    const apply = (edits: PositionedEdit[]) => {
      const lines = new LineIndex(text);
      return applyEdits(
        text,
        edits.map(([sl, sc, el, ec, newText]) => ({ start: lines.offsetAt({ line: sl, character: sc }), end: lines.offsetAt({ line: el, character: ec }), newText })),
      ).text;
    };
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: inProcess().fallback, dataDir: gongwen().dataDir });
    try {
      const checked = await c.check('doc', text, OPTIONS);
      assert.ok(checked.findings.length > 300);
      const { edits } = await c.fixAll('doc', text, OPTIONS);
      assert.ok(edits.length >= 300, `${edits.length} edits`);
      assert.strictEqual(apply(edits), expected);
      assert.strictEqual(c.stats.fallback, 0);
      assert.strictEqual(c.stats.worker, 2);
    } finally {
      c.dispose();
    }
    // Without a worker: the same edits, computed in-process.
    const none = new OffThreadChecker({ workerFile: '/nonexistent/worker.js', fallback: inProcess().fallback });
    assert.strictEqual(apply((await none.fixAll('doc', text, OPTIONS)).edits), expected);
    assert.strictEqual(none.stats.fallback, 1);
    none.dispose();
  });

  it('dispose rejects what is still pending instead of leaving it waiting', async () => {
    const c = new OffThreadChecker({ workerFile: SRC, createWorker: realWorker, fallback: inProcess().fallback, dataDir: gongwen().dataDir });
    const p = c.check('doc', '同志们：\n'.repeat(5000), OPTIONS);
    c.dispose();
    await assert.rejects(p, /disposed/);
  });

  it("startWorker's default start gives the thread WORKER_RESOURCE_LIMITS (a 96 MB young generation, as the benchmark times)", async () => {
    // A worker script that reports the limits its thread runs under.
    const dir = tempDir('limits');
    const file = path.join(dir, 'worker.js');
    fs.writeFileSync(file, "const w = require('worker_threads'); w.parentPort.postMessage(w.resourceLimits);");
    try {
      const limits = await new Promise<Record<string, number>>((resolve, reject) => {
        const started = startWorker<Record<string, number>>(
          { workerFile: file },
          (worker, m) => {
            resolve(m);
            void worker.terminate();
          },
          (_worker, why) => reject(new Error(why)),
        );
        assert.ok('worker' in started, JSON.stringify(started));
      });
      assert.strictEqual(WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb, 96);
      assert.strictEqual(limits.maxYoungGenerationSizeMb, 96);
    } finally {
      removeTempDir(dir);
    }
  });
});
