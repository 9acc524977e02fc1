/**
 * Robustness benchmark: how long the host's event loop is blocked while a
 * 10 MB document is checked on the worker (dist/worker.js, as in the editor)
 * versus in-process, measured by a 1 ms timer on the host's event loop. The
 * in-process figure is the baseline of the same run on the same text; the idle
 * figure (nothing running, same length of time) is the machine's own noise.
 * Also: fix-all (safe-fix collection + application) on that document's findings,
 * which runs on the host.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, safeFixEdits } from '../../src/core/fix';
import { OFF_THREAD_MIN_CHARS, OffThreadChecker } from '../../src/extension/offThread';
import { loadGongwen } from '../../src/node/services';
import { nowMs, type BenchSuite, type Figure } from './types';

const ROOT = path.join(__dirname, '..', '..');
const STALL_TARGET_MS = 50;

function documentOfBytes(bytes: number): string {
  const dir = path.join(ROOT, 'test', 'fixtures', 'seeds');
  const seeds = fs
    .readdirSync(dir)
    .sort()
    .map(f => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const copies = Math.ceil(bytes / Buffer.byteLength(seeds));
  return seeds.repeat(copies);
}

/**
 * Runs `work` while a 1 ms timer samples the event loop; returns the longest
 * gap between two ticks (the longest the loop was blocked) and the wall time.
 * (A hand-made sampler rather than monitorEventLoopDelay: it also catches a
 * stall that starts before the histogram's first tick.)
 */
async function measure<T>(work: () => Promise<T>): Promise<{ stallMs: number; wallMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  // Let the sampler run before the work starts.
  await new Promise(r => setTimeout(r, 20));
  longest = 0;
  const t0 = nowMs();
  const value = await work();
  const wallMs = nowMs() - t0;
  await new Promise(r => setTimeout(r, 5));
  clearInterval(ticker);
  return { stallMs: longest, wallMs, value };
}

export const robustnessSuite: BenchSuite = {
  name: 'robustness',
  async run(ctx) {
    const workerFile = path.join(ROOT, 'dist', 'worker.js');
    if (!fs.existsSync(workerFile)) {
      throw new Error('dist/worker.js missing: npm run bench builds it (node esbuild.js)');
    }
    const mb = ctx.quick ? 1 : 10;
    const text = documentOfBytes(mb * 1024 * 1024);
    const options = { date: '2026-11-22' };
    const gw = loadGongwen();
    ctx.log(`${mb} MB document: ${text.length} characters`);

    const checker = new OffThreadChecker({
      workerFile,
      dataDir: gw.dataDir,
      fallback: (t, o) => gw.linter.check(t, o),
      log: m => ctx.log(m),
    });
    // Warm the worker (engine load) outside the measurement, as the editor does on the first large document.
    await checker.check('warm', '同志们：', options);

    const off = await measure(() => checker.check('doc', text, options));
    checker.dispose();
    if (checker.stats.worker < 2 || checker.stats.fallback > 0) {
      throw new Error(`the worker did not answer (stats ${JSON.stringify(checker.stats)})`);
    }
    ctx.log(`worker: ${off.value.findings.length} findings, ${off.wallMs.toFixed(0)} ms, longest stall ${off.stallMs.toFixed(1)} ms`);

    const idle = await measure(() => new Promise<void>(r => setTimeout(r, Math.min(off.wallMs, 10_000))));
    ctx.log(`idle: longest stall ${idle.stallMs.toFixed(1)} ms over ${idle.wallMs.toFixed(0)} ms (machine noise)`);

    const inproc = await measure(async () => gw.linter.check(text, options));
    ctx.log(`in-process: ${inproc.value.findings.length} findings, ${inproc.wallMs.toFixed(0)} ms, longest stall ${inproc.stallMs.toFixed(1)} ms`);
    if (inproc.value.findings.length !== off.value.findings.length) {
      throw new Error('worker and in-process results differ');
    }

    const t0 = nowMs();
    const edits = safeFixEdits(inproc.value.findings);
    applyEdits(text, edits);
    const fixMs = nowMs() - t0;

    // Below the worker threshold the editor checks in-process: the largest such document must stay within the target too.
    const small = text.slice(0, OFF_THREAD_MIN_CHARS - 1);
    const smallTimes: number[] = [];
    for (let i = 0; i < (ctx.quick ? 10 : 30); i++) {
      const s0 = nowMs();
      gw.linter.check(small, options);
      smallTimes.push(nowMs() - s0);
    }
    const smallMax = Math.max(...smallTimes.slice(1));
    ctx.log(`in-process check just below the threshold (${small.length} chars): max ${smallMax.toFixed(1)} ms`);

    const figures: Figure[] = [
      {
        key: 'robustness.inprocess_below_threshold_max_ms',
        label: `阈值以下最大的文档（${small.length} 字）在主线程检查一次的最长耗时`,
        value: smallMax,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: smallMax <= STALL_TARGET_MS,
      },
      {
        key: 'robustness.worker_max_stall_ms',
        label: `最长主线程阻塞：后台线程检查 ${mb} MB`,
        value: off.stallMs,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: off.stallMs <= STALL_TARGET_MS,
      },
      {
        key: 'robustness.worker_longest_host_step_ms',
        label: '后台线程客户端在主线程上最长的一步（发送文本片段、接收结果批）',
        value: checker.stats.longestStepMs,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: checker.stats.longestStepMs <= STALL_TARGET_MS,
      },
      { key: 'robustness.idle_max_stall_ms', label: '最长阻塞：空闲时（本机噪声）', value: idle.stallMs, unit: 'ms' },
      { key: 'robustness.inprocess_max_stall_ms', label: `最长主线程阻塞：主线程检查 ${mb} MB（基线）`, value: inproc.stallMs, unit: 'ms' },
      { key: 'robustness.stall_reduction', label: '阻塞缩短倍数（基线 / 后台线程）', value: inproc.stallMs / Math.max(0.001, off.stallMs), unit: '×' },
      { key: 'robustness.worker_wall_ms', label: `后台线程检查 ${mb} MB 总耗时`, value: off.wallMs, unit: 'ms' },
      { key: 'robustness.inprocess_wall_ms', label: `主线程检查 ${mb} MB 总耗时`, value: inproc.wallMs, unit: 'ms' },
      { key: 'robustness.fixall_ms', label: `全部安全修正（${edits.length} 处编辑）在主线程的耗时`, value: fixMs, unit: 'ms' },
    ];
    return figures;
  },
};
