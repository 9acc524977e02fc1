/**
 * Nothing lost, end to end through the CLI's `main()` on real temp files:
 * without --fix no file is ever written; with --fix the file is replaced
 * atomically, in its own encoding (BOM included) and with its own line ends,
 * and only the fixed spans change.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { applyEdits, safeFixEdits } from '../../src/core/fix';
import { decodeBytes, type TextEncodingName } from '../../src/core/text/decode';
import { encodeText } from '../../src/node/writeFile';
import { gongwen } from '../fuzz/properties';
import { tempDir } from '../support/tempDir';

const DATE = '2026-11-22';
const ENCODINGS: TextEncodingName[] = ['utf8', 'utf8bom', 'utf16le', 'utf16lebom', 'utf16be', 'utf16bebom', 'gb18030'];
const EOLS: Record<string, string> = { LF: '\n', CRLF: '\r\n', CR: '\r' };

const DRAFT_LINES = [
  '在全县人大工作会议上的讲话',
  '同志们：',
  '各级人大要加强对一府两院的监督,切实抓好落实。',
  '请XXX同志会后把材料报送县人大常委会办公室𠀀。',
  '一、提高认识',
  '二、抓好落实',
  '',
];

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    stdin: () => new Uint8Array(Buffer.from(DRAFT_LINES.join('\n'))),
  };
  return io;
}

function eolKinds(text: string): { crlf: number; cr: number; lf: number } {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return { crlf, cr: (text.match(/\r(?!\n)/g) ?? []).length, lf: (text.match(/(?<!\r)\n/g) ?? []).length };
}

/** What fix-all should produce, computed with the core (same bounded loop as the CLI). */
function expectedFixed(text: string): string {
  const gw = gongwen();
  let current = text;
  for (let round = 0; round < 5; round++) {
    const edits = safeFixEdits(gw.linter.check(current, { date: DATE }).findings);
    const next = applyEdits(current, edits).text;
    if (edits.length === 0 || next === current) {
      break;
    }
    current = next;
  }
  return current;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    out[name] = `${st.size}:${st.mtimeMs}:${st.mode}:${fs.readFileSync(p).toString('base64')}`;
  }
  return out;
}

describe('safety: the CLI loses nothing', function () {
  this.timeout(120_000);

  for (const enc of ENCODINGS) {
    for (const [eolName, eol] of Object.entries(EOLS)) {
      it(`${enc} with ${eolName}: no write without --fix; --fix keeps encoding, BOM, line ends and mode`, async () => {
        const dir = tempDir('cli');
        const file = path.join(dir, 'draft.txt');
        const text = DRAFT_LINES.join(eol);
        const original = encodeText(text, enc);
        fs.writeFileSync(file, original);
        fs.chmodSync(file, 0o640);
        const past = new Date('2020-01-01T00:00:00Z');
        fs.utimesSync(file, past, past);
        const before = snapshot(dir);

        // Checking, in every output format, never touches the file.
        for (const format of ['text', 'json', 'sarif']) {
          const io = capture();
          const code = await main(['check', '--format', format, '--date', DATE, file], io);
          assert.ok(code === 0 || code === 1, `exit ${code}: ${io.stderr}`);
          assert.deepStrictEqual(snapshot(dir), before, `check --format ${format} changed the folder`);
        }

        const io = capture();
        const code = await main(['check', '--fix', '--date', DATE, file], io);
        assert.ok(code === 0 || code === 1, `exit ${code}: ${io.stderr}`);
        const after = fs.readFileSync(file);
        const decoded = decodeBytes(after);
        assert.strictEqual(decoded.encoding, enc, 'encoding changed');
        // The BOM is kept, and none is added (the first bytes are those of the original).
        assert.deepStrictEqual([...after.subarray(0, 2)], [...original.subarray(0, 2)], 'BOM added or lost');
        const want = expectedFixed(text);
        assert.notStrictEqual(want, text, 'the draft has safe fixes');
        assert.strictEqual(decoded.text, want);
        assert.ok(decoded.text.includes('一府一委两院'));
        assert.ok(decoded.text.includes('XXX'), 'unsafe findings are left alone');
        assert.deepStrictEqual(eolKinds(decoded.text), eolKinds(text), 'line ends changed');
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640, 'file mode changed');
        assert.deepStrictEqual(fs.readdirSync(dir), ['draft.txt'], 'a temporary file was left behind');
      });
    }
  }

  it('--fix writes through a symbolic link to the real file and keeps the link', async function () {
    const dir = tempDir('link');
    const real = path.join(dir, 'real.txt');
    const link = path.join(dir, 'link.txt');
    fs.writeFileSync(real, DRAFT_LINES.join('\n'));
    fs.symlinkSync(real, link);
    const code = await main(['check', '--fix', '--date', DATE, link], capture());
    assert.ok(code === 0 || code === 1);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
    assert.match(fs.readFileSync(real, 'utf8'), /一府一委两院/);
  });

  it('--fix refuses a GBK file whose bytes would not be written back as they were, and leaves it untouched', async () => {
    const dir = tempDir('gbk');
    const file = path.join(dir, 'draft.txt');
    // Byte 0x80 is read as € by GB18030 decoders and written back as A2 E3 by encoders: not lossless.
    const head = encodeText('同志们：\n今年预算增加100', 'gb18030');
    fs.writeFileSync(file, Buffer.concat([head, Buffer.from([0x80]), encodeText('，要督促一府两院依法行政。\n', 'gb18030')]));
    const before = snapshot(dir);
    const io = capture();
    const code = await main(['check', '--fix', '--date', DATE, file], io);
    assert.strictEqual(code, 2, io.stderr);
    assert.match(io.stderr, /无法写回修正（文件的 GB18030\/GBK 编码中有无法原样写回的字节），原文件未改动/);
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it('a failed write leaves the original byte for byte and no temporary file', async () => {
    const dir = tempDir('fail');
    const file = path.join(dir, 'draft.txt');
    fs.writeFileSync(file, encodeText(DRAFT_LINES.join('\r\n'), 'gb18030'));
    const before = snapshot(dir);
    // The module object itself (the namespace import only has getters).
    const realFs = createRequire(__filename)('fs') as { renameSync: typeof fs.renameSync };
    const rename = realFs.renameSync;
    realFs.renameSync = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    let code: number;
    const io = capture();
    try {
      code = await main(['check', '--fix', '--date', DATE, file], io);
    } finally {
      realFs.renameSync = rename;
    }
    assert.strictEqual(code, 2, 'a failed write is an error');
    assert.match(io.stderr, /ENOSPC|无法写入|写回/);
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it('--fix is refused for standard input, binary files are never rewritten, and other files are still fixed', async () => {
    const io = capture();
    assert.strictEqual(await main(['check', '--fix', '-'], io), 2);
    assert.match(io.stderr, /标准输入/);

    const dir = tempDir('bin');
    const bin = path.join(dir, 'image.txt');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]));
    const good = path.join(dir, 'good.txt');
    fs.writeFileSync(good, DRAFT_LINES.join('\n'));
    const binBefore = fs.readFileSync(bin);
    const io2 = capture();
    const code = await main(['check', '--fix', '--date', DATE, bin, good], io2);
    assert.strictEqual(code, 2, 'an unreadable input makes the exit code 2');
    assert.ok(io2.stderr.includes(bin), `the binary file is named: ${io2.stderr}`);
    assert.deepStrictEqual(fs.readFileSync(bin), binBefore);
    assert.match(fs.readFileSync(good, 'utf8'), /一府一委两院/);
  });
});
