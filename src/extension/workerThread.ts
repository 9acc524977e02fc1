/**
 * Starting the bundled worker (dist/worker.js) and timing the host's side of
 * the traffic: shared by the checks' client (offThread.ts) and the panel's
 * (offThreadCompare.ts). No VS Code API here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker, type ResourceLimits } from 'worker_threads';

/**
 * The workers' heap: a young generation of 96 MB, i.e. V8 semi-spaces of
 * 32 MB (young generation = 3 × semi-space) instead of the 16 MB of V8's
 * default in 64-bit Node. Checking a 1 MB document allocates about 15 MB,
 * most of it dead by the check's end; with 16 MB semi-spaces a scavenge lands
 * in almost every such check and copies that check's live findings and
 * outline, with 32 MB about every other one. Measured on the benchmark's 1 MB
 * text (`npm run bench` times both settings in alternation): the check's cost
 * fell from a median of about 12.8 to about 11.7 bare passes over the text
 * (twelve runs). The price is 32 MB more memory per worker once it has
 * checked such documents: V8 grows the semi-spaces only under that load
 * (3 000 re-checks of a 10 000-character draft leave them at 16 MB) and keeps
 * them afterwards. Larger semi-spaces measured no faster.
 */
export const WORKER_RESOURCE_LIMITS: Readonly<ResourceLimits> = Object.freeze({ maxYoungGenerationSizeMb: 96 });

/** The bundled worker of the extension installed at `extensionPath` (one script for every worker role). */
export function bundledWorkerFile(extensionPath: string): string {
  return path.join(extensionPath, 'dist', 'worker.js');
}

export interface WorkerSource {
  /** Path of the bundled worker. */
  workerFile: string;
  /** How to start it (default `new Worker(workerFile)` with `WORKER_RESOURCE_LIMITS`; tests start the TypeScript source). */
  createWorker?: (workerFile: string) => Worker;
}

export type WorkerStart = { worker: Worker } | { missing: true } | { error: string };

/**
 * Starts a worker that never keeps the process alive, with `onMessage` for
 * its messages and `onDeath` for an error or an exit (with the reason, in
 * Chinese for the output channel). A missing worker file or a thread that
 * cannot start is returned as such: the caller falls back to its own thread.
 */
export function startWorker<M>(source: WorkerSource, onMessage: (worker: Worker, m: M) => void, onDeath: (worker: Worker, why: string) => void): WorkerStart {
  if (!source.createWorker && !fs.existsSync(source.workerFile)) {
    return { missing: true };
  }
  let worker: Worker;
  try {
    worker = source.createWorker ? source.createWorker(source.workerFile) : new Worker(source.workerFile, { resourceLimits: WORKER_RESOURCE_LIMITS });
  } catch (err) {
    return { error: String((err as Error)?.message ?? err) };
  }
  worker.unref();
  worker.on('message', (m: M) => onMessage(worker, m));
  worker.on('error', err => onDeath(worker, `出错：${String((err as Error)?.message ?? err)}`));
  worker.on('exit', code => onDeath(worker, `意外退出（代码 ${code}）`));
  return { worker };
}

/** Runs `fn` and records its duration in `stats.longestStepMs` when it is the longest so far. */
export function timedStep(stats: { longestStepMs: number }, fn: () => void): void {
  const t0 = performance.now();
  try {
    fn();
  } finally {
    const ms = performance.now() - t0;
    if (ms > stats.longestStepMs) {
      stats.longestStepMs = ms;
    }
  }
}
