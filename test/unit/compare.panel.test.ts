import * as assert from 'assert';
import { Comparer, type ExemplarSpeech } from '../../src/core/compare/panel';
import { isPanelModel, parseToPanel } from '../../src/core/compare/validate';
import { memoryIndex, seedSpeeches, seedSpeechWith } from './compareFixtures';

const REQ = { docUri: 'file:///draft.txt', docName: 'draft.txt', docVersion: 1, date: '2026-11-22' };

describe('compare: the panel model', () => {
  const draftSource = seedSpeechWith('换届选举工作部署会');
  // The draft: a real speech without its salutation and closing call, with one paragraph copied from another speech.
  const other = seedSpeeches().find(s => s.id !== draftSource.id && s.text.includes('人大')) as ExemplarSpeech;
  const copied = other.text.split('\n').find(l => l.length > 100) as string;
  const draftText = draftSource.text
    .split('\n')
    .filter(l => !/^同志们[:：,，]/.test(l.trim()))
    .concat(copied)
    .join('\n');
  const corpus = memoryIndex(seedSpeeches().filter(s => s.id !== draftSource.id));

  it('lists the closest exemplars with scores, freshness and copy share, and is plain JSON that validates', () => {
    const fresh: string[] = [];
    const comparer = new Comparer(corpus, (speech, date) => {
      fresh.push(`${speech.id}@${date}`);
      return { count: speech.text.includes('小康') ? 1 : 0, samples: speech.text.includes('小康') ? ['全面建成小康社会'] : [] };
    });
    const model = comparer.build({ ...REQ, text: draftText });
    assert.strictEqual(model.exemplars.length, 5);
    const scores = model.exemplars.map(e => e.score);
    assert.deepStrictEqual([...scores].sort((a, b) => b - a), scores, 'closest first');
    assert.ok(scores.every(s => s > 0 && s <= 1));
    assert.strictEqual(model.selected, model.exemplars[0].id);
    assert.strictEqual(model.draftDate, '2026-11-22');
    assert.strictEqual(model.corpusSize, corpus.speeches.length);
    assert.ok(model.exemplars.every(e => e.outdated === 0 || e.outdated === 1));
    assert.deepStrictEqual(fresh.length, 5);
    // Freshness is cached per exemplar and date.
    comparer.build({ ...REQ, text: draftText });
    assert.deepStrictEqual(fresh.length, 5);
    assert.ok(isPanelModel(model));
    const roundTrip = JSON.parse(JSON.stringify(model));
    assert.deepStrictEqual(roundTrip, model);
    assert.deepStrictEqual(parseToPanel({ type: 'model', model: roundTrip }), { type: 'model', model });
  });

  it('warms up in steps without changing any result or caching the sample’s freshness', async () => {
    const checked: string[] = [];
    const freshness = (speech: ExemplarSpeech) => {
      checked.push(speech.text.length < 700 ? 'sample' : speech.id);
      return { count: 0, samples: [] };
    };
    const warmed = new Comparer(corpus, freshness);
    let pauses = 0;
    await warmed.warmUp(async () => {
      pauses++;
    });
    assert.strictEqual(pauses, Math.min(30, corpus.speeches.length) + 2, 'one step per exemplar, the sample build, the sample freshness');
    assert.deepStrictEqual(checked, ['sample']);
    const model = warmed.build({ ...REQ, text: draftText });
    assert.strictEqual(checked.length, 1 + model.exemplars.length, 'the real exemplars are checked: the sample’s result was not cached');
    const plain = new Comparer(corpus, freshness).build({ ...REQ, text: draftText });
    const strip = (m: typeof model) => ({ ...m, elapsedMs: 0 });
    assert.deepStrictEqual(strip(model), strip(plain));
  });

  it('can defer the freshness check and complete it exemplar by exemplar', () => {
    let checks = 0;
    const comparer = new Comparer(corpus, () => {
      checks++;
      return { count: 2, samples: ['一府两院'] };
    });
    const model = comparer.build({ ...REQ, text: draftText, freshness: 'deferred' });
    assert.strictEqual(checks, 0);
    assert.ok(model.exemplars.every(e => e.outdated === null));
    const pending = comparer.pendingFreshness(model);
    assert.deepStrictEqual(pending, model.exemplars.map(e => e.id));
    assert.strictEqual(comparer.fillFreshness(model, pending[0]), true);
    assert.strictEqual(model.exemplars[0].outdated, 2);
    assert.deepStrictEqual(model.exemplars[0].outdatedSamples, ['一府两院']);
    assert.strictEqual(comparer.fillFreshness(model, pending[0]), false, 'already filled');
    assert.strictEqual(checks, 1);
    // The next build (the writer typed) reuses what was checked.
    const next = comparer.build({ ...REQ, text: `${draftText}。`, freshness: 'deferred' });
    assert.strictEqual(next.exemplars[0].outdated, 2);
    assert.strictEqual(comparer.pendingFreshness(next).length, 4);
    assert.strictEqual(checks, 1);
  });

  it('reports standard parts most exemplars have and the draft lacks', () => {
    const model = new Comparer(corpus).build({ ...REQ, text: draftText });
    const byKind = new Map(model.coverage.map(c => [c.kind, c]));
    const sal = byKind.get('salutation');
    assert.ok(sal && !sal.inDraft, 'the salutation was removed from the draft');
    assert.strictEqual(sal.missing, sal.exemplars * 2 > sal.of);
    assert.strictEqual(byKind.get('opening')?.inDraft, true);
    assert.strictEqual(byKind.get('opening')?.missing, false);
    for (const c of model.coverage) {
      assert.strictEqual(c.of, 5);
      assert.strictEqual(c.missing, !c.inDraft && c.exemplars * 2 > c.of, c.kind);
    }
    assert.ok(model.coverage.some(c => c.missing), 'something the exemplars share is missing from this draft');
  });

  it('aligns the draft with the chosen exemplar, diffs one pair, and measures copying from it', () => {
    const comparer = new Comparer(corpus);
    const model = comparer.build({ ...REQ, text: draftText, selected: other.id });
    // A choice that is not listed falls back to the closest exemplar.
    const listed = model.exemplars.some(e => e.id === other.id);
    assert.strictEqual(model.selected, listed ? other.id : model.exemplars[0].id);
    const second = model.exemplars[1].id;
    assert.strictEqual(comparer.build({ ...REQ, text: draftText, selected: second }).selected, second);
    const pinned = comparer.build({ ...REQ, text: draftText, pinned: [other.id] });
    assert.strictEqual(pinned.exemplars[0].id, other.id, 'a pinned exemplar is listed first');
    assert.strictEqual(pinned.exemplars[0].pinned, true);
    assert.strictEqual(pinned.selected, other.id, 'and compared with by default');
    assert.ok(pinned.copy && pinned.copy.exemplarId === other.id);
    const run = pinned.copy.runs[0];
    assert.strictEqual(draftText.slice(run.start, run.end), copied.trim());
    assert.strictEqual(run.long, true);
    assert.strictEqual(draftText.split('\n')[run.line].trim(), copied.trim());
    assert.ok(pinned.exemplars[0].copyShare > 0);
    // Every part appears exactly once, in order, on its side of the alignment.
    const d = pinned.alignment.filter(r => r.draft !== null).map(r => r.draft);
    const x = pinned.alignment.filter(r => r.exemplar !== null).map(r => r.exemplar);
    assert.deepStrictEqual(d, pinned.draftParts.map(p => p.index));
    assert.deepStrictEqual(x, pinned.exemplarParts.map(p => p.index));
    // The diff is of an aligned pair, and can be chosen.
    const matched = pinned.alignment.filter(r => r.status === 'matched');
    if (matched.length) {
      assert.ok(pinned.diff);
      const last = matched[matched.length - 1];
      const chosen = comparer.build({ ...REQ, text: draftText, pinned: [other.id], pair: { draft: last.draft as number, exemplar: last.exemplar as number } });
      assert.strictEqual(chosen.diff?.draft, last.draft);
      assert.strictEqual(chosen.diff?.exemplar, last.exemplar);
      const part = chosen.draftParts[last.draft as number];
      const newSide = (chosen.diff?.segments ?? []).filter(s => s[0] >= 0).map(s => s[1]).join('');
      assert.strictEqual(newSide, draftText.slice(part.start, part.end));
    }
    // Exemplar paragraphs carry the indices `insertParagraph` names.
    const paras = pinned.exemplarParts.flatMap(p => p.paragraphs);
    assert.deepStrictEqual(paras.map(p => p.index), paras.map((_, i) => i));
  });

  it('keeps hostile corpus text as plain strings in the model', () => {
    const hostile: ExemplarSpeech = {
      id: 'evil-1',
      title: '<script>alert(1)</script>在全市人大工作会议上的讲话',
      date: null,
      occasion: '<img src=x onerror=alert(1)>',
      speaker: 'javascript:alert(1)',
      source: 'javascript:alert(1)',
      text: `<b>同志们</b>：\n${draftSource.text.slice(0, 600)}\n<a href="javascript:alert(1)">点此</a>`,
    };
    const model = new Comparer(memoryIndex([hostile, ...seedSpeeches().slice(0, 3)])).build({ ...REQ, text: draftText, pinned: ['evil-1'] });
    assert.strictEqual(model.exemplars[0].title, hostile.title);
    assert.strictEqual(model.exemplars[0].occasion, hostile.occasion);
    assert.ok(isPanelModel(model));
  });

  it('handles an empty corpus and a draft without content', () => {
    const empty = new Comparer(memoryIndex([])).build({ ...REQ, text: draftText });
    assert.deepStrictEqual([empty.exemplars, empty.selected, empty.alignment, empty.diff, empty.copy], [[], null, [], null, null]);
    assert.ok(empty.coverage.every(c => !c.missing));
    const blank = new Comparer(corpus).build({ ...REQ, text: '。。。\n' });
    assert.ok(isPanelModel(blank));
  });
});
