import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decidePaths, isInside, trustedSettingValue } from '../../src/node/trustPolicy';

const root = path.resolve('/tmp/gongwen-trust-ws');
const other = path.resolve('/tmp/gongwen-user-corpus');

describe('safety: workspace trust policy', () => {
  it('a trusted workspace uses every configured path, relative ones resolved against the first folder', () => {
    const d = decidePaths(['.gongwen/rules', other, path.join(root, 'corpus')], { trusted: true, workspaceFolders: [root] });
    assert.deepStrictEqual(d.allowed, [path.join(root, '.gongwen', 'rules'), other, path.join(root, 'corpus')]);
    assert.deepStrictEqual(d.blocked, []);
  });

  it('an untrusted workspace uses no rule pack or corpus folder inside the workspace, and no relative path', () => {
    const d = decidePaths([path.join(root, '.gongwen', 'rules'), 'corpus', root, path.join(root, 'a', '..', 'b')], { trusted: false, workspaceFolders: [root] });
    assert.deepStrictEqual(d.allowed, []);
    assert.strictEqual(d.blocked.length, 4);
    for (const b of d.blocked) {
      assert.match(b.reason, /受限模式/);
    }
  });

  it('an untrusted workspace still uses the user’s own folders outside the workspace', () => {
    const d = decidePaths([other, path.join(root, '..', 'gongwen-user-corpus')], { trusted: false, workspaceFolders: [root] });
    assert.deepStrictEqual(d.allowed, [other, other]);
  });

  it('a path that only shares a prefix with the workspace folder is outside it; ".." escapes are resolved', () => {
    assert.strictEqual(isInside(root + '-evil', root), false);
    assert.strictEqual(isInside(path.join(root, 'x', '..', '..', 'y'), root), false);
    assert.strictEqual(isInside(path.join(root, 'x'), root), true);
    assert.strictEqual(isInside(root.toUpperCase(), root, true), true);
    assert.strictEqual(isInside(root.toUpperCase(), root, false), root.toUpperCase() === root);
  });

  it('empty, non-string and NUL-containing entries are refused with a reason, trusted or not', () => {
    for (const trusted of [true, false]) {
      const d = decidePaths(['', '  ', 'a\0b', 42 as unknown as string], { trusted, workspaceFolders: [root] });
      assert.deepStrictEqual(d.allowed, []);
      assert.strictEqual(d.blocked.length, 4);
    }
  });

  it('in restricted mode a path-list setting takes only the user value, never the workspace or folder value', () => {
    const inspected = { defaultValue: [] as string[], globalValue: [other], workspaceValue: ['/etc'], workspaceFolderValue: ['../../x'] };
    assert.deepStrictEqual(trustedSettingValue(inspected, false), [other]);
    assert.deepStrictEqual(trustedSettingValue(inspected, true), ['../../x']);
    assert.deepStrictEqual(trustedSettingValue({ defaultValue: [], workspaceValue: ['/etc'] }, false), []);
    assert.strictEqual(trustedSettingValue(undefined, false), undefined);
  });

  it('package.json declares restricted mode support and restricts every setting that points at folders or files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const cap = pkg.capabilities.untrustedWorkspaces;
    assert.strictEqual(cap.supported, 'limited');
    const restricted: string[] = cap.restrictedConfigurations;
    assert.ok(restricted.includes('gongwen.corpus.paths'));
    // Any contributed setting whose name says it holds paths, folders or directories must be restricted.
    const props = Object.keys(pkg.contributes.configuration.properties ?? {});
    for (const key of props.filter(k => /(paths?|dirs?|folders?|directories)$/i.test(k))) {
      assert.ok(restricted.includes(key), `${key} names folders or files and must be in restrictedConfigurations`);
    }
  });
});
