import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { tempDir } from '../support/tempDir';

export async function runCli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: t => (out += t), err: t => (err += t), stdin: () => Buffer.from(stdin, 'utf8') };
  const code = await main(args, io);
  return { code, out, err };
}

function tmpFile(name: string, content: string | Buffer): string {
  const dir = tempDir('cli');
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('gongwen check (CLI contract)', () => {
  it('prints path:line:col severity message [ruleId] and exits 1 on an error finding', async () => {
    const file = tmpFile('draft.txt', '标题\n请XXX同志讲话。\n');
    const r = await runCli(['check', file]);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:2 error .*XXX.* \\[placeholder\\]$`, 'm'));
  });

  it('exits 0 when nothing error-level is found', async () => {
    const file = tmpFile('clean.txt', '同志们：\n今天的会议开得很好。\n');
    const r = await runCli(['check', '--quiet', file]);
    assert.strictEqual(r.code, 0, r.out + r.err);
  });

  it('keeps the JSON contract exactly (key order, zero-based UTF-16 ranges, fixes)', async () => {
    const file = tmpFile('draft.txt', '在会议上的讲话\n（2026年3月5日）\n\n𠮷XXX同志\n');
    const r = await runCli(['check', '--format', 'json', '--date', '2026-11-22', file]);
    const json = JSON.parse(r.out);
    assert.deepStrictEqual(Object.keys(json), ['version', 'date', 'files']);
    assert.strictEqual(json.version, 1);
    assert.strictEqual(json.date, '2026-11-22');
    const f = json.files[0];
    assert.deepStrictEqual(Object.keys(f), ['path', 'documentDate', 'diagnostics']);
    assert.strictEqual(f.documentDate, '2026-03-05');
    const d = f.diagnostics.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
    assert.deepStrictEqual(Object.keys(d), ['ruleId', 'category', 'severity', 'message', 'range', 'fixes']);
    // 𠮷 is two UTF-16 code units: XXX starts at character 2 of line 3.
    assert.deepStrictEqual(d.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
    assert.ok(Array.isArray(d.fixes));
  });

  it('lists a fix shared by several findings once, with the first of them (the output grows linearly)', async () => {
    // Headings that all became `1.` (lost automatic numbering): every one from the second on is a repeat, and each
    // finding is offered the same renumbering of the whole level.
    const headings = (n: number) => ['同志们：', ...Array.from({ length: n }, (_, i) => `1.第${i + 1}项工作要抓好落实。`)].join('\n');
    const numbering = async (n: number) => {
      const r = await runCli(['check', '--format', 'json', '--date', '2026-11-22', tmpFile('same.txt', headings(n))]);
      const all = JSON.parse(r.out).files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'structure.numbering');
      return { all, bytes: r.out.length };
    };
    const small = await numbering(40);
    const large = await numbering(160);
    assert.strictEqual(small.all.length, 39);
    assert.strictEqual(large.all.length, 159);
    // The first carries the renumbering (every heading from the second on: 1. → 2. …), the others none.
    const withFix = large.all.filter((d: { fixes: unknown[] }) => d.fixes.length > 0);
    assert.strictEqual(withFix.length, 1);
    assert.strictEqual(withFix[0], large.all[0]);
    const edits = withFix[0].fixes[0].edits;
    assert.strictEqual(edits.length, 159);
    assert.deepStrictEqual(edits[0], { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, newText: '2.' });
    // Four times the headings, about four times the output (listed with each finding it was 16 times).
    assert.ok(large.bytes < 6 * small.bytes, `${large.bytes} bytes for 160 headings, ${small.bytes} for 40`);
  });

  it('judges undated documents as of --date and dated ones as of their own date', async () => {
    const undated = tmpFile('a.txt', '内容');
    const r1 = JSON.parse((await runCli(['check', '--format', 'json', '--date', '2005-11-21', undated])).out);
    assert.strictEqual(r1.date, '2005-11-21');
    assert.strictEqual(r1.files[0].documentDate, null);
  });

  it('writes SARIF 2.1.0 that viewers read', async () => {
    const file = tmpFile('draft.txt', '请XXX同志讲话。\n');
    const r = await runCli(['check', '--format', 'sarif', file]);
    const sarif = JSON.parse(r.out);
    assert.strictEqual(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.strictEqual(run.tool.driver.name, 'gongwen');
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
    assert.strictEqual(res.level, 'error');
    assert.deepStrictEqual(res.locations[0].physicalLocation.region, { startLine: 1, startColumn: 2, endLine: 1, endColumn: 5 });
    const rule = run.tool.driver.rules[res.ruleIndex];
    assert.strictEqual(rule.id, 'placeholder');
    assert.ok(rule.shortDescription.text && rule.shortDescription.text !== 'placeholder', 'rules carry a description');
    assert.ok(rule.defaultConfiguration?.level, 'rules carry their default level');
    assert.strictEqual(res.locations[0].physicalLocation.artifactLocation.uri, `file://${file.split('/').map(encodeURIComponent).join('/')}`);
  });

  it('exits 2 with one line on stderr for usage and input errors', async () => {
    for (const args of [
      ['check'],
      ['check', '--date', '2026-13-45', 'x.txt'],
      ['check', '--format', 'xml', 'x.txt'],
      ['check', '/nonexistent/draft.txt'],
      ['check', '--bogus', 'x.txt'],
      ['frobnicate'],
    ]) {
      const r = await runCli(args);
      assert.strictEqual(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.strictEqual(r.err.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^gongwen: /);
    }
  });

  it('refuses binary files with a located message, and still checks the other files', async () => {
    const bin = tmpFile('junk.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00]));
    const good = tmpFile('good.txt', '请XXX同志讲话。');
    const r = await runCli(['check', bin, good]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /junk\.txt: 是 zip 压缩文件，不是文本文件/);
    assert.match(r.out, /good\.txt:1:2 error/);
    const elf = tmpFile('ls.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x03]));
    assert.match((await runCli(['check', elf])).err, /ls\.txt: 不是文本文件（第 5 字节起含有二进制控制字符）/);
    // A Word document is named as one (this command reads plain text).
    const docx = tmpFile('draft.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    const d = await runCli(['check', docx]);
    assert.strictEqual(d.code, 2);
    assert.match(d.err, /draft\.docx: 是 Word 文档（\.docx），这里只读纯文本/);
  });

  it('refuses what would silently change nothing: an unknown rule, category, genre or option', async () => {
    const good = tmpFile('good.txt', '请XXX同志讲话。');
    for (const [args, message] of [
      [['--disable', 'formulaton'], /--disable 未知的规则或类别“formulaton”/],
      [['--genre', 'bogus'], /--genre 未知体裁“bogus”/],
      [['--bogus'], /未知选项“--bogus”/],
      [['--date'], /选项“--date”缺少值/],
    ] as const) {
      const r = await runCli(['check', good, ...args]);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
    // Known ones are taken.
    assert.strictEqual((await runCli(['check', '--disable', 'placeholder', '--disable', 'formulation.yifu-liangyuan', '--genre', 'work-meeting', good])).code, 0);
  });

  it('reads GBK and UTF-16 files correctly', async () => {
    const gbk = tmpFile('gbk.txt', Buffer.from([0xc7, 0xeb, 0x58, 0x58, 0x58, 0xcd, 0xac, 0xd6, 0xbe])); // 请XXX同志
    const r = await runCli(['check', gbk]);
    assert.match(r.out, /gbk\.txt:1:2 error 占位符“XXX”/);
    const u16 = tmpFile('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('请XXX同志', 'utf16le')]));
    assert.match((await runCli(['check', u16])).out, /u16\.txt:1:2 error/);
  });

  it('reads standard input for -', async () => {
    const r = await runCli(['check', '-'], '请XXX同志讲话。');
    assert.match(r.out, /^-:1:2 error/m);
  });
});

describe('gongwen as a process', function () {
  this.timeout(60_000);

  it('ends quietly with its own exit code when the reader of its output goes away (| head -1)', async () => {
    const { spawn } = await import('child_process');
    const root = path.join(__dirname, '..', '..');
    // Thousands of findings: far more output than a pipe holds once its reader has closed it.
    const dir = path.join(root, 'data', 'corpus', 'speeches');
    const text = fs.readdirSync(dir).sort().map(f => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n').repeat(3);
    const file = tmpFile('big.txt', text);
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, 'src', 'cli', 'main.ts'), 'check', '--date', '2026-11-22', file], { cwd: root });
    let err = '';
    child.stderr.on('data', d => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', resolve));
    assert.doesNotMatch(err, /EPIPE|Unhandled|内部错误/, err);
    // The draft has error findings: 1, as when all of the output is read.
    assert.strictEqual(code, 1, err);
  });
});
