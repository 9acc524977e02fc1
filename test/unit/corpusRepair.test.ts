import * as assert from 'assert';
import * as iconv from 'iconv-lite';
import {
  CharBigramModel,
  detectMojibake,
  findMisalignedGbk,
  findPinyinAnnotations,
  findTraditionalRuns,
  findUtf8AsLatin1,
  isCommonChar,
  repairText,
  toSimplified,
} from '../../src/core/text/repair';
import { seedPage as seed, seedPages } from '../support/seeds';

/** Simulates the damage: GBK bytes of `text`, one lead byte lost (shown as `?`), decoded out of step. */
function misalign(before: string, damaged: string, after: string): string {
  const bytes = iconv.encode(damaged, 'gbk');
  return before + '?' + iconv.decode(bytes.subarray(1), 'gbk') + after;
}

describe('text repair', () => {
  it('removes pinyin annotations but keeps real parentheses', () => {
    const t = '發(fā)展經(jīng)濟，做好(一)项工作，使用(ppp)模式';
    const spans = findPinyinAnnotations(t);
    assert.deepStrictEqual(
      spans.map(s => t.slice(s.start, s.end)),
      ['(fā)', '(jīng)'],
    );
  });

  it('converts traditional to simplified and finds traditional runs', () => {
    assert.strictEqual(toSimplified('領導在人大工作會議發言'), '领导在人大工作会议发言');
    const runs = findTraditionalRuns('我们要加強學习');
    assert.deepStrictEqual(
      runs.map(r => [r.text, r.simplified]),
      [['強學', '强学']],
    );
  });

  it('realigns the misaligned GBK run of seed 000 (`??梢哉f` → `。可以說`)', () => {
    const text = seed('000');
    assert.ok(text.includes('??梢哉f'));
    const runs = findMisalignedGbk(text, { model: CharBigramModel.fromTexts(seedPages()) });
    const run = runs.find(r => r.original === '??梢哉f');
    assert.ok(run, 'run found');
    assert.strictEqual(run.recovered, '。可以說');
    // `?！皟砂l` is `。“兩發`, three times in the page.
    assert.strictEqual(runs.filter(r => r.recovered === '。“兩發').length, 3);
  });

  it('recovers runs made by the same mechanism from other text', () => {
    const model = CharBigramModel.fromTexts(seedPages());
    // The decoder falls back into step at a trail byte in the ASCII range (`繫` = C0 4D → `M`).
    const damaged = misalign('代表工作', '。加強聯繫', '群众');
    assert.strictEqual(damaged, '代表工作?＜訌娐摾M群众');
    const [run] = findMisalignedGbk(damaged, { model });
    assert.ok(run, damaged);
    assert.strictEqual(run.original, '?＜訌娐摾M');
    assert.strictEqual(run.chars.slice(1).join(''), '加強聯繫');
  });

  it('reports the characters whose bytes were lost instead of guessing without evidence', () => {
    const runs = findMisalignedGbk(seed('000'));
    // Without a model the lost first character stays unknown.
    assert.ok(runs.length >= 8);
    assert.ok(runs.every(r => r.chars[0] === null && r.recovered === null));
  });

  it('repairs seed 000 into clean simplified text and lists what it could not recover', () => {
    const { text, notes } = repairText(seed('000'), { model: CharBigramModel.fromTexts(seedPages()) });
    assert.ok(!/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/.test(text), 'no annotations left');
    assert.ok(!text.includes('?'), 'no lost-byte marks left');
    assert.ok(!/梢哉|皟砂|顒娱|鶎右/.test(text), 'no misaligned garbage left');
    assert.ok(text.includes('可以说，人大干部是这次换届选举的骨干力量') || text.includes('可以说,人大干部是这次换届选举的骨干力量'));
    assert.ok(text.includes('领导在人大工作会议发言范文五篇'));
    assert.ok(findTraditionalRuns(text).length < 5, 'simplified');
    const lost = notes.filter(n => !n.recovered);
    assert.ok(lost.some(n => n.original === '?zhèn)?'), 'torn annotation reported');
    assert.ok(lost.length >= 2 && lost.length <= 6);
  });

  it('leaves clean simplified text alone', () => {
    const clean = seed('002');
    const { text, notes } = repairText(clean);
    assert.strictEqual(text, clean);
    assert.deepStrictEqual(notes, []);
  });

  it('decodes UTF-8 read as Latin-1 and flags it', () => {
    const garbled = Buffer.from('人大代表', 'utf8').toString('latin1');
    const [s] = findUtf8AsLatin1(`前文${garbled}后文`);
    assert.strictEqual(s.recovered, '人大代表');
    assert.deepStrictEqual(findUtf8AsLatin1('Café crème'), []);
    assert.ok(detectMojibake(`前文${garbled}后文`).some(m => m.kind === 'utf8-as-latin1'));
  });

  it('knows common characters', () => {
    assert.ok(isCommonChar('人'));
    assert.ok(isCommonChar('說'), 'judged on the simplified form');
    assert.ok(!isCommonChar('顒'));
  });
});
