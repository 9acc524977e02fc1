/**
 * Bad data from users: every problem is a located, human-readable message and
 * everything else keeps working (the built-in rules, the other packs, the
 * other corpus files).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadUserCorpus } from '../../src/node/corpusUser';
import { zip } from '../support/zip';
import { loadGongwen, type Gongwen, type LoadIssue } from '../../src/node/services';
import { tempDir } from '../support/tempDir';

const OPTIONS = { date: '2026-11-22' };
const SAMPLE = '各级人大要加强对一府两院的监督。请XXX同志发言。我们要抓好落实。';

function tmp(prefix: string): string {
  return tempDir(prefix);
}

function write(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const GOOD_PACK = ['pack: user-good', 'category: wording', 'rules:', '  - id: user.good', '    severity: info', '    terms: [抓好落实]', '    message: 用户规则命中“{match}”', ''].join('\n');

/** The issues for one file; each must carry a location inside it and a Chinese message. */
function issuesOf(gw: Gongwen, file: string): LoadIssue[] {
  const list = gw.issues.filter(i => i.file === file);
  for (const i of list) {
    assert.ok(i.message.length > 4 && /[\u4e00-\u9fff]/.test(i.message), `not a readable message: ${i.message}`);
  }
  return list;
}

/** The built-in rules and the good user pack still report their findings. */
function stillWorks(gw: Gongwen): void {
  const ids = gw.linter.check(SAMPLE, OPTIONS).findings.map(f => f.ruleId);
  assert.ok(ids.includes('placeholder'), `built-in placeholder rule missing: ${ids.join(' ')}`);
  assert.ok(ids.includes('formulation.yifu-liangyuan'), `built-in formulation rule missing: ${ids.join(' ')}`);
  assert.ok(ids.includes('user.good'), `the good user pack stopped working: ${ids.join(' ')}`);
}

describe('safety: bad rule packs', function () {
  this.timeout(30_000);

  it('malformed YAML: the syntax error is located at its line and column', () => {
    const dir = tmp('yaml');
    write(dir, 'a-good.yaml', GOOD_PACK);
    const bad = write(dir, 'b-bad.yaml', ['pack: bad', 'category: wording', 'rules:', '  - id: bad.one', '    severity: warning', "    terms: ['未闭合", '    message: x', ''].join('\n'));
    const tabs = write(dir, 'c-tabs.yaml', 'pack: tabs\nrules:\n\t- id: t\n');
    const gw = loadGongwen({ ruleDirs: [dir] });
    for (const file of [bad, tabs]) {
      const list = issuesOf(gw, file);
      assert.ok(list.length > 0, `no issue for ${file}`);
      assert.ok(list.some(i => i.severity === 'error' && i.line > 0 && i.column > 0 && /YAML/.test(i.message)), JSON.stringify(list));
    }
    stillWorks(gw);
  });

  it('wrong types and unknown fields: located at the offending value or key; the rest of the pack loads', () => {
    const dir = tmp('types');
    const file = write(
      dir,
      'pack.yaml',
      [
        'pack: typed',
        'category: wording',
        'rules:',
        '  - id: typed.severity',
        '    severity: 5',
        '    terms: [甲乙]',
        '    message: x',
        '  - id: typed.terms',
        '    severity: info',
        '    terms: 42',
        '    message: x',
        '  - id: typed.unknown',
        '    severity: info',
        '    terms: [丙丁]',
        '    colour: red',
        '    message: x',
        '  - id: user.good',
        '    severity: info',
        '    terms: [抓好落实]',
        '    message: 用户规则命中“{match}”',
        '',
      ].join('\n'),
    );
    const gw = loadGongwen({ ruleDirs: [dir] });
    const list = issuesOf(gw, file);
    const at = (line: number) => list.find(i => i.line === line);
    assert.ok(at(5) && /severity/.test(at(5)!.message), `severity issue on line 5: ${JSON.stringify(list)}`);
    assert.ok(at(10) && /terms/.test(at(10)!.message), `terms issue on line 10: ${JSON.stringify(list)}`);
    const unknown = at(15);
    assert.ok(unknown && /colour/.test(unknown.message) && unknown.column === 5, `unknown field located at its key: ${JSON.stringify(list)}`);
    for (const id of ['typed.severity', 'typed.terms', 'typed.unknown']) {
      assert.strictEqual(gw.ruleSet.rule(id), undefined, `${id} must not be loaded`);
    }
    stillWorks(gw);
  });

  it('duplicate rule ids: across two user files and against a built-in rule, naming both places', () => {
    const dir = tmp('dup');
    write(dir, 'a.yaml', GOOD_PACK);
    const second = write(dir, 'b.yaml', GOOD_PACK.replace('pack: user-good', 'pack: user-again'));
    const shadow = write(dir, 'c.yaml', ['pack: shadow', 'category: placeholder', 'rules:', '  - id: placeholder', '    severity: hint', '    terms: [某某]', '    message: x', ''].join('\n'));
    const gw = loadGongwen({ ruleDirs: [dir] });
    const dup = issuesOf(gw, second).find(i => /重复/.test(i.message));
    assert.ok(dup && dup.line === 4 && dup.message.includes(path.join(dir, 'a.yaml')), JSON.stringify(issuesOf(gw, second)));
    const shadowed = issuesOf(gw, shadow).find(i => /重复/.test(i.message));
    assert.ok(shadowed && /placeholder\.yaml/.test(shadowed.message), JSON.stringify(issuesOf(gw, shadow)));
    // The built-in rule keeps its own definition.
    assert.notStrictEqual(gw.ruleSet.rule('placeholder')?.severity, 'hint');
    stillWorks(gw);
  });

  it('an alias without its anchor and an alias bomb: a located error for that file, never an exception', () => {
    const dir = tmp('alias');
    write(dir, 'a-good.yaml', GOOD_PACK);
    const unresolved = write(dir, 'b-alias.yaml', ['pack: alias', 'category: wording', 'rules:', '  - id: *missing', '    severity: info', '    terms: [甲乙]', '    message: x', ''].join('\n'));
    const laughs = ['pack: laughs', 'category: wording', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      laughs.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    }
    laughs.push('rules: []');
    const bomb = write(dir, 'c-bomb.yaml', laughs.join('\n') + '\n');
    const gw = loadGongwen({ ruleDirs: [dir] });
    assert.match(issuesOf(gw, unresolved).map(i => i.message).join(' '), /别名|锚点|alias/i);
    assert.ok(issuesOf(gw, bomb).length > 0, 'the alias bomb is reported');
    stillWorks(gw);
  });

  it('a missing rule folder, a file given as a folder, a pack that is a folder, a binary pack', () => {
    const dir = tmp('odd');
    write(dir, 'good.yaml', GOOD_PACK);
    fs.mkdirSync(path.join(dir, 'folder.yaml'));
    const binary = write(dir, 'binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe, 0x00, 0x01, 0x02]));
    const notDir = write(tmp('file'), 'rules.txt', 'x');
    const missing = path.join(dir, 'does-not-exist');
    const gw = loadGongwen({ ruleDirs: [dir, missing, notDir] });
    assert.ok(gw.issues.some(i => i.file === missing && /不存在/.test(i.message)));
    assert.ok(gw.issues.some(i => i.file === notDir && /目录/.test(i.message)));
    assert.ok(issuesOf(gw, path.join(dir, 'folder.yaml')).length > 0, 'a folder named like a pack is reported');
    assert.ok(issuesOf(gw, binary).length > 0, 'a binary pack is reported');
    stillWorks(gw);
  });
});

describe('safety: bad corpus folders and files', function () {
  this.timeout(60_000);

  const speech = '在全县人大工作会议上的讲话\n（2024年3月5日）\n同志们：\n今天，我们召开全县人大工作会议。下面，我讲两点意见。\n一、提高认识\n要充分认识做好新时代人大工作的重要意义。\n二、抓好落实\n要把各项任务落到实处。\n';

  it('an unreadable, missing or non-folder corpus path is reported by name; the readable folder still loads', async () => {
    const good = tmp('corpus-good');
    write(good, 'speech.txt', speech);
    const missing = path.join(good, 'gone');
    const file = write(tmp('corpus-file'), 'not-a-folder.txt', speech);
    const locked = tmp('corpus-locked');
    write(locked, 'secret.txt', speech);
    fs.chmodSync(locked, 0o000);
    try {
      const c = await loadUserCorpus([missing, file, locked, good]);
      assert.ok(c.problems.some(p => p.file === missing && /不存在/.test(p.message)), JSON.stringify(c.problems));
      assert.ok(c.problems.some(p => p.file === file && /文件夹/.test(p.message)), JSON.stringify(c.problems));
      const canRead = (() => {
        try {
          fs.readdirSync(locked);
          return true;
        } catch {
          return false;
        }
      })();
      if (!canRead) {
        // (Running as root, permissions do not stop reading; then the folder simply loads.)
        assert.ok(c.problems.some(p => p.file === locked && /无法读取/.test(p.message)), JSON.stringify(c.problems));
      }
      assert.ok(c.speeches.some(s => s.source === path.join(good, 'speech.txt')), 'the readable folder still loads');
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });

  it('a .docx that is not a zip, a truncated zip and a zip bomb are refused with a reason; other files load', async () => {
    const dir = tmp('docx');
    write(dir, 'a-speech.txt', speech);
    const notZip = write(dir, 'b-not-zip.docx', '这其实是一个文本文件，不是 Word 文档。');
    const real = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const truncated = write(dir, 'c-truncated.docx', real.subarray(0, real.length - 10));
    // 120 MB of zeros in two parts: about 120 KB on disk.
    const zeros = Buffer.alloc(60 * 1024 * 1024);
    const bomb = write(dir, 'd-bomb.docx', zip([{ name: '[Content_Types].xml', data: zeros }, { name: 'word/document.xml', data: zeros }]));
    assert.ok(fs.statSync(bomb).size < 1024 * 1024);
    const ratio = write(dir, 'e-ratio.docx', zip([{ name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024) }]));
    const before = process.memoryUsage().rss;
    const c = await loadUserCorpus([dir]);
    const problem = (f: string) => c.problems.find(p => p.file === f);
    assert.match(problem(notZip)?.message ?? '', /不是.*zip|不是有效/);
    assert.ok(problem(truncated), `truncated zip reported: ${JSON.stringify(c.problems)}`);
    assert.match(problem(bomb)?.message ?? '', /压缩炸弹|解压后超过/);
    assert.match(problem(ratio)?.message ?? '', /压缩炸弹|压缩比/);
    // The bomb was never expanded.
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'memory grew as if the bomb was expanded');
    assert.strictEqual(c.speeches.length, 1);
    assert.strictEqual(c.speeches[0].source, path.join(dir, 'a-speech.txt'));
  });
});
