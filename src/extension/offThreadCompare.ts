/**
 * Comparing the draft with the exemplars off the extension host's main thread.
 *
 * `OffThreadComparer` is the panel's client of a worker running dist/worker.js
 * (a second instance of the checks' worker script, so a long check never
 * delays the panel and the reverse). The worker holds its own copy of the
 * corpus, sent over in bounded batches whenever the host's index changes, and
 * its own engine (for the exemplars' freshness); it builds the panel model
 * with the same `Comparer` the host would use. The host's part of an update is
 * posting the draft and taking the model: a first update after the panel opens
 * costs the host what any other does (cold code and the exemplars' first
 * preparation run on the worker).
 *
 * Only the newest request counts: a request made while another is waiting or
 * running resolves the older one with `null`. A worker that cannot start,
 * dies, fails or takes too long rejects the request, and the panel compares
 * in-process instead; after repeated crashes the worker is given up for the
 * session (`available` turns false).
 *
 * This file uses the VS Code API for types only, so the benchmark and the unit
 * tests drive it in plain Node.
 */
import type { Worker } from 'worker_threads';
import type { PanelModel } from '../core/compare/model';
import type { CompareRequest } from '../core/compare/panel';
import type { Speech } from '../core/corpus/types';
import { startWorker, timedStep, type WorkerSource } from './workerThread';

/** Characters of speech text per corpus message (well under a millisecond to post). */
export const CORPUS_CHARS_PER_MESSAGE = 1 << 18;

/** The freshness of one listed exemplar, filled in after the model was sent. */
export interface FreshnessPatch {
  id: string;
  outdated: number;
  samples: string[];
}

export type HostToCompareWorker =
  | { type: 'config'; dataDir?: string; ruleDirs: string[] }
  /** A batch of the corpus of `generation` (`first` starts it afresh; after `last` the worker indexes it). */
  | { type: 'corpus'; generation: number; speeches: Speech[]; first: boolean; last: boolean }
  | { type: 'compare'; id: number; generation: number; request: CompareRequest };

export type CompareWorkerToHost =
  /** The model, built with the exemplars' freshness deferred; `freshness` follows when some was pending. */
  | { type: 'model'; id: number; model: PanelModel; freshnessPending: boolean }
  | { type: 'freshness'; id: number; patches: FreshnessPatch[] }
  | { type: 'compareFailed'; id: number; message: string };

export interface OffThreadComparerOptions extends WorkerSource {
  dataDir?: string;
  ruleDirs?: readonly string[];
  log?: (message: string) => void;
  trace?: (event: string) => void;
  /** A comparison taking longer than this is abandoned and the worker restarted (default 60 s). */
  timeoutMs?: number;
  /** Crashes after which the worker is given up for the session (default 3). */
  maxCrashes?: number;
}

export interface OffThreadComparerStats {
  /** Models received from the worker. */
  models: number;
  /** Requests replaced by a newer one before their model arrived. */
  superseded: number;
  /** Requests rejected (worker failure, crash, timeout): the caller compared in-process. */
  failed: number;
  crashes: number;
  timeouts: number;
  /** Corpus generations sent to the worker. */
  corpora: number;
  /** The longest single step this client ran on the host's thread (posting a batch or the draft, taking a message), in ms. */
  longestStepMs: number;
}

interface Job {
  id: number;
  request: CompareRequest;
  resolve(model: PanelModel | null): void;
  reject(err: unknown): void;
  onFreshness?: (patches: FreshnessPatch[]) => void;
  /** Replaced by a newer request: its model is dropped, its promise already resolved with null. */
  superseded: boolean;
}

export class OffThreadComparer {
  readonly stats: OffThreadComparerStats = { models: 0, superseded: 0, failed: 0, crashes: 0, timeouts: 0, corpora: 0, longestStepMs: 0 };
  private worker: Worker | undefined;
  private speeches: readonly Speech[] = [];
  private generation = 0;
  /** The corpus generation the current worker has received completely (0: none). */
  private sentGeneration = 0;
  private sending: { worker: Worker; promise: Promise<boolean> } | undefined;
  private queued: Job | undefined;
  private running: Job | undefined;
  /** The running job whose freshness is still to come (its model already delivered). */
  private awaitingFreshness: Job | undefined;
  private nextId = 1;
  private gaveUp = false;
  private disposed = false;
  private dataDir: string | undefined;
  private ruleDirs: string[];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OffThreadComparerOptions) {
    this.dataDir = options.dataDir;
    this.ruleDirs = [...(options.ruleDirs ?? [])];
  }

  /** Whether comparisons go to a worker (false after giving up, or when the worker file is missing). */
  get available(): boolean {
    return !this.gaveUp && !this.disposed;
  }

  /** New engine configuration (rule packs changed): the worker reloads its engine before the next comparison. */
  configure(dataDir: string | undefined, ruleDirs: readonly string[]): void {
    this.dataDir = dataDir;
    this.ruleDirs = [...ruleDirs];
    this.worker?.postMessage({ type: 'config', dataDir: this.dataDir, ruleDirs: this.ruleDirs } satisfies HostToCompareWorker);
  }

  /** The corpus to compare with (the host's current index); sent to the worker before the next comparison. */
  setCorpus(speeches: readonly Speech[]): void {
    if (speeches === this.speeches) {
      return;
    }
    this.speeches = speeches;
    this.generation++;
  }

  /**
   * Builds the panel model for `request` on the worker. Resolves with the model
   * (freshness deferred: `onFreshness` receives it later), or with null when a
   * newer request replaced this one; rejects when the worker is unavailable
   * or failed (the caller then compares in-process).
   */
  compare(request: CompareRequest, onFreshness?: (patches: FreshnessPatch[]) => void): Promise<PanelModel | null> {
    return new Promise<PanelModel | null>((resolve, reject) => {
      if (!this.available) {
        reject(new Error('off-thread comparer unavailable'));
        return;
      }
      const job: Job = { id: this.nextId++, request, resolve, reject, onFreshness, superseded: false };
      this.trace(`request #${job.id} ${request.text.length} chars`);
      for (const old of [this.queued, this.running]) {
        if (old && !old.superseded) {
          old.superseded = true;
          this.stats.superseded++;
          old.resolve(null);
          this.trace(`#${job.id} supersedes #${old.id}`);
        }
      }
      this.queued = job;
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.queued || this.disposed) {
      return;
    }
    const job = this.queued;
    this.queued = undefined;
    const worker = this.ensureWorker();
    if (!worker) {
      this.fail(job, new Error('off-thread comparer unavailable'));
      return;
    }
    this.running = job;
    this.arm(job);
    this.run(worker, job).catch(err => {
      if (this.running === job) {
        this.running = undefined;
        clearTimeout(this.timer);
        this.fail(job, err instanceof Error ? err : new Error(String(err)));
        this.pump();
      }
    });
  }

  private async run(worker: Worker, job: Job): Promise<void> {
    if (!(await this.sendCorpus(worker)) || this.worker !== worker || this.running !== job) {
      return;
    }
    if (job.superseded) {
      this.finish(job);
      return;
    }
    this.trace(`run #${job.id} (corpus ${this.sentGeneration})`);
    this.measure(() => worker.postMessage({ type: 'compare', id: job.id, generation: this.sentGeneration, request: job.request } satisfies HostToCompareWorker));
  }

  /** Sends the current corpus to `worker` unless it has it: bounded batches, one event-loop turn each. */
  private sendCorpus(worker: Worker): Promise<boolean> {
    if (this.sentGeneration === this.generation) {
      return Promise.resolve(true);
    }
    if (this.sending?.worker !== worker) {
      const promise = this.transfer(worker).finally(() => {
        if (this.sending?.promise === promise) {
          this.sending = undefined;
        }
      });
      this.sending = { worker, promise };
    }
    return this.sending.promise;
  }

  private async transfer(worker: Worker): Promise<boolean> {
    // Again from the start whenever the corpus changes during the transfer.
    while (this.worker === worker && this.sentGeneration !== this.generation) {
      const generation = this.generation;
      const speeches = this.speeches;
      let at = 0;
      let first = true;
      while (this.worker === worker && generation === this.generation) {
        const batch: Speech[] = [];
        let chars = 0;
        while (at < speeches.length && (batch.length === 0 || chars + textLength(speeches[at]) <= CORPUS_CHARS_PER_MESSAGE)) {
          chars += textLength(speeches[at]);
          batch.push(speeches[at++]);
        }
        const last = at >= speeches.length;
        this.measure(() => worker.postMessage({ type: 'corpus', generation, speeches: batch, first, last } satisfies HostToCompareWorker));
        first = false;
        if (last) {
          this.sentGeneration = generation;
          this.stats.corpora++;
          this.trace(`corpus ${generation} sent (${speeches.length} speeches)`);
          break;
        }
        await new Promise<void>(r => setImmediate(r));
      }
    }
    return this.worker === worker;
  }

  private arm(job: Job): void {
    clearTimeout(this.timer);
    const timeout = this.options.timeoutMs ?? 60_000;
    this.timer = setTimeout(() => {
      if (this.running !== job) {
        return;
      }
      this.stats.timeouts++;
      this.log(`对照面板的后台比较超过 ${Math.round(timeout / 1000)} 秒未完成，已停止并重启后台线程`);
      this.running = undefined;
      this.awaitingFreshness = undefined;
      this.killWorker();
      this.fail(job, new Error(`对照超时（${Math.round(timeout / 1000)} 秒）`));
      this.pump();
    }, timeout);
    this.timer.unref?.();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) {
      return this.worker;
    }
    if (this.gaveUp) {
      return undefined;
    }
    const started = startWorker<CompareWorkerToHost>(
      this.options,
      (worker, m) => this.measure(() => this.onMessage(worker, m)),
      (worker, why) => this.onDeath(worker, why),
    );
    if (!('worker' in started)) {
      this.log(
        'missing' in started
          ? `找不到后台程序 ${this.options.workerFile}，对照面板改在主线程比较`
          : `无法启动对照面板的后台线程（${started.error}），改在主线程比较`,
      );
      this.gaveUp = true;
      return undefined;
    }
    const worker = started.worker;
    this.worker = worker;
    this.sentGeneration = 0;
    worker.postMessage({ type: 'config', dataDir: this.dataDir, ruleDirs: this.ruleDirs } satisfies HostToCompareWorker);
    return worker;
  }

  private onMessage(worker: Worker, m: CompareWorkerToHost): void {
    if (worker !== this.worker) {
      return;
    }
    const job = m.type === 'freshness' ? this.awaitingFreshness : this.running;
    if (!job || job.id !== m.id) {
      this.trace(`ignored ${m.type} of #${m.id}`);
      return;
    }
    this.trace(`worker: ${m.type} #${m.id}`);
    switch (m.type) {
      case 'model':
        this.stats.models++;
        if (!job.superseded) {
          job.resolve(m.model);
        }
        if (m.freshnessPending && !job.superseded && job.onFreshness) {
          // The worker goes on with the freshness; the next request queues behind it in the worker's port.
          this.awaitingFreshness = job;
        }
        this.finish(job);
        return;
      case 'freshness':
        this.awaitingFreshness = undefined;
        try {
          job.onFreshness?.(m.patches);
        } catch (err) {
          this.log(`对照面板：${String((err as Error)?.message ?? err)}`);
        }
        return;
      case 'compareFailed':
        this.log(`对照面板的后台比较失败，改在主线程比较：${m.message}`);
        this.running = undefined;
        clearTimeout(this.timer);
        this.fail(job, new Error(m.message));
        this.pump();
        return;
    }
  }

  private finish(job: Job): void {
    if (this.running === job) {
      this.running = undefined;
      clearTimeout(this.timer);
    }
    this.pump();
  }

  private fail(job: Job, err: Error): void {
    if (!job.superseded) {
      this.stats.failed++;
      job.reject(err);
    }
  }

  private onDeath(worker: Worker, why: string): void {
    if (worker !== this.worker) {
      return; // one we stopped on purpose
    }
    this.worker = undefined;
    this.stats.crashes++;
    this.log(`对照面板的后台线程${why}`);
    this.trace(`compare worker died: ${why}`);
    if (this.stats.crashes >= (this.options.maxCrashes ?? 3)) {
      this.gaveUp = true;
      this.log('对照面板的后台线程多次失败，本次会话改在主线程比较');
    }
    const job = this.running;
    this.running = undefined;
    this.awaitingFreshness = undefined;
    clearTimeout(this.timer);
    if (job) {
      this.fail(job, new Error(`后台线程${why}`));
    }
    if (this.gaveUp && this.queued) {
      const queued = this.queued;
      this.queued = undefined;
      this.fail(queued, new Error('off-thread comparer unavailable'));
    }
    this.pump();
  }

  private killWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) {
      void w.terminate();
    }
  }

  private measure(fn: () => void): void {
    timedStep(this.stats, fn);
  }

  private trace(event: string): void {
    this.options.trace?.(`compare worker: ${event}`);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  /** Stops the worker; a pending request resolves with null (nobody shows it any more). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.killWorker();
    for (const job of [this.running, this.queued]) {
      if (job && !job.superseded) {
        job.superseded = true;
        job.resolve(null);
      }
    }
    this.running = undefined;
    this.queued = undefined;
  }
}

function textLength(s: Speech): number {
  return typeof s.text === 'string' ? s.text.length : 0;
}
