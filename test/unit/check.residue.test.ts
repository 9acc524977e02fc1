import * as assert from 'assert';
import { applyRuleConfig, compareFindings } from '../../src/core/check';
import type { Category, Finding } from '../../src/core/types';
import { seededRandom } from '../support/random';

/** A finding; `deletes`: its first fix deletes [from, to) (a site-residue line), else it replaces its own range. */
function finding(ruleId: string, category: Category, start: number, end: number, deletes?: [number, number]): Finding {
  const [from, to] = deletes ?? [start, end];
  return {
    ruleId,
    category,
    severity: 'error',
    message: `${ruleId} ${start}-${end}`,
    start,
    end,
    fixes: [{ title: 't', edits: [{ start: from, end: to, newText: deletes ? '' : '改' }], safe: false }],
  };
}

/** What the linter must keep, by the definition (quadratic). */
function expected(list: Finding[]): Finding[] {
  // Sorted, exact duplicates (same range, rule and message) dropped, as always.
  const sorted = list
    .slice()
    .sort(compareFindings)
    .filter((f, i, all) => i === 0 || !(f.start === all[i - 1].start && f.end === all[i - 1].end && f.ruleId === all[i - 1].ruleId && f.message === all[i - 1].message));
  const span = (f: Finding) => {
    const e = f.fixes[0].edits;
    return e.length === 1 && e[0].newText === '' && e[0].start <= f.start && e[0].end >= f.end ? e[0] : undefined;
  };
  return sorted.filter((f, i) => {
    if (f.category !== 'residue') {
      return true;
    }
    const own = span(f) ?? f;
    return !sorted.some((g, j) => {
      const d = span(g);
      if (j === i || g.category !== 'residue' || d === undefined || d.start > f.start || d.end < f.end) {
        return false;
      }
      if (span(f) === undefined) {
        return true;
      }
      const same = d.start === own.start && d.end === own.end;
      return (d.start <= own.start && d.end >= own.end && !same) || (same && j < i);
    });
  });
}

describe('findings: one piece of site residue is reported once', () => {
  it('drops residue inside a span another residue finding deletes; keeps the rest', () => {
    const line = finding('residue.site', 'residue', 10, 30, [10, 31]);
    const inner = finding('residue.xiaobian', 'residue', 10, 30, [10, 30]);
    const phrase = finding('residue.site-phrases', 'residue', 12, 20);
    const otherCategory = finding('placeholder', 'placeholder', 12, 14);
    const across = finding('residue.other', 'residue', 25, 40);
    const sameSpanLater = finding('residue.zz', 'residue', 10, 30, [10, 31]);
    const got = applyRuleConfig([inner, across, otherCategory, sameSpanLater, phrase, line], undefined);
    assert.deepStrictEqual(
      got.map(f => f.ruleId),
      ['residue.site', 'placeholder', 'residue.other'],
    );
    // With the line rule switched off, the next widest deletion reports the line.
    const off = applyRuleConfig([inner, phrase, line], { disabledRules: ['residue.site'] });
    assert.deepStrictEqual(
      off.map(f => f.ruleId),
      ['residue.xiaobian'],
    );
  });

  it('agrees with the definition on random findings', () => {
    const r = seededRandom(20261122);
    const int = (n: number) => Math.floor(r() * n);
    for (let round = 0; round < 300; round++) {
      const list: Finding[] = [];
      const n = 1 + int(12);
      for (let k = 0; k < n; k++) {
        const start = int(30);
        const end = start + int(8);
        const category: Category = r() < 0.8 ? 'residue' : 'wording';
        const deletes: [number, number] | undefined = r() < 0.6 ? [start - int(2) < 0 ? 0 : start - int(2), end + int(3)] : undefined;
        list.push(finding(`residue.r${int(4)}`, category, start, end, deletes));
      }
      assert.deepStrictEqual(applyRuleConfig(list, undefined), expected(list), `round ${round}`);
    }
  });
});
