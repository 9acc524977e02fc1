/**
 * Reading the user's exemplar files on a worker thread (OffThreadCorpusReader
 * + the corpus role of src/extension/worker.ts): the same speeches and the
 * same located problems as reading them in-process, and no file lost when
 * the worker is missing or dies.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { Worker } from 'worker_threads';
import { OffThreadCorpusReader } from '../../src/extension/offThreadCorpus';
import { CorpusFileError, loadUserCorpus, readSpeechFile } from '../../src/node/corpusUser';
import { removeTempDir, tempDir } from '../support/tempDir';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src', 'extension', 'worker.ts');
const DOCX = path.join(ROOT, 'test', 'fixtures', 'corpus', 'training-speech.docx');
const SPEECH = '在全县人大工作会议上的讲话\n（2021年3月5日）\n同志们：\n今天召开全县人大工作会议。下面，我讲两点意见。\n一、提高认识\n要提高认识。\n二、狠抓落实\n要压实责任。\n';
const realWorker = (f: string) => new Worker(`require('tsx/cjs'); require(${JSON.stringify(f)});`, { eval: true });
const dyingWorker = () => new Worker('setTimeout(() => process.exit(3), 30); require("worker_threads").parentPort.on("message", () => {});', { eval: true });

function folder(): string {
  const dir = tempDir('reader');
  fs.copyFileSync(DOCX, path.join(dir, 'a.docx'));
  fs.writeFileSync(path.join(dir, 'b.docx'), 'not a zip');
  fs.writeFileSync(path.join(dir, 'c.txt'), iconv.encode(SPEECH, 'gbk'));
  fs.writeFileSync(path.join(dir, 'd.txt'), Buffer.from([0, 1, 2, 3, 4, 5]));
  return dir;
}

describe('corpus: exemplar files read on a worker thread', function () {
  this.timeout(60_000);

  it('gives the speech readSpeechFile gives, and the same located error for a file that is not a zip', async () => {
    const dir = folder();
    try {
      const r = new OffThreadCorpusReader({ workerFile: SRC, createWorker: realWorker });
      for (const f of ['a.docx', 'c.txt']) {
        assert.deepStrictEqual(await r.read(path.join(dir, f)), await readSpeechFile(path.join(dir, f)));
      }
      const bad = path.join(dir, 'b.docx');
      const expected = await readSpeechFile(bad).then(
        () => assert.fail('in-process read accepted junk'),
        (e: unknown) => e as Error,
      );
      await assert.rejects(r.read(bad), (e: unknown) => e instanceof CorpusFileError && e.file === bad && e.message === expected.message);
      assert.deepStrictEqual(r.stats, { worker: 3, inProcess: 0, crashes: 0 });
      r.dispose();
    } finally {
      removeTempDir(dir);
    }
  });

  it('a folder read with the worker gives the same speeches and problems as one read in-process', async () => {
    const dir = folder();
    try {
      const r = new OffThreadCorpusReader({ workerFile: SRC, createWorker: realWorker });
      const off = await loadUserCorpus([dir], { readSpeech: f => r.read(f) });
      r.dispose();
      const here = await loadUserCorpus([dir]);
      assert.deepStrictEqual(off.speeches, here.speeches);
      assert.deepStrictEqual(off.problems, here.problems);
      assert.strictEqual(off.speeches.length, 2);
      assert.deepStrictEqual(off.problems.map(p => path.basename(p.file)).sort(), ['b.docx', 'd.txt']);
      assert.strictEqual(r.stats.worker, 4);
    } finally {
      removeTempDir(dir);
    }
  });

  it('without the worker file: read in-process, with a log line', async () => {
    const logs: string[] = [];
    const r = new OffThreadCorpusReader({ workerFile: '/nonexistent/worker.js' }, m => logs.push(m));
    assert.deepStrictEqual(await r.read(DOCX), await readSpeechFile(DOCX));
    assert.strictEqual(r.stats.inProcess, 1);
    assert.ok(logs.some(l => /找不到后台程序/.test(l)), logs.join('\n'));
  });

  it('a worker that dies: the files it was reading are read in-process', async () => {
    const logs: string[] = [];
    const r = new OffThreadCorpusReader({ workerFile: SRC, createWorker: dyingWorker }, m => logs.push(m));
    const [a, b] = await Promise.all([r.read(DOCX), r.read(DOCX)]);
    const expected = await readSpeechFile(DOCX);
    assert.deepStrictEqual(a, expected);
    assert.deepStrictEqual(b, expected);
    assert.deepStrictEqual(r.stats, { worker: 0, inProcess: 2, crashes: 1 });
    assert.ok(logs.some(l => /意外退出/.test(l)), logs.join('\n'));
    r.dispose();
  });
});
