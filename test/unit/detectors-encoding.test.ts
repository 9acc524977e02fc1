import * as assert from 'assert';
import { detectMojibakeFindings, detectTraditional } from '../../src/core/detectors/encoding';
import { docOf, fixed, fixedSafe, hits, seed } from './detectors-helpers';

describe('encoding.mojibake', () => {
  it('reports ???, replacement characters and misaligned GBK runs', () => {
    assert.deepStrictEqual(hits(detectMojibakeFindings, '人大干部是这次换届选举的???力量'), ['???']);
    assert.deepStrictEqual(hits(detectMojibakeFindings, '替换字符\ufffd\ufffd出现在这里'), ['\ufffd\ufffd']);
    const gbk = '约5000人??梢哉f,这是人大工作';
    const found = detectMojibakeFindings(docOf(gbk));
    assert.strictEqual(found.length, 1);
    assert.ok(gbk.slice(found[0].start, found[0].end).startsWith('??梢哉f'));
  });

  it('repairs what can be repaired: pinyin glosses, UTF-8 read as Latin-1', () => {
    assert.strictEqual(fixedSafe(detectMojibakeFindings, '领导会议发(fā)言'), '领导会议发言');
    assert.strictEqual(fixedSafe(detectMojibakeFindings, 'ä¸­æ–‡文稿'), '中文文稿');
  });

  it('leaves an ordinary half-width question mark to the punctuation checks', () => {
    assert.deepStrictEqual(hits(detectMojibakeFindings, '外商来干什么?我们要想一想。'), []);
    assert.deepStrictEqual(hits(detectMojibakeFindings, 'What? OK.'), []);
  });

  it('finds the damage in seed 000 and none in the clean seed 002', () => {
    const s0 = seed('000');
    const found = detectMojibakeFindings(docOf(s0)).map(m => s0.slice(m.start, m.end));
    assert.ok(found.some(t => t.startsWith('??梢哉f')), found.slice(0, 10).join(' '));
    assert.ok(found.includes('(fā)'));
    assert.deepStrictEqual(detectMojibakeFindings(docOf(seed('002'))), []);
  });
});

describe('encoding.traditional', () => {
  it('converts traditional characters in a simplified text', () => {
    assert.strictEqual(fixed(detectTraditional, '我們要堅持人民至上'), '我们要坚持人民至上');
    assert.strictEqual(fixed(detectTraditional, '領導在人大工作會議上的講話'), '领导在人大工作会议上的讲话');
    const m = detectTraditional(docOf('我們要堅持'))[0];
    assert.match(m.detail ?? '', /們→们/);
  });

  it('needs clear evidence: words that are also simplified are not flagged', () => {
    assert.deepStrictEqual(hits(detectTraditional, '乾坤朗朗，著作等身，登高瞭望，聊以慰藉，宫商角徵羽。'), []);
    // 乾 alone is no evidence, but next to clear traditional characters it is converted with them.
    assert.deepStrictEqual(hits(detectTraditional, '天气乾燥'), []);
    assert.strictEqual(fixed(detectTraditional, '天氣乾燥'), '天气干燥');
  });

  it('converts phrase-aware within each clause that has a traditional character, and only there', () => {
    // 沈默 is a phrase of the converter (沈 alone stays): next to 發言 in the same clause it is converted with it.
    assert.strictEqual(fixed(detectTraditional, '他發言後沈默了'), '他发言后沉默了');
    // In a clause of its own, 沈默 may be a name: the clause has no traditional character, so it is left alone.
    assert.strictEqual(fixed(detectTraditional, '他發言了，沈默同志也在场'), '他发言了，沈默同志也在场');
  });

  it('finds the one traditional word of a 560 000-character line, with its fix', () => {
    const clause = '人大常委会依法履行监督职责，';
    const line = clause.repeat(20_000) + '會議' + clause.repeat(20_000);
    const found = detectTraditional(docOf(line));
    assert.deepStrictEqual(
      found.map(m => line.slice(m.start, m.end)),
      ['會議'],
    );
    assert.strictEqual(found[0].fixes![0].edits[0].newText, '会议');
  });

  it('groups the traditional seed 000 by line, keeps out of broken text, and finds nothing in simplified seeds', () => {
    const s0 = seed('000');
    const doc = docOf(s0);
    const found = detectTraditional(doc);
    const broken = detectMojibakeFindings(doc);
    const lines = new Set(found.map(m => doc.lines.lineAt(m.start)));
    assert.ok(lines.size > 20);
    // Only broken spans split a line into several findings.
    assert.ok(found.length <= lines.size + broken.length);
    for (const m of found) {
      assert.strictEqual(doc.lines.lineAt(m.start), doc.lines.lineAt(m.end - 1));
      for (const b of broken) {
        assert.ok(!(b.start < m.end && m.start < b.end), `“${s0.slice(m.start, m.end)}” overlaps “${s0.slice(b.start, b.end)}”`);
      }
    }
    for (const n of ['001', '002', '003', '004']) {
      assert.deepStrictEqual(detectTraditional(docOf(seed(n))), [], `seed ${n}`);
    }
  });
});
