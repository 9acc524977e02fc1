import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cursorParagraph, nearParagraphs, type ParagraphSearcher } from '../../src/core/compare/near';
import { splitParagraphs } from '../../src/core/compare/text';
import { isNearParagraphs, parseToPanel } from '../../src/core/compare/validate';
import { CorpusIndex } from '../../src/core/corpus/index';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { loadGongwen } from '../../src/node/services';

const DRAFT = path.join(__dirname, '..', 'integration', 'workspace', 'panel-draft.txt');

describe('compare: exemplar paragraphs close to the cursor paragraph', () => {
  const { speeches } = loadBuiltinCorpus(loadGongwen().dataDir);
  const index = new CorpusIndex(speeches);

  it('searches only a real paragraph: blank lines and short headings give no query', () => {
    assert.strictEqual(cursorParagraph(''), null);
    assert.strictEqual(cursorParagraph('　\t '), null);
    assert.strictEqual(cursorParagraph('一、总体要求'), null);
    assert.strictEqual(cursorParagraph('同志们：'), null);
    assert.strictEqual(cursorParagraph('　　要坚持党的领导，依法履职。 '), '要坚持党的领导，依法履职。');
  });

  it('lists the closest built-in exemplar paragraphs with a line and a paragraph index that address the same text', () => {
    const line = fs
      .readFileSync(DRAFT, 'utf8')
      .split(/\r?\n/)
      .find(l => (cursorParagraph(l)?.length ?? 0) > 30) as string;
    assert.ok(line, 'the draft has a body paragraph');
    const near = nearParagraphs(index, cursorParagraph(line), 5);
    assert.ok(near.hits.length > 0 && near.hits.length <= 5);
    assert.ok(isNearParagraphs(near));
    for (let k = 1; k < near.hits.length; k++) {
      assert.ok(near.hits[k - 1].score >= near.hits[k].score, 'best first');
    }
    for (const h of near.hits) {
      const speech = index.get(h.id);
      assert.ok(speech);
      assert.strictEqual(h.title, speech.title);
      // "insert" takes the paragraph by its index among the non-blank lines, "open" goes to its line.
      assert.strictEqual(splitParagraphs(speech.text)[h.paragraph].text, h.text);
      assert.strictEqual(speech.text.split('\n')[h.line].trim(), h.text);
    }
  });

  it('gives an empty result without searching when the cursor is on no paragraph', () => {
    let calls = 0;
    const searcher: ParagraphSearcher = {
      searchParagraphs: () => {
        calls++;
        return [];
      },
    };
    assert.deepStrictEqual(nearParagraphs(searcher, null), { query: '', hits: [] });
    assert.strictEqual(calls, 0);
  });

  it('validates the near message: accepts the real result, drops malformed ones', () => {
    const near = nearParagraphs(index, '要坚持党的领导、人民当家作主、依法治国有机统一，依法履职尽责。', 3);
    assert.deepStrictEqual(parseToPanel({ type: 'near', near }), { type: 'near', near });
    const hit = { id: 'x', title: 't', score: 0.5, text: 'p', line: 0, paragraph: 0 };
    const bad: unknown[] = [
      { type: 'near' },
      { type: 'near', near: { query: 'q' } },
      { type: 'near', near: { query: 1, hits: [] } },
      { type: 'near', near: { query: 'q', hits: [{ ...hit, score: 2 }] } },
      { type: 'near', near: { query: 'q', hits: [{ ...hit, id: '' }] } },
      { type: 'near', near: { query: 'q', hits: [{ ...hit, line: -1 }] } },
      { type: 'near', near: { query: 'q', hits: [{ ...hit, paragraph: 1.5 }] } },
      { type: 'near', near: { query: 'q', hits: [{ ...hit, text: 7 }] } },
      { type: 'near', near: { query: 'q', hits: Array.from({ length: 21 }, () => hit) } },
    ];
    for (const m of bad) {
      assert.strictEqual(parseToPanel(m), null, JSON.stringify(m).slice(0, 80));
    }
  });
});
