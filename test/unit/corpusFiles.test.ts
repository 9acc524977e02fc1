import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as iconv from 'iconv-lite';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { checkZip, CorpusFileError, loadUserCorpus, readDocx, readTextFile } from '../../src/node/corpusUser';
import { tempDir } from '../support/tempDir';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');
const SPEECH = '在全县人大工作会议上的讲话\n同志们：\n今天，我们召开全县人大工作会议，主要任务是总结工作、部署任务。\n一、充分认识人大工作的重要意义\n坚持党的领导、人民当家作主、依法治国有机统一。';

function tmpDir(): string {
  return tempDir('corpus');
}

function io(): CliIO & { stdout: string; stderr: string } {
  const o = {
    stdout: '',
    stderr: '',
    out(t: string) {
      o.stdout += t;
    },
    err(t: string) {
      o.stderr += t;
    },
    stdin: () => new Uint8Array(),
  };
  return o;
}

/** A one-entry zip whose central directory claims `size` uncompressed bytes; the entry holds `data` (deflated). */
function fakeZip(size: number, compressed: number, data: Uint8Array = zlib.deflateRawSync(Buffer.from('a'))): Uint8Array {
  const local = Buffer.alloc(30 + 1);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(1, 26);
  local.write('a', 30);
  const body = Buffer.from(data);
  const central = Buffer.alloc(46 + 1);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(1, 28);
  central.writeUInt32LE(0, 42);
  central.write('a', 46);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length, 12);
  eocd.writeUInt32LE(local.length + body.length, 16);
  return Buffer.concat([local, body, central, eocd]);
}

describe('user corpus files', function () {
  this.timeout(60000);

  it('decodes UTF-8, UTF-8 with BOM, UTF-16 LE/BE and GB18030/GBK files', () => {
    const variants: Array<[string, Uint8Array]> = [
      ['utf8', Buffer.from(SPEECH, 'utf8')],
      ['bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SPEECH, 'utf8')])],
      ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SPEECH, 'utf16le')])],
      ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SPEECH, 'utf16-be')])],
      ['utf16le-nobom', Buffer.from(SPEECH, 'utf16le')],
      ['gbk', iconv.encode(SPEECH, 'gbk')],
      ['gb18030', iconv.encode(SPEECH + '𠀀', 'gb18030')],
    ];
    for (const [name, bytes] of variants) {
      assert.ok(readTextFile(bytes, name).startsWith(SPEECH), name);
    }
  });

  it('refuses binary files and text that decodes to mojibake', () => {
    assert.throws(() => readTextFile(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x41]), 'bin'), CorpusFileError);
    // Big5 bytes read as GBK decode without error but to rare characters.
    const big5 = iconv.encode(SPEECH.repeat(3).replace(/人大/g, '人民代表大會'), 'big5');
    assert.throws(() => readTextFile(big5, 'big5.txt'), /乱码/);
  });

  it('reads .docx with mammoth and guards against non-zip files and zip bombs', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'corpus', 'training-speech.docx'));
    const text = await readDocx(bytes, 'training-speech.docx');
    assert.ok(text.includes('在全县人大代表培训班开班仪式上的讲话'));
    assert.ok(text.includes('一、提高认识，增强履职尽责的责任感'));
    await assert.rejects(readDocx(Buffer.from('这不是一个 docx 文件'), 'fake.docx'), /不是 zip 格式/);
    assert.throws(() => checkZip(fakeZip(500 * 1024 * 1024, 1000), 'bomb.docx'), /压缩炸弹/);
    assert.throws(() => checkZip(fakeZip(5 * 1024 * 1024, 1000), 'ratio.docx'), /压缩比/);
    assert.doesNotThrow(() => checkZip(fakeZip(1, 3), 'ok.docx'));
    // An archive that lies about its sizes: declares 10 bytes, inflates to 3 MB.
    const zeros = zlib.deflateRawSync(Buffer.alloc(3 * 1024 * 1024));
    assert.throws(() => checkZip(fakeZip(10, zeros.length, zeros), 'liar.docx', 1024 * 1024), /压缩炸弹/);
    assert.doesNotThrow(() => checkZip(fakeZip(10, zeros.length, zeros), 'liar.docx', 8 * 1024 * 1024));
  });

  it('skips a file that is not one speech (too long, too large) with a located message, keeping the rest', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), SPEECH);
    // A yearbook: 400 000 characters (1.2 MB in UTF-8, under the byte limit) of speeches one after another.
    fs.writeFileSync(path.join(dir, 'yearbook.txt'), SPEECH.repeat(Math.ceil(400_000 / SPEECH.length)).slice(0, 400_000));
    // 3 MB of text: refused by its size before it is read.
    fs.writeFileSync(path.join(dir, 'dump.md'), Buffer.alloc(3 * 1024 * 1024, 0x61));
    const r = await loadUserCorpus([dir]);
    assert.deepStrictEqual(r.speeches.map(s => path.basename(s.source)), ['a.txt']);
    const byFile = new Map(r.problems.map(p => [path.basename(p.file), p.message]));
    assert.match(byFile.get('yearbook.txt') ?? '', /文稿过长（40 万字，上限 30 万字）/);
    assert.match(byFile.get('dump.md') ?? '', /文件过大（3\.0 MB，上限 2 MB）/);
  });

  it('loads a folder, reports bad files, caches and refreshes incrementally', async () => {
    const dir = tmpDir();
    const cache = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), iconv.encode(SPEECH, 'gbk'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'b.md'), SPEECH.replace('全县', '全市'));
    fs.copyFileSync(path.join(FIXTURES, 'corpus', 'training-speech.docx'), path.join(dir, 'c.docx'));
    fs.writeFileSync(path.join(dir, 'd.docx'), 'not a zip');
    fs.writeFileSync(path.join(dir, 'e.txt'), Buffer.from([0, 1, 2, 3, 4, 5]));
    fs.writeFileSync(path.join(dir, 'ignored.pdf'), 'x');
    const first = await loadUserCorpus([dir], { cacheDir: cache });
    assert.strictEqual(first.speeches.length, 3);
    assert.deepStrictEqual(first.problems.map(p => path.basename(p.file)).sort(), ['d.docx', 'e.txt']);
    assert.strictEqual(first.read, 5);
    const docx = first.speeches.find(s => s.source.endsWith('c.docx'));
    assert.strictEqual(docx?.date, '2019-03-12');
    assert.strictEqual(docx?.title, '在全县人大代表培训班开班仪式上的讲话');
    const again = await loadUserCorpus([dir], { cacheDir: cache });
    assert.strictEqual(again.read, 0);
    assert.strictEqual(again.fromCache, 5);
    assert.deepStrictEqual(
      again.speeches.map(s => s.id),
      first.speeches.map(s => s.id),
    );
    fs.writeFileSync(path.join(dir, 'a.txt'), iconv.encode(SPEECH + '\n同志们，让我们共同努力！', 'gbk'));
    fs.utimesSync(path.join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    const third = await loadUserCorpus([dir], { cacheDir: cache });
    assert.strictEqual(third.read, 1);
    assert.ok(third.speeches.find(s => s.source.endsWith('a.txt'))?.text.endsWith('共同努力！'));
    let stop = false;
    const cancelled = await loadUserCorpus([dir], { isCancelled: () => stop, onProgress: () => (stop = true) });
    assert.ok(cancelled.speeches.length <= 3);
    const missing = await loadUserCorpus([path.join(dir, 'nope')]);
    assert.match(missing.problems[0].message, /不存在/);
  });

  it('CLI: corpus list --format json, corpus show, compare with --corpus', async () => {
    const o = io();
    assert.strictEqual(await main(['corpus', 'list', '--format', 'json'], o), 0);
    const list = JSON.parse(o.stdout) as Array<Record<string, unknown>>;
    assert.strictEqual(list.length, 25);
    assert.deepStrictEqual(Object.keys(list[0]), ['id', 'title', 'date', 'occasion', 'speaker', 'source', 'chars']);
    const show = io();
    assert.strictEqual(await main(['corpus', 'show', '001-02'], show), 0);
    assert.ok(show.stdout.includes('（2005年11月21日）'));
    const bad = io();
    assert.strictEqual(await main(['corpus', 'show', 'nope'], bad), 2);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'mine.txt'), SPEECH);
    const draft = path.join(tmpDir(), 'draft.txt');
    fs.writeFileSync(draft, SPEECH.split('\n').slice(1).join('\n'));
    const cmp = io();
    assert.strictEqual(await main(['compare', draft, '--corpus', dir, '--top', '3', '--format', 'json'], cmp), 0);
    const hits = JSON.parse(cmp.stdout) as Array<{ id: string; title: string; score: number; why: { summary: string } }>;
    assert.strictEqual(hits.length, 3);
    assert.ok(hits[0].id.startsWith('u-'));
    assert.strictEqual(hits[0].title, '在全县人大工作会议上的讲话');
    assert.ok(hits[0].why.summary.includes('相同文字'));
    const text = io();
    assert.strictEqual(await main(['compare', draft, '--top', '2'], text), 0);
    assert.match(text.stdout, /^1\. .+相似度/);
    const usage = io();
    assert.strictEqual(await main(['compare', draft, '--top', 'x'], usage), 2);
  });

  it('CLI: corpus build writes the corpus and prints the summary', async () => {
    const out = tmpDir();
    const o = io();
    assert.strictEqual(await main(['corpus', 'build', path.join(FIXTURES, 'seeds'), '--out', out], o), 0);
    assert.match(o.stdout, /保留讲话 25 篇/);
    assert.match(o.stdout, /接回被网站拆成单独一篇的部分 3 处/);
    assert.match(o.stdout, /无法恢复 \d+ 处/);
    assert.strictEqual(fs.readdirSync(path.join(out, 'speeches')).length, 25);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    assert.strictEqual(manifest.speeches.length, 25);
  });
});
