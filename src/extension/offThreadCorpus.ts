/**
 * Reading the user's exemplar files off the extension host's main thread.
 * Decoding, cleaning and parsing a speech file takes 10–60 ms (more the first
 * time, while the code is cold), and a .docx far more: unzipping and parsing
 * it (mammoth) costs about half a second per megabyte of document XML in one
 * go. While the corpus is built, `OffThreadCorpusReader` has a worker
 * (dist/worker.js) read each new or changed file with `readSpeechFile`; the
 * host posts the path and gets the speech, or the same located
 * `CorpusFileError` the reader gives in-process (too large, not a zip, zip
 * bomb, mojibake …). When the worker cannot start or dies, files are read
 * in-process instead, so no exemplar is lost.
 *
 * This file uses no VS Code API, so the unit tests and the benchmark drive it
 * in plain Node.
 */
import type { Worker } from 'worker_threads';
import type { Speech } from '../core/corpus/types';
import { CorpusFileError, readSpeechFile } from '../node/corpusUser';
import { startWorker, type WorkerSource } from './workerThread';

export type HostToCorpusWorker = { type: 'readSpeech'; id: number; file: string };

export type CorpusWorkerToHost =
  | { type: 'speech'; id: number; speech: Speech; hash: string }
  /** `located`: a CorpusFileError (the file's own problem), else an unexpected failure. */
  | { type: 'readFailed'; id: number; message: string; located: boolean };

type Read = { speech: Speech; hash: string };

interface Pending {
  file: string;
  resolve(r: Read): void;
  reject(err: unknown): void;
}

export class OffThreadCorpusReader {
  /** Files read on the worker, and in-process because it was unavailable. */
  readonly stats = { worker: 0, inProcess: 0, crashes: 0 };
  private worker: Worker | undefined;
  private gaveUp = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly source: WorkerSource,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The speech in `file`, like `readSpeechFile`. */
  read(file: string): Promise<Read> {
    const worker = this.ensureWorker();
    if (!worker) {
      this.stats.inProcess++;
      return readSpeechFile(file);
    }
    return new Promise<Read>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { file, resolve, reject });
      worker.postMessage({ type: 'readSpeech', id, file } satisfies HostToCorpusWorker);
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.gaveUp) {
      return this.worker;
    }
    const started = startWorker<CorpusWorkerToHost>(
      this.source,
      (worker, m) => this.onMessage(worker, m),
      (worker, why) => this.onDeath(worker, why),
    );
    if (!('worker' in started)) {
      this.log('missing' in started ? `找不到后台程序 ${this.source.workerFile}，范文文件改在主线程读取` : `无法启动读取范文的后台线程（${started.error}），改在主线程读取`);
      this.gaveUp = true;
      return undefined;
    }
    this.worker = started.worker;
    return this.worker;
  }

  private onMessage(worker: Worker, m: CorpusWorkerToHost): void {
    const p = this.pending.get(m.id);
    if (worker !== this.worker || !p) {
      return;
    }
    this.pending.delete(m.id);
    this.stats.worker++;
    if (m.type === 'speech') {
      p.resolve({ speech: m.speech, hash: m.hash });
    } else {
      p.reject(m.located ? new CorpusFileError(p.file, m.message) : new Error(m.message));
    }
  }

  /** The worker died: the files it was reading are read in-process; it is not used again. */
  private onDeath(worker: Worker, why: string): void {
    if (worker !== this.worker) {
      return;
    }
    this.stats.crashes++;
    this.log(`读取范文的后台线程${why}，改在主线程读取`);
    this.stop();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    this.gaveUp = true;
    if (w) {
      void w.terminate();
    }
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) {
      this.stats.inProcess++;
      readSpeechFile(p.file).then(p.resolve, p.reject);
    }
  }

  /** Stops the worker (after a corpus build); files still pending are read in-process. */
  dispose(): void {
    this.stop();
  }
}
