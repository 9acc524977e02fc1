import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseResidueList, ResidueMatcher, detectResidue, setResidueList } from '../../src/core/corpus/residue';
import { DETECTORS } from '../../src/core/detectors';
import { DocContext } from '../../src/core/document';
import { applyEdits } from '../../src/core/fix';

const ROOT = path.join(__dirname, '..', '..');
const LIST = path.join(ROOT, 'data', 'residue.yaml');

function builtin() {
  return parseResidueList(fs.readFileSync(LIST, 'utf8'), LIST);
}

describe('residue list (data/residue.yaml)', () => {
  it('parses without issues; every example matches and no counter-example does', () => {
    const { entries, issues } = builtin();
    assert.deepStrictEqual(issues, []);
    assert.ok(entries.length >= 10);
    for (const kind of ['navigation', 'header', 'pitch', 'trailer', 'fragment']) {
      assert.ok(entries.some(e => e.kind === kind), kind);
    }
  });

  it('locates errors: schema, bad regular expressions, failing examples', () => {
    const text = [
      'version: 1',
      'entries:',
      '  - id: ok-one',
      '    kind: header',
      "    pattern: '^浏览量'",
      '    message: 浏览量',
      "    examples: ['浏览量:12']",
      '  - id: bad-kind',
      '    kind: banner',
      "    pattern: 'x'",
      '    message: m',
      "    examples: ['x']",
      '  - id: bad-regex',
      '    kind: header',
      "    pattern: '(unclosed'",
      '    message: m',
      "    examples: ['x']",
      '  - id: bad-example',
      '    kind: header',
      "    pattern: '^来源'",
      '    message: m',
      "    examples: ['作者']",
    ].join('\n');
    const { entries, issues } = parseResidueList(text, 'r.yaml');
    assert.deepStrictEqual(
      entries.map(e => e.id),
      ['ok-one'],
    );
    const at = (re: RegExp) => issues.find(i => re.test(i.message));
    assert.strictEqual(at(/kind/)?.line, 9);
    assert.strictEqual(at(/无效/)?.line, 15);
    assert.strictEqual(at(/示例不匹配/)?.line, 22);
    const broken = parseResidueList('version: 1\nentries: [\n', 'b.yaml');
    assert.ok(broken.issues[0].message.startsWith('YAML 语法错误'));
    assert.ok(broken.issues[0].line > 0);
  });

  it('finds the residue of the real seed pages', () => {
    const matcher = new ResidueMatcher(builtin().entries);
    const seeds = path.join(ROOT, 'test', 'fixtures', 'seeds');
    const ids = new Set<string>();
    for (const f of fs.readdirSync(seeds)) {
      for (const s of matcher.find(fs.readFileSync(path.join(seeds, f), 'utf8'))) {
        ids.add(s.entry.id);
      }
    }
    for (const id of ['site-welcome', 'breadcrumb', 'post-time', 'page-views', 'editor-pitch', 'recommended', 'hot-keywords', 'hot-articles', 'related-articles', 'genuine-reminder', 'stray-fragment']) {
      assert.ok(ids.has(id), id);
    }
  });

  it('the residue detector flags residue in a draft with an unsafe delete fix', () => {
    setResidueList(builtin().entries);
    assert.ok(DETECTORS.residue, 'registered');
    const text = '同志们：\n下面是小编为大家整理的讲话稿，供大家参考。\n今天召开会议。\n推荐访问：讲话稿 范文\n';
    const doc = new DocContext(text, { date: '2026-11-22' });
    const matches = detectResidue(doc);
    assert.deepStrictEqual(
      matches.map(m => text.slice(m.start, m.end)),
      ['下面是小编为大家整理的讲话稿，供大家参考。', '推荐访问：讲话稿 范文\n'],
    );
    assert.strictEqual(matches[0].fixes?.[0].safe, false);
    const fixed = applyEdits(text, matches.flatMap(m => m.fixes?.[0].edits ?? [])).text;
    assert.strictEqual(fixed, '同志们：\n\n今天召开会议。\n');
    assert.deepStrictEqual(DETECTORS.residue(new DocContext('今天召开全县人大工作会议。', {}), {}), []);
  });
});
