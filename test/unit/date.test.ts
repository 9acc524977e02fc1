import * as assert from 'assert';
import { findDocumentDate, impossibleDay, isPlaceholderDateLine, parseChineseDateLine, parseIsoDate, readDateLine } from '../../src/core/date';

describe('document dates', () => {
  it('reads title-block date lines in Arabic and Chinese numerals, every month and day', () => {
    const cases: [string, string | null][] = [
      ['（2005年11月21日）', '2005-11-21'],
      ['(2005年11月21日)', '2005-11-21'],
      ['2005年3月1日', '2005-03-01'],
      ['（二〇〇五年十一月二十一日）', '2005-11-21'],
      ['（二〇〇五年三月十日）', '2005-03-10'],
      ['（二〇〇五年一月一日）', '2005-01-01'],
      ['（二〇〇五年十二月一日）', '2005-12-01'],
      ['二〇〇五年十二月三日', '2005-12-03'],
      ['（二〇二一年二月二十九日）', null], // not a leap year
      ['（2005年3月10日在全市经济工作会议上）', '2005-03-10'],
      ['（20xx年3月5日）', null],
      ['（×年×月×日）', null],
      ['2005年13月1日', null],
      ['今天是2005年3月1日。', null],
    ];
    for (const [line, want] of cases) {
      assert.strictEqual(parseChineseDateLine(line), want, line);
    }
  });

  it('reads date lines written otherwise, and tells a day that does not exist', () => {
    const cases: [string, ReturnType<typeof readDateLine>][] = [
      ['（二0二六年二月二十日）', { iso: '2026-02-20' }], // a wrong zero (number.year-zero reports it)
      ['（二O二六年二月二十日）', { iso: '2026-02-20' }],
      ['（２０２６年２月２０日）', { iso: '2026-02-20' }],
      ['（2026.2.20）', { iso: '2026-02-20' }],
      ['2026-02-20', { iso: '2026-02-20' }],
      ['（2026/2/20）', { iso: '2026-02-20' }],
      ['（2026年2月30日）', { iso: null, why: 'impossible' }],
      ['（二〇二六年二月三十日）', { iso: null, why: 'impossible' }],
      ['（2026年13月1日）', { iso: null, why: 'impossible' }],
      ['（2026.2.30）', { iso: null, why: 'impossible' }],
      ['（20××年×月×日）', { iso: null, why: 'placeholder' }],
      ['（○○○○年3月5日）', { iso: null, why: 'placeholder' }],
      ['（2026.2-20）', null],
      ['（1890年3月1日）', null],
      ['2026年2月20日召开会议', null],
      ['（2015年3月1日，根据录音整理）', { iso: '2015-03-01' }],
      ['（2026年3月5日，有删节）', { iso: '2026-03-05' }],
      ['2015年3月1日，我们召开会议', null],
      ['1.2.3', null],
    ];
    for (const [line, want] of cases) {
      assert.deepStrictEqual(readDateLine(line), want, line);
    }
    assert.strictEqual(impossibleDay(2024, 2, 29), null);
    assert.strictEqual(impossibleDay(null, 2, 29), null);
    assert.strictEqual(impossibleDay(2026, 2, 29), '2026年不是闰年，2月只有28天');
    assert.strictEqual(impossibleDay(2026, 2, 30), '2月只有28天');
    assert.strictEqual(impossibleDay(null, 4, 31), '4月只有30天');
    assert.strictEqual(impossibleDay(null, 2, 30), '2月最多29天');
    assert.strictEqual(impossibleDay(2026, 13, 1), '没有13月，月份为1～12');
    assert.strictEqual(impossibleDay(2026, 5, 0), '没有5月0日');
  });

  it('tells a date line not filled in yet from other lines', () => {
    for (const line of ['（20××年×月×日）', '（20xx年3月5日）', '（2026年X月X日）', '（××××年××月××日）', '二〇××年×月×日', '（×年×月×日）', '（20××年×月×日在全县人大工作会议上）']) {
      assert.ok(isPlaceholderDateLine(line), line);
    }
    for (const line of ['（2026年3月5日）', '2026年3月5日', '县人大常委会主任  ×××', '今天是20××年×月×日，我们召开会议。', '（20××年×月）', 'XX市人大常委会']) {
      assert.ok(!isPlaceholderDateLine(line), line);
    }
  });

  it('takes the date from the title block only', () => {
    assert.deepStrictEqual(findDocumentDate('在全市人大工作会议上的讲话\n张三\n（二〇〇五年三月十日）\n\n同志们：\n'), { date: '2005-03-10', line: 2 });
    assert.strictEqual(findDocumentDate('同志们：\n今天……\n（2005年3月10日）\n'), null);
    // A report's subtitle begins with its date.
    assert.deepStrictEqual(findDocumentDate('关于代表建议办理情况的报告\n——2026年10月28日在市十七届人大常委会第二十次会议上\n'), { date: '2026-10-28', line: 1 });
    assert.strictEqual(findDocumentDate('某某的报告\n——在2026年全市工作会议上\n'), null);
    // A date line naming a day that does not exist gives no date; nothing further down is taken instead.
    assert.strictEqual(findDocumentDate('在全市人大工作会议上的讲话\n张三\n（2026年2月30日）\n（2005年3月10日）\n同志们：\n'), null);
  });

  it('reads past long lines before the date, whatever the line breaks', () => {
    const long = '在全市人大工作会议上的讲话'.repeat(40);
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = [long, '张三', '（二〇〇五年三月十日）', '', '同志们：'].join(eol);
      assert.deepStrictEqual(findDocumentDate(text), { date: '2005-03-10', line: 2 }, JSON.stringify(eol));
    }
    // One line of a million characters: its end is found without reading it character by character.
    assert.strictEqual(findDocumentDate('讲话'.repeat(500_000)), null);
    assert.deepStrictEqual(findDocumentDate('讲话'.repeat(500_000) + '\r\n（2005年3月10日）'), { date: '2005-03-10', line: 1 });
  });

  it('accepts only real ISO dates', () => {
    assert.strictEqual(parseIsoDate('2026-02-28'), '2026-02-28');
    assert.strictEqual(parseIsoDate('2026-02-29'), null);
    assert.strictEqual(parseIsoDate('2026-2-3'), null);
  });
});
