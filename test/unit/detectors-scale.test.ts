import * as assert from 'assert';
import { TEXT_DETECTORS } from '../../src/core/detectors/textDetectors';
import type { DetectorMatch } from '../../src/core/detectors/types';
import { docOf, seed } from './detectors-helpers';

/** Every range and every edit lies inside the text. */
function assertValid(text: string, name: string, found: DetectorMatch[]): void {
  for (const m of found) {
    assert.ok(0 <= m.start && m.start <= m.end && m.end <= text.length, `${name}: bad range ${m.start}-${m.end}`);
    for (const f of m.fixes ?? []) {
      for (const e of f.edits) {
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${name}: bad edit ${e.start}-${e.end}`);
      }
    }
  }
}

describe('text detectors at scale', function () {
  this.timeout(600_000);

  // About 1 MB of the seed pages (half-width marks, traditional characters, mojibake, ranges), whole lines only.
  const pages = ['000', '001', '002', '003', '004'].map(seed).join('\n') + '\n';
  let block = '';
  while (block.length < 1_000_000) {
    block += pages;
  }

  it('a 10 MB document gives exactly ten times the findings of its 1 MB block (duplicates aside)', () => {
    const one = docOf(block);
    const ten = docOf(block.repeat(10));
    for (const [name, run] of Object.entries(TEXT_DETECTORS)) {
      const a = run(one, {});
      const b = run(ten, {});
      assertValid(ten.text, name, b);
      if (name === 'duplicate') {
        // Every copy after the first repeats the first.
        assert.ok(b.length > a.length, name);
        assert.ok(b.every(m => (m.related?.[0]?.end ?? 0) <= m.start), name);
      } else {
        assert.strictEqual(b.length, 10 * a.length, name);
      }
    }
  });

  it('the same 1 MB as a single line does not blow up and keeps the line-independent findings', () => {
    const line = block.replace(/[\r\n]+/g, '');
    const doc = docOf(line);
    const counts: Record<string, number> = {};
    for (const [name, run] of Object.entries(TEXT_DETECTORS)) {
      const found = run(doc, {});
      assertValid(line, name, found);
      counts[name] = found.length;
    }
    // Ranges and sessions do not depend on line breaks.
    const lines = docOf(block);
    for (const name of ['number.range-unit', 'number.session', 'number.year-zero']) {
      assert.strictEqual(counts[name], TEXT_DETECTORS[name](lines, {}).length, name);
    }
    assert.ok(counts['punctuation.ascii'] > 10_000);
  });
});
