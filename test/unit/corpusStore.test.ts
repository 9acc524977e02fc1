import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { tempDir } from '../support/tempDir';

const seeds = path.join(__dirname, '..', 'fixtures', 'seeds');

async function cli(args: string[]): Promise<number> {
  const io: CliIO = { out: () => {}, err: () => {}, stdin: () => Buffer.alloc(0) };
  return main(args, io);
}

describe('gongwen corpus build --out', () => {
  it('never deletes files it did not write, and replaces the ones an earlier build wrote', async function () {
    this.timeout(120_000);
    const out = tempDir('store');
    // A folder that already holds the user's own notes.
    fs.mkdirSync(path.join(out, 'speeches'));
    fs.writeFileSync(path.join(out, 'speeches', 'my-notes.txt'), '我的笔记');
    assert.strictEqual(await cli(['corpus', 'build', path.join(seeds, '002_79929abaf01e1c4a.txt'), '--out', out]), 0);
    assert.ok(fs.existsSync(path.join(out, 'speeches', 'my-notes.txt')), 'the user file survives a build into its folder');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const first = manifest.speeches.map((s: { file: string }) => s.file);
    assert.ok(first.length >= 1);
    // A second build from a different source: the first build's files go, the user's stay.
    assert.strictEqual(await cli(['corpus', 'build', path.join(seeds, '004_5da6ab40479df461.txt'), '--out', out]), 0);
    const second = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).speeches.map((s: { file: string }) => s.file);
    for (const f of first.filter((f: string) => !second.includes(f))) {
      assert.ok(!fs.existsSync(path.join(out, f)), `${f} of the earlier build was removed`);
    }
    assert.ok(fs.existsSync(path.join(out, 'speeches', 'my-notes.txt')));
  });
});

describe('gongwen corpus: bad inputs', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const io: CliIO = { out: t => void (out += t), err: t => void (err += t), stdin: () => Buffer.alloc(0) };
    return { code: await main(args, io), out, err };
  };

  it('build skips what it cannot read, says so, writes the rest and exits 2', async function () {
    this.timeout(120_000);
    const src = tempDir('junk');
    fs.copyFileSync(path.join(seeds, '002_79929abaf01e1c4a.txt'), path.join(src, 'a.txt'));
    fs.writeFileSync(path.join(src, 'b_bin.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x03]));
    fs.mkdirSync(path.join(src, 'c.txt'));
    fs.symlinkSync(path.join(src, 'gone'), path.join(src, 'd_broken.txt'));
    const out = path.join(tempDir('out'), 'corpus');
    const r = await run(['corpus', 'build', src, '--out', out]);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /b_bin\.txt: 不是文本文件.*（已跳过）/);
    assert.match(r.err, /c\.txt: 是目录，不是文件（已跳过）/);
    assert.match(r.err, /d_broken\.txt: 无法读取（文件不存在）（已跳过）/);
    assert.match(r.err, /跳过了 3 个无法读取的文件/);
    assert.ok(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).speeches.length >= 1);
  });

  it('build into a path that is a file, and list from a data folder that does not exist, are usage errors', async () => {
    const file = path.join(tempDir('outfile'), 'd.txt');
    fs.writeFileSync(file, 'x');
    const b = await run(['corpus', 'build', path.join(seeds, '002_79929abaf01e1c4a.txt'), '--out', file]);
    assert.strictEqual(b.code, 2);
    assert.match(b.err, /^gongwen: --out 应为目录：“.*d\.txt”已经是一个文件\n$/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'x');
    const l = await run(['corpus', 'list', '--data', path.join(tempDir('nodata'), 'nope')]);
    assert.strictEqual(l.code, 2);
    assert.match(l.err, /--data 数据目录不存在/);
  });
});
