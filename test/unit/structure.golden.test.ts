import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseOutline } from '../../src/core/structure';
import { GenreRegistry } from '../../src/core/structure/genres';
import { outlineToJson } from '../../src/core/structure/json';
import { loadGenreProfiles } from '../../src/node/genres';

/**
 * Golden outlines: the expected `gongwen outline --format json` of every seed
 * page, every hand-made draft and (when present) every speech of the clean
 * corpus. After a deliberate parser change, regenerate with
 * `UPDATE_GOLDEN=1 npx mocha test/unit/structure.golden.test.ts` and review the diff.
 */

const root = path.join(__dirname, '..', '..');
const goldenDir = path.join(root, 'test', 'fixtures', 'outlines');
const registry = new GenreRegistry();
registry.set(loadGenreProfiles(path.join(root, 'data')).profiles);

function inputs(): Array<{ name: string; file: string }> {
  const out: Array<{ name: string; file: string }> = [];
  const add = (dir: string, prefix: string) => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const f of fs.readdirSync(dir).sort()) {
      if (/\.(txt|md)$/.test(f)) {
        out.push({ name: `${prefix}${f.replace(/\.(txt|md)$/, '')}`, file: path.join(dir, f) });
      }
    }
  };
  add(path.join(root, 'test', 'fixtures', 'seeds'), 'seed-');
  add(path.join(goldenDir, 'drafts'), 'draft-');
  add(path.join(root, 'data', 'corpus', 'speeches'), 'corpus-');
  return out;
}

describe('structure: golden outlines', () => {
  const cases = inputs();
  it('has seed pages and drafts to check', () => {
    assert.ok(cases.filter(c => c.name.startsWith('seed-')).length >= 5);
    assert.ok(cases.filter(c => c.name.startsWith('draft-')).length >= 4);
  });
  for (const c of cases) {
    it(`${c.name} parses to its golden outline`, function () {
      const text = fs.readFileSync(c.file, 'utf8');
      const actual = outlineToJson(parseOutline(text, { markdown: c.file.endsWith('.md') }), registry);
      const golden = path.join(goldenDir, `${c.name}.json`);
      if (process.env.UPDATE_GOLDEN) {
        fs.writeFileSync(golden, JSON.stringify(actual, null, 2) + '\n');
      }
      if (!fs.existsSync(golden)) {
        if (c.name.startsWith('corpus-')) {
          this.skip(); // a new corpus speech: run with UPDATE_GOLDEN=1 and review its outline
        }
        assert.fail(`missing golden file ${path.relative(root, golden)} (run with UPDATE_GOLDEN=1 and review it)`);
      }
      assert.deepStrictEqual(actual, JSON.parse(fs.readFileSync(golden, 'utf8')));
    });
  }
});
