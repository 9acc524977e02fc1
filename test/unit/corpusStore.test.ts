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
