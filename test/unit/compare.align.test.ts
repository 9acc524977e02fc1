import * as assert from 'assert';
import { alignSequences } from '../../src/core/compare/align';
import { alignParts } from '../../src/core/compare/panel';
import { kindsOf, segmentSpeech, type SpeechPart } from '../../src/core/compare/parts';
import { mergeProfiles, profileOf, profileOfSpans, splitParagraphs } from '../../src/core/compare/text';
import { parseOutline } from '../../src/core/structure/parse';
import { hintsFromOutline } from '../../src/core/compare/parts';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { defaultDataDir } from '../../src/node/paths';
import { seedSpeechWith } from './compareFixtures';

function profiles(parts: SpeechPart[], text: string) {
  const ps = parts.map(p => profileOfSpans(text, p.paragraphs));
  // Profiling the spans together is the same as merging the paragraphs' profiles.
  parts.forEach((p, i) => {
    const merged = mergeProfiles(p.paragraphs.map(q => profileOf(q.text)));
    assert.deepStrictEqual([merged.ids, merged.total], [ps[i].ids, ps[i].total]);
    assert.ok(merged.counts.every((c, k) => Math.abs(c - ps[i].counts[k]) < 1e-9));
    assert.ok(Math.abs(merged.norm - ps[i].norm) < 1e-9);
  });
  return ps;
}

describe('compare: alignment of parts', () => {
  it('aligns sequences in order, never forcing pairs below the threshold', () => {
    const a = ['甲', '乙', '丙', '丁'];
    const b = ['甲', '丙', '戊', '丁'];
    const rows = alignSequences(a.length, b.length, (i, j) => (a[i] === b[j] ? 1 : 0), 0.5);
    assert.deepStrictEqual(
      rows.map(r => [r.a, r.b]),
      [[0, 0], [1, -1], [2, 1], [-1, 2], [3, 3]],
    );
    assert.deepStrictEqual(alignSequences(0, 2, () => 1, 0.1).map(r => [r.a, r.b]), [[-1, 0], [-1, 1]]);
    // Crossing pairs are impossible: the better-scoring order wins.
    const cross = alignSequences(2, 2, (i, j) => (i !== j ? 0.9 : 0.2), 0.1);
    const pairs = cross.filter(r => r.a >= 0 && r.b >= 0);
    assert.strictEqual(pairs.length, 1, 'one strong crossing pair beats two weak parallel ones');
    assert.notStrictEqual(pairs[0].a, pairs[0].b);
    assert.strictEqual(cross.length, 3);
  });

  it('beyond its budget of comparisons, matches in order within a window, comparing each left item with few', () => {
    // 2 000 × 3 000 items (six million pairs) with a budget of 40 000 comparisons: the right side is the left one with
    // an item inserted after every second one.
    const left = Array.from({ length: 2000 }, (_, i) => `项${i}`);
    const right = left.flatMap((x, i) => (i % 2 === 1 ? [x, `插${i}`] : [x]));
    let compared = 0;
    const rows = alignSequences(left.length, right.length, (i, j) => (compared++, left[i] === right[j] ? 1 : 0), 0.5, 40_000);
    assert.ok(compared <= 40_000 + 8 * left.length, `${compared} comparisons`);
    // Every item once, in order on both sides; every left item found its equal.
    assert.deepStrictEqual(rows.filter(r => r.a >= 0).map(r => r.a), left.map((_, i) => i));
    assert.deepStrictEqual(rows.filter(r => r.b >= 0).map(r => r.b), right.map((_, j) => j));
    const matched = rows.filter(r => r.a >= 0 && r.b >= 0);
    assert.strictEqual(matched.length, left.length);
    assert.ok(matched.every(r => left[r.a] === right[r.b]));
    // Within the budget, the optimal alignment as before.
    assert.deepStrictEqual(alignSequences(3, 3, (i, j) => (i === j ? 1 : 0), 0.5, 9).map(r => [r.a, r.b]), [[0, 0], [1, 1], [2, 2]]);
  });

  it('splits a real speech into title, salutation, opening with its announcement, sections and closing', () => {
    const speech = seedSpeechWith('换届选举工作部署会');
    const parts = segmentSpeech(speech.text, hintsFromOutline(parseOutline(speech.text)));
    assert.deepStrictEqual(
      parts.map(p => p.role),
      ['title', 'salutation', 'opening', 'section', 'section', 'section', 'closing'],
    );
    assert.strictEqual(parts[1].title.replace(/[:：]/, ''), '同志们');
    assert.ok(parts[2].kinds.includes('opening') && parts[2].kinds.includes('announcement'), parts[2].kinds.join());
    assert.ok(parts[3].title.startsWith('一、'));
    assert.ok(parts[6].title.startsWith('同志们'));
    // Parts tile the paragraphs in order, without overlap.
    const paras = splitParagraphs(speech.text);
    assert.deepStrictEqual(parts.flatMap(p => p.paragraphs), paras);
    assert.deepStrictEqual(kindsOf(parts).slice(0, 3), ['salutation', 'opening', 'announcement']);
    // Without hints, the numbering alone gives the same sections.
    assert.deepStrictEqual(segmentSpeech(speech.text).map(p => p.role), parts.map(p => p.role));
  });

  it('marks the part an exemplar has and the draft lacks as missing, and a draft-only part as extra', () => {
    const speech = seedSpeechWith('换届选举工作部署会');
    const exParts = segmentSpeech(speech.text);
    const second = exParts.find(p => p.title.startsWith('二、')) as SpeechPart;
    const extra = '四、关于疫情防控和安全生产\n要把安全生产摆在突出位置，严防各类事故发生，确保人民群众生命财产安全。\n';
    const draftText = speech.text.slice(0, second.start) + speech.text.slice(second.end + 1).replace(/同志们[,，]/, `${extra}同志们，`);
    const draftParts = segmentSpeech(draftText);
    const rows = alignParts(draftParts, profiles(draftParts, draftText), exParts, profiles(exParts, speech.text));
    const missing = rows.filter(r => r.status === 'missing');
    assert.deepStrictEqual(missing.map(r => exParts[r.exemplar as number].title.slice(0, 2)), ['二、']);
    const extraRows = rows.filter(r => r.status === 'extra');
    assert.deepStrictEqual(extraRows.map(r => draftParts[r.draft as number].title.slice(0, 2)), ['四、']);
    for (const r of rows.filter(x => x.status === 'matched')) {
      const d = draftParts[r.draft as number];
      const e = exParts[r.exemplar as number];
      assert.strictEqual(d.title.slice(4, 16), e.title.slice(4, 16), 'unchanged parts align with themselves');
      assert.ok(r.similarity > 0.8, `${d.title}: ${r.similarity}`);
    }
  });

  it('labels the sections of real built-in speeches with the standard part they play', () => {
    const { speeches } = loadBuiltinCorpus(defaultDataDir());
    const sectionKinds = (needle: string) => {
      const speech = speeches.find(x => x.text.includes(needle));
      assert.ok(speech, `a built-in speech contains ${needle}`);
      const parts = segmentSpeech(speech.text, hintsFromOutline(parseOutline(speech.text)));
      return parts.filter(p => p.role === 'section').map(p => p.kinds.join('+'));
    };
    assert.deepStrictEqual(sectionKinds('一、充分认识镇领导班子换届工作的重要意义'), ['situation', 'tasks', 'requirements']);
    assert.deepStrictEqual(sectionKinds('一、充分认识人大工作的重要意义'), ['situation', 'tasks', 'requirements']);
    // Its parts 三 and 四 lost their headings on the page (the site's piece markers stand there): told by their content.
    assert.deepStrictEqual(sectionKinds('一、统一思想，充分认识人大换届选举工作的重大意义'), ['situation', 'tasks', 'requirements', 'tasks']);
    assert.deepStrictEqual(sectionKinds('活动取得了一定成效').slice(0, 1), ['achievements']);
  });
});
