import * as assert from 'assert';
import { speaksOfTimeBefore } from '../../src/core/rules/historical';
import { loadGongwen } from '../../src/node/services';

/** `speaksOfTimeBefore` on the first occurrence of `term` in `text`. */
const before = (text: string, term: string, since = '2018-03-11') => {
  const at = text.indexOf(term);
  assert.ok(at >= 0, term);
  return speaksOfTimeBefore(text, at, at + term.length, since);
};

describe('rules: sentences about the time before a formulation changed', () => {
  it('a year before the change, a former name, the change told, or 当时 make the sentence historical', () => {
    for (const text of [
      '2012年，市人大常委会听取审议“一府两院”专项工作报告8个。',
      '二〇一二年，市人大常委会监督“一府两院”。',
      '2018年3月以前，人大监督的对象称“一府两院”。',
      '监督对象由“一府两院”变为“一府一委两院”。',
      '当时，人大常委会监督的是“一府两院”。',
      '这一提法（“一府两院”）已不再使用。',
      '从“一府两院”改为“一府一委两院”，监督范围扩大了。',
      '人大监督对象从“一府两院”拓展为“一府一委两院”。',
      '宪法修改后，“一府两院”变为“一府一委两院”。',
      '十三届全国人大一次会议以前，人大监督的对象是“一府两院”。',
    ]) {
      assert.strictEqual(before(text, '一府两院'), true, text);
    }
    // Earlier events told as events: a congress that put something forward, a plan's period.
    assert.strictEqual(before('党的十六大提出全面建设小康社会的奋斗目标。', '全面建设小康社会', '2012-11-08'), true);
    assert.strictEqual(before('党的十九大报告以“决胜全面建成小康社会”为主题。', '决胜全面建成小康社会', '2021-07-01'), true);
    assert.strictEqual(before('“十三五”时期，我们全力打赢脱贫攻坚战。', '打赢脱贫攻坚战', '2021-02-25'), true);
    // Not what is done now (贯彻……精神), not an event from the change on, not a plan that runs past it.
    assert.strictEqual(before('深入贯彻党的十九大精神，督促“一府两院”改进工作。', '一府两院'), false);
    assert.strictEqual(before('党的二十大提出，要以中国式现代化全面推进中华民族伟大复兴。', '以中国式现代化全面推进中华民族伟大复兴', '2022-10-16'), false);
    assert.strictEqual(before('“十四五”期间，要坚持常态化疫情防控。', '常态化疫情防控', '2023-01-08'), false);
  });

  it('a sentence reaching now, with a year from the change on, or without any signal is current', () => {
    for (const text of [
      '督促和支持“一府两院”依法开展工作。',
      '2017年以来，市人大常委会听取审议“一府两院”专项工作报告30个。',
      '党的十八大以来，我们督促“一府两院”改进工作，2012年的经验值得总结。',
      '2012年和2025年，听取审议“一府两院”专项工作报告。',
      '2012年起，听取审议“一府两院”专项工作报告。',
      '2019年，市人大常委会听取审议“一府两院”专项工作报告。',
      '去年，市人大常委会听取审议“一府两院”专项工作报告。',
      // Words of any sentence, away from the term: no signal.
      '要把压力变为动力，把工作重心调整为监督，督促“一府两院”改进工作。',
      '督促“一府两院”把群众反映的问题逐项整改，改为长效机制。',
    ]) {
      assert.strictEqual(before(text, '一府两院'), false, text);
    }
    // The sentence ends at its stop or line: a year in the sentence before does not count.
    assert.strictEqual(before('2012年，我们开展了评议。今年督促“一府两院”改进工作。', '一府两院'), false);
    assert.strictEqual(before('2012年，我们开展了评议\n督促“一府两院”改进工作。', '一府两院'), false);
  });

  it('the engine turns a changed formulation in a historical sentence into a hint without a safe fix', () => {
    const gw = loadGongwen();
    const found = (text: string) =>
      gw.linter
        .check(text, { date: '2026-11-22' })
        .findings.filter(f => f.ruleId.startsWith('formulation.'))
        .map(f => [f.ruleId, f.severity, f.fixes.some(x => x.safe)]);
    const past = '同志们：\n2012年，我们提出了“全面建设小康社会”的奋斗目标，督促“一府两院”改进工作。';
    assert.deepStrictEqual(found(past), [
      ['formulation.xiaokang-jiancheng', 'hint', false],
      ['formulation.yifu-liangyuan', 'hint', false],
    ]);
    const hint = gw.linter.check(past, { date: '2026-11-22' }).findings.find(f => f.ruleId === 'formulation.yifu-liangyuan');
    assert.match(hint!.message, /本句讲的是改变以前的情况/);
    assert.deepStrictEqual(found('同志们：\n今年，我们督促“一府两院”改进工作，为全面建设小康社会而奋斗。'), [
      ['formulation.yifu-liangyuan', 'error', true],
      ['formulation.xiaokang-jiancheng', 'error', false],
    ]);
  });
});
