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
    const own = f.category === 'residue' ? span(f) : undefined;
    return !sorted.some((g, j) => {
      const d = g.category === 'residue' ? span(g) : undefined;
      if (j === i || d === undefined || d.start > f.start || d.end < f.end) {
        return false;
      }
      if (own === undefined) {
        // Any finding inside the deleted span, except an empty one at its end and the structure's.
        return f.start < d.end && f.category !== 'structure';
      }
      const same = d.start === own.start && d.end === own.end;
      return (d.start <= own.start && d.end >= own.end && !same) || (same && j < i);
    });
  });
}

describe('findings: one piece of site residue is reported once', () => {
  it('drops what lies inside a span a residue finding deletes; keeps the rest', () => {
    const line = finding('residue.site', 'residue', 10, 30, [10, 31]);
    const inner = finding('residue.xiaobian', 'residue', 10, 30, [10, 30]);
    const phrase = finding('residue.site-phrases', 'residue', 12, 20);
    // The `XX` of `本文来源：XX范文网`, an ASCII comma in the line: gone with the line.
    const otherCategory = finding('placeholder', 'placeholder', 12, 14);
    const comma = finding('punctuation.ascii-in-chinese', 'punctuation', 30, 31);
    // Past the line, an empty note where the next line starts, a structure finding pointing at the line: kept.
    const after = finding('placeholder', 'placeholder', 31, 33);
    const nextLine = finding('wording.x', 'wording', 31, 31);
    const structure = finding('structure.missing-part', 'structure', 10, 13);
    const across = finding('residue.other', 'residue', 25, 40);
    const sameSpanLater = finding('residue.zz', 'residue', 10, 30, [10, 31]);
    const got = applyRuleConfig([inner, across, otherCategory, sameSpanLater, phrase, line, comma, after, nextLine, structure], undefined);
    assert.deepStrictEqual(
      got.map(f => f.ruleId),
      ['structure.missing-part', 'residue.site', 'residue.other', 'wording.x', 'placeholder'],
    );
    // With the residue rules off, the findings inside the line are reported.
    const noResidue = applyRuleConfig([otherCategory, comma, line], { disabledCategories: ['residue'] });
    assert.deepStrictEqual(
      noResidue.map(f => f.ruleId),
      ['placeholder', 'punctuation.ascii-in-chinese'],
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
        const category: Category = r() < 0.7 ? 'residue' : r() < 0.6 ? 'wording' : 'structure';
        const deletes: [number, number] | undefined = r() < 0.6 ? [start - int(2) < 0 ? 0 : start - int(2), end + int(3)] : undefined;
        list.push(finding(`residue.r${int(4)}`, category, start, end, deletes));
      }
      assert.deepStrictEqual(applyRuleConfig(list, undefined), expected(list), `round ${round}`);
    }
  });
});
