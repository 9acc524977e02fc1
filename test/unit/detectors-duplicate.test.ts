import * as assert from 'assert';
import { detectDuplicates } from '../../src/core/detectors/duplicate';
import { docOf, fixed, seed } from './detectors-helpers';

const run = (text: string, params: Record<string, unknown> = {}) => detectDuplicates(docOf(text), params);

describe('duplicate', () => {
  it('points at a repeated paragraph, relates it to the first one, and offers to delete it', () => {
    const title = '市人大常委会主任在全市人大工作会议上的讲话';
    const text = `${title}\n${title}\n同志们：`;
    const found = run(text);
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].start, title.length + 1);
    assert.deepStrictEqual(found[0].related?.map(r => [r.start, r.end]), [[0, title.length]]);
    assert.strictEqual(found[0].detail, '第1行');
    assert.strictEqual(found[0].fixes?.[0].safe, false);
    assert.strictEqual(fixed(d => detectDuplicates(d, {}), text), `${title}\n同志们：`);
  });

  it('ignores whitespace and punctuation differences', () => {
    const a = '今年以来，全市各级人大坚持围绕中心、服务大局，依法履职。';
    const b = '  今年以来,全市各级人大坚持围绕中心 服务大局;依法履职';
    assert.strictEqual(run(`${a}\n${b}`).length, 1);
  });

  it('finds a long passage repeated inside other text and merges it into one finding', () => {
    const passage = '全市各级人大坚持围绕中心，服务大局，依法履行监督职责，认真审议决定重大事项，取得了明显成效。';
    const text = `今年以来，${passage}我们要再接再厉。\n总的看，${passage}下一步还要努力。`;
    const found = run(text);
    assert.strictEqual(found.length, 1);
    const second = text.lastIndexOf(passage);
    assert.strictEqual(found[0].start, second);
    assert.strictEqual(text.slice(found[0].start, found[0].end), passage);
    const rel = found[0].related?.[0];
    assert.strictEqual(text.slice(rel?.start, rel?.end), passage);
  });

  it('does not report short repeats or formulaic lines', () => {
    assert.deepStrictEqual(run('同志们：\n谢谢大家！\n谢谢大家！\n一、加强领导\n一、加强领导'), []);
    // Below the thresholds given as params.
    const p = '依法履行监督职责，认真审议决定重大事项';
    assert.strictEqual(run(`${p}\n${p}`).length, 0);
    assert.strictEqual(run(`${p}\n${p}`, { minParagraph: 10 }).length, 1);
  });

  it('finds the repeated title lines of seed 001', () => {
    const text = seed('001');
    const found = run(text);
    const titles = found.filter(m => text.slice(m.start, m.end) === '市人大常委会主任在全市人大工作会议上的讲话');
    assert.strictEqual(titles.length, 2);
    for (const m of found) {
      const rel = m.related?.[0];
      assert.ok(rel && rel.end <= m.start, 'the first occurrence comes before the repeat');
    }
  });

  it('handles a 1 MB single line and a 10 MB document', () => {
    const unit = '全市各级人大坚持围绕中心，服务大局，依法履行监督职责，认真审议决定重大事项，取得了明显成效。';
    const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const one = run(line);
    // One repeated passage: everything after the first copy, related to the first copy.
    assert.strictEqual(one.length, 1);
    assert.strictEqual(one[0].start, unit.length);
    assert.strictEqual(one[0].end, line.length);
    const s3 = seed('003');
    let big = '';
    while (big.length < 10_000_000) {
      big += s3;
    }
    const found = run(big);
    assert.ok(found.length > 0);
    assert.ok(found.every(m => m.start >= s3.length || (m.related?.[0].end ?? 0) <= m.start));
  });
});
