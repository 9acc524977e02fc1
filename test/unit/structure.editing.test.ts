import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { applyEdits } from '../../src/core/fix';
import { countHan, formatMinutes, nextNumbers, parseOutline, renumberAt, speechStats } from '../../src/core/structure';
import { checkGenreSet, GenreRegistry, parseGenreProfile } from '../../src/core/structure/genres';
import { loadGenreProfiles } from '../../src/node/genres';
import { assertStandingCommitteeReport } from '../support/report';

const root = path.join(__dirname, '..', '..');
const draftDir = path.join(root, 'test', 'fixtures', 'outlines', 'drafts');

function renumber(text: string, line: number, col?: number): string {
  const o = parseOutline(text);
  const offset = col === undefined ? undefined : text.split('\n').slice(0, line).join('\n').length + (line ? 1 : 0) + col;
  const plan = renumberAt(o, text, line, offset);
  assert.ok(plan, 'a renumber plan');
  return applyEdits(text, plan.edits).text;
}

describe('structure: renumbering', () => {
  it('renumbers the level of the heading under the cursor after an insertion', () => {
    const text = '一、甲\n二、新插入\n二、乙\n三、丙';
    assert.strictEqual(renumber(text, 1), '一、甲\n二、新插入\n三、乙\n四、丙');
  });

  it('renumbers after a deletion and a move, keeping the writer’s form and the other levels', () => {
    const text = '一、甲\n（一）子\n（三）子\n三、乙\n（二）子';
    // Cursor in the body of part 一 → its level-1 siblings.
    assert.strictEqual(renumber(text, 0), '一、甲\n（一）子\n（三）子\n二、乙\n（二）子');
    // Cursor on (三) → the children of 一 only.
    assert.strictEqual(renumber(text, 2), '一、甲\n（一）子\n（二）子\n三、乙\n（二）子');
    assert.strictEqual(renumber('1、甲\n3、乙', 1), '1、甲\n2、乙');
  });

  it('renumbers an inline sequence when the cursor is on an item', () => {
    assert.strictEqual(renumber('一是抓学习；三是抓落实；四是抓作风。', 0, 7), '一是抓学习；二是抓落实；三是抓作风。');
    assert.strictEqual(renumber('第一，甲。第三，乙。', 0, 5), '第一，甲。第二，乙。');
    assert.strictEqual(renumber('第一点意见：甲。\n第三点意见：乙。', 1, 1), '第一点意见：甲。\n第二点意见：乙。');
  });

  it('returns no edits when the level is in order, and null outside any part', () => {
    const o = parseOutline('前言\n一、甲\n二、乙');
    assert.deepStrictEqual(renumberAt(o, '前言\n一、甲\n二、乙', 2)?.edits, []);
    assert.strictEqual(renumberAt(o, '前言\n一、甲\n二、乙', 0), null);
  });
});

describe('structure: next-number completion', () => {
  const next = (text: string, line: number, atLineStart = true) => {
    const lines = text.split('\n');
    const offset = lines.slice(0, line + 1).join('\n').length;
    return nextNumbers(parseOutline(text), line, offset, atLineStart).map(n => n.text);
  };

  it('after 二、 offers 三、 (and a first sub-heading)', () => {
    assert.deepStrictEqual(next('一、甲\n正文\n二、乙\n正文\n', 4), ['三、', '（一）']);
  });

  it('inside part 三 after （二） offers （三） first, then 四、', () => {
    const text = '一、甲\n二、乙\n三、丙\n（一）子\n（二）子\n正文\n';
    assert.deepStrictEqual(next(text, 6), ['（三）', '1.', '四、']);
  });

  it('after 一是 offers 二是; mid-line only the sequence', () => {
    assert.deepStrictEqual(next('一、甲\n一是抓学习；', 1, false), ['二是']);
    assert.deepStrictEqual(next('第一，抓学习。', 0, false), ['第二，']);
    assert.deepStrictEqual(next('第一、抓学习。', 0, false), ['第二，']);
    assert.deepStrictEqual(next('第一点意见：抓学习。', 0, false), ['第二点意见：']);
    assert.deepStrictEqual(next('首先，抓学习。', 0, false), ['其次，', '最后，']);
  });

  it('goes on in the writer’s form when it is right, in the right form when it is not, and never repeats 再次', () => {
    assert.deepStrictEqual(next('首先，抓学习。其次，抓落实。再次，抓作风。', 0, false), ['最后，']);
    assert.deepStrictEqual(next('首先，抓学习。其次，抓落实。', 0, false), ['再次，', '最后，']);
    assert.deepStrictEqual(next('第一,抓学习。', 0, false), ['第二，']);
    assert.deepStrictEqual(next('一、甲\n1．孙\n正文。\n', 3)[0], '2．');
    assert.deepStrictEqual(next('一、甲\n１.孙\n正文。\n', 3)[0], '２.');
    assert.deepStrictEqual(next('一、甲\n1、孙\n正文。\n', 3)[0], '2.');
  });

  it('a heading on the cursor’s line starts a new list; no headings before the salutation or after the closing', () => {
    assert.deepStrictEqual(next('一、甲\n（一）子。一是a；二是b。\n（二）丑。', 2, false), []);
    assert.deepStrictEqual(next('一、甲。一是a；二是b。\n二、乙。', 1, false), []);
    assert.deepStrictEqual(next('同志们：\n一、甲\n二、乙\n同志们，让我们共同努力！\n', 4), []);
    assert.deepStrictEqual(next('在全县工作会议上的讲话\n\n同志们：\n一、甲\n', 1), []);
  });

  it('an empty document starts with 一、', () => {
    assert.deepStrictEqual(next('', 0), ['一、']);
  });
});

describe('structure: length and speaking time', () => {
  it('counts Chinese characters, not bytes or punctuation', () => {
    assert.strictEqual(countHan('同志们：abc 123，𠀀好。'), 5);
  });

  it('estimates speaking time at the given pace with part-by-part lengths', () => {
    const text = fs.readFileSync(path.join(draftDir, 'work-meeting.txt'), 'utf8');
    const st = speechStats(text, parseOutline(text), 220);
    assert.strictEqual(st.han, countHan(text));
    assert.ok(Math.abs(st.minutes - st.han / 220) < 1e-9);
    assert.deepStrictEqual(st.parts.map(p => p.label.slice(0, 2)), ['一、', '二、', '三、']);
    assert.ok(st.parts.reduce((a, p) => a + p.han, 0) < st.han);
    assert.strictEqual(formatMinutes(3.5), '3分30秒');
    assert.strictEqual(formatMinutes(0.75), '45秒');
    assert.strictEqual(formatMinutes(10), '10分钟');
  });
});

describe('structure: genre profiles', () => {
  it('the built-in profiles load and validate, with exactly one default', () => {
    const { profiles, issues } = loadGenreProfiles(path.join(root, 'data'));
    assert.deepStrictEqual(issues, []);
    assert.deepStrictEqual(profiles.map(p => p.id).sort(), ['host', 'npc-report', 'npc-session', 'speech', 'work-meeting']);
    const reg = new GenreRegistry();
    reg.set(profiles);
    assert.strictEqual(reg.defaultProfile?.id, 'speech');
    // The setting offers exactly the built-in profiles, each with a description in both languages.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const setting = pkg.contributes.configuration.properties['gongwen.genre'];
    assert.deepStrictEqual([...setting.enum].sort(), ['', ...profiles.map(p => p.id)].sort());
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
      for (const key of setting.enumDescriptions as string[]) {
        assert.ok(nls[key.slice(1, -1)], `${file}: ${key}`);
      }
    }
  });

  it('a report titled with its issuer, and a host’s script, get their own profiles', () => {
    const reg = new GenreRegistry();
    reg.set(loadGenreProfiles(path.join(root, 'data')).profiles);
    const genre = (text: string) => {
      const o = parseOutline(text);
      return reg.resolve(o, o.speeches[0], undefined)?.id;
    };
    assert.strictEqual(genre('市人民政府关于2025年国有资产管理情况的报告\n\n主任、各位副主任、秘书长、各位委员：\n受市人民政府委托，我向本次常委会会议报告，请予审议。\n一、基本情况\n'), 'npc-report');
    assert.strictEqual(genre('在全市人大工作推进会上的主持词\n\n同志们：\n现在开会。下面，请王五同志讲话。\n散会。\n'), 'host');
    assert.strictEqual(genre('在全市人大工作推进会上的讲话\n\n同志们：\n今天，我们召开推进会。\n'), 'work-meeting');
  });

  it('a report to a standing committee: its salutation, the date in its subtitle, its closing', () => {
    const report = [
      '关于2026年度全市人大代表建议办理情况的报告',
      '——2026年10月28日在市十七届人大常委会第二十次会议上',
      '市人民政府副市长  李某',
      '',
      '主任、各位副主任、秘书长、各位委员：',
      '我受市人民政府委托，现将2026年度市人大代表建议办理情况报告如下，请予审议。',
      '一、基本情况',
      '代表共提出建议286件，已全部办结。',
      '二、下一步工作',
      '进一步提高办理质量。',
      '以上报告，请予审议。',
    ].join('\n');
    const o = assertStandingCommitteeReport(report, '2026-10-28');
    // The outline reads the same date in the title block.
    assert.strictEqual(o.titleBlock?.date, '2026-10-28');
    assert.strictEqual(o.titleBlock?.subtitleLine, 1);
  });

  it('a broken profile is reported with its place, never thrown', () => {
    const bad = parseGenreProfile('id: x\nname: 测试\nrequires:\n  salutaton: true\n', 'bad.yaml');
    assert.strictEqual(bad.profile, null);
    assert.strictEqual(bad.issues[0].line, 4);
    assert.match(bad.issues[0].message, /未知字段“salutaton”/);
    assert.match(parseGenreProfile('id: [', 'x.yaml').issues[0].message, /YAML 语法错误/);
    assert.match(parseGenreProfile('id: x\nname: y\nrequires: {}\nmatch: ["("]', 'x.yaml').issues[0].message, /正则表达式无效/);
    const twoDefaults = checkGenreSet([
      { profile: { id: 'a', name: 'A', default: true, requires: {} }, file: 'a.yaml' },
      { profile: { id: 'a', name: 'B', default: true, requires: {} }, file: 'b.yaml' },
    ]);
    assert.strictEqual(twoDefaults.length, 2);
  });
});

describe('structure: gongwen outline', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: t => out.push(t), err: t => err.push(t), stdin: () => Buffer.from('同志们：\n一、甲\n二、乙\n') };
    return { io, out, err };
  };

  it('prints the JSON contract with zero-based lines', async () => {
    const c = capture();
    const code = await main(['outline', '--format', 'json', path.join(draftDir, 'work-meeting.txt')], c.io);
    assert.strictEqual(code, 0);
    const j = JSON.parse(c.out.join(''));
    assert.deepStrictEqual(Object.keys(j).filter(k => ['titleBlock', 'salutation', 'announced', 'parts', 'sequences', 'closing'].includes(k)).length, 6);
    assert.deepStrictEqual(j.titleBlock, { title: '坚定信心 真抓实干 奋力开创人大工作新局面', subtitle: '在全市人大工作会议上的讲话', speaker: '张  明', date: '2025-03-12', line: 0 });
    assert.deepStrictEqual(j.salutation, { text: '同志们：', line: 5 });
    assert.deepStrictEqual(j.announced, { count: 3, text: '我讲三点意见', line: 9 });
    assert.deepStrictEqual(Object.keys(j.parts[0]).slice(0, 4), ['level', 'marker', 'value', 'title']);
    assert.deepStrictEqual([j.parts[0].level, j.parts[0].marker, j.parts[0].line], [1, '一、', 11]);
    assert.deepStrictEqual(j.sequences[0], { kind: '一是', items: [{ marker: '一是', value: 1, line: 13 }, { marker: '二是', value: 2, line: 13 }, { marker: '三是', value: 3, line: 13 }] });
    assert.strictEqual(j.closing.line, 31);
    assert.strictEqual(j.speeches.length, 1);
    assert.strictEqual(j.genre, 'work-meeting');
  });

  it('prints a readable outline and reads standard input', async () => {
    const c = capture();
    assert.strictEqual(await main(['outline', '-'], c.io), 0);
    const text = c.out.join('');
    assert.match(text, /称呼：同志们：（第1行）/);
    assert.match(text, / {2}一、甲（第2行）\n {2}二、乙（第3行）/);
  });

  it('usage and input errors exit 2 with one line', async () => {
    for (const argv of [['outline'], ['outline', '--format', 'xml', 'a.txt'], ['outline', '--genre', 'nope', '-'], ['outline', path.join(os.tmpdir(), 'no-such-file.txt')]]) {
      const c = capture();
      assert.strictEqual(await main(argv, c.io), 2, argv.join(' '));
      assert.strictEqual(c.err.join('').trim().split('\n').length, 1, c.err.join(''));
    }
  });
});
