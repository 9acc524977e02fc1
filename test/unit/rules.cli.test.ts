import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { removeTempDir, tempDir } from '../support/tempDir';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: t => (out += t), err: t => (err += t), stdin: () => new Uint8Array() };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('gongwen check --rules DIR (user rule packs)', function () {
  this.timeout(30_000);
  let root: string;
  before(() => {
    root = tempDir('cli-rules');
    fs.mkdirSync(path.join(root, 'a'));
    fs.mkdirSync(path.join(root, 'b'));
    // a: one broken file (unknown field, wrong type) and one YAML syntax error.
    fs.writeFileSync(
      path.join(root, 'a', 'bad.yaml'),
      'pack: bad\ncategory: wording\nrules:\n  - id: bad.one\n    severity: warning\n    terms: 抓手\n    message: m\n  - id: bad.two\n    severity: warning\n    terms: [x]\n    mesage: m\n    message: m\n',
    );
    fs.writeFileSync(path.join(root, 'a', 'syntax.yaml'), 'pack: s\nrules:\n  - id: "open\n');
    // b: a working pack.
    fs.writeFileSync(
      path.join(root, 'b', 'house.yaml'),
      'pack: house\ncategory: wording\nrules:\n  - id: house.zhuashou\n    severity: warning\n    terms: [抓手]\n    replace: 着力点\n    message: 本单位文稿不用“{match}”，可改为“{replace}”\n',
    );
    fs.writeFileSync(path.join(root, 'draft.txt'), '要找准抓手，督促一府两院依法行政。\n');
  });
  after(() => removeTempDir(root));

  it('takes several folders, reports every problem as file:line:col severity message, and keeps checking', async () => {
    const r = await run(['check', '--rules', path.join(root, 'a'), '--rules', path.join(root, 'b'), '--format', 'json', '--date', '2026-11-22', path.join(root, 'draft.txt')]);
    assert.strictEqual(r.code, 1, r.err);
    const lines = r.err.trim().split('\n');
    const bad = path.join(root, 'a', 'bad.yaml');
    assert.ok(lines.includes(`${bad}:6:12 error “terms”的类型应为列表；该规则未加载`), r.err);
    assert.ok(lines.includes(`${bad}:11:5 error 未知字段“mesage”；该规则未加载`), r.err);
    assert.ok(lines.some(l => l.startsWith(`${path.join(root, 'a', 'syntax.yaml')}:`) && / error YAML 语法错误/.test(l)), r.err);
    const diags = JSON.parse(r.out).files[0].diagnostics as { ruleId: string; message: string }[];
    const ids = diags.map(d => d.ruleId);
    assert.ok(ids.includes('house.zhuashou'), ids.join(' '));
    assert.ok(ids.includes('formulation.yifu-liangyuan'), ids.join(' '));
    assert.ok(diags.some(d => d.message === '本单位文稿不用“抓手”，可改为“着力点”'));
  });

  it('a missing folder, or a file given as one, is a usage error: the house rules would silently not apply', async () => {
    const r = await run(['check', '--rules', path.join(root, 'nope'), '--date', '2026-11-22', '--quiet', path.join(root, 'draft.txt')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /--rules 目录不存在：“.*nope”/);
    const f = await run(['check', '--rules', path.join(root, 'draft.txt'), '--quiet', path.join(root, 'draft.txt')]);
    assert.strictEqual(f.code, 2);
    assert.match(f.err, /不是目录/);
  });
});
