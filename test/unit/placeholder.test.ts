import * as assert from 'assert';
import { DocContext } from '../../src/core/document';
import { detectPlaceholders } from '../../src/core/detectors/placeholder';

function found(text: string, markdown = false): string[] {
  const doc = new DocContext(text, { date: '2026-11-22', markdown });
  return detectPlaceholders(doc).map(m => text.slice(m.start, m.end));
}

describe('placeholder detector', () => {
  it('finds the placeholders writers leave behind', () => {
    assert.deepStrictEqual(found('XXX副主任总结了去年的工作'), ['XXX']);
    assert.deepStrictEqual(found('召开xx届人大x次会议'), ['xx', 'x']);
    assert.deepStrictEqual(found('X市X区人民政府'), ['X', 'X']);
    assert.deepStrictEqual(found('参加×××同志的会议'), ['×××']);
    assert.deepStrictEqual(found('市第*届人大'), ['*']);
    assert.deepStrictEqual(found('今后*年，中共*市委要'), ['*', '*']);
    assert.deepStrictEqual(found('20xx年，我市'), ['20xx']);
    assert.deepStrictEqual(found('201x年和202X年'), ['201x', '202X']);
    assert.deepStrictEqual(found('于×月×日召开'), ['×月×日']);
    assert.deepStrictEqual(found('X年X月召开'), ['X年X']);
    assert.deepStrictEqual(found('增长××%'), ['××']);
    assert.deepStrictEqual(found('全年完成【待补】项'), ['【待补】']);
    assert.deepStrictEqual(found('签名：______'), ['______']);
    assert.deepStrictEqual(found('某某同志'), ['某某']);
    // Blanks in template text: empty brackets, what to fill in, a telephone number.
    assert.deepStrictEqual(found('全市共有人大代表（ ）名，比上年增加（）名，(\u3000)人列席'), ['（ ）', '（）', '(\u3000)']);
    assert.deepStrictEqual(found('【会议名称】在【具体地点】召开，［填写单位］承办'), ['【会议名称】', '【具体地点】', '［填写单位］']);
    assert.deepStrictEqual(found('联系电话：138XXXXXXXX，0571-8888XXXX'), ['138XXXXXXXX', '8888XXXX']);
  });

  it('stays quiet on Latin words, model numbers and multiplication', () => {
    assert.deepStrictEqual(found('XML 和 Xbox、iPhone X、XXL 码'), []);
    assert.deepStrictEqual(found('型号 X5、X-ray、0xFF、x86 服务器'), []);
    assert.deepStrictEqual(found('拍X光片，X射线检查'), []);
    assert.deepStrictEqual(found('面积3×4米，共 2 × 3 = 6 平方米'), []);
    assert.deepStrictEqual(found('二〇〇五年十一月二十一日'), []);
    assert.deepStrictEqual(found('二〇〇〇年以来；（二〇〇〇年十月一日）'), []);
    // A person named without the name, footnote marks, option names.
    assert.deepStrictEqual(found('原县长张某某严重违纪违法，李某某、王某某等人受到处理。'), []);
    assert.deepStrictEqual(found('带*号的为约束性指标，标*的为预期性指标。\n*注：数据来源于统计局。'), []);
    assert.deepStrictEqual(found('对X、Y两个方案进行比较。'), []);
    // Still blanks: a lone × for a number or a name (把×建成), 某某 with no surname before it.
    assert.deepStrictEqual(found('全市共×人，把×建成中心，请某某同志'), ['×', '×', '某某']);
    assert.deepStrictEqual(found('○○年○月○日').slice(0, 1), ['○○']);
    assert.deepStrictEqual(found('变量 x 与 y'), []);
    assert.deepStrictEqual(found('调用f()函数，型号ABC123XXXX、12XX，【篇1】讲话，【领导会议发言范文】一'), []);
    // Masked words (`******`) belong to the masked pack, not to placeholders.
    assert.deepStrictEqual(found('坚持******的领导'), []);
  });

  it('does not mistake Markdown emphasis or list bullets for blanks', () => {
    assert.deepStrictEqual(found('**一、总体要求**', true), []);
    assert.deepStrictEqual(found('* 第一项工作', true), []);
    assert.deepStrictEqual(found('这是*强调*的话', true), []);
  });

  it('offers the document year for a year placeholder, never as a silent fix', () => {
    const doc = new DocContext('20xx年工作要点', { date: '2026-11-22' });
    const [m] = detectPlaceholders(doc);
    assert.strictEqual(m.fixes?.[0].edits[0].newText, '2026');
    assert.strictEqual(m.fixes?.[0].safe, false);
  });
});
