/**
 * The off-thread checker (bundled as dist/worker.js): runs the same core as the
 * extension host on a worker thread, so checking a very large document never
 * blocks the host. No VS Code API here — only `worker_threads` and the core.
 *
 * Protocol (see offThread.ts for the client):
 *   host → worker  {type:'config', dataDir, ruleDirs}      the engine to use (loaded at 'warm' or the next check)
 *                  {type:'warm'}                             load the engine now
 *                  {type:'chunk', id, text}                  a piece of a document
 *                  {type:'check', id, options}               check the pieces received for `id`
 *                  {type:'drop', id}                         forget a request that was superseded
 *                  {type:'more', id}                         ready for the next batch of findings
 *   worker → host  {type:'checking', id}                     the engine is loaded, checking starts
 *                  {type:'findings', id, findings}          findings in bounded batches, one per 'more', then
 *                  {type:'done', id, date, documentDate, issues}
 *                  {type:'failed', id, message}
 */
import { parentPort } from 'worker_threads';
import type { Finding } from '../core/types';
import { loadGongwen, type Gongwen } from '../node/services';
import { FINDINGS_PER_MESSAGE, type HostToWorker, type WorkerToHost } from './offThread';

const BATCH = FINDINGS_PER_MESSAGE;

let config: { dataDir?: string; ruleDirs: string[] } = { ruleDirs: [] };
let engine: Gongwen | undefined;
const pieces = new Map<number, string[]>();
let reply: { id: number; findings: Finding[]; at: number; done: WorkerToHost } | undefined;

function send(m: WorkerToHost): void {
  parentPort!.postMessage(m);
}

function handle(m: HostToWorker): void {
  switch (m.type) {
    case 'config':
      config = { dataDir: m.dataDir, ruleDirs: m.ruleDirs };
      engine = undefined;
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
      let findings: Finding[];
      let date: string;
      let documentDate: string | null;
      let issues: string[];
      try {
        engine ??= loadGongwen({ dataDir: config.dataDir, ruleDirs: config.ruleDirs });
        send({ type: 'checking', id: m.id });
        // Load problems are reported by the host's own engine; only run-time ones (a detector failing) come back.
        const before = engine.issues.length;
        const result = engine.linter.check(text, m.options);
        findings = result.findings;
        date = result.date;
        documentDate = result.documentDate;
        issues = engine.issues.slice(before).map(i => `${i.file}:${i.line}:${i.column} ${i.message}`);
      } catch (err) {
        send({ type: 'failed', id: m.id, message: String((err as Error)?.stack ?? err) });
        return;
      }
      reply = { id: m.id, findings, at: 0, done: { type: 'done', id: m.id, date, documentDate, issues } };
      sendBatch();
      return;
    }
  }
}

function sendBatch(): void {
  const r = reply;
  if (!r) {
    return;
  }
  if (r.at >= r.findings.length) {
    reply = undefined;
    send(r.done);
    return;
  }
  send({ type: 'findings', id: r.id, findings: r.findings.slice(r.at, r.at + BATCH) });
  r.at += BATCH;
}

if (parentPort) {
  parentPort.on('message', (m: HostToWorker) => handle(m));
}
