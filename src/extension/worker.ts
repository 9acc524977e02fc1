/**
 * The off-thread checker (bundled as dist/worker.js): runs the same core as the
 * extension host on a worker thread, so checking a very large document never
 * blocks the host. No VS Code API here — only `worker_threads` and the core.
 *
 * Protocol (see offThread.ts for the client):
 *   host → worker  {type:'config', dataDir, ruleDirs}      the engine to use (loaded at 'warm' or the next check)
 *                  {type:'warm'}                             load the engine now
 *                  {type:'chunk', id, text}                  a piece of a document
 *                  {type:'check', id, options, fix?}         check the pieces received for `id` (fix: answer with the
 *                                                            fix-all edits instead of the findings)
 *                  {type:'drop', id}                         forget a request that was superseded
 *                  {type:'more', id}                         ready for the next batch of findings
 *   worker → host  {type:'checking', id}                     the engine is loaded, checking starts
 *                  {type:'findings', id, findings}          findings in bounded batches, one per 'more', then
 *                  {type:'edits', id, edits}                (fix) positioned fix-all edits, the same way, then
 *                  {type:'done', id, date, documentDate, issues}
 *                  {type:'failed', id, message}
 *
 * The comparison panel runs a second instance of this script for its own
 * requests (see offThreadCompare.ts for the client):
 *   host → worker  {type:'corpus', generation, speeches, first, last}  the corpus in batches (indexed after `last`)
 *                  {type:'compare', id, generation, request}         build the panel model for a draft
 *   worker → host  {type:'model', id, model, freshnessPending}        the model (exemplars' freshness deferred), then
 *                  {type:'freshness', id, patches}                  the listed exemplars' freshness, when pending
 *                  {type:'compareFailed', id, message}
 *
 * While the corpus is built, a third instance reads the user's exemplar files
 * (see offThreadCorpus.ts):
 *   host → worker  {type:'readSpeech', id, file}
 *   worker → host  {type:'speech', id, speech, hash} | {type:'readFailed', id, message, located}
 */
import { parentPort } from 'worker_threads';
import type { CheckResult } from '../core/check';
import { outdatedFormulations } from '../core/compare/freshness';
import { Comparer } from '../core/compare/panel';
import { CorpusIndex } from '../core/corpus/index';
import type { Speech } from '../core/corpus/types';
import type { Finding } from '../core/types';
import { loadGongwen, type Gongwen } from '../node/services';
import { CorpusFileError, readSpeechFile } from '../node/corpusUser';
import type { CompareWorkerToHost, FreshnessPatch, HostToCompareWorker } from './offThreadCompare';
import type { CorpusWorkerToHost, HostToCorpusWorker } from './offThreadCorpus';
import { EDITS_PER_MESSAGE, FINDINGS_PER_MESSAGE, positionedFixEdits, type HostToWorker, type PositionedEdit, type WorkerToHost } from './offThread';

let config: { dataDir?: string; ruleDirs: string[] } = { ruleDirs: [] };
let engine: Gongwen | undefined;
const pieces = new Map<number, string[]>();
/** The last check: a fix-all request for the same text and options (right after the diagnostics) reuses it. */
let last: { text: string; optionsKey: string; result: CheckResult } | undefined;
type Items = { kind: 'findings'; items: Finding[] } | { kind: 'edits'; items: PositionedEdit[] };
let reply: (Items & { id: number; at: number; done: WorkerToHost }) | undefined;
/** The panel's corpus: the batches of the generation being received, and the last complete one with its comparer. */
let receiving: Speech[] | undefined;
let corpus: { index: CorpusIndex; comparer?: Comparer } | { failure: string } | undefined;

function send(m: WorkerToHost | CompareWorkerToHost | CorpusWorkerToHost): void {
  parentPort!.postMessage(m);
}

function handle(m: HostToWorker | HostToCompareWorker | HostToCorpusWorker): void {
  switch (m.type) {
    case 'readSpeech': {
      const { id } = m;
      readSpeechFile(m.file).then(
        ({ speech, hash }) => send({ type: 'speech', id, speech, hash }),
        err => send({ type: 'readFailed', id, message: err instanceof Error ? err.message : String(err), located: err instanceof CorpusFileError }),
      );
      return;
    }
    case 'config':
      config = { dataDir: m.dataDir, ruleDirs: m.ruleDirs };
      engine = undefined;
      last = undefined;
      if (corpus && 'index' in corpus) {
        corpus.comparer = undefined; // its freshness checks used the old engine
      }
      return;
    case 'corpus':
      if (m.first || !receiving) {
        receiving = [];
      }
      for (const s of m.speeches) {
        receiving.push(s);
      }
      if (m.last) {
        const list = receiving;
        receiving = undefined;
        try {
          corpus = { index: new CorpusIndex(list) };
        } catch (err) {
          corpus = { failure: `范文库无法建立索引：${String((err as Error)?.message ?? err)}` };
        }
      }
      return;
    case 'compare':
      compare(m.id, m.request);
      return;
    case 'warm':
      try {
        engine ??= loadGongwen({ dataDir: config.dataDir, ruleDirs: config.ruleDirs });
      } catch {
        // Reported by the next check, which tries again.
      }
      return;
    case 'chunk': {
      let list = pieces.get(m.id);
      if (!list) {
        pieces.set(m.id, (list = []));
      }
      list.push(m.text);
      return;
    }
    case 'drop':
      pieces.delete(m.id);
      if (reply?.id === m.id) {
        reply = undefined;
      }
      return;
    case 'more':
      if (reply?.id === m.id) {
        sendBatch();
      }
      return;
    case 'check': {
      const text = (pieces.get(m.id) ?? []).join('');
      pieces.delete(m.id);
      const optionsKey = JSON.stringify(m.options);
      let result: CheckResult;
      let issues: string[] = [];
      let items: Items;
      try {
        engine ??= loadGongwen({ dataDir: config.dataDir, ruleDirs: config.ruleDirs });
        send({ type: 'checking', id: m.id });
        if (last && last.text === text && last.optionsKey === optionsKey) {
          result = last.result;
        } else {
          // Load problems are reported by the host's own engine; only run-time ones (a detector failing) come back.
          const before = engine.issues.length;
          result = engine.linter.check(text, m.options);
          issues = engine.issues.slice(before).map(i => `${i.file}:${i.line}:${i.column} ${i.message}`);
          last = { text, optionsKey, result };
        }
        items = m.fix ? { kind: 'edits', items: positionedFixEdits(text, result.findings) } : { kind: 'findings', items: result.findings };
      } catch (err) {
        send({ type: 'failed', id: m.id, message: String((err as Error)?.stack ?? err) });
        return;
      }
      reply = {
        ...items,
        id: m.id,
        at: 0,
        done: { type: 'done', id: m.id, date: result.date, documentDate: result.documentDate, issues },
      };
      sendBatch();
      return;
    }
  }
}

/** Builds the panel model on this thread: the model first, then the listed exemplars' freshness. */
function compare(id: number, request: Extract<HostToCompareWorker, { type: 'compare' }>['request']): void {
  try {
    if (!corpus) {
      throw new Error('尚未收到范文库');
    }
    if ('failure' in corpus) {
      throw new Error(corpus.failure);
    }
    engine ??= loadGongwen({ dataDir: config.dataDir, ruleDirs: config.ruleDirs });
    const linter = engine.linter;
    const comparer = (corpus.comparer ??= new Comparer(corpus.index, (speech, date) => outdatedFormulations(linter, speech.text, date)));
    const model = comparer.build({ ...request, freshness: 'deferred' });
    const pending = comparer.pendingFreshness(model);
    send({ type: 'model', id, model, freshnessPending: pending.length > 0 });
    if (pending.length === 0) {
      return;
    }
    // The host waits for this message once the model is sent: it always goes, with what could be checked.
    const patches: FreshnessPatch[] = [];
    try {
      for (const exemplar of pending) {
        if (comparer.fillFreshness(model, exemplar)) {
          const e = model.exemplars.find(x => x.id === exemplar);
          if (e && e.outdated !== null) {
            patches.push({ id: exemplar, outdated: e.outdated, samples: e.outdatedSamples });
          }
        }
      }
    } finally {
      send({ type: 'freshness', id, patches });
    }
  } catch (err) {
    send({ type: 'compareFailed', id, message: String((err as Error)?.stack ?? err) });
  }
}

function sendBatch(): void {
  const r = reply;
  if (!r) {
    return;
  }
  if (r.at >= r.items.length) {
    reply = undefined;
    send(r.done);
    return;
  }
  if (r.kind === 'edits') {
    send({ type: 'edits', id: r.id, edits: r.items.slice(r.at, r.at + EDITS_PER_MESSAGE) });
    r.at += EDITS_PER_MESSAGE;
  } else {
    send({ type: 'findings', id: r.id, findings: r.items.slice(r.at, r.at + FINDINGS_PER_MESSAGE) });
    r.at += FINDINGS_PER_MESSAGE;
  }
}

if (parentPort) {
  parentPort.on('message', (m: HostToWorker | HostToCompareWorker | HostToCorpusWorker) => handle(m));
}
