import * as assert from 'assert';
import { DocContext } from '../../src/core/document';
import { detectShortYear } from '../../src/core/detectors/number';
import { detectAnniversary } from '../../src/core/rules/detectors/anniversary';
import { detectCampaignPeriod } from '../../src/core/rules/detectors/campaignPeriod';
import { chineseNumeral, parseNumber, positions } from '../../src/core/rules/detectors/context';
import { detectCongressDate, detectEightPointDate, detectPlenumDate } from '../../src/core/rules/detectors/partyCalendar';
import { detectRegionAsCountry } from '../../src/core/rules/detectors/regionAsCountry';
import { detectNpcSessionDate, detectSessionOrder, sessionMentions } from '../../src/core/rules/detectors/sessions';
import { fixed, hits, seed, type Run } from './detectors-helpers';

const at = (date: string, run: Run, text: string) => run(new DocContext(text, { date })).map(m => text.slice(m.start, m.end));
const anniversary: Run = doc => detectAnniversary(doc, {});

describe('formulation context detectors', () => {
  it('read and write Chinese numerals of anniversaries and sessions', () => {
    assert.deepStrictEqual(
      ['十', '十四', '二十一', '七十五', '一百', '一百零五', '一百一十', '百', '75', '七五', '十十', ''].map(parseNumber),
      [10, 14, 21, 75, 100, 105, 110, 100, 75, null, null, null],
    );
    assert.deepStrictEqual([10, 14, 21, 75, 100, 105, 110].map(chineseNumeral), ['十', '十四', '二十一', '七十五', '一百', '一百零五', '一百一十']);
  });

  it('share one scan per trigger word between detectors', () => {
    const doc = new DocContext('十四届全国人大二次会议和十九届四中全会', { date: '2026-11-22' });
    assert.strictEqual(positions(doc, '届'), positions(doc, '届'));
    assert.deepStrictEqual(positions(doc, '届'), [2, 14]);
    assert.strictEqual(sessionMentions(doc).length, 1);
  });

  it('session-order: puts the term before 全国人大 and after 全国政协, in Chinese numerals', () => {
    assert.strictEqual(fixed(detectSessionOrder, '全国人大十四届二次会议'), '十四届全国人大二次会议');
    assert.strictEqual(fixed(detectSessionOrder, '十四届全国政协二次会议'), '全国政协十四届二次会议');
    assert.strictEqual(fixed(detectSessionOrder, '全国人大14届2次会议'), '十四届全国人大二次会议');
    assert.strictEqual(fixed(detectSessionOrder, '全国人民代表大会第十四届第二次会议'), '第十四届全国人民代表大会第二次会议');
    assert.deepStrictEqual(
      hits(detectSessionOrder, '十四届全国人大二次会议、全国政协十四届二次会议、中国人民政治协商会议第十四届全国委员会第二次会议、市十四届人大四次会议、十四届全国政协委员、换届选举'),
      [],
    );
  });

  it('npc-session-date: five sessions a term, one each March from 2013, 2018, 2023', () => {
    assert.deepStrictEqual(hits(detectNpcSessionDate, '十四届全国人大六次会议'), ['十四届全国人大六次会议']);
    assert.strictEqual(fixed(detectNpcSessionDate, '全国政协十四届二次会议（2023年3月）'), '全国政协十四届二次会议（2024年3月）');
    // The 2020 session met in May; the month is not checked, the year is.
    assert.deepStrictEqual(hits(detectNpcSessionDate, '十三届全国人大三次会议于2020年5月召开'), []);
    // Only a date that belongs to the session: 2025年 here is when the tasks were done.
    assert.deepStrictEqual(hits(detectNpcSessionDate, '2025年，十四届全国人大二次会议确定的目标任务全面完成'), []);
    assert.deepStrictEqual(at('2026-01-10', detectNpcSessionDate, '贯彻十四届全国人大四次会议精神'), ['十四届全国人大四次会议']);
    assert.deepStrictEqual(at('2026-01-10', detectNpcSessionDate, '开好即将召开的十四届全国人大四次会议'), []);
  });

  it('anniversary: counts from the event to the year the sentence names', () => {
    assert.deepStrictEqual(at('2025-12-01', anniversary, '明年是建党105周年'), []);
    assert.deepStrictEqual(at('2026-03-01', anniversary, '明年是建党105周年'), ['105周年']);
    assert.strictEqual(fixed(anniversary, '2019年是新中国成立七十周年'), '2019年是新中国成立七十周年');
    assert.strictEqual(fixed(anniversary, '2019年是新中国成立七十一周年'), '2019年是新中国成立七十周年');
    // 即将 / 前夕: the coming year counts too.
    assert.deepStrictEqual(at('2020-12-20', anniversary, '值此建党100周年即将到来之际'), []);
    assert.deepStrictEqual(at('2020-12-20', anniversary, '值此建党100周年之际'), ['100周年']);
    // No year in the sentence, a cited speech, a count of years that is no anniversary of these events.
    assert.deepStrictEqual(
      hits(anniversary, '在庆祝中国共产党成立95周年大会上的讲话。建党百年。今年是我县撤县设市30周年。2019年以来，庆祝新中国成立70周年系列活动'),
      [],
    );
  });

  it('congress-date: dates next to the congress, held and coming congresses by the document date', () => {
    assert.strictEqual(fixed(detectCongressDate, '2017年11月召开的党的十九大'), '2017年10月召开的党的十九大');
    assert.deepStrictEqual(hits(detectCongressDate, '党的十九大（2017年10月18日）、党的十八大以来、一百二十大箱、第十九大队、2013年党的十八大精神'), []);
    const future = detectCongressDate(new DocContext('深入学习贯彻党的二十一大精神', { date: '2026-11-22' }));
    assert.deepStrictEqual(
      future.map(m => m.severity),
      ['info'],
    );
    assert.deepStrictEqual(at('2022-10-10', detectCongressDate, '即将召开的党的二十大'), []);
    assert.deepStrictEqual(at('2023-01-10', detectCongressDate, '即将召开的党的二十大'), ['二十大']);
  });

  it('plenum-date: dates and the documents each plenum adopted', () => {
    assert.strictEqual(
      fixed(detectPlenumDate, '党的十九届五中全会通过的《中共中央关于党的百年奋斗重大成就和历史经验的决议》'),
      '党的十九届六中全会通过的《中共中央关于党的百年奋斗重大成就和历史经验的决议》',
    );
    // 进一步全面深化改革 belongs to the third plenum of the 20th, not of the 18th.
    assert.deepStrictEqual(hits(detectPlenumDate, '党的二十届三中全会审议通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》'), []);
    assert.deepStrictEqual(hits(detectPlenumDate, '党的十八届三中全会审议通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》'), ['十八届三中全会']);
    // Dates the reference table leaves to be confirmed: info.
    assert.deepStrictEqual(
      detectPlenumDate(new DocContext('2013年2月召开的党的十八届三中全会', { date: '2026-11-22' })).map(m => m.severity),
      ['info'],
    );
  });

  it('eight-point-date: the year before a verb of making it', () => {
    assert.strictEqual(fixed(detectEightPointDate, '2013年1月，中央出台八项规定'), '2012年12月，中央出台八项规定');
    assert.strictEqual(
      fixed(detectEightPointDate, '2013年，中央政治局审议通过了《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》'),
      '2012年，中央政治局审议通过了《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》',
    );
    assert.deepStrictEqual(hits(detectEightPointDate, '2013年以来，认真贯彻中央八项规定。2017年10月审议通过中央八项规定实施细则。2012年12月4日，中央政治局审议通过八项规定'), []);
  });

  it('campaign-period: under way after it ended (info where the end is not sourced)', () => {
    const list = detectCampaignPeriod(new DocContext('当前正在开展“不忘初心、牢记使命”主题教育。扎实开展党史学习教育。', { date: '2023-05-01' }));
    assert.deepStrictEqual(
      list.map(m => m.severity),
      [undefined, 'info'],
    );
    assert.deepStrictEqual(at('2023-05-01', detectCampaignPeriod, '2021年，我们扎实开展党史学习教育。党史学习教育取得明显成效。'), []);
    assert.deepStrictEqual(at('2020-06-01', detectCampaignPeriod, '党史学习教育取得明显成效'), ['党史学习教育']);
  });

  it('region-as-country: 国家和地区, 大陆和台湾, 内地与香港', () => {
    assert.strictEqual(fixed(detectRegionAsCountry, '台湾、香港等国家'), '台湾、香港等国家和地区');
    assert.strictEqual(detectRegionAsCountry(new DocContext('台湾、香港等国家', { date: '2026-11-22' })).length, 1);
    assert.strictEqual(fixed(detectRegionAsCountry, '深化中国与香港的合作'), '深化内地与香港的合作');
    assert.deepStrictEqual(hits(detectRegionAsCountry, '欧美国家和台湾地区。中国台湾。香港特别行政区。港澳台同胞。美国、日本等国家'), []);
  });

  it('the seed speeches (real pages) raise none of the date and context findings', () => {
    const quiet = [detectSessionOrder, detectNpcSessionDate, anniversary, detectCongressDate, detectPlenumDate, detectEightPointDate, detectCampaignPeriod, detectRegionAsCountry];
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = seed(prefix);
      for (const run of quiet) {
        assert.deepStrictEqual(hits(run, text), [], `seed ${prefix}`);
      }
    }
  });
});

describe('number.short-year after a preposition of time', () => {
  it('completes 从90年开始 and 到98年, leaves durations alone', () => {
    assert.strictEqual(fixed(detectShortYear, '从90年开始'), '从1990年开始');
    assert.strictEqual(fixed(detectShortYear, '一直坚持到98年。'), '一直坚持到1998年。');
    assert.strictEqual(fixed(detectShortYear, '从90年到98年'), '从1990年到1998年');
    assert.strictEqual(fixed(detectShortYear, '截止98年底'), '截止1998年底');
    assert.deepStrictEqual(
      hits(detectShortYear, '到90年代，从3年前开始，用了90年，奋斗了98年，建党100年，延长到30年，从20年的实践看，需要20年到30年，相当于10年，在40年改革开放进程中'),
      [],
    );
  });
});
