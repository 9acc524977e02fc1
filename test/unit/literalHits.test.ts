import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LiteralFinder } from '../../src/core/detectors/chars';
import { DETECTOR_WORDS, DETECTORS } from '../../src/core/detectors';
import { knownLiteralHits, leftmostNonOverlapping, literalHits, provideLiteralHits } from '../../src/core/detectors/literalHits';
import { residueMatcher } from '../../src/core/corpus/residue';
import { DocContext } from '../../src/core/document';
import { ANNOUNCE_WORDS, SEQUENCE_WORDS, getOutline, parseOutline } from '../../src/core/structure/parse';
import { loadGongwen } from '../../src/node/services';
import { seedPages } from '../support/seeds';

const seeds = seedPages();
const corpusDir = path.join(__dirname, '..', '..', 'data', 'corpus', 'speeches');
const speeches = fs.readdirSync(corpusDir).filter(f => f.endsWith('.txt')).sort().map(f => fs.readFileSync(path.join(corpusDir, f), 'utf8'));
const texts = [...seeds, speeches.join('\n')];
const gw = loadGongwen();
const DATE = '2026-11-22';

/** Every word list the built-in detector rules declare. */
function declaredLists(): (readonly string[])[] {
  const lists = new Map<string, readonly string[]>();
  for (const rule of gw.ruleSet.info()) {
    const spec = gw.ruleSet.rule(rule.id)!;
    if (spec.detector && DETECTOR_WORDS[spec.detector]) {
      for (const words of DETECTOR_WORDS[spec.detector](spec.params ?? {})) {
        lists.set(words.join('\u0001'), words);
      }
    }
  }
  return [...lists.values()];
}

describe('word occurrences shared through the document (literalHits)', () => {
  it('the built-in detector rules declare the outline hints, the trigger words, the plan names and the residue literals', () => {
    const lists = declaredLists().map(l => l.join(','));
    assert.ok(lists.includes(SEQUENCE_WORDS.join(',')));
    assert.ok(lists.includes(ANNOUNCE_WORDS.join(',')));
    assert.ok(lists.includes('届'));
    assert.ok(lists.includes('十四五'), lists.join(' | '));
    assert.ok(lists.includes('十六大,十七大,十八大,十九大,二十大,二十一大'));
    // The residue list is installed before the rules are compiled, so its literals are watched too.
    assert.ok(residueMatcher().literals.length > 0);
    assert.ok(lists.includes(residueMatcher().literals.join(',')));
  });

  it('the rule set hands over exactly what a native search finds, on every seed page and the corpus', () => {
    const lists = declaredLists();
    for (const text of texts) {
      const doc = new DocContext(text, { date: DATE });
      gw.ruleSet.check(doc);
      for (const words of lists) {
        const given = knownLiteralHits(doc, words);
        assert.ok(given, `not handed over: ${words.slice(0, 3).join(',')}`);
        assert.deepStrictEqual(given, new LiteralFinder(words).find(text), words.slice(0, 3).join(','));
      }
    }
  });

  it('the outline parsed from the handed-over hints equals the one parsed from its own scan', () => {
    let hinted = 0;
    for (const text of texts) {
      const doc = new DocContext(text, { date: DATE });
      gw.ruleSet.check(doc);
      assert.ok(doc.peek('outline'), 'the structure rules read the outline');
      assert.deepStrictEqual(getOutline(doc), parseOutline(text));
      const hintStarts = {
        sequences: leftmostNonOverlapping(knownLiteralHits(doc, SEQUENCE_WORDS)!, SEQUENCE_WORDS).starts,
        announcements: leftmostNonOverlapping(knownLiteralHits(doc, ANNOUNCE_WORDS)!, ANNOUNCE_WORDS).starts,
      };
      hinted += Math.min(hintStarts.sequences.length, hintStarts.announcements.length);
      assert.deepStrictEqual(parseOutline(text, { hintStarts }), parseOutline(text));
    }
    assert.ok(hinted > 10, 'the texts hold sequence items and announcements');
  });

  it('every detector gives the same matches with and without the rule set’s hand-over', () => {
    const lists = declaredLists();
    for (const text of texts) {
      const fresh = new DocContext(text, { date: DATE });
      const given = new DocContext(text, { date: DATE });
      gw.ruleSet.check(given);
      assert.ok(lists.every(words => knownLiteralHits(given, words)));
      for (const rule of gw.ruleSet.info()) {
        const spec = gw.ruleSet.rule(rule.id)!;
        if (spec.detector) {
          const run = DETECTORS[spec.detector];
          assert.deepStrictEqual(run(given, spec.params ?? {}), run(fresh, spec.params ?? {}), spec.id);
        }
      }
    }
  });

  it('provideLiteralHits orders hits like a native search and never replaces a known value', () => {
    const text = '一是二是第一是两个3个两个';
    const doc = new DocContext(text);
    const words = ['一是', '第一', '两个', '3个'];
    const found = new LiteralFinder(words).find(text);
    // Out of order, as an automaton reports by end.
    const order = found.starts.map((_, k) => k).reverse();
    provideLiteralHits(doc, words, order.map(k => found.starts[k]), order.map(k => found.which[k]));
    assert.deepStrictEqual(knownLiteralHits(doc, words), found);
    assert.deepStrictEqual(literalHits(doc, words), found);
    provideLiteralHits(doc, words, [], []);
    assert.deepStrictEqual(literalHits(doc, words), found);
  });

  it('leftmostNonOverlapping keeps what a left-to-right search keeps', () => {
    const text = '第一是第十是十是';
    const re = /[一二三四五六七八九十][是要]|第[一二三四五六七八九十]|[首其再最][先次后]/g;
    const expected = [...text.matchAll(re)].map(m => m.index);
    const kept = leftmostNonOverlapping(new LiteralFinder(SEQUENCE_WORDS).find(text), SEQUENCE_WORDS);
    assert.deepStrictEqual(kept.starts, expected);
    assert.deepStrictEqual(expected, [0, 3, 6]);
    assert.deepStrictEqual(kept.which.map(w => SEQUENCE_WORDS[w]), ['第一', '第十', '十是']);
    assert.deepStrictEqual(leftmostNonOverlapping(new LiteralFinder(['届']).find('届届'), ['届']).starts, [0, 1]);
    assert.deepStrictEqual(leftmostNonOverlapping(new LiteralFinder(['ZZ']).find('ZZZZZ'), ['ZZ']).starts, [0, 2]);
  });
});
