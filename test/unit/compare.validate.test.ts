import * as assert from 'assert';
import { PANEL_STRING_KEYS, parseFromPanel, parseToPanel } from '../../src/core/compare/validate';
import { panelStrings } from '../../src/extension/panelStrings';
import * as fs from 'fs';
import * as path from 'path';

describe('compare: panel message validation', () => {
  it('accepts every well-formed webview message', () => {
    const ok = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'selectExemplar', id: '001-2' },
      { type: 'selectPair', draft: 0, exemplar: 3 },
      { type: 'jump', line: 12 },
      { type: 'openExemplar', id: 'u:abc', line: 0 },
      { type: 'insertParagraph', id: '001-2', paragraph: 7 },
      { type: 'pin', id: '001-2', pinned: false },
    ];
    for (const m of ok) {
      assert.deepStrictEqual(parseFromPanel(m), m);
    }
  });

  it('drops malformed webview messages', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      {},
      { type: 'nope' },
      { type: 'ready', extra: 1 },
      { type: 'jump', line: -1 },
      { type: 'jump', line: 1.5 },
      { type: 'jump', line: '3' },
      { type: 'jump', line: Number.NaN },
      { type: 'jump' },
      { type: 'selectExemplar', id: '' },
      { type: 'selectExemplar', id: 'x'.repeat(201) },
      { type: 'insertParagraph', id: '1', paragraph: 1e9 },
      { type: 'pin', id: '1', pinned: 'yes' },
      { type: 'openExemplar', id: '1' },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    ];
    for (const m of bad) {
      assert.strictEqual(parseFromPanel(m), null, JSON.stringify(m));
    }
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('checks the extension’s messages the webview receives', () => {
    const strings = panelStrings({ t: s => s });
    assert.deepStrictEqual(Object.keys(strings).sort(), [...PANEL_STRING_KEYS].sort());
    assert.ok(parseToPanel({ type: 'init', strings }));
    const { title: _dropped, ...incomplete } = strings;
    assert.strictEqual(parseToPanel({ type: 'init', strings: incomplete }), null);
    assert.ok(parseToPanel({ type: 'empty', reason: 'emptyCorpus' }));
    assert.ok(parseToPanel({ type: 'empty', reason: 'tooLarge' }));
    assert.strictEqual(parseToPanel({ type: 'empty', reason: 'other' }), null);
    assert.ok(parseToPanel({ type: 'error', message: '出错了' }));
    assert.strictEqual(parseToPanel({ type: 'error', message: 5 }), null);
    assert.ok(parseToPanel({ type: 'loading', docName: 'a.txt' }));
    assert.strictEqual(parseToPanel({ type: 'model', model: { docUri: 'x' } }), null);
    assert.strictEqual(parseToPanel({ type: 'model' }), null);
  });

  it('has a Chinese translation for every panel string', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const zh = panelStrings({ t: s => bundle[s] ?? `MISSING: ${s}` });
    const missing = Object.values(zh).filter(v => v.startsWith('MISSING'));
    assert.deepStrictEqual(missing, []);
    for (const [k, v] of Object.entries(panelStrings({ t: s => s }))) {
      const placeholders = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
      assert.strictEqual(placeholders((zh as Record<string, string>)[k]), placeholders(v), `placeholders of ${k}`);
    }
  });
});
