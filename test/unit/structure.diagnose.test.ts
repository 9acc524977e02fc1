import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { DETECTORS } from '../../src/core/detectors';
import { applyEdits } from '../../src/core/fix';
import {
  detectAnnouncedCount,
  detectMissingParts,
  detectMixedStyle,
  detectNumbering,
  detectRunOn,
  detectSkippedLevel,
  detectSubtitleRepeat,
  detectTitleStop,
  detectWrongMark,
} from '../../src/core/structure/diagnose';
import { GenreRegistry } from '../../src/core/structure/genres';
import type { DetectorMatch } from '../../src/core/detectors/types';
import { loadGenreProfiles } from '../../src/node/genres';
import { loadGongwen } from '../../src/node/services';
import { seedPage as seed } from '../support/seeds';

const root = path.join(__dirname, '..', '..');
const draft = (name: string) => fs.readFileSync(path.join(root, 'test', 'fixtures', 'outlines', 'drafts', name), 'utf8');
const registry = new GenreRegistry();
registry.set(loadGenreProfiles(path.join(root, 'data')).profiles);

type D = (doc: DocContext) => DetectorMatch[];
const run = (d: D, text: string, genre?: string) => {
  const doc = new DocContext(text, { date: '2026-11-22', genre });
  return d(doc).map(m => ({ ...m, text: text.slice(m.start, m.end), line: doc.lines.lineAt(m.start) }));
};
const details = (d: D, text: string) => run(d, text).map(m => m.detail);
const missing: D = doc => detectMissingParts(doc, {}, registry);

describe('structure: diagnostics on hand-made drafts', () => {
  const defects = draft('defects.txt');

  it('a clean speech has no structural findings', () => {
    const clean = draft('work-meeting.txt');
    for (const d of [detectAnnouncedCount, detectNumbering, detectMixedStyle, detectSkippedLevel, detectRunOn, detectWrongMark, missing]) {
      assert.deepStrictEqual(details(d, clean), [], d.name);
    }
  });

  it('announced count ≠ parts: points at the announcement, related at every part', () => {
    const [m, ...rest] = run(detectAnnouncedCount, defects);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(m.text, '讲三点');
    assert.strictEqual(m.detail, '开头说讲三点，后面却有四个部分（一、二、四、五、）');
    assert.deepStrictEqual(
      m.related?.map(r => defects.slice(r.start, r.start + 2)),
      ['一、', '二、', '四、', '五、'],
    );
  });

  it('announced count against the sequence that follows (我再强调三点)', () => {
    assert.deepStrictEqual(details(detectAnnouncedCount, '同志们：\n一、甲\n正文。\n最后，我再强调三点：一是抓学习；二是抓落实。'), [
      '说了三点，后面却列了两项（一是、二是）',
    ]);
    assert.deepStrictEqual(details(detectAnnouncedCount, '同志们：\n我讲几点意见。\n一、甲\n二、乙'), []);
    // A speech without numbered headings whose paragraphs start 第一，… : `我从三个方面谈几点想法` counts three.
    const paragraphs = ['第一，始终坚持党的领导。', '第二，始终坚持人民至上。', '第三，始终坚持依法履职。', '第四，始终加强自身建设。'];
    assert.deepStrictEqual(details(detectAnnouncedCount, `同志们：\n借此机会，我从三个方面谈几点想法。\n${paragraphs.join('\n')}`), [
      '说了三点，后面却列了四项（第一、第二、第三、第四）',
    ]);
    assert.deepStrictEqual(details(detectAnnouncedCount, `同志们：\n借此机会，我从四个方面谈几点想法。\n${paragraphs.join('\n')}`), []);
  });

  it('第一，…… paragraphs carrying numbered parts nested in a point are the points announced', () => {
    // As in a real speech of seed 003 (data/corpus/speeches/003-13.txt): 第一 holds (一)…(四), then 第二 and 第三.
    const body = '这是正文的内容。'.repeat(6);
    const speech = [
      '同志们：',
      `今天召开会议。下面，我讲三点意见。`,
      '第一，放下包袱，轻装上阵。',
      body,
      '（一）辩证看待不足。' + body,
      '（二）把握利好因素。' + body,
      '（三）树立高远目标。' + body,
      '（四）坚持埋头苦干。' + body,
      '第二，抓好当前，坚持不懈。',
      body,
      '第三，建好团队，协同作战。',
      body,
      '我的讲话完了，谢谢大家。',
    ].join('\n');
    assert.deepStrictEqual(details(detectAnnouncedCount, speech), []);
    assert.deepStrictEqual(details(detectNumbering, speech), []);
    assert.deepStrictEqual(details(detectAnnouncedCount, speech.replace('三点', '四点')), ['说了四点，后面却列了三项（第一、第二、第三）']);
    // Without the 第一 paragraph before the parts, the parts are what was announced.
    assert.deepStrictEqual(details(detectAnnouncedCount, speech.replace('第一，放下包袱，轻装上阵。\n', '')), [
      '开头说讲三点，后面却有四个部分（（一）（二）（三）（四））',
    ]);
    // `我的讲话完了` closes the speech.
    assert.ok(!details(missing, speech).some(d => d?.includes('结尾')));
  });

  it('a title written with a final full stop is still the title, with a hint to drop the stop', () => {
    const text = '在全市人大工作会议上的讲话。\n（2026年11月20日）\n同志们：\n今天召开全市人大工作会议。下面，我讲两点意见。\n一、甲\n二、乙\n谢谢大家！';
    assert.deepStrictEqual(details(detectTitleStop, text), ['标题末尾一般不用句号']);
    assert.deepStrictEqual(details(missing, text), []);
    assert.strictEqual(new DocContext(text, { date: '2026-11-23' }).documentDate, '2026-11-20');
    // A request to speak is no title, nor is a stop on a later line.
    assert.deepStrictEqual(details(detectTitleStop, '请王书记讲话。\n同志们：\n今天召开会议。'), []);
    assert.deepStrictEqual(details(detectTitleStop, '同志们：\n在全市人大工作会议上的讲话。\n今天召开会议。'), []);
  });

  it('a subtitle that repeats the main title, with a fix that deletes its line', () => {
    const text = '在全县人大工作会议上的讲话\n——在全县人大工作会议上的讲话\n（2026年3月5日）\n同志们：\n今天召开会议。';
    const [m, ...rest] = run(detectSubtitleRepeat, text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(m.text, '——在全县人大工作会议上的讲话');
    assert.strictEqual(applyEdits(text, m.fixes![0].edits).text, '在全县人大工作会议上的讲话\n（2026年3月5日）\n同志们：\n今天召开会议。');
    assert.deepStrictEqual(run(detectSubtitleRepeat, text.replace('在全县人大工作会议上的讲话\n——', '坚持人民代表大会制度\n——')), []);
  });

  it('the end of the meeting is a closing; a host\'s script (主持词) needs none of a speech\'s parts', () => {
    const doc = (title: string, end: string) => `${title}\n同志们：\n现在开会。今天，我们召开全区人大工作会议。\n下面，请李某书记作重要讲话。\n${end}`;
    const speech = '在全区人大工作会议上的讲话';
    for (const end of ['会议到此结束。散会！', '这次会议就到此结束。', '现在散会。', '散会！']) {
      assert.deepStrictEqual(details(missing, doc(speech, end)).filter(d => d?.startsWith('缺少结尾')), [], end);
    }
    assert.deepStrictEqual(details(missing, doc(speech, '请大家抓好落实。')).filter(d => d?.startsWith('缺少结尾')), ['缺少结尾（号召、希望或“谢谢大家！”）（体裁：工作会议讲话）']);
    assert.deepStrictEqual(details(missing, doc('在全区人大工作会议上的主持词', '请大家抓好落实。')), []);
  });

  it('`我们一是要……；二是要……`: the first item after the subject of its clause counts', () => {
    const para = (s: string) => `同志们：\n一、甲\n${s}`;
    assert.deepStrictEqual(details(detectNumbering, para('暑期补课期间，我们一是要保证时间投入。这种做法值得推广；二是要加强常规管理；三是要抓好考试。')), []);
    assert.deepStrictEqual(details(detectNumbering, para('各地一要统一思想，二要狠抓落实。')), []);
    // Not a word ending in 一 (`统一是`), not far into its clause, not an item already counted: still a gap.
    for (const text of ['思想统一是前提；二是要加强常规管理。', '大家都认识到这件事情的重要性一是要注意；二是要加强管理。', '抓紧；二是要加强管理。']) {
      assert.deepStrictEqual(details(detectNumbering, para(text)), ['“一是”序列从“二是”开始，缺少“一是”'], text);
    }
  });

  it('a second `一是` list after the subject of a later paragraph is a list of its own', () => {
    const text = '一、关于监督工作\n一是聚焦经济运行；二是聚焦民生保障；三是聚焦生态环保。\n各专委会一是要加强调研；二是要强化跟踪问效。\n';
    assert.deepStrictEqual(details(detectNumbering, text), []);
    // The same list going on in the next paragraph, and a real disorder, are still one list.
    assert.deepStrictEqual(details(detectNumbering, '同志们：\n一是聚焦经济运行；\n二是聚焦民生保障。\n'), []);
    assert.deepStrictEqual(details(detectNumbering, '同志们：\n一是甲；二是乙；三是丙。\n二是丁。\n'), ['“一是”序列顺序错乱：“三是”之后是“二是”']);
  });

  it('the speaker’s own announcement, not a summary of someone else’s, and its common wordings', () => {
    const parts = '一、提高政治站位\n正文。\n二、狠抓工作落实\n正文。\n';
    const own = '同志们：\n今天召开会议。刚才，王主任从五个方面提出了具体要求，我完全赞同。下面，我再讲两点意见。\n' + parts;
    assert.deepStrictEqual(details(detectAnnouncedCount, own), []);
    assert.deepStrictEqual(details(detectAnnouncedCount, own.replace('两点', '三点')), ['开头说讲三点，后面却有两个部分（一、二、）']);
    for (const said of ['下面，我提出三点要求。', '下面，我讲三方面意见。']) {
      assert.deepStrictEqual(details(detectAnnouncedCount, `同志们：\n${said}\n${parts}`), ['开头说讲三点，后面却有两个部分（一、二、）'], said);
    }
  });

  it('points written 首先……其次……最后 are what an announcement without parts counts', () => {
    const intro = '同志们：\n下面，我讲三点意见。\n';
    const three = '首先，要提高政治站位。一是深刻认识制度优势；二是深刻认识代表作用。\n其次，要认真学习。\n最后，要严守纪律。\n';
    assert.deepStrictEqual(details(detectAnnouncedCount, intro + three), []);
    const four = '首先，要提高站位。\n其次，要认真学习。\n再次，要改进作风。\n最后，要严守纪律。\n';
    assert.deepStrictEqual(details(detectAnnouncedCount, intro + four), ['说了三点，后面却列了四项（首先、其次、再次、最后）']);
    // A lone 首先 opens a sentence: the list after it is counted.
    assert.deepStrictEqual(details(detectAnnouncedCount, `${intro}首先，我代表市委表示感谢。一是甲；二是乙；三是丙。\n`), []);
  });

  it('第一，…… points each with their own numbered list: counted as points, numbered per point', () => {
    const text = '同志们：\n下面，我讲三点意见。\n第一，要提高认识。\n第二，要抓住重点。\n1.深化改革。\n2.规范执法。\n第三，要强化保障。\n1.加强领导。\n2.严格考核。\n';
    assert.deepStrictEqual(details(detectAnnouncedCount, text), []);
    assert.deepStrictEqual(details(detectNumbering, text), []);
    // Without a point between them a restart is still reported.
    assert.deepStrictEqual(details(detectNumbering, '同志们：\n1.深化改革。\n2.规范执法。\n1.加强领导。\n'), ['第三层序号在“2.”之后又从“1.”重新开始']);
  });

  it('gaps, repeats, restarts and disorder at every level and in sequences', () => {
    assert.deepStrictEqual(details(detectNumbering, defects), [
      '第一层序号不连续：“二、”之后是“四、”，缺少“三、”',
      '第二层序号不连续：“（一）”之后是“（三）”，缺少“（二）”',
      '第二层序号从“(三)”开始，缺少“(一)”“(二)”',
      '“一是”序列不连续：“二是”之后是“四是”，缺少“三是”',
    ]);
    assert.deepStrictEqual(details(detectNumbering, '一、甲\n二、乙\n二、丙'), ['第一层序号“二、”重复']);
    assert.deepStrictEqual(details(detectNumbering, '一、甲\n二、乙\n一、丙'), ['第一层序号在“二、”之后又从“一、”重新开始']);
    assert.deepStrictEqual(details(detectNumbering, '一、甲\n三、乙\n二、丙'), ['第一层序号不连续：“一、”之后是“三、”，缺少“二、”', '第一层序号顺序错乱：“三、”之后是“二、”']);
    assert.deepStrictEqual(details(detectNumbering, '一要抓学习；三要抓落实。'), ['“一要”序列不连续：“一要”之后是“三要”，缺少“二要”']);
    assert.deepStrictEqual(details(detectNumbering, '第一，要学习。第三，要落实。'), ['“第一”序列不连续：“第一”之后是“第三”，缺少“第二”']);
    assert.deepStrictEqual(details(detectNumbering, '1.甲\n2.乙\n2.丙'), ['第三层序号“2.”重复']);
  });

  it('a gap offers renumbering of the level as one unsafe fix', () => {
    const text = '一、甲\n二、乙\n四、丙\n五、丁';
    const [m] = run(detectNumbering, text);
    assert.strictEqual(m.fixes?.length, 1);
    assert.strictEqual(m.fixes![0].safe, false);
    assert.strictEqual(applyEdits(text, m.fixes![0].edits).text, '一、甲\n二、乙\n三、丙\n四、丁');
  });

  it('mixed styles at one level', () => {
    const [m] = run(detectMixedStyle, defects);
    assert.strictEqual(m.text, '(三)');
    assert.match(m.detail!, /第二层序号写法不统一/);
    assert.deepStrictEqual(details(detectMixedStyle, '1.甲\n2．乙'), ['第三层序号写法不统一：“1.”式1处，“2．”式1处（应统一为“1.”）']);
  });

  it('a skipped level is reported once per parent', () => {
    const found = run(detectSkippedLevel, defects);
    assert.deepStrictEqual(found.map(m => [m.text, m.detail]), [['1、', '“二、”下直接用了“1、”，跳过了“（一）”这一层']]);
  });

  it('a heading run together with its text, with two fixes', () => {
    const [m, ...rest] = run(detectRunOn, defects);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(m.text, '加强领导，转变作风确保各项任务落到实处');
    assert.deepStrictEqual(m.fixes?.map(f => f.title), ['标题后另起一段', '标题后加句号']);
    const fixed = applyEdits(defects, m.fixes![1].edits).text;
    assert.ok(fixed.includes('四、加强领导，转变作风确保各项任务落到实处。一要压实责任。'));
  });

  it('wrong marks with safe quick fixes', () => {
    const found = run(detectWrongMark, defects);
    assert.deepStrictEqual(found.map(m => [m.text, m.fixes?.[0].edits[0].newText, m.fixes?.[0].safe]), [
      ['1、', '1.', true],
      ['2、', '2.', true],
      ['(三)', '（三）', true],
      ['第一、', '第一，', true],
    ]);
    const fixAll = (t: string) => applyEdits(t, run(detectWrongMark, t).flatMap(m => m.fixes![0].edits)).text;
    assert.strictEqual(fixAll('（一）、统一思想\n一.总体要求\n(二)加强领导'), '（一）统一思想\n一、总体要求\n（二）加强领导');
  });

  it('missing parts for the genre', () => {
    const text = draft('no-salutation.txt');
    assert.deepStrictEqual(
      run(missing, text).map(m => [m.line, m.detail]),
      [
        [2, '缺少称呼（如“同志们：”）（体裁：工作会议讲话）'],
        [4, '正文前没有交代要讲几点（如“下面，我讲三点意见”）（体裁：工作会议讲话）'],
        [10, '缺少结尾（号召、希望或“谢谢大家！”）（体裁：工作会议讲话）'],
      ],
    );
    // The generic profile asks for less.
    assert.deepStrictEqual(
      run(doc => detectMissingParts(doc, {}, registry), text, 'speech').map(m => m.detail),
      ['缺少称呼（如“同志们：”）（体裁：讲话稿）', '缺少结尾（号召、希望或“谢谢大家！”）（体裁：讲话稿）'],
    );
    // A 人代会 speech expects 各位代表 in the salutation and 开幕/闭幕 in the opening.
    const npc = '在市人民代表大会第三次会议开幕会上的讲话\n同志们：\n今天天气很好。\n一、甲\n二、乙\n谢谢大家！';
    assert.deepStrictEqual(run(missing, npc).map(m => [m.severity, m.detail]), [
      ['hint', '人代会开幕、闭幕讲话的称呼通常包括“各位代表”'],
      ['hint', '人代会开幕、闭幕讲话的开头通常有“开幕”或“闭幕”等语句'],
    ]);
    // Not a speech at all: nothing is demanded.
    assert.deepStrictEqual(run(missing, '会议纪要\n参加人员：张三、李四。'), []);
  });

  it('genre: the document comment wins over the setting, the setting over the title', () => {
    const body = '在全市工作会议上的讲话\n同志们：\n一、甲\n二、乙\n谢谢大家！';
    assert.strictEqual(run(missing, body).length, 2); // work-meeting: opening purpose + announcement
    assert.strictEqual(run(missing, body, 'speech').length, 0);
    assert.strictEqual(run(missing, `<!-- gongwen genre: work-meeting -->\n${body}`, 'speech').length, 2);
  });
});

describe('structure: acceptance on the seed pages', () => {
  it('seed 004: `1、` is flagged with the fix to `1.`', () => {
    const found = run(detectWrongMark, seed('004')).filter(m => m.text === '1、');
    assert.ok(found.length >= 1);
    assert.strictEqual(found[0].line, 4);
    assert.strictEqual(found[0].fixes?.[0].edits[0].newText, '1.');
  });

  it('seed 003: the missing `三、` of the 商务工作 speech is found', () => {
    const text = seed('003');
    const found = run(detectNumbering, text).filter(m => m.detail === '第一层序号不连续：“二、”之后是“四、”，缺少“三、”');
    assert.strictEqual(found.length, 1);
    assert.ok(text.split('\n')[found[0].line].startsWith('四、凝心聚力'));
  });

  it('the clean corpus speech of the 商务工作 page (data/corpus/speeches/003-05.txt) has the same gap and run-on heading', () => {
    const text = fs.readFileSync(path.join(root, 'data', 'corpus', 'speeches', '003-05.txt'), 'utf8');
    assert.deepStrictEqual(
      run(detectNumbering, text).filter(m => m.detail!.startsWith('第一层')).map(m => m.detail),
      ['第一层序号不连续：“二、”之后是“四、”，缺少“三、”'],
    );
    assert.strictEqual(run(detectRunOn, text).length, 1);
  });

  it('a heading whose long first sentence goes on with a body opening is a run-on heading', () => {
    const text = '同志们：\n一、统一思想\n会议很重要。\n二、加强领导各级党委要切实加强对这项工作的领导，把这项工作摆上重要议事日程，定期研究解决重要问题。\n';
    const found = run(detectRunOn, text);
    assert.deepStrictEqual(found.map(m => [m.line, m.text, m.detail]), [[3, '加强领导', '标题“二、加强领导”与正文连在一起，标题后应加句号或另起一段']]);
    assert.strictEqual(applyEdits(text, found[0].fixes![1].edits).text.split('\n')[3], '二、加强领导。各级党委要切实加强对这项工作的领导，把这项工作摆上重要议事日程，定期研究解决重要问题。');
    // A long heading with commas, or a short heading with its full stop, is not run on.
    assert.deepStrictEqual(run(detectRunOn, '一、坚持以人民为中心的发展思想，切实解决好人民群众最关心最直接最现实的利益问题\n各级党委要加强领导。\n'), []);
    assert.deepStrictEqual(run(detectRunOn, '二、加强领导。各级党委要切实加强对这项工作的领导，把这项工作摆上重要议事日程。\n'), []);
  });

  it('`第一、` right after a heading is a run-on heading and gets the `第一，` fix, not a sequence starting at 第二', () => {
    const text = '同志们：\n四、强化保障第一、要落实。第二，要督查。\n';
    assert.deepStrictEqual(run(detectRunOn, text).map(m => [m.line, m.text]), [[1, '强化保障']]);
    const wrong = run(detectWrongMark, text);
    assert.deepStrictEqual(wrong.map(m => [m.text, m.detail]), [['第一、', '“第一、”后应用逗号：“第一，”']]);
    assert.strictEqual(applyEdits(text, wrong[0].fixes![0].edits).text, '同志们：\n四、强化保障第一，要落实。第二，要督查。\n');
    assert.deepStrictEqual(details(detectNumbering, text).filter(d => d!.includes('第二')), []);
  });

  it('the structure rules run through the real rule engine with their ids and categories', () => {
    const gw = loadGongwen();
    assert.deepStrictEqual(gw.issues.filter(i => /structure|genre/.test(i.file + i.message)), []);
    const r = gw.linter.check(seed('004'), { date: '2026-11-22' });
    const wrong = r.findings.filter(f => f.ruleId === 'structure.wrong-mark');
    assert.ok(wrong.length >= 7);
    assert.strictEqual(wrong[0].category, 'numbering');
    assert.strictEqual(wrong[0].message, '第三层序号“1、”应写作“1.”');
    const r3 = gw.linter.check(seed('003'), { date: '2026-11-22' });
    assert.ok(r3.findings.some(f => f.ruleId === 'structure.numbering' && f.message.includes('缺少“三、”')));
    for (const name of ['structure.announcedCount', 'structure.numbering', 'structure.mixedStyle', 'structure.skippedLevel', 'structure.runOn', 'structure.wrongMark', 'structure.missingParts']) {
      assert.ok(name in DETECTORS, name);
    }
  });
});
