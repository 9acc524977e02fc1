import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isSafePattern } from 'redos-detector';
import { todayIso } from '../../src/core/date';
import { runRuleTests } from '../../src/core/rules';
import { analysisPattern } from '../../src/core/rules/regexSafety';
import { installResidueList } from '../../src/node/corpusData';
import { loadRulePacks } from '../../src/node/rulePacks';

const dataDir = path.join(__dirname, '..', '..', 'data');
const loaded = loadRulePacks({ dataDir });
// The residue rule reads the shared residue list, which loadGongwen installs; this file must also pass on its own.
installResidueList(dataDir);
const packFiles = fs.readdirSync(path.join(dataDir, 'rules')).filter(f => /\.ya?ml$/.test(f));

describe('built-in rule packs (data/rules/*.yaml)', () => {
  it('load without a single issue', () => {
    assert.deepStrictEqual(
      loaded.issues.map(i => `${path.relative(dataDir, i.file)}:${i.line}:${i.column} ${i.message}`),
      [],
    );
    assert.strictEqual(loaded.packs.length, packFiles.length);
  });

  it('every rule has at least one invalid example', () => {
    const without = loaded.ruleSet.rules.filter(r => r.spec.tests.invalid.length === 0).map(r => r.spec.id);
    assert.deepStrictEqual(without, []);
  });

  // A rule without a valid example has nothing that shows it stays quiet on correct text near its trigger.
  it('every rule has at least one valid example', () => {
    const without = loaded.ruleSet.rules.filter(r => r.spec.tests.valid.length === 0).map(r => r.spec.id);
    assert.deepStrictEqual(without, []);
  });

  it('every built-in regular expression runs only where a literal of it occurs (anchored, or behind a gate)', () => {
    // A pattern the engine cannot anchor is searched through the whole text on every check (≈ 7 ms on 1 MB).
    const whole = loaded.ruleSet.rules.filter(r => r.spec.pattern !== undefined && !r.sticky && r.gate === undefined).map(r => r.spec.id);
    assert.deepStrictEqual(whole, []);
  });

  it('every built-in regular expression is free of catastrophic backtracking', () => {
    for (const r of loaded.ruleSet.rules) {
      if (r.spec.pattern !== undefined) {
        const res = isSafePattern(analysisPattern(r.spec.pattern), { unicode: true, timeout: 10000, maxSteps: 1_000_000 });
        assert.ok(res.safe, `${r.spec.id}: ${r.spec.pattern} (${res.error})`);
      }
    }
  });

  it('an invalid example may name the severity its findings must have, and a wrong one is reported', () => {
    const spec = loaded.ruleSet.rules.find(r => r.spec.id === 'formulation.yifu-liangyuan')!.spec;
    const at = { file: 'x.yaml', line: 1, column: 1 };
    const cases = [
      { text: '督促“一府两院”依法开展工作', date: '2026-11-22', severity: 'hint' as const, loc: at },
      { text: '2012年，听取审议“一府两院”专项工作报告。', date: '2026-11-22', severity: 'hint' as const, loc: at },
    ];
    const failures = runRuleTests(loaded.ruleSet, { ...spec, tests: { valid: [], invalid: cases } }, todayIso());
    assert.deepStrictEqual(
      failures.map(f => f.message),
      ['invalid 用例的问题应为 hint 级，实际“一府两院”为 error 级'],
    );
  });

  it('needs-check rules are at most info', () => {
    for (const r of loaded.ruleSet.rules) {
      if (r.spec.status === 'needs-check') {
        assert.ok(r.spec.severity === 'info' || r.spec.severity === 'hint', r.spec.id);
      }
    }
  });

  // Every rule's own examples, from every pack in the data folder (including packs added later).
  for (const file of packFiles) {
    describe(file, () => {
      for (const cr of loaded.ruleSet.rules.filter(r => path.basename(r.spec.loc.file) === file)) {
        it(`${cr.spec.id}: inline tests`, () => {
          const failures = runRuleTests(loaded.ruleSet, cr.spec, todayIso());
          assert.deepStrictEqual(
            failures.map(f => `${path.basename(f.loc.file)}:${f.loc.line}:${f.loc.column} ${f.message}`),
            [],
          );
        });
      }
    });
  }
});
