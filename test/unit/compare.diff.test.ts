import * as assert from 'assert';
import fc from 'fast-check';
import { diffStats, paragraphDiff, splitLinesKeepEnds, splitSentencesKeepEnds, type DiffSegment } from '../../src/core/compare/diff';
import { seedSpeeches, seedSpeechWith } from './compareFixtures';

function sides(segments: readonly DiffSegment[]): { old: string; new: string } {
  return {
    old: segments.filter(s => s[0] <= 0).map(s => s[1]).join(''),
    new: segments.filter(s => s[0] >= 0).map(s => s[1]).join(''),
  };
}

describe('compare: paragraph-first character diff', () => {
  it('splits lines keeping their breaks, so joining gives the text back', () => {
    for (const t of ['', 'a', 'a\n', 'a\r\nb\rc\n\nd', '\n\n']) {
      assert.strictEqual(splitLinesKeepEnds(t).join(''), t);
    }
    assert.deepStrictEqual(splitLinesKeepEnds('甲\r\n乙\n'), ['甲\r\n', '乙\n']);
  });

  it('reproduces both texts exactly for every pair of real seed speeches it is given', () => {
    const speeches = seedSpeeches();
    assert.ok(speeches.length >= 10, 'the seed pages hold at least ten speeches');
    for (let k = 0; k + 1 < speeches.length; k += 3) {
      const a = speeches[k].text;
      const b = speeches[k + 1].text;
      const segs = paragraphDiff(a, b);
      assert.deepStrictEqual(sides(segs), { old: a, new: b }, `${speeches[k].id} vs ${speeches[k + 1].id}`);
      // Adjacent segments never share an op.
      for (let i = 1; i < segs.length; i++) {
        assert.notStrictEqual(segs[i][0], segs[i - 1][0]);
      }
    }
  });

  it('diffs an edited paragraph character by character and keeps untouched paragraphs equal', () => {
    const speech = seedSpeechWith('换届选举工作部署会');
    const lines = speech.text.split('\n');
    const k = lines.findIndex(l => l.length > 80);
    const edited = [...lines];
    edited[k] = lines[k].replace(/([，,])/, '$1切实') + '要抓紧落实。';
    const segs = paragraphDiff(speech.text, edited.join('\n'));
    assert.deepStrictEqual(sides(segs), { old: speech.text, new: edited.join('\n') });
    const inserted = segs.filter(s => s[0] === 1).map(s => s[1]);
    assert.ok(inserted.some(s => s.includes('切实')), 'the inserted words show up as an insertion');
    assert.ok(inserted.every(s => s.length < 20), `only the changes are marked, not the paragraph: ${JSON.stringify(inserted)}`);
    assert.deepStrictEqual(segs.filter(s => s[0] === -1).map(s => s[1]).join(''), '');
    const stats = diffStats(segs);
    assert.strictEqual(stats.deleted, 0);
    assert.ok(stats.ratio > 0.99);
  });

  it('marks a paragraph that has no counterpart as a whole deletion, and a new one as a whole insertion', () => {
    const speech = seedSpeechWith('换届选举工作部署会');
    const lines = speech.text.split('\n');
    const dropped = lines.findIndex((l, i) => i > 5 && l.length > 60);
    const without = lines.filter((_, i) => i !== dropped);
    const added = '这是一段全新的文字，与原文任何段落都不相似，用来检验整段插入的标记是否正确无误。';
    without.splice(3, 0, added);
    const segs = paragraphDiff(speech.text, without.join('\n'));
    assert.deepStrictEqual(sides(segs), { old: speech.text, new: without.join('\n') });
    assert.ok(segs.some(s => s[0] === -1 && s[1].includes(lines[dropped])), 'the dropped paragraph is deleted whole');
    assert.ok(segs.some(s => s[0] === 1 && s[1].includes(added)), 'the new paragraph is inserted whole');
  });

  it('returns one equal segment for identical texts and nothing for two empty ones', () => {
    assert.deepStrictEqual(paragraphDiff('同志们：\n', '同志们：\n'), [[0, '同志们：\n']]);
    assert.deepStrictEqual(paragraphDiff('', ''), []);
    assert.deepStrictEqual(paragraphDiff('', '甲'), [[1, '甲']]);
    assert.deepStrictEqual(diffStats([]).ratio, 1);
  });

  it('reproduces both sides for random edits of real paragraphs (property)', () => {
    const speech = seedSpeechWith('换届选举工作部署会');
    const lines = speech.text.split('\n').slice(0, 30);
    const edit = fc.record({
      at: fc.nat(lines.length - 1),
      kind: fc.constantFrom('drop', 'dup', 'change', 'swap'),
      text: fc.string({ unit: fc.constantFrom('人', '大', '工', '作', '，', '。', '\n', 'a', ' ') }),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), fc.boolean(), (edits, crlf) => {
        const out = [...lines];
        for (const e of edits) {
          const i = Math.min(e.at, out.length - 1);
          if (i < 0) {
            out.push(e.text);
          } else if (e.kind === 'drop') {
            out.splice(i, 1);
          } else if (e.kind === 'dup') {
            out.splice(i, 0, out[i]);
          } else if (e.kind === 'change') {
            out[i] = out[i].slice(0, 5) + e.text + out[i].slice(5);
          } else if (i + 1 < out.length) {
            [out[i], out[i + 1]] = [out[i + 1], out[i]];
          }
        }
        const a = lines.join(crlf ? '\r\n' : '\n');
        const b = out.join('\n');
        assert.deepStrictEqual(sides(paragraphDiff(a, b)), { old: a, new: b });
      }),
      { numRuns: 150 },
    );
  });

  it('diffs long lines sentence by sentence, and long unpunctuated stretches by their common ends', () => {
    // A speech with its line breaks lost, one sentence changed: only that sentence differs.
    const a = seedSpeeches()[2].text.replace(/\n/g, '');
    const sentences = splitSentencesKeepEnds(a);
    assert.strictEqual(sentences.join(''), a);
    assert.ok(sentences.length > 20);
    const k = sentences.length >> 1;
    const b = [...sentences.slice(0, k), sentences[k].replace(/[\u4e00-\u9fff]/, '改'), ...sentences.slice(k + 1)].join('');
    const segs = paragraphDiff(a, b);
    assert.deepStrictEqual(sides(segs), { old: a, new: b });
    assert.strictEqual(diffStats(segs).equal, a.length - 1);
    // Two long stretches without a sentence end: kept at both ends, the middle replaced (not a quadratic diff).
    const long = '人大工作'.repeat(400);
    const x = `甲${long}乙${long}丙`;
    const y = `甲${long}丁${long}丙`;
    assert.deepStrictEqual(paragraphDiff(x, y), [[0, `甲${long}`], [-1, '乙'], [1, '丁'], [0, `${long}丙`]]);
    assert.deepStrictEqual(splitSentencesKeepEnds('甲。”乙！？丙；丁'), ['甲。”', '乙！？', '丙；', '丁']);
  });

  it('falls back to whole replacement beyond the comparison budget, still exact', () => {
    const a = seedSpeeches()[2].text;
    const b = seedSpeeches()[5].text;
    const segs = paragraphDiff(a, b, { maxCells: 1 });
    assert.deepStrictEqual(sides(segs), { old: a, new: b });
  });
});
