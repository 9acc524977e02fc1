/**
 * The comparison panel: a full update for a 20 000-character draft against
 * the built-in corpus (retrieve + align + diff + copy check + serialise), and
 * the paragraph-first character diff of two 20 000-character speeches against
 * plain `fast-diff` on the whole texts, both measured in the same run.
 *
 * In the editor the panel builds its models on a worker (dist/worker.js, as in
 * the extension): the host's event loop is sampled every millisecond while the
 * first update after the panel opens (new worker: engine, corpus, cold code)
 * and later updates run there, against the same updates built in-process
 * (the baseline) and the loop's own noise when idle.
 */
import * as fs from 'fs';
import * as path from 'path';
import fastDiff from 'fast-diff';
import { outdatedFormulations } from '../../src/core/compare/freshness';
import { Comparer, PANEL_MAX_CHARS } from '../../src/core/compare/panel';
import { paragraphDiff } from '../../src/core/compare/diff';
import { CorpusIndex } from '../../src/core/corpus/index';
import type { Speech } from '../../src/core/corpus/types';
import { OffThreadComparer } from '../../src/extension/offThreadCompare';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { loadGongwen } from '../../src/node/services';
import { longestStall } from '../support/stall';
import { median, nowMs, type BenchSuite, type Figure } from './types';

const ROOT = path.join(__dirname, '..', '..');
const STEP_TARGET_MS = 50;
const sampled = <T>(work: () => Promise<T>) => longestStall(work, { tickMs: 1, settleBeforeMs: 20, settleAfterMs: 5 });

/** A deterministic pseudo-random sequence (the same texts every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A draft of `size` characters built like a real one: the structure and most
 * paragraphs of one speech, reworded here and there, with paragraphs taken
 * from other speeches of the corpus.
 */
function makeDraft(speeches: readonly Speech[], size: number, seed: number): string {
  const rand = rng(seed);
  const base = [...speeches].sort((a, b) => b.text.length - a.text.length)[Math.floor(rand() * 3)];
  const out: string[] = [];
  let length = 0;
  const lines = base.text.split('\n');
  let k = 0;
  while (length < size) {
    let line: string;
    if (k < lines.length && rand() < 0.8) {
      line = lines[k++];
    } else {
      const other = speeches[Math.floor(rand() * speeches.length)];
      const ls = other.text.split('\n').filter(l => l.length > 30);
      line = ls.length ? ls[Math.floor(rand() * ls.length)] : '各级人大要认真履职尽责。';
    }
    if (rand() < 0.3 && line.length > 20) {
      const at = Math.floor(rand() * (line.length - 10));
      line = `${line.slice(0, at)}切实${line.slice(at + 4)}`;
    }
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n').slice(0, size);
}

/** The same text after a writer's revision: paragraphs edited, dropped, moved and added. */
function revise(text: string, speeches: readonly Speech[], seed: number): string {
  const rand = rng(seed);
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const r = rand();
    if (r < 0.08) {
      continue; // dropped
    }
    if (r < 0.35 && line.length > 16) {
      const at = Math.floor(rand() * (line.length - 8));
      out.push(`${line.slice(0, at)}进一步${line.slice(at + 3)}`);
    } else {
      out.push(line);
    }
    if (rand() < 0.06) {
      const other = speeches[Math.floor(rand() * speeches.length)].text.split('\n');
      out.push(other[Math.floor(rand() * other.length)]);
    }
  }
  // Two paragraphs trade places.
  if (out.length > 10) {
    const a = Math.floor(out.length / 3);
    [out[a], out[a + 5]] = [out[a + 5], out[a]];
  }
  return out.join('\n');
}

/** Runs `work` with a `pause` that yields a macrotask, and returns the longest stretch between two pauses. */
async function longestSteps(work: (pause: () => Promise<void>) => Promise<void>): Promise<{ steps: number; longestMs: number }> {
  let longestMs = 0;
  let steps = 0;
  let t = nowMs();
  await work(async () => {
    longestMs = Math.max(longestMs, nowMs() - t);
    steps++;
    await new Promise<void>(r => setImmediate(r));
    t = nowMs();
  });
  return { steps: steps + 1, longestMs: Math.max(longestMs, nowMs() - t) };
}

export const panelSuite: BenchSuite = {
  name: 'panel',
  async run(ctx): Promise<Figure[]> {
    const { speeches, issues } = loadBuiltinCorpus(loadGongwen().dataDir);
    if (speeches.length === 0) {
      throw new Error(`the built-in corpus is empty: ${issues.map(i => i.message).join('; ')}`);
    }
    const gongwen = loadGongwen();
    // Before anything else indexes the corpus here: the built-in corpus indexed in steps, as the extension host does it
    // before the panel's first comparison (CorpusFeature.ready), against building it in one go.
    const indexSteps = await longestSteps(async pause => {
      const built = await CorpusIndex.create(speeches, pause);
      await built?.prepareParagraphs(pause);
    });
    const oneGoT0 = nowMs();
    new CorpusIndex(speeches).searchParagraphs('各级人大常委会要认真履行宪法和法律赋予的职责', { top: 3 });
    const oneGoMs = nowMs() - oneGoT0;
    ctx.log(`corpus index in steps: ${indexSteps.steps} steps, longest ${indexSteps.longestMs.toFixed(1)} ms; in one go (warm): ${oneGoMs.toFixed(0)} ms`);
    const corpus = new CorpusIndex(speeches);
    const size = ctx.quick ? 8_000 : 20_000;
    const runs = ctx.quick ? 7 : 21;
    const draft = makeDraft(speeches, size, 7);
    ctx.log(`corpus: ${speeches.length} speeches; draft: ${draft.length} characters`);

    // Full update, as the extension does it on an edit: the comparer persists
    // (exemplar-side work is cached), the draft changes every time.
    const comparer = new Comparer(corpus, (speech, date) => outdatedFormulations(gongwen.linter, speech.text, date));
    const update = (text: string, version: number, using: Comparer = comparer): number => {
      const t0 = nowMs();
      const model = using.build({ text, docUri: 'file:///draft.txt', docName: 'draft.txt', docVersion: version, date: '2026-11-22' });
      const json = JSON.stringify({ type: 'model', model });
      const dt = nowMs() - t0;
      if (json.length < 100 || model.exemplars.length === 0) {
        throw new Error('the panel model is empty');
      }
      return dt;
    };
    // The first update after the panel opens, as the panel does it: a new comparer is warmed up in steps
    // (Comparer.warmUp), the model is built with the exemplars' freshness deferred, and the freshness is then
    // filled in one exemplar per step. Each step is one stretch of work on the extension host.
    const firstUpdate = async (using: Comparer, warm: boolean) => {
      let longestWarm = 0;
      let t = nowMs();
      if (warm) {
        await using.warmUp(async () => {
          longestWarm = Math.max(longestWarm, nowMs() - t);
          await new Promise<void>(r => setImmediate(r));
          t = nowMs();
        });
      }
      t = nowMs();
      const model = using.build({ text: draft, docUri: 'file:///draft.txt', docName: 'draft.txt', docVersion: 0, date: '2026-11-22', freshness: 'deferred' });
      JSON.stringify({ type: 'model', model });
      const build = nowMs() - t;
      let longestFill = 0;
      for (const id of using.pendingFreshness(model)) {
        await new Promise<void>(r => setImmediate(r));
        t = nowMs();
        using.fillFreshness(model, id);
        longestFill = Math.max(longestFill, nowMs() - t);
      }
      return { longestWarm, build, longestFill };
    };
    const shipped = await firstUpdate(new Comparer(corpus, (speech, date) => outdatedFormulations(gongwen.linter, speech.text, date)), true);
    // Baseline: a new comparer used at once, without the warm-up (measured after the shipped path, so much of the code
    // is already compiled: the baseline is, if anything, flattered).
    const unwarmed = await firstUpdate(new Comparer(corpus, (speech, date) => outdatedFormulations(gongwen.linter, speech.text, date)), false);
    const cold = shipped.build;
    const warmStep = Math.max(shipped.longestWarm, shipped.longestFill);
    const coldBaseline = unwarmed.build;
    ctx.log(
      `first update: build ${cold.toFixed(1)} ms after a warm-up in steps of ≤ ${shipped.longestWarm.toFixed(1)} ms, freshness steps ≤ ${shipped.longestFill.toFixed(1)} ms ` +
        `(without the warm-up: build ${coldBaseline.toFixed(1)} ms)`,
    );
    const times: number[] = [];
    for (let i = 1; i <= runs; i++) {
      // A keystroke somewhere in the draft.
      const at = Math.floor((i / (runs + 1)) * draft.length);
      times.push(update(`${draft.slice(0, at)}要${draft.slice(at)}`, i));
    }
    const updateMs = median(times);
    ctx.log(`panel update: cold ${cold.toFixed(1)} ms, median ${updateMs.toFixed(1)} ms over ${runs}`);
    // The longest draft the panel compares on the host (longer ones get a notice): one update must stay one short step.
    const longest = makeDraft(speeches, PANEL_MAX_CHARS, 5);
    const longestTimes: number[] = [];
    for (let i = 0; i < (ctx.quick ? 3 : 7); i++) {
      longestTimes.push(update(`${longest.slice(0, 10 * i)}要${longest.slice(10 * i)}`, 100 + i));
    }
    const longestMs = median(longestTimes);
    ctx.log(`panel update at the limit (${longest.length} chars): median ${longestMs.toFixed(1)} ms`);

    // The same updates as the panel runs them in the editor: on the worker. The first one starts a new worker, which
    // loads the engine, indexes the corpus and runs cold code; the host posts the corpus and the draft, and takes the
    // model and then the exemplars' freshness.
    const workerFile = path.join(ROOT, 'dist', 'worker.js');
    if (!fs.existsSync(workerFile)) {
      throw new Error('dist/worker.js missing: npm run bench builds it (node esbuild.js)');
    }
    const offThread = new OffThreadComparer({ workerFile, dataDir: gongwen.dataDir, log: m => ctx.log(m) });
    const viaWorker = (text: string, version: number) =>
      new Promise<{ model: number; fresh: number }>((resolve, reject) => {
        const t0 = nowMs();
        let model = 0;
        offThread.setCorpus(speeches);
        offThread
          .compare({ text, docUri: 'file:///draft.txt', docName: 'draft.txt', docVersion: version, date: '2026-11-22', top: 5, freshness: 'deferred' }, () =>
            resolve({ model, fresh: nowMs() - t0 }),
          )
          .then(m => {
            if (!m || m.exemplars.length === 0) {
              throw new Error('the worker gave no model');
            }
            model = nowMs() - t0;
            if (m.exemplars.every(e => e.outdated !== null)) {
              resolve({ model, fresh: model }); // freshness already known: nothing follows
            }
          })
          .catch(reject);
      });
    const idle = await sampled(() => new Promise(r => setTimeout(r, 300)));
    const first = await sampled(() => viaWorker(draft, 1));
    const firstHostStep = offThread.stats.longestStepMs;
    const later = await sampled(async () => {
      const walls: number[] = [];
      for (let i = 1; i <= runs; i++) {
        const at = Math.floor((i / (runs + 1)) * draft.length);
        walls.push((await viaWorker(`${draft.slice(0, at)}要${draft.slice(at)}`, 1 + i)).model);
      }
      for (let i = 0; i < (ctx.quick ? 3 : 7); i++) {
        walls.push((await viaWorker(`${longest.slice(0, 10 * i)}要${longest.slice(10 * i)}`, 100 + i)).model);
      }
      return median(walls);
    });
    const hostStep = offThread.stats.longestStepMs;
    offThread.dispose();
    if (offThread.stats.failed > 0 || offThread.stats.models < runs + 1) {
      throw new Error(`the worker did not answer (stats ${JSON.stringify(offThread.stats)})`);
    }
    ctx.log(
      `on the worker: first update ${first.value.model.toFixed(0)} ms to the model, ${first.value.fresh.toFixed(0)} ms to its freshness, ` +
        `host stall ≤ ${first.stallMs.toFixed(1)} ms (host steps ≤ ${firstHostStep.toFixed(1)} ms); later updates median ${later.value.toFixed(1)} ms, ` +
        `stall ≤ ${later.stallMs.toFixed(1)} ms; idle stall ${idle.stallMs.toFixed(1)} ms`,
    );

    // Character diff of two 20 000-character speeches: a draft and its revision.
    const a = makeDraft(speeches, size, 11);
    const b = revise(a, speeches, 13);
    const diffRuns = ctx.quick ? 5 : 11;
    const ours: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < diffRuns; i++) {
      let t0 = nowMs();
      const segs = paragraphDiff(a, b);
      ours.push(nowMs() - t0);
      t0 = nowMs();
      const whole = fastDiff(a, b);
      plain.push(nowMs() - t0);
      if (segs.length === 0 || whole.length === 0) {
        throw new Error('empty diff');
      }
    }
    const oursMs = median(ours);
    const plainMs = median(plain);
    ctx.log(`diff of ${a.length} vs ${b.length} characters: paragraph-first ${oursMs.toFixed(1)} ms, plain fast-diff ${plainMs.toFixed(1)} ms`);
    // The same pair with its line breaks lost (pasted as one paragraph): diffed sentence by sentence.
    const flat = (t: string) => t.replace(/\n/g, '');
    const oneLine: number[] = [];
    for (let i = 0; i < diffRuns; i++) {
      const t0 = nowMs();
      paragraphDiff(flat(a), flat(b));
      oneLine.push(nowMs() - t0);
    }
    const oneLineMs = median(oneLine);
    ctx.log(`the same as one line each: ${oneLineMs.toFixed(1)} ms`);

    return [
      { key: 'panel.update_ms', label: `panel: full update, ${size} chars vs built-in corpus (median)`, value: updateMs, unit: 'ms', target: '≤ 100', ok: updateMs <= 100 },
      {
        key: 'panel.update_at_limit_ms',
        label: `panel: update of the longest draft it compares (${PANEL_MAX_CHARS} chars; longer ones get a notice)`,
        value: longestMs,
        unit: 'ms',
        target: '≤ 50',
        ok: longestMs <= 50,
      },
      {
        key: 'panel.first_update_stall_ms',
        label: 'panel: longest host stall during the first update after the panel opens (on the worker: new worker, cold)',
        value: first.stallMs,
        unit: 'ms',
        target: `≤ ${STEP_TARGET_MS}`,
        ok: first.stallMs <= STEP_TARGET_MS,
      },
      { key: 'panel.first_update_host_step_ms', label: 'panel: longest host step of that update (posting, taking the model)', value: firstHostStep, unit: 'ms', target: `≤ ${STEP_TARGET_MS}`, ok: firstHostStep <= STEP_TARGET_MS },
      { key: 'panel.first_update_wall_ms', label: 'panel: that first update, request to model (worker start, engine, corpus)', value: first.value.model, unit: 'ms' },
      { key: 'panel.worker_update_ms', label: `panel: later updates on the worker, ${size} and ${PANEL_MAX_CHARS} chars (median, request to model)`, value: later.value, unit: 'ms' },
      {
        key: 'panel.worker_update_stall_ms',
        label: 'panel: longest host stall during those later updates',
        value: later.stallMs,
        unit: 'ms',
        target: `≤ ${STEP_TARGET_MS}`,
        ok: later.stallMs <= STEP_TARGET_MS,
      },
      { key: 'panel.worker_host_step_ms', label: 'panel: longest host step of all updates on the worker', value: hostStep, unit: 'ms', target: `≤ ${STEP_TARGET_MS}`, ok: hostStep <= STEP_TARGET_MS },
      {
        key: 'panel.corpus_index_step_ms',
        label: 'panel: longest step of indexing the built-in corpus on the host (in steps, cold)',
        value: indexSteps.longestMs,
        unit: 'ms',
        target: `≤ ${STEP_TARGET_MS}`,
        ok: indexSteps.longestMs <= STEP_TARGET_MS,
      },
      { key: 'panel.corpus_index_one_go_ms', label: 'panel: the same index built in one go (baseline, after the stepped build)', value: oneGoMs, unit: 'ms' },
      { key: 'panel.idle_stall_ms', label: 'panel: longest host stall when idle (machine noise)', value: idle.stallMs, unit: 'ms' },
      { key: 'panel.update_cold_ms', label: 'panel: first update in-process after a warm-up in steps (no worker; baseline)', value: cold, unit: 'ms' },
      { key: 'panel.warm_up_step_ms', label: 'panel: longest warm-up or freshness step of that in-process update', value: warmStep, unit: 'ms' },
      { key: 'panel.update_cold_unwarmed_ms', label: 'panel: first update in-process without the warm-up (baseline)', value: coldBaseline, unit: 'ms' },
      { key: 'panel.diff_ms', label: `panel: paragraph-first diff, 2 × ${size} chars (median)`, value: oursMs, unit: 'ms', target: '≤ 50', ok: oursMs <= 50 },
      { key: 'panel.diff_plain_ms', label: 'panel: plain fast-diff on the whole texts (median)', value: plainMs, unit: 'ms' },
      { key: 'panel.diff_one_line_ms', label: `panel: the same diff with each text one line (sentence by sentence, median)`, value: oneLineMs, unit: 'ms', target: '≤ 50', ok: oneLineMs <= 50 },
      { key: 'panel.diff_speedup', label: 'panel: plain fast-diff time / paragraph-first time', value: plainMs / oursMs, unit: '×' },
    ];
  },
};
