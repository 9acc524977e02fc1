/**
 * Robustness benchmark: how long the host's event loop is blocked while a
 * 10 MB document is checked on the worker (dist/worker.js, as in the editor)
 * versus in-process, measured by a 1 ms timer on the host's event loop (the
 * worker figure is the median of three checks' longest stalls: a freeze of the
 * shared machine hits one of them, a stall of the code each). The
 * in-process figure is the baseline of the same run on the same text; the idle
 * figure (nothing running, same length of time) is the machine's own noise.
 * Also: fix-all (safe-fix collection + application) on that document's findings,
 * which runs on the host; and user-pack regular expressions that backtrack
 * polynomially (bounded by src/core/rules/boundedRegex.ts) on a hostile 10 MB
 * document, against the same patterns searched unbounded on a small sample.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { applyEdits, safeFixEdits } from '../../src/core/fix';
import { LineIndex } from '../../src/core/text/lineIndex';
import { runUserRegex, USER_REGEX_LIMITS } from '../../src/core/rules/boundedRegex';
import { parseRulePack } from '../../src/core/rules/parse';
import { compileRuleSet } from '../../src/core/rules/ruleSet';
import { FINDINGS_PER_MESSAGE, OFF_THREAD_MIN_CHARS, OffThreadChecker } from '../../src/extension/offThread';
import { DATA_CACHE_FILE } from '../../src/node/dataCache';
import { loadGongwen, loadGongwenInSteps } from '../../src/node/services';
import { seedPages } from '../support/seeds';
import { longestStall } from '../support/stall';
import { median, nowMs, type BenchSuite, type Figure } from './types';

const ROOT = path.join(__dirname, '..', '..');

/**
 * How long synchronous work kept this thread busy: the smaller of wall time and
 * process CPU time. On a busy machine the wall time also counts the time other
 * processes had the core; the CPU time also counts the collector's helper
 * threads. Neither is our thread's own work alone, the smaller is the closer.
 */
function blockingMs(work: () => unknown): number {
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  work();
  const wall = nowMs() - t0;
  const c = process.cpuUsage(c0);
  return Math.min(wall, (c.user + c.system) / 1000);
}
const STALL_TARGET_MS = 50;

function documentOfBytes(bytes: number): string {
  const seeds = seedPages().join('\n');
  const copies = Math.ceil(bytes / Buffer.byteLength(seeds));
  return seeds.repeat(copies);
}

/** The longest the event loop was blocked while `work` runs (a 1 ms sampler, settled 20 ms before and 5 ms after), and the wall time. */
const measure = <T>(work: () => Promise<T>) => longestStall(work, { tickMs: 1, settleBeforeMs: 20, settleAfterMs: 5 });

/** User rules that pass the load-time guard but backtrack polynomially, each with the text that makes it slow (a line as long as a piece). */
const HOSTILE = [
  { id: 'user.ab', pattern: 'a+b', line: () => 'a'.repeat(USER_REGEX_LIMITS.pieceChars - 1) },
  { id: 'user.decimal', pattern: '\\d+\\.\\d+x', line: () => '1'.repeat(USER_REGEX_LIMITS.pieceChars - 1) },
  { id: 'user.de', pattern: '[一-龥]+?的', line: () => '我们要坚持稳中求进工作总基调'.repeat(80).slice(0, USER_REGEX_LIMITS.pieceChars - 1) },
];

/** A user pack (not built in) with these pattern rules, compiled as the engine compiles workspace packs. */
function userPack(rules: { id: string; pattern: string }[]) {
  const yaml = ['pack: bench-user', 'category: wording', 'rules:'];
  for (const r of rules) {
    yaml.push(`  - id: ${r.id}`, '    severity: warning', `    pattern: '${r.pattern}'`, '    message: 命中“{match}”');
  }
  const { pack, issues } = parseRulePack(yaml.join('\n') + '\n', 'bench-user.yaml', false);
  const compiled = pack ? compileRuleSet([pack]) : undefined;
  if (!compiled || issues.length + compiled.issues.length > 0 || compiled.ruleSet.rules.length !== rules.length) {
    throw new Error(`bench user pack did not load: ${[...issues, ...(compiled?.issues ?? [])].map(i => i.message).join(' | ')}`);
  }
  return compiled.ruleSet;
}

/**
 * What one user rule adds to a check: its bounded search on a fresh document
 * (cutting the document into pieces included), with the regular expression the
 * engine compiled for it, as the smaller of wall and CPU time. (The rule set's
 * shared literal scan runs anyway for the built-in rules.)
 */
function userRuleMs(ruleSet: ReturnType<typeof userPack>, text: string): { ms: number; notices: number; findings: number } {
  const rule = ruleSet.rules[0];
  const doc = new DocContext(text, { date: '2026-11-22' });
  let findings = 0;
  let notices = 0;
  const ms = blockingMs(() => {
    notices = runUserRegex(doc, rule.regex!, rule.spec, () => findings++, 100_000).length;
  });
  return { ms, notices, findings: findings + notices };
}

/**
 * Hostile user patterns on a hostile document of the benchmark's size (a
 * 300 000-character run of `a`, then lines that make each pattern quadratic):
 * the longest time one rule adds to the check, and how long the unbounded
 * search of the same patterns takes on only 20 000 characters of that text. Also
 * an ordinary user rule on the seed document, which must stay inside the budget.
 */
function userRegexFigures(text: string, mb: number, log: (s: string) => void): Figure[] {
  const lines: string[] = ['a'.repeat(300_000)];
  let n = lines[0].length;
  for (let k = 0; n < text.length; k++) {
    const l = HOSTILE[k % HOSTILE.length].line();
    lines.push(l);
    n += l.length + 1;
  }
  // Somewhere the document has the literals each pattern needs (else the engine skips the rule outright).
  lines.push('aab 1.5x 我们的');
  const hostile = lines.join('\n');
  // Warm up the engine code on a small document first, as any earlier check would have.
  userRuleMs(userPack(HOSTILE.slice(0, 1)), hostile.slice(299_000, 340_000));
  let worst = 0;
  let worstId = '';
  for (const h of HOSTILE) {
    const r = userRuleMs(userPack([h]), hostile);
    log(`user regex ${h.pattern} on ${hostile.length} hostile chars: +${r.ms.toFixed(1)} ms, ${r.notices} notices`);
    if (r.notices === 0) {
      throw new Error(`${h.id}: no notice on the hostile document`);
    }
    if (r.ms > worst) {
      worst = r.ms;
      worstId = h.pattern;
    }
  }
  // The same patterns unbounded (a whole-document search) on one 20 000-character run of the text that provokes each.
  let unbounded = 0;
  for (const h of HOSTILE) {
    const unit = h.line();
    const sample = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
    const re = new RegExp(h.pattern, 'gu');
    const t0 = nowMs();
    while (re.exec(sample)) {
      // only the time counts
    }
    unbounded = Math.max(unbounded, nowMs() - t0);
  }
  // An ordinary user rule on the seed document: the piecewise search stays well inside the budget.
  const ord = userRuleMs(userPack([{ id: 'user.ordinary', pattern: '(?<![一-龥])[0-9]+(?:\\.[0-9]+)?%' }]), text);
  log(`ordinary user regex on the ${mb} MB seed document: +${ord.ms.toFixed(1)} ms, ${ord.findings} findings, ${ord.notices} notices`);
  return [
    {
      key: 'robustness.user_regex_hostile_max_ms',
      label: `敌意用户正则（${worstId}）在 ${mb} MB 敌意文档上增加的最长检查时间`,
      value: worst,
      unit: 'ms',
      target: '≤ 50',
      ok: worst <= 50,
    },
    { key: 'robustness.user_regex_unbounded_20k_ms', label: '同样的正则不加限制、查一串 2 万字的耗时（对照）', value: unbounded, unit: 'ms' },
    {
      key: 'robustness.user_regex_ordinary_ms',
      label: `普通用户正则在 ${mb} MB 文档上增加的检查时间（不得被当作回溯而停下）`,
      value: ord.ms,
      unit: 'ms',
      target: '无“查找太慢”提示',
      ok: ord.notices === 0,
    },
  ];
}

interface EngineLoad {
  /** The first load in a fresh process (nothing compiled or cached by V8 yet). */
  cold: { longestStepMs: number; totalMs: number };
  /** A reload in the same process (median of several). */
  warm: { longestStepMs: number; totalMs: number };
}

/**
 * Runs in a fresh process (`--child=engine-load:<mode>`): loads the engine as
 * the extension host does and reports its longest step. `stepped`: the
 * shipped way — the parsed built-in data cached by the build, loaded in steps
 * with a macrotask between them; `sync`: the baseline — every YAML file parsed
 * and every schema compiled in one go.
 */
export async function engineLoadChild(mode: string): Promise<EngineLoad> {
  const cache = path.join(ROOT, 'dist', DATA_CACHE_FILE);
  const once = async () => {
    if (mode === 'sync') {
      const t0 = nowMs();
      loadGongwen({ cache: false });
      const ms = nowMs() - t0;
      return { longestStepMs: ms, totalMs: ms };
    }
    let longest = 0;
    let t = nowMs();
    const t0 = t;
    await loadGongwenInSteps({ cache }, async () => {
      longest = Math.max(longest, nowMs() - t);
      await new Promise<void>(r => setImmediate(r));
      t = nowMs();
    });
    longest = Math.max(longest, nowMs() - t);
    return { longestStepMs: longest, totalMs: nowMs() - t0 };
  };
  const cold = await once();
  const warm: { longestStepMs: number; totalMs: number }[] = [];
  for (let i = 0; i < 7; i++) {
    warm.push(await once());
  }
  const med = (k: 'longestStepMs' | 'totalMs') => warm.map(w => w[k]).sort((a, b) => a - b)[3];
  return { cold, warm: { longestStepMs: med('longestStepMs'), totalMs: med('totalMs') } };
}

/** Engine load on the host (activation, reload): the shipped stepped load from the build's cache against the old one-go parse. */
function engineLoadFigures(log: (m: string) => void): Figure[] {
  if (!fs.existsSync(path.join(ROOT, 'dist', DATA_CACHE_FILE))) {
    throw new Error(`dist/${DATA_CACHE_FILE} missing: npm run bench builds it (node esbuild.js)`);
  }
  const child = (mode: string): EngineLoad => {
    // Three fresh processes each; the median cold figure (the machine's noise hits single runs).
    const runs: EngineLoad[] = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, [process.argv[1], `--child=engine-load:${mode}`], { encoding: 'utf8' });
      if (r.status !== 0) {
        throw new Error(`engine-load child (${mode}) failed: ${r.stderr}`);
      }
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as EngineLoad);
    }
    runs.sort((a, b) => a.cold.longestStepMs - b.cold.longestStepMs);
    return runs[1];
  };
  const stepped = child('stepped');
  const sync = child('sync');
  log(
    `engine load: stepped from the build cache cold ${stepped.cold.longestStepMs.toFixed(1)} ms longest step (${stepped.cold.totalMs.toFixed(0)} ms in all), ` +
      `warm ${stepped.warm.longestStepMs.toFixed(1)} ms; one-go YAML parse cold ${sync.cold.totalMs.toFixed(0)} ms, warm ${sync.warm.totalMs.toFixed(0)} ms`,
  );
  const step = (key: string, label: string, value: number): Figure => ({ key, label, value, unit: 'ms', target: `≤ ${STALL_TARGET_MS}`, ok: value <= STALL_TARGET_MS });
  return [
    step('robustness.engine_load_cold_step_ms', '规则引擎在主线程加载（扩展激活，新进程）：最长的一步', stepped.cold.longestStepMs),
    step('robustness.engine_reload_step_ms', '规则引擎重新加载（规则包或设置改动后）：最长的一步', stepped.warm.longestStepMs),
    { key: 'robustness.engine_load_cold_sync_ms', label: '同上，一次解析全部 YAML（基线，新进程）的阻塞时长', value: sync.cold.totalMs, unit: 'ms' },
    { key: 'robustness.engine_reload_sync_ms', label: '同上，一次解析全部 YAML 重新加载（基线）的阻塞时长', value: sync.warm.totalMs, unit: 'ms' },
    { key: 'robustness.engine_load_cold_ratio', label: '主线程加载最长阻塞缩短倍数（基线 / 分步）', value: sync.cold.totalMs / stepped.cold.longestStepMs, unit: '×' },
  ];
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

    // The longest stall, check by check: a freeze of the shared machine hits one check, a stall of ours every one, so
    // the figure is the median over three checks (the first two judged as of other dates, so that the worker checks
    // afresh: it reuses its last check only for the same text and options).
    const stalls: number[] = [];
    for (let i = ctx.quick ? 1 : 3; i > 1; i--) {
      stalls.push((await measure(() => checker.check('doc', text, { date: `2026-11-${22 - i + 1}` }))).stallMs);
    }
    const off = await measure(() => checker.check('doc', text, options));
    stalls.push(off.stallMs);
    const offStall = median(stalls);
    // Fix-all through the worker right after the check (it reuses that check): the host only posts and receives.
    const checkHostStep = checker.stats.longestStepMs;
    checker.stats.longestStepMs = 0;
    const fixOff = await measure(() => checker.fixAll('doc', text, options));
    const fixHostStep = checker.stats.longestStepMs;
    checker.dispose();
    if (checker.stats.worker < 3 || checker.stats.fallback > 0) {
      throw new Error(`the worker did not answer (stats ${JSON.stringify(checker.stats)})`);
    }
    ctx.log(
      `worker: ${off.value.findings.length} findings, ${off.wallMs.toFixed(0)} ms, longest stall ${off.stallMs.toFixed(1)} ms ` +
        `(per check: ${stalls.map(x => x.toFixed(1)).join(', ')} ms; median ${offStall.toFixed(1)})`,
    );

    const idle = await measure(() => new Promise<void>(r => setTimeout(r, Math.min(off.wallMs, 10_000))));
    ctx.log(`idle: longest stall ${idle.stallMs.toFixed(1)} ms over ${idle.wallMs.toFixed(0)} ms (machine noise)`);

    const inproc = await measure(async () => gw.linter.check(text, options));
    ctx.log(`in-process: ${inproc.value.findings.length} findings, ${inproc.wallMs.toFixed(0)} ms, longest stall ${inproc.stallMs.toFixed(1)} ms`);
    if (inproc.value.findings.length !== off.value.findings.length) {
      throw new Error('worker and in-process results differ');
    }

    // Fix-all computed on the host (as before): the safe fixes' edits and their line/character positions.
    let edits: ReturnType<typeof safeFixEdits> = [];
    const fixMs = blockingMs(() => {
      edits = safeFixEdits(inproc.value.findings);
      const lines = new LineIndex(text);
      for (const e of edits) {
        lines.positionAt(e.start);
        lines.positionAt(e.end);
      }
    });
    if (fixOff.value.edits.length !== edits.length || applyEdits(text, edits).text.length !== text.length - edits.reduce((n, e) => n + (e.end - e.start) - e.newText.length, 0)) {
      throw new Error(`fix-all on the worker gave ${fixOff.value.edits.length} edits, in-process ${edits.length}`);
    }
    ctx.log(`fix-all: ${edits.length} edits; on the worker ${fixOff.wallMs.toFixed(0)} ms with host steps ≤ ${fixHostStep.toFixed(1)} ms (stall ${fixOff.stallMs.toFixed(1)} ms); on the host ${fixMs.toFixed(0)} ms`);

    // Every document goes to the worker (OFF_THREAD_MIN_CHARS = 0). The worst ordinary draft for an in-process check
    // was the first 9 999 characters of the mangled seed page: through the worker, the host's thread only posts the
    // text and takes the findings. Per check: the longest step of ours, plus a structured clone of the largest
    // findings batch (what the port does before our handler runs). Baseline: the same check in-process.
    const small = text.slice(0, 9_999);
    if (small.length < OFF_THREAD_MIN_CHARS) {
      throw new Error(`a ${small.length}-character document would be checked in-process (OFF_THREAD_MIN_CHARS ${OFF_THREAD_MIN_CHARS})`);
    }
    const smallChecker = new OffThreadChecker({ workerFile, dataDir: gw.dataDir, fallback: (t, o) => gw.linter.check(t, o), log: m => ctx.log(m) });
    await smallChecker.check('warm', small, options);
    const rounds = ctx.quick ? 10 : 30;
    let smallHost = 0;
    let smallFindings = 0;
    const smallRun = await measure(async () => {
      for (let i = 0; i < rounds; i++) {
        smallChecker.stats.longestStepMs = 0;
        const r = await smallChecker.check('small', small, options);
        smallFindings = r.findings.length;
        smallHost = Math.max(smallHost, smallChecker.stats.longestStepMs);
      }
    });
    smallChecker.dispose();
    if (smallChecker.stats.fallback > 0 || smallChecker.stats.worker < rounds + 1) {
      throw new Error(`the worker did not answer the small checks (stats ${JSON.stringify(smallChecker.stats)})`);
    }
    // The costliest findings batch of the 10 MB document (every 10th batch tried).
    let cloneMs = 0;
    for (let at = 0; at < off.value.findings.length; at += FINDINGS_PER_MESSAGE * 10) {
      const batch = off.value.findings.slice(at, at + FINDINGS_PER_MESSAGE);
      cloneMs = Math.max(cloneMs, blockingMs(() => structuredClone(batch)));
    }
    const smallHostMax = smallHost + cloneMs;
    const smallTimes: number[] = [];
    for (let i = 0; i < rounds; i++) {
      smallTimes.push(blockingMs(() => gw.linter.check(small, options)));
    }
    const smallInproc = Math.max(...smallTimes.slice(1));
    ctx.log(
      `${small.length}-char mangled draft (${smallFindings} findings) x${rounds}: host step max ${smallHost.toFixed(2)} ms + batch clone ${cloneMs.toFixed(2)} ms; ` +
        `event-loop stall ${smallRun.stallMs.toFixed(1)} ms (machine noise included); in-process max ${smallInproc.toFixed(1)} ms`,
    );

    const userRegex = userRegexFigures(text, mb, m => ctx.log(m));
    const engineLoad = engineLoadFigures(m => ctx.log(m));

    const figures: Figure[] = [
      {
        key: 'robustness.small_doc_host_max_ms',
        label: `${small.length} 字乱码文稿经后台线程检查时主线程最长的一步（含结果批的反序列化）`,
        value: smallHostMax,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: smallHostMax <= STALL_TARGET_MS,
      },
      { key: 'robustness.small_doc_stall_ms', label: `同上，${rounds} 次检查期间事件循环的最长停顿（含本机噪声）`, value: smallRun.stallMs, unit: 'ms' },
      { key: 'robustness.small_doc_inprocess_max_ms', label: `同一文稿在主线程检查一次的最长耗时（基线，已不再这样做）`, value: smallInproc, unit: 'ms' },
      {
        key: 'robustness.worker_max_stall_ms',
        label: `最长主线程阻塞：后台线程检查 ${mb} MB（${stalls.length} 次检查取中位数）`,
        value: offStall,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: offStall <= STALL_TARGET_MS,
      },
      {
        key: 'robustness.worker_longest_host_step_ms',
        label: '后台线程客户端在主线程上最长的一步（发送文本片段、接收结果批）',
        value: checkHostStep,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: checkHostStep <= STALL_TARGET_MS,
      },
      { key: 'robustness.idle_max_stall_ms', label: '最长阻塞：空闲时（本机噪声）', value: idle.stallMs, unit: 'ms' },
      { key: 'robustness.inprocess_max_stall_ms', label: `最长主线程阻塞：主线程检查 ${mb} MB（基线）`, value: inproc.stallMs, unit: 'ms' },
      { key: 'robustness.stall_reduction', label: '阻塞缩短倍数（基线 / 后台线程）', value: inproc.stallMs / Math.max(0.001, offStall), unit: '×' },
      { key: 'robustness.worker_wall_ms', label: `后台线程检查 ${mb} MB 总耗时`, value: off.wallMs, unit: 'ms' },
      { key: 'robustness.inprocess_wall_ms', label: `主线程检查 ${mb} MB 总耗时`, value: inproc.wallMs, unit: 'ms' },
      {
        key: 'robustness.fixall_worker_host_step_ms',
        label: `“修正全部”（${edits.length} 处编辑）经后台线程计算时主线程最长的一步`,
        value: fixHostStep,
        unit: 'ms',
        target: `≤ ${STALL_TARGET_MS}`,
        ok: fixHostStep <= STALL_TARGET_MS,
      },
      { key: 'robustness.fixall_ms', label: `同样的编辑在主线程计算（含行列位置，基线）的耗时`, value: fixMs, unit: 'ms' },
      ...userRegex,
      ...engineLoad,
    ];
    return figures;
  },
};
