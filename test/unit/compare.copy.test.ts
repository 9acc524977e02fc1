import * as assert from 'assert';
import { CopySource, detectCopies } from '../../src/core/compare/copy';
import { seedSpeeches, seedSpeechWith } from './compareFixtures';

describe('compare: verbatim copy detection', () => {
  const exemplar = seedSpeechWith('换届选举工作部署会');
  const passage = (() => {
    const line = exemplar.text.split('\n').find(l => l.length > 120) as string;
    return line.slice(10, 90);
  })();

  it('finds a passage copied from an exemplar, with its exact place in the draft and in the exemplar', () => {
    const own = '今天召开这次会议，主要是总结去年以来的工作，研究部署下一步任务。';
    const draft = `${own}\n${passage}\n我们要结合本地实际，认真抓好落实。`;
    const r = detectCopies(draft, exemplar.text);
    assert.strictEqual(r.runs.length, 1);
    const run = r.runs[0];
    assert.strictEqual(draft.slice(run.start, run.end), passage);
    assert.strictEqual(run.long, true);
    assert.strictEqual(r.longRuns, 1);
    assert.strictEqual(exemplar.text.slice(run.sourceStart, run.sourceStart + 20), passage.slice(0, 20));
    assert.strictEqual(r.copiedChars, passage.replace(/\s/g, '').length);
    assert.ok(Math.abs(r.share - r.copiedChars / r.draftChars) < 1e-12);
  });

  it('sees through whitespace, line breaks and full-width versus half-width punctuation', () => {
    const disguised = passage.replace(/,/g, '，').replace(/;/g, '；').replace(/(.{25})/, '$1\n  ');
    const r = detectCopies(`前言。\n${disguised}`, exemplar.text);
    assert.strictEqual(r.runs.length, 1);
    assert.strictEqual(r.copiedChars, passage.replace(/\s/g, '').length);
  });

  it('ignores shared stock phrases shorter than the minimum run', () => {
    const draft = '要认真学习贯彻党的二十大精神，进一步做好人大工作。';
    const r = detectCopies(draft, '我们要深入学习贯彻党的二十大精神并推动各项工作。');
    assert.strictEqual(r.runs.length, 0);
    assert.strictEqual(r.share, 0);
    const loose = detectCopies(draft, '我们要深入学习贯彻党的二十大精神并推动各项工作。', { minRun: 8 });
    assert.strictEqual(loose.runs.length, 1);
    assert.strictEqual(loose.runs[0].long, false);
  });

  it('reports a real speech as fully copied from itself and barely from a different one', () => {
    const [a, b] = [seedSpeeches()[4], seedSpeeches()[9]];
    const self = detectCopies(a.text, new CopySource(a.text));
    assert.ok(self.share > 0.99, `self share ${self.share}`);
    const other = detectCopies(a.text, b.text);
    assert.ok(other.share < 0.2, `share ${other.share} between ${a.id} and ${b.id}`);
  });

  it('handles empty texts', () => {
    assert.deepStrictEqual(detectCopies('', exemplar.text), { share: 0, copiedChars: 0, draftChars: 0, runs: [], longRuns: 0 });
    assert.strictEqual(detectCopies(passage, '').share, 0);
  });
});
