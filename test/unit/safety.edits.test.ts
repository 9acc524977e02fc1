/**
 * Nothing lost: every place where the extension can change a document or write
 * a file is known and user-initiated. A new edit or write site fails this test
 * until it is reviewed and listed here with the user action behind it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Edits of open documents: each is an undoable edit in answer to an explicit user action. */
const DOCUMENT_EDITS: Record<string, { count: number; why: string }> = {
  'src/extension/extension.ts': { count: 1, why: 'command gongwen.fixAll: one WorkspaceEdit with the safe fixes (one undo step)' },
  'src/extension/structure.ts': { count: 1, why: 'renumber command: one WorkspaceEdit (one undo step)' },
  'src/extension/corpus.ts': { count: 1, why: 'similar-paragraph command: inserts the paragraph the user picked' },
  'src/extension/panel.ts': { count: 1, why: 'panel "insert" button: inserts the exemplar paragraph at the cursor' },
  'src/extension/diagnostics.ts': { count: 1, why: 'fixAllEdit: builds (never applies) the one fix-all WorkspaceEdit that the user-invoked fix-all applies' },
};

/** File writes from the extension and the shared node layer: never a user document except CLI --fix. */
const FILE_WRITES: Record<string, { count: number; why: string }> = {
  'src/node/writeFile.ts': { count: 1, why: 'writeFileAtomic: temp file + rename (CLI --fix, caches)' },
  // `gongwen corpus build --out DIR` removes DIR/speeches/*.txt that the new build no longer has (stale speeches of the
  // previous build). It should first make sure DIR is a corpus build (DIR/manifest.json), so that it never deletes texts
  // of the user's own that happen to live there.
  'src/node/corpusStore.ts': { count: 1, why: 'corpus build --out: stale speech files of the previous build' },
};

const EDIT = /\bworkspace\.applyEdit\(|\beditor\.edit\(|\.insertSnippet\(|\bWorkspaceEdit\(\)\s*;\s*\n[^]*?\.(?:set|delete)\(/g;
const WRITE = /\bfs(?:\.promises)?\.(?:writeFile|writeFileSync|appendFile|appendFileSync|rename|renameSync|truncate|truncateSync|createWriteStream|copyFile|copyFileSync|rm|rmSync|unlink|unlinkSync)\(/g;

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(f => path.join(dir, String(f)).split(path.sep).join('/'))
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'));
}

function count(file: string, re: RegExp): number {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return (text.match(re) ?? []).length;
}

describe('safety: every edit and write site is user-initiated and reviewed', () => {
  it('document edits in src/extension are exactly the reviewed ones', () => {
    const found: Record<string, number> = {};
    for (const f of sources('src/extension')) {
      const n = count(f, EDIT);
      if (n > 0) {
        found[f] = n;
      }
    }
    const expected = Object.fromEntries(Object.entries(DOCUMENT_EDITS).map(([f, v]) => [f, v.count]));
    assert.deepStrictEqual(found, expected, 'a document edit site was added or removed: review it and update DOCUMENT_EDITS');
  });

  it('the extension never writes files itself; the node layer writes only through writeFileAtomic', () => {
    const found: Record<string, number> = {};
    for (const f of [...sources('src/extension'), ...sources('src/node'), ...sources('src/core')]) {
      // The cleanup of a failed temp file in writeFileAtomic is part of the reviewed site.
      const n = count(f, WRITE) - (f === 'src/node/writeFile.ts' ? count(f, /fs\.rmSync\(tmp/g) + count(f, /fs\.renameSync\(tmp/g) : 0);
      if (n > 0) {
        found[f] = n;
      }
    }
    const expected = Object.fromEntries(Object.entries(FILE_WRITES).map(([f, v]) => [f, v.count]));
    assert.deepStrictEqual(found, expected, 'a file write was added: use writeFileAtomic and review it');
  });

  it('the CLI writes a checked file only under --fix', () => {
    const check = fs.readFileSync(path.join(ROOT, 'src/cli/commands/check.ts'), 'utf8');
    const writes = [...check.matchAll(/writeFileAtomic\(/g)].map(m => m.index!);
    assert.strictEqual(writes.length, 1);
    const guard = check.lastIndexOf('if (values.fix)', writes[0]);
    assert.ok(guard >= 0 && writes[0] - guard < 1200, 'the write is inside the --fix branch');
  });
});
