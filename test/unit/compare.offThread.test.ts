/**
 * The comparison panel's worker (OffThreadComparer + the compare role of
 * src/extension/worker.ts): it builds exactly the model the host would, with
 * the same freshness, follows corpus changes, lets only the newest request
 * count, and rejects (so the panel compares in-process) when the worker is
 * missing, dies, fails or hangs.
 */
import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { outdatedFormulations } from '../../src/core/compare/freshness';
import type { PanelModel } from '../../src/core/compare/model';
import { Comparer, type CompareRequest } from '../../src/core/compare/panel';
import { CorpusIndex } from '../../src/core/corpus/index';
import type { Speech } from '../../src/core/corpus/types';
import { OffThreadComparer, type FreshnessPatch } from '../../src/extension/offThreadCompare';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { gongwen } from '../fuzz/properties';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src', 'extension', 'worker.ts');
const realWorker = (f: string) => new Worker(`require('tsx/cjs'); require(${JSON.stringify(f)});`, { eval: true });

function speeches(): Speech[] {
  const { speeches } = loadBuiltinCorpus(path.join(ROOT, 'data'));
  assert.ok(speeches.length >= 5, 'the built-in corpus has speeches');
  return speeches;
}

/** A draft made of two exemplars' openings and one section of a third, dated 2026. */
function draftFrom(list: readonly Speech[]): string {
  const [a, b, c] = list;
  return [
    '关于做好新时代人大工作的讲话',
    '（2026年11月22日）',
    a.text.split('\n').slice(2, 6).join('\n'),
    b.text.split('\n').slice(3, 8).join('\n'),
    c.text.split('\n').slice(10, 14).join('\n'),
  ].join('\n');
}

function request(text: string, extra: Partial<CompareRequest> = {}): CompareRequest {
  return { text, docUri: 'untitled:draft', docName: 'draft', docVersion: 1, date: '2026-11-22', top: 5, freshness: 'deferred', ...extra };
}

/** The model without its timing. */
function stable(model: PanelModel): Omit<PanelModel, 'elapsedMs'> {
  const { elapsedMs: _ignored, ...rest } = model;
  return rest;
}

function applied(model: PanelModel, patches: readonly FreshnessPatch[]): PanelModel {
  const copy = structuredClone(model);
  for (const p of patches) {
    const e = copy.exemplars.find(x => x.id === p.id);
    if (e) {
      e.outdated = p.outdated;
      e.outdatedSamples = p.samples;
    }
  }
  return copy;
}

describe('comparison panel: the worker builds the model off the host', function () {
  this.timeout(60_000);

  it('gives exactly the in-process model, then the same freshness', async () => {
    const corpus = speeches();
    const text = draftFrom(corpus);
    const c = new OffThreadComparer({ workerFile: SRC, createWorker: realWorker });
    c.setCorpus(corpus);
    let patches: FreshnessPatch[] | undefined;
    const gotPatches = new Promise<void>(resolve => {
      void c.compare(request(text, { pinned: [corpus[4].id] }), p => {
        patches = p;
        resolve();
      }).then(m => (offModel = m));
    });
    let offModel: PanelModel | null = null;
    await gotPatches;
    c.dispose();
    assert.ok(offModel, 'a model came back');
    const model = offModel as PanelModel;

    const linter = gongwen().linter;
    const host = new Comparer(new CorpusIndex(corpus), (s, d) => outdatedFormulations(linter, s.text, d));
    const expected = host.build(request(text, { pinned: [corpus[4].id] }));
    assert.deepStrictEqual(stable(model), stable(expected), 'the worker model equals the in-process model');
    assert.ok(model.exemplars.length >= 5 && model.exemplars[0].id === corpus[4].id, 'pinned exemplar first');
    assert.ok(model.exemplars.every(e => e.outdated === null), 'freshness deferred in the first message');

    for (const id of host.pendingFreshness(expected)) {
      host.fillFreshness(expected, id);
    }
    assert.ok(patches && patches.length === expected.exemplars.length, 'every listed exemplar got its freshness');
    assert.deepStrictEqual(stable(applied(model, patches)), stable(expected));
    assert.ok(
      expected.exemplars.some(e => (e.outdated ?? 0) > 0),
      'some exemplar of the built-in corpus is outdated as of 2026 (the freshness is not trivially zero)',
    );
    assert.strictEqual(c.stats.models, 1);
    assert.strictEqual(c.stats.corpora, 1);
  });

  it('only the newest request counts: an older one resolves null', async () => {
    const corpus = speeches();
    const text = draftFrom(corpus);
    const c = new OffThreadComparer({ workerFile: SRC, createWorker: realWorker });
    c.setCorpus(corpus);
    const first = c.compare(request(text, { docVersion: 1 }));
    const second = c.compare(request(`${text}\n各级人大要认真履职。`, { docVersion: 2 }));
    assert.strictEqual(await first, null);
    const m = await second;
    assert.ok(m && m.docVersion === 2);
    assert.strictEqual(c.stats.superseded, 1);
    c.dispose();
  });

  it('follows a corpus change: the next model is built against the new corpus only', async () => {
    const corpus = speeches();
    const text = draftFrom(corpus);
    const c = new OffThreadComparer({ workerFile: SRC, createWorker: realWorker });
    c.setCorpus(corpus);
    const all = await c.compare(request(text));
    assert.ok(all && all.corpusSize === corpus.length);
    const two = corpus.slice(5, 7);
    c.setCorpus(two);
    const m = await c.compare(request(text));
    assert.ok(m);
    assert.strictEqual(m.corpusSize, 2);
    assert.deepStrictEqual(m.exemplars.map(e => e.id).sort(), two.map(s => s.id).sort());
    assert.strictEqual(c.stats.corpora, 2);
    c.dispose();
  });

  it('sends a large corpus in bounded batches', async () => {
    const corpus = speeches();
    // ≈ 3 MB of speeches: many messages, none over the batch size (besides a single speech larger than it).
    const many: Speech[] = [];
    for (let k = 0; many.reduce((n, s) => n + s.text.length, 0) < 3_000_000; k++) {
      for (const s of corpus) {
        many.push({ ...s, id: `${s.id}#${k}` });
      }
    }
    const posted: number[] = [];
    const c = new OffThreadComparer({
      workerFile: SRC,
      createWorker: f => {
        const w = realWorker(f);
        const post = w.postMessage.bind(w);
        w.postMessage = (m: { type: string; speeches?: Speech[] }) => {
          if (m.type === 'corpus') {
            posted.push((m.speeches ?? []).reduce((n, s) => n + s.text.length, 0));
          }
          post(m);
        };
        return w;
      },
    });
    c.setCorpus(many);
    const m = await c.compare(request(draftFrom(corpus)));
    assert.ok(m && m.corpusSize === many.length);
    assert.ok(posted.length >= 10, `${posted.length} batches`);
    assert.ok(posted.every(n => n <= 1 << 18), `batch sizes ${posted.join(', ')}`);
    c.dispose();
  });

  it('a missing worker file: rejected, and the comparer reports itself unavailable', async () => {
    const logs: string[] = [];
    const c = new OffThreadComparer({ workerFile: '/nonexistent/worker.js', log: m => logs.push(m) });
    c.setCorpus(speeches());
    await assert.rejects(c.compare(request('各级人大要认真履职。')));
    assert.strictEqual(c.available, false);
    assert.ok(logs.some(l => /找不到后台程序/.test(l)), logs.join('\n'));
    c.dispose();
  });

  it('a worker that dies: the request is rejected; after repeated crashes the worker is given up', async () => {
    const c = new OffThreadComparer({
      workerFile: SRC,
      createWorker: () => new Worker('setTimeout(() => process.exit(7), 20); require("worker_threads").parentPort.on("message", () => {});', { eval: true }),
      maxCrashes: 2,
    });
    c.setCorpus(speeches());
    await assert.rejects(c.compare(request('各级人大要认真履职。')), /意外退出/);
    assert.strictEqual(c.available, true, 'one crash: try again next time');
    await assert.rejects(c.compare(request('各级人大要认真履职。')), /意外退出/);
    assert.strictEqual(c.available, false);
    assert.strictEqual(c.stats.crashes, 2);
    c.dispose();
  });

  it('a worker that hangs: rejected after the timeout, and the next request starts a new worker', async () => {
    let started = 0;
    const hanging = () => {
      started++;
      return new Worker('require("worker_threads").parentPort.on("message", () => {});', { eval: true });
    };
    const c = new OffThreadComparer({ workerFile: SRC, createWorker: hanging, timeoutMs: 300 });
    c.setCorpus(speeches());
    await assert.rejects(c.compare(request('各级人大要认真履职。')), /超时/);
    assert.strictEqual(c.stats.timeouts, 1);
    await assert.rejects(c.compare(request('各级人大要认真履职。')), /超时/);
    assert.strictEqual(started, 2, 'a fresh worker for the next request');
    assert.strictEqual(c.available, true, 'timeouts are not crashes');
    c.dispose();
  });

  it('a failure inside the worker (a corpus it cannot index) is reported with its message, and the worker kept', async () => {
    const c = new OffThreadComparer({ workerFile: SRC, createWorker: realWorker });
    const good = speeches();
    c.setCorpus([...good, { ...good[0], id: 'broken', text: null as unknown as string }]);
    await assert.rejects(c.compare(request('各级人大要认真履职。')), /范文库无法建立索引/);
    assert.strictEqual(c.stats.failed, 1);
    assert.strictEqual(c.available, true, 'a failed comparison does not give the worker up');
    c.setCorpus(good);
    const m = await c.compare(request(draftFrom(good)));
    assert.ok(m && m.corpusSize === good.length, 'the same worker answers once the corpus is sound');
    assert.strictEqual(c.stats.crashes, 0);
    c.dispose();
  });
});
