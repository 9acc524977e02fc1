import * as assert from 'assert';
import {
  detectAnnouncementNumber,
  detectInvalidDate,
  detectRangeDash,
  detectRangeUnit,
  detectSessionNumber,
  detectShortYear,
  detectYearZero,
  toChineseNumeral,
} from '../../src/core/detectors/number';
import { docOf, fixed, fixedSafe, hits, seed } from './detectors-helpers';

describe('number.short-year', () => {
  it('flags two-digit calendar years and completes them', () => {
    assert.strictEqual(fixed(detectShortYear, '09年3月，我市召开会议'), '2009年3月，我市召开会议');
    assert.strictEqual(fixed(detectShortYear, '90年初，我到县里工作'), '1990年初，我到县里工作');
    assert.strictEqual(fixed(detectShortYear, '20年上半年'), '2020年上半年');
    // Leading zero: certain, safe for fix-all. Otherwise the century is a guess.
    assert.strictEqual(detectShortYear(docOf('09年'))[0].fixes?.[0].safe, true);
    assert.strictEqual(detectShortYear(docOf('90年初'))[0].fixes?.[0].safe, false);
  });

  it('leaves durations, decades and full years alone', () => {
    assert.deepStrictEqual(hits(detectShortYear, '建国70年来，20世纪90年代，2009年3月，工作30年'), []);
  });
});

describe('number.year-zero', () => {
  it('wants 〇 in years written in Chinese numerals', () => {
    assert.strictEqual(fixed(detectYearZero, '二0一九年十月'), '二〇一九年十月');
    assert.strictEqual(fixed(detectYearZero, '二O二O年'), '二〇二〇年');
    assert.strictEqual(fixed(detectYearZero, '一九九○年'), '一九九〇年');
    assert.strictEqual(fixed(detectYearZero, '二零二二年'), '二〇二二年');
    assert.strictEqual(detectYearZero(docOf('二零二二年'))[0].severity, 'info');
    assert.deepStrictEqual(hits(detectYearZero, '二〇一九年，三千零五十二人，2019年，十年'), []);
  });
});

describe('number.invalid-date', () => {
  it('finds days and months that do not exist, in Arabic and Chinese numerals', () => {
    const text = '（二〇二六年二月三十日）会议于2026年2月29日召开，4月31日前完成，2026年13月，６月３１日，2026年5月0日。';
    assert.deepStrictEqual(hits(detectInvalidDate, text), ['二〇二六年二月三十日', '2026年2月29日', '4月31日', '2026年13月', '６月３１日', '2026年5月0日']);
    assert.deepStrictEqual(
      detectInvalidDate(docOf(text)).map(m => m.detail),
      [
        '“二〇二六年二月三十日”，2月只有28天',
        '“2026年2月29日”，2026年不是闰年，2月只有28天',
        '“4月31日”，4月只有30天',
        '“2026年13月”，没有13月，月份为1～12',
        '“６月３１日”，6月只有30天',
        '“2026年5月0日”，没有5月0日',
      ],
    );
  });

  it('checks the last day of a range of days in one month', () => {
    const text = '2月27—30日举办培训，4月29至31日放假，9月30、31日值班，二月二十八至三十日，2026年2月27日至29日，11月28-31日。';
    assert.deepStrictEqual(hits(detectInvalidDate, text), ['2月27—30日', '4月29至31日', '9月30、31日', '二月二十八至三十日', '2026年2月27日至29日', '11月28-31日']);
    assert.strictEqual(detectInvalidDate(docOf('11月28-31日')).map(m => m.detail)[0], '“11月28-31日”，11月只有30天');
    // Real ranges, a range into the next month, backwards or mixed numerals are left alone.
    assert.deepStrictEqual(hits(detectInvalidDate, '2月27—29日，3月1至3日，2024年2月28日至29日，2月28日至3月2日，5月3—1日，5月3至四日，6月1日—6月30日'), []);
  });

  it('leaves real dates, lunar dates, counts and codes alone', () => {
    const text =
      '2024年2月29日，2月29日，阳春三月，2026年12月31日，二〇二四年二月二十九日，农历二月三十日，腊月三十日，全年12个月，每月30日前报送，' +
      '1-13月累计，A13月，2026月，一二月份，十二月三十一日，2026.13月';
    assert.deepStrictEqual(hits(detectInvalidDate, text), []);
  });

  it('leaves code spans of Markdown alone', () => {
    assert.deepStrictEqual(hits(detectInvalidDate, '日期 `2026年2月30日` 是反例', true), []);
  });
});

describe('number.range-unit and number.range-dash', () => {
  it('repeats 亿/万/% on both ends of a range', () => {
    assert.strictEqual(fixed(detectRangeUnit, '投资9～16亿元'), '投资9亿～16亿元');
    assert.strictEqual(fixed(detectRangeUnit, '增长15～30%'), '增长15%～30%');
    assert.strictEqual(fixed(detectRangeUnit, '1.5~2.5万人'), '1.5万～2.5万人');
    assert.deepStrictEqual(hits(detectRangeUnit, '投资9亿～16亿元，增长15%～30%'), []);
  });

  it('uses ～ for quantities and — for time and order', () => {
    assert.strictEqual(fixedSafe(detectRangeDash, '一般都分成2-3个组'), '一般都分成2～3个组');
    assert.strictEqual(fixedSafe(detectRangeDash, '2021-2025年'), '2021—2025年');
    assert.strictEqual(fixedSafe(detectRangeDash, '第21-30条'), '第21—30条');
    assert.strictEqual(fixedSafe(detectRangeDash, '每组2—3人'), '每组2～3人');
    assert.strictEqual(fixedSafe(detectRangeDash, '增长15%-30%，下降5%~8%'), '增长15%～30%，下降5%～8%');
    assert.deepStrictEqual(hits(detectRangeDash, '增长15%～30%'), []);
  });

  it('leaves dates, standards, phone and model numbers alone', () => {
    assert.deepStrictEqual(
      hits(detectRangeDash, '时间:2022-07-23 10:20，执行GB/T 9704-2012标准，电话0731-8888888转，型号A-3型，2～3个'),
      [],
    );
  });

  it('finds the ranges of the seed pages', () => {
    const s0 = seed('000');
    assert.deepStrictEqual(detectRangeDash(docOf(s0)).map(m => s0.slice(m.start, m.end)), ['2-3個']);
    const s3 = seed('003');
    const dash = detectRangeDash(docOf(s3)).map(m => s3.slice(m.start, m.end));
    assert.ok(dash.includes('1-7月'), dash.join(' '));
    assert.ok(dash.includes('20-30人'), dash.join(' '));
    const unit = detectRangeUnit(docOf(s3)).map(m => s3.slice(m.start, m.end));
    assert.ok(unit.includes('1-10万'), unit.join(' '));
    // The unit rule owns `1-10万`: the dash rule does not report it a second time.
    assert.ok(!dash.some(d => d.startsWith('1-10')));
  });
});

describe('number.session and number.announcement', () => {
  it('writes session numbers in Chinese numerals', () => {
    assert.strictEqual(fixedSafe(detectSessionNumber, '14届全国人大2次会议'), '十四届全国人大二次会议');
    assert.strictEqual(fixedSafe(detectSessionNumber, '党的19届4中全会'), '党的十九届四中全会');
    assert.strictEqual(fixedSafe(detectSessionNumber, '市委10届12次全会'), '市委十届十二次全会');
    assert.deepStrictEqual(hits(detectSessionNumber, '第3届运动会，十四届全国人大二次会议，开了2次会议'), []);
  });

  it('suggests Chinese numerals for announced counts', () => {
    assert.strictEqual(fixed(detectAnnouncementNumber, '我讲3个方面的意见'), '我讲三个方面的意见');
    assert.strictEqual(fixed(detectAnnouncementNumber, '我再强调2点'), '我再强调两点');
    assert.strictEqual(fixed(detectAnnouncementNumber, '从以下5个方面'), '从以下五个方面');
    const m = detectAnnouncementNumber(docOf('我讲3点意见'))[0];
    assert.strictEqual(m.fixes?.[0].safe, false);
    assert.deepStrictEqual(hits(detectAnnouncementNumber, '下面，我讲三点意见；共有3个方面军'), []);
  });

  it('converts 1–99 to Chinese numerals', () => {
    assert.deepStrictEqual([1, 10, 11, 14, 20, 21, 99].map(toChineseNumeral), ['一', '十', '十一', '十四', '二十', '二十一', '九十九']);
  });
});
