import * as assert from 'assert';
import { parseResidueList } from '../../src/core/corpus/residue';
import { parseRulePack } from '../../src/core/rules/parse';
import { parseGenreProfile } from '../../src/core/structure/genres';

const BOMB = 'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
const DANGLING = 'pack: x\nrules: *nowhere\n';

describe('YAML data files with hostile aliases', () => {
  const parsers: [string, (text: string) => { message: string; line: number }[]][] = [
    ['rule pack', t => parseRulePack(t, 'x.yaml', false).issues],
    ['genre profile', t => parseGenreProfile(t, 'g.yaml').issues],
    ['residue list', t => parseResidueList(t, 'r.yaml').issues],
  ];
  for (const [name, parse] of parsers) {
    it(`${name}: an alias bomb is refused with a located message, not an exception`, () => {
      const issues = parse(BOMB);
      assert.ok(issues.some(i => /别名/.test(i.message) && i.line >= 1), JSON.stringify(issues));
    });
    it(`${name}: an alias without its anchor is refused with a located message`, () => {
      const issues = parse(DANGLING);
      assert.ok(issues.some(i => /别名|锚点|alias/i.test(i.message)), JSON.stringify(issues));
    });
  }
});
