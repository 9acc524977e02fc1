/**
 * Checking documents off the extension host's main thread.
 *
 * `OffThreadChecker` is the client of dist/worker.js (a `worker_threads`
 * Worker running the same core). It keeps every step on the host short:
 * the text goes over in bounded pieces, one event-loop turn each; findings
 * come back in bounded batches. A newer request for the same document
 * replaces an older one (the older caller gets the newer result; a superseded
 * run that has been checking for too long is stopped by restarting the
 * worker — never one that is still loading the engine, which a restart would
 * only make load again). Queued requests go shortest document first, so a
 * short draft is not kept waiting behind a long one. If the worker cannot
 * start, dies, or reports a failure, the request is checked in-process
 * instead, so the user still gets diagnostics; after repeated crashes the
 * worker is given up for the session.
 *
 * This file uses the VS Code API for types only, so the benchmark and the unit
 * tests drive `OffThreadChecker` in plain Node.
 */
import type { Worker } from 'worker_threads';
import type * as vscode from 'vscode';
import type { CheckOptions, CheckResult } from '../core/check';
import { safeFixEdits } from '../core/fix';
import { LineIndex } from '../core/text/lineIndex';
import type { Finding } from '../core/types';
import type { Analyzer, DiagnosticsFeature } from './diagnostics';
import type { Services } from './services';
import { bundledWorkerFile, startWorker, timedStep, type WorkerSource } from './workerThread';

/**
 * Documents with at least this many characters are checked on the worker: all
 * of them. Even a short check is not provably quick on the host's thread (the
 * first check after loading runs cold code, and a garbage collection can land
 * in any check), while the host's part of a worker check is a few small
 * messages. Documents are checked in-process only when the worker is not
 * available.
 */
export const OFF_THREAD_MIN_CHARS = 0;

/**
 * Findings per message from the worker: keeps each message's deserialisation on
 * the host short. The next batch goes only when the host asks for it (a port
 * delivers every queued message in one event-loop turn, so unrequested batches
 * would pile up into one long stall).
 */
export const FINDINGS_PER_MESSAGE = 250;
/** Fix-all edits per message (small tuples). */
export const EDITS_PER_MESSAGE = 2000;

/** One fix-all edit in VS Code positions: start line, start character, end line, end character, new text. */
export type PositionedEdit = [number, number, number, number, string];

export interface FixAllResult {
  /** The edits of every safe fix ("fix all"), non-overlapping, in document order. */
  edits: PositionedEdit[];
}

/** Fix-all of `findings` on `text`, with positions computed here (on the worker) rather than by the host. */
export function positionedFixEdits(text: string, findings: readonly Finding[]): PositionedEdit[] {
  const lines = new LineIndex(text);
  return safeFixEdits(findings).map(e => {
    const a = lines.positionAt(e.start);
    const b = lines.positionAt(e.end);
    return [a.line, a.character, b.line, b.character, e.newText];
  });
}

export type HostToWorker =
  | { type: 'config'; dataDir?: string; ruleDirs: string[] }
  | { type: 'warm' }
  | { type: 'chunk'; id: number; text: string }
  | { type: 'check'; id: number; options: CheckOptions; fix?: boolean }
  | { type: 'drop'; id: number }
  | { type: 'more'; id: number };

export type WorkerToHost =
  | { type: 'checking'; id: number }
  | { type: 'findings'; id: number; findings: Finding[] }
  | { type: 'edits'; id: number; edits: PositionedEdit[] }
  | { type: 'done'; id: number; date: string; documentDate: string | null; issues: string[] }
  | { type: 'failed'; id: number; message: string };

export interface OffThreadOptions extends WorkerSource {
  dataDir?: string;
  ruleDirs?: readonly string[];
  /** The in-process check used when the worker is not available. */
  fallback: (text: string, options: CheckOptions) => CheckResult;
  log?: (message: string) => void;
  /** Every step of every request (request, join, supersede, run, worker message, finish, restart), for the pipeline journal. */
  trace?: (event: string) => void;
  /** Characters per message to the worker (default 256 K: well under a millisecond to post). */
  chunkChars?: number;
  /** A superseded run still checking after this long is stopped by restarting the worker (default 2 s; engine loading does not count). */
  restartSupersededAfterMs?: number;
  /** A run taking longer than this is abandoned and the worker restarted (default 120 s). */
  timeoutMs?: number;
  /** Crashes after which the worker is given up for the session (default 3). */
  maxCrashes?: number;
}

export interface OffThreadStats {
  /** Requests answered by the worker. */
  worker: number;
  /** Requests answered in-process because the worker was unavailable or failed. */
  fallback: number;
  /** Requests replaced by a newer one for the same document before they ran or finished. */
  superseded: number;
  /** Requests for exactly the text and options of one already pending, answered by it. */
  joined: number;
  /** Workers that exited unexpectedly. */
  crashes: number;
  /**
   * Requests abandoned because the worker took longer than the timeout. They
   * are rejected, never retried on the host's thread (which would then hang),
   * and the worker is restarted for the next request.
   */
  timeouts: number;
  /** Workers stopped on purpose to abandon a superseded run. */
  restarts: number;
  /** The longest single step this client ran on the host's thread (posting a piece, taking a batch), in ms. */
  longestStepMs: number;
}

type JobResult = CheckResult | FixAllResult;

interface Waiter {
  resolve(r: JobResult): void;
  reject(e: unknown): void;
}

interface Job {
  id: number;
  /** A check (findings) or fix-all (positioned edits). */
  kind: 'check' | 'fix';
  key: string;
  text: string;
  options: CheckOptions;
  optionsKey: string;
  waiters: Waiter[];
  superseded: boolean;
  startedAt: number;
  /** When the worker said it started checking (after loading the engine); 0 before. */
  checkingSince: number;
  /** Findings or edits received so far. */
  items: unknown[];
}

export class OffThreadChecker {
  readonly stats: OffThreadStats = { worker: 0, fallback: 0, superseded: 0, joined: 0, crashes: 0, timeouts: 0, restarts: 0, longestStepMs: 0 };
  private worker: Worker | undefined;
  private queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  private gaveUp = false;
  private disposed = false;
  private dataDir: string | undefined;
  private ruleDirs: string[];
  private timer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly chunkChars: number;

  constructor(private readonly options: OffThreadOptions) {
    this.dataDir = options.dataDir;
    this.ruleDirs = [...(options.ruleDirs ?? [])];
    this.chunkChars = Math.max(1024, options.chunkChars ?? 1 << 18);
  }

  /** Whether requests currently go to a worker (false after giving up). */
  get available(): boolean {
    return !this.gaveUp && !this.disposed;
  }

  /** New engine configuration (rule packs changed): the worker reloads before its next check. */
  configure(dataDir: string | undefined, ruleDirs: readonly string[]): void {
    this.dataDir = dataDir;
    this.ruleDirs = [...ruleDirs];
    if (this.worker) {
      this.worker.postMessage({ type: 'config', dataDir: this.dataDir, ruleDirs: this.ruleDirs } satisfies HostToWorker);
      this.worker.postMessage({ type: 'warm' } satisfies HostToWorker);
    }
  }

  /** Starts the worker and has it load the engine now, so the first check does not wait for that. */
  warm(): void {
    if (this.available) {
      this.ensureWorker()?.postMessage({ type: 'warm' } satisfies HostToWorker);
    }
  }

  /**
   * Checks `text` (the current version of the document `key`). A later call
   * for the same key with other text or options replaces this one: both
   * promises resolve with the later result. A call for exactly the same text
   * and options (diagnostics and a code action asking about one version) joins
   * the request already made instead of starting it over.
   */
  check(key: string, text: string, options: CheckOptions): Promise<CheckResult> {
    return this.request('check', key, text, options) as Promise<CheckResult>;
  }

  /**
   * Fix-all of `text`: the worker checks it (or reuses its last check of the
   * same text and options) and computes the safe fixes' edits with their line
   * and character positions, so the host only assembles the edit. Replaces and
   * joins like `check`, separately from checks.
   */
  fixAll(key: string, text: string, options: CheckOptions): Promise<FixAllResult> {
    return this.request('fix', key, text, options) as Promise<FixAllResult>;
  }

  private request(kind: Job['kind'], key: string, text: string, options: CheckOptions): Promise<JobResult> {
    return new Promise<JobResult>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (this.disposed) {
        reject(new Error('off-thread checker disposed'));
        return;
      }
      const optionsKey = JSON.stringify(options);
      const same = (j: Job | undefined): j is Job =>
        !!j && j.kind === kind && j.key === key && !j.superseded && j.optionsKey === optionsKey && j.text === text;
      const pending = same(this.running) ? this.running : this.queue.find(same);
      if (pending) {
        pending.waiters.push(waiter);
        this.stats.joined++;
        this.trace(`join #${pending.id}`);
        return;
      }
      const job: Job = { id: this.nextId++, kind, key, text, options, optionsKey, waiters: [waiter], superseded: false, startedAt: 0, checkingSince: 0, items: [] };
      this.trace(`request #${job.id} ${kind} ${key} ${text.length} chars`);
      const queued = this.queue.findIndex(j => j.kind === kind && j.key === key);
      if (queued >= 0) {
        const old = this.queue[queued];
        job.waiters.unshift(...old.waiters);
        this.queue.splice(queued, 1);
        this.stats.superseded++;
        this.trace(`#${job.id} replaces queued #${old.id}`);
      }
      if (this.running && this.running.kind === kind && this.running.key === key && !this.running.superseded) {
        const old = this.running;
        old.superseded = true;
        job.waiters.unshift(...old.waiters);
        old.waiters = [];
        this.stats.superseded++;
        this.trace(`#${job.id} supersedes running #${old.id}`);
        this.restartIfStuck(old);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /**
   * A superseded run that has been checking for longer than the limit is
   * stopped (restarting the worker); one that has not yet is looked at again
   * when it would reach the limit. Loading the engine does not count: a restart
   * would only load it again.
   */
  private restartIfStuck(job: Job): void {
    clearTimeout(this.restartTimer);
    if (this.running !== job || !job.superseded) {
      return;
    }
    const limit = this.options.restartSupersededAfterMs ?? 2000;
    if (job.checkingSince === 0) {
      return; // looked at again when the worker starts checking
    }
    const left = job.checkingSince + limit - Date.now();
    if (left < 0) {
      this.restart('superseded');
      this.pump();
      return;
    }
    this.restartTimer = setTimeout(() => this.restartIfStuck(job), left + 1);
    this.restartTimer.unref?.();
  }

  private pump(): void {
    if (this.running || this.disposed || this.queue.length === 0) {
      return;
    }
    // Shortest document first: a short draft never waits behind several long ones.
    let next = 0;
    for (let i = 1; i < this.queue.length; i++) {
      if (this.queue[i].text.length < this.queue[next].text.length) {
        next = i;
      }
    }
    const job = this.queue.splice(next, 1)[0];
    if (this.gaveUp) {
      this.runInProcess(job);
      this.pump();
      return;
    }
    const worker = this.ensureWorker();
    if (!worker) {
      this.runInProcess(job);
      this.pump();
      return;
    }
    this.running = job;
    job.startedAt = Date.now();
    this.trace(`run #${job.id} (${this.queue.length} queued)`);
    this.arm(job);
    void this.send(worker, job);
  }

  /** Posts the text in pieces, one event-loop turn each, then asks for the check. */
  private async send(worker: Worker, job: Job): Promise<void> {
    const text = job.text;
    const pieces = Math.max(1, Math.ceil(text.length / this.chunkChars));
    for (let k = 0; k < pieces; k++) {
      if (this.worker !== worker || this.running !== job) {
        return;
      }
      if (job.superseded) {
        worker.postMessage({ type: 'drop', id: job.id } satisfies HostToWorker);
        this.finish(job);
        return;
      }
      const from = k * this.chunkChars;
      timedStep(this.stats, () => worker.postMessage({ type: 'chunk', id: job.id, text: text.slice(from, from + this.chunkChars) } satisfies HostToWorker));
      if (k + 1 < pieces) {
        await new Promise<void>(r => setImmediate(r));
      }
    }
    if (this.worker !== worker || this.running !== job) {
      return;
    }
    worker.postMessage({ type: 'check', id: job.id, options: job.options, fix: job.kind === 'fix' } satisfies HostToWorker);
  }

  private arm(job: Job): void {
    clearTimeout(this.timer);
    const timeout = this.options.timeoutMs ?? 120_000;
    this.timer = setTimeout(() => {
      if (this.running !== job) {
        return;
      }
      this.log(`后台检查超过 ${Math.round(timeout / 1000)} 秒未完成，已停止并重启后台线程`);
      this.stats.timeouts++;
      const waiters = job.waiters;
      job.waiters = [];
      this.running = undefined;
      this.killWorker();
      for (const w of waiters) {
        w.reject(new Error(`检查超时（${Math.round(timeout / 1000)} 秒）`));
      }
      this.pump();
    }, timeout);
    this.timer.unref?.();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) {
      return this.worker;
    }
    const started = startWorker<WorkerToHost>(
      this.options,
      (worker, m) => timedStep(this.stats, () => this.onMessage(worker, m)),
      (worker, why) => this.onDeath(worker, why),
    );
    if (!('worker' in started)) {
      this.log('missing' in started ? `找不到后台检查程序 ${this.options.workerFile}，改在主线程检查` : `无法启动后台检查线程（${started.error}），改在主线程检查`);
      this.gaveUp = true;
      return undefined;
    }
    const worker = started.worker;
    this.worker = worker;
    worker.postMessage({ type: 'config', dataDir: this.dataDir, ruleDirs: this.ruleDirs } satisfies HostToWorker);
    return worker;
  }

  private onMessage(worker: Worker, m: WorkerToHost): void {
    const job = this.running;
    if (worker !== this.worker || !job || m.id !== job.id) {
      this.trace(`ignored ${m.type} of #${m.id} (running: ${job ? `#${job.id}` : 'none'}${worker !== this.worker ? ', old worker' : ''})`);
      return;
    }
    if (m.type !== 'findings' && m.type !== 'edits') {
      this.trace(`worker: ${m.type} #${m.id}`);
    }
    if (m.type === 'checking') {
      job.checkingSince = Date.now();
      this.restartIfStuck(job);
      return;
    }
    if ((m.type === 'findings' || m.type === 'edits') && job.superseded) {
      // Nobody waits for these any more: stop the transfer and go on with the newer request.
      worker.postMessage({ type: 'drop', id: job.id } satisfies HostToWorker);
      this.finish(job);
      return;
    }
    if (m.type === 'findings' || m.type === 'edits') {
      for (const item of m.type === 'findings' ? m.findings : m.edits) {
        job.items.push(item);
      }
      // Ask for the next batch in a later turn, so the host never takes two batches in one go.
      setImmediate(() => {
        if (this.worker === worker && this.running === job) {
          worker.postMessage({ type: 'more', id: job.id } satisfies HostToWorker);
        }
      });
      return;
    }
    if (m.type === 'failed') {
      this.log(`后台检查失败，改在主线程检查：${m.message}`);
      this.running = undefined;
      clearTimeout(this.timer);
      this.runInProcess(job);
      this.pump();
      return;
    }
    for (const issue of m.issues) {
      this.log(issue);
    }
    if (!job.superseded) {
      this.stats.worker++;
    }
    const result: JobResult =
      job.kind === 'fix' ? { edits: job.items as PositionedEdit[] } : { date: m.date, documentDate: m.documentDate, findings: job.items as Finding[] };
    const waiters = job.waiters;
    this.finish(job);
    for (const w of waiters) {
      w.resolve(result);
    }
  }

  private finish(job: Job): void {
    this.trace(`finish #${job.id}${job.superseded ? ' (superseded)' : ''}`);
    job.waiters = [];
    job.items = [];
    if (this.running === job) {
      this.running = undefined;
      clearTimeout(this.timer);
      clearTimeout(this.restartTimer);
    }
    this.pump();
  }

  /** The worker died (error or exit we did not ask for): re-check its job in-process, start afresh next time. */
  private onDeath(worker: Worker, why: string): void {
    if (worker !== this.worker) {
      return; // a worker we stopped on purpose
    }
    this.worker = undefined;
    this.trace(`worker died: ${why}`);
    this.log(`后台检查线程${why}`);
    this.stats.crashes++;
    this.noteCrash();
    const job = this.running;
    this.running = undefined;
    clearTimeout(this.timer);
    if (job) {
      this.runInProcess(job);
    }
    this.pump();
  }

  private noteCrash(): void {
    if (!this.gaveUp && this.stats.crashes >= (this.options.maxCrashes ?? 3)) {
      this.gaveUp = true;
      this.log('后台检查线程多次失败，本次会话改在主线程检查');
    }
  }

  private restart(why: string): void {
    this.trace(`restart worker: ${why}`);
    this.stats.restarts++;
    const job = this.running;
    this.running = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.restartTimer);
    this.killWorker();
    if (job) {
      job.waiters = [];
      job.items = [];
    }
    this.log(`已停止过时的后台检查（${why}）`);
  }

  private killWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) {
      void w.terminate();
    }
  }

  private runInProcess(job: Job): void {
    const waiters = job.waiters;
    job.waiters = [];
    if (waiters.length === 0) {
      return;
    }
    this.stats.fallback++;
    let result: JobResult;
    try {
      const checked = this.options.fallback(job.text, job.options);
      result = job.kind === 'fix' ? { edits: positionedFixEdits(job.text, checked.findings) } : checked;
    } catch (err) {
      for (const w of waiters) {
        w.reject(err);
      }
      return;
    }
    for (const w of waiters) {
      w.resolve(result);
    }
  }

  private trace(event: string): void {
    this.options.trace?.(`worker queue: ${event}`);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  /** Stops the worker; pending requests are rejected. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.restartTimer);
    this.killWorker();
    const pending = [...(this.running ? [this.running] : []), ...this.queue];
    this.running = undefined;
    this.queue = [];
    for (const job of pending) {
      for (const w of job.waiters) {
        w.reject(new Error('off-thread checker disposed'));
      }
    }
  }
}

/** The analyzer installed on the diagnostics feature; `checker` lets tests read its statistics. */
export type OffThreadAnalyzer = Analyzer & { readonly checker: OffThreadChecker; readonly minChars: number };

/** An analyzer that checks documents of `minChars` or more on the worker (by default all), smaller ones in-process. */
export function offThreadAnalyzer(checker: OffThreadChecker, minChars = OFF_THREAD_MIN_CHARS): OffThreadAnalyzer {
  const analyzer: Analyzer = async (document, text, services) => {
    const options = services.checkOptions(document);
    if (text.length < minChars || !checker.available) {
      return (await services.ready()).linter.check(text, options);
    }
    return checker.check(document.uri.toString(), text, options);
  };
  return Object.assign(analyzer, { checker, minChars });
}

/**
 * Makes the diagnostics feature check large documents on the worker. The
 * worker follows every engine reload (rule packs, settings, trust).
 */
export function registerOffThread(context: vscode.ExtensionContext, services: Services, diagnostics: DiagnosticsFeature): OffThreadChecker {
  const checker = new OffThreadChecker({
    workerFile: bundledWorkerFile(context.extensionPath),
    dataDir: services.dataDir,
    ruleDirs: services.ruleDirs(),
    fallback: (text, options) => services.gongwen.linter.check(text, options),
    log: message => services.output.warn(message),
    trace: event => services.trace(event),
  });
  diagnostics.analyzer = offThreadAnalyzer(checker);
  const inProcessFixer = diagnostics.fixer;
  diagnostics.fixer = async (document, text, services) =>
    checker.available ? (await checker.fixAll(document.uri.toString(), text, services.checkOptions(document))).edits : inProcessFixer(document, text, services);
  checker.warm();
  context.subscriptions.push(
    services.onDidReload(() => checker.configure(services.dataDir, services.ruleDirs())),
    { dispose: () => checker.dispose() },
  );
  return checker;
}
