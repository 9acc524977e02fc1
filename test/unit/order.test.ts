import * as assert from 'assert';
import { compareFindings } from '../../src/core/check';
import { sortByKey, sortRuns } from '../../src/core/order';
import type { Finding } from '../../src/core/types';
import { loadGongwen } from '../../src/node/services';
import { seededRandom } from '../support/random';
import { seedPages } from '../support/seeds';

interface Item {
  key: number;
  second: number;
  id: number;
}

function items(n: number, maxKey: number, seed: number): Item[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, id) => ({ key: Math.floor(r() * maxKey), second: Math.floor(r() * 4), id }));
}

describe('linear-time ordering (sortByKey, sortRuns)', () => {
  it('sortByKey is a stable sort by the key, for keys of one, two and three counting passes', () => {
    for (const maxKey of [1, 7, 2048, 70_000, 5_000_000, 2 ** 32 - 1]) {
      for (const n of [0, 1, 2, 33, 64, 65, 1000]) {
        const list = items(n, maxKey, n * 31 + maxKey);
        const expected = list.slice().sort((a, b) => a.key - b.key);
        sortByKey(list, x => x.key);
        assert.deepStrictEqual(
          list.map(x => x.id),
          expected.map(x => x.id),
          `n=${n} maxKey=${maxKey}`,
        );
      }
    }
  });

  it('sortByKey then sortRuns gives what a stable comparison sort gives, short and long runs alike', () => {
    const compare = (a: Item, b: Item) => a.key - b.key || b.second - a.second;
    for (const [n, maxKey] of [
      [500, 100_000],
      [500, 40],
      [500, 3],
    ]) {
      const list = items(n, maxKey, n + maxKey);
      const expected = list.slice().sort(compare);
      sortByKey(list, x => x.key);
      sortRuns(list, (a, b) => a.key === b.key, compare);
      assert.deepStrictEqual(
        list.map(x => x.id),
        expected.map(x => x.id),
        `n=${n} maxKey=${maxKey}`,
      );
    }
  });

  it("orders a real check's findings exactly as sorting them with compareFindings does", () => {
    const gw = loadGongwen();
    const text = seedPages().join('\n');
    const findings = gw.linter.check(text, { date: '2026-11-22' }).findings;
    assert.ok(findings.length > 1000, `${findings.length} findings`);
    // Shuffle deterministically, then order both ways.
    const r = seededRandom(7);
    const shuffled: Finding[] = findings.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const expected = shuffled.slice().sort(compareFindings);
    sortByKey(shuffled, f => f.start);
    sortRuns(shuffled, (a, b) => a.start === b.start, compareFindings);
    assert.deepStrictEqual(shuffled, expected);
    assert.deepStrictEqual(shuffled, findings);
  });
});
