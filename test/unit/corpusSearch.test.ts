import * as assert from 'assert';
import * as path from 'path';
import { CorpusIndex, headingSimilarity, sharedPassages } from '../../src/core/corpus/index';
import { NgramIndex, STEP_CHARS, trigramBuckets } from '../../src/core/corpus/ngram';
import type { Speech } from '../../src/core/corpus/types';
import { readCorpus } from '../../src/node/corpusStore';

const ROOT = path.join(__dirname, '..', '..');

let corpus: { speeches: Speech[]; index: CorpusIndex } | undefined;
function load() {
  if (!corpus) {
    const { speeches } = readCorpus(path.join(ROOT, 'data', 'corpus'));
    corpus = { speeches, index: new CorpusIndex(speeches) };
  }
  return corpus;
}

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

/** 30% of paragraphs deleted, the rest shuffled, 5% of characters substituted. */
function perturb(s: Speech, rand: () => number): string {
  const kept = s.text.split('\n').filter(() => rand() >= 0.3);
  for (let i = kept.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kept[i], kept[j]] = [kept[j], kept[i]];
  }
  const chars = kept.join('\n').split('');
  for (let k = 0; k < chars.length * 0.05; k++) {
    const i = Math.floor(rand() * chars.length);
    if (/[\u4e00-\u9fff]/.test(chars[i])) {
      chars[i] = SUBSTITUTES[Math.floor(rand() * SUBSTITUTES.length)];
    }
  }
  return chars.join('');
}

const SUBSTITUTES = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研序';

describe('corpus search', function () {
  this.timeout(60000);

  it('character trigrams skip punctuation and spaces, lower-case Latin', () => {
    assert.strictEqual(trigramBuckets('坚持，党的 领导').length, trigramBuckets('坚持党的领导').length);
    assert.deepStrictEqual([...trigramBuckets('ABC')], [...trigramBuckets('abc')]);
    assert.strictEqual(trigramBuckets('，。').length, 0);
  });

  it('finds every seed speech first from a damaged, shuffled part of it (recall@1)', () => {
    const { speeches, index } = load();
    const rand = rng(3);
    const misses: string[] = [];
    for (const s of speeches) {
      for (let k = 0; k < 3; k++) {
        const [top] = index.search(perturb(s, rand), { top: 3 });
        if (top.speech.id !== s.id) {
          misses.push(`${s.id}→${top.speech.id}`);
        }
      }
    }
    assert.deepStrictEqual(misses, []);
  });

  it('explains a hit with shared passages (valid offsets) and similar headings', () => {
    const { speeches, index } = load();
    const s = speeches.find(x => x.id === '001-02') as Speech;
    const draft = s.text.split('\n').slice(6, 30).join('\n');
    const [hit] = index.search(draft, { top: 5 });
    assert.strictEqual(hit.speech.id, '001-02');
    assert.ok(hit.score > 0.5 && hit.score <= 1);
    assert.ok(hit.why.passages.length > 0);
    for (const p of hit.why.passages) {
      assert.strictEqual(hit.speech.text.slice(p.speechStart, p.speechEnd), p.text);
      assert.ok(draft.slice(p.queryStart, p.queryEnd).length > 0);
    }
    assert.ok(hit.why.passageCoverage > 0.9);
    assert.ok(hit.why.headings.length > 0);
    assert.match(hit.why.summary, /相同文字/);
    assert.ok(JSON.parse(JSON.stringify(hit)).why.summary, 'why is serialisable');
  });

  it('ranks exemplars on the same subject above others for a new draft', () => {
    const { index } = load();
    const draft =
      '同志们：\n今天召开全市人大换届选举工作会议，主要任务是部署市县乡三级人大换届选举工作。\n一、充分认识做好换届选举工作的重要意义\n换届选举是人民群众政治生活中的一件大事，要坚持党的领导、充分发扬民主、严格依法办事。\n二、严格把好代表人选的政治关\n要严肃换届纪律，确保选举风清气正。';
    const hits = index.search(draft, { top: 5 });
    assert.strictEqual(hits.length, 5);
    assert.ok(hits.slice(0, 3).every(h => /换届|选举/.test(h.speech.title + h.speech.text.slice(0, 400))), hits.map(h => h.speech.title).join(' / '));
    assert.ok(hits[0].score >= hits[4].score);
  });

  it('finds the closest exemplar paragraphs to a paragraph', () => {
    const { speeches, index } = load();
    const s = speeches.find(x => x.id === '002-01') as Speech;
    const para = s.paragraphs.find(p => p.text.startsWith('坚持党的领导、充分发扬民主')) as Speech['paragraphs'][number];
    const query = para.text.slice(0, 60).replace('充分', '积极');
    const [first] = index.searchParagraphs(query, { top: 5 });
    assert.strictEqual(first.speech.id, '002-01');
    assert.strictEqual(first.paragraph.index, para.index);
    const excluded = index.searchParagraphs(query, { top: 5, exclude: new Set(['002-01']) });
    assert.ok(excluded.every(h => h.speech.id !== '002-01'));
    const body = index.searchParagraphs('一、提高政治站位', { top: 10, bodyOnly: true });
    assert.ok(body.every(h => !h.paragraph.heading));
  });

  it('prepares the paragraph index in the background to the same results', async () => {
    const { speeches, index } = load();
    const fresh = new CorpusIndex(speeches);
    await fresh.prepareParagraphs(() => new Promise<void>(r => setImmediate(r)));
    const q = '要坚持党的领导、充分发扬民主、严格依法办事';
    assert.deepStrictEqual(
      fresh.searchParagraphs(q, { top: 5 }).map(h => [h.speech.id, h.paragraph.index]),
      index.searchParagraphs(q, { top: 5 }).map(h => [h.speech.id, h.paragraph.index]),
    );
  });

  it('handles empty queries and exclusions', () => {
    const { index } = load();
    assert.deepStrictEqual(index.search('', { top: 3 }), []);
    assert.deepStrictEqual(index.search('，。！', { top: 3 }), []);
    const s = index.speeches[0];
    const hits = index.search(s.text, { top: 3, exclude: new Set([s.id]) });
    assert.ok(hits.every(h => h.speech.id !== s.id));
    assert.strictEqual(index.get(s.id), s);
  });

  it('builds asynchronously to the same ranking, and can be cancelled', async () => {
    const { speeches, index } = load();
    const pause = () => new Promise<void>(r => setImmediate(r));
    const built = await CorpusIndex.create(speeches, pause);
    assert.ok(built);
    const q = speeches[5].text.slice(0, 800);
    assert.deepStrictEqual(
      built.search(q, { top: 5 }).map(h => h.speech.id),
      index.search(q, { top: 5 }).map(h => h.speech.id),
    );
    const texts = Array.from({ length: 500 }, (_, i) => speeches[i % speeches.length].text);
    let calls = 0;
    const cancelled = await NgramIndex.buildAsync(texts.length, i => texts[i], pause, () => ++calls > 1, 50);
    assert.strictEqual(cancelled, null);
  });

  it('pauses by the amount of text, not only by documents: a few long speeches are indexed in many short steps', async () => {
    const { speeches, index } = load();
    const chars = speeches.reduce((n, s) => n + s.text.length, 0);
    let pauses = 0;
    const built = await CorpusIndex.create(speeches, () => {
      pauses++;
      return new Promise<void>(r => setImmediate(r));
    });
    assert.ok(built);
    // Both passes pause at least once per STEP_CHARS characters (the second per three characters per distinct trigram).
    assert.ok(pauses >= Math.floor(chars / STEP_CHARS), `${pauses} pauses for ${chars} characters`);
    const q = speeches[3].text.slice(0, 600);
    assert.deepStrictEqual(
      built.search(q, { top: 5 }).map(h => [h.speech.id, h.score]),
      index.search(q, { top: 5 }).map(h => [h.speech.id, h.score]),
      'the same scores as the index built in one go',
    );
    let paragraphPauses = 0;
    await built.prepareParagraphs(() => {
      paragraphPauses++;
      return new Promise<void>(r => setImmediate(r));
    });
    assert.ok(paragraphPauses >= Math.floor(chars / STEP_CHARS / 2), `${paragraphPauses} pauses while indexing the paragraphs`);
    assert.deepStrictEqual(
      built.searchParagraphs(q.slice(0, 80), { top: 3 }).map(h => h.paragraph.text),
      index.searchParagraphs(q.slice(0, 80), { top: 3 }).map(h => h.paragraph.text),
    );
  });

  it('shared passages and heading similarity', () => {
    const { passages, coverage } = sharedPassages('甲乙丙。坚持党的领导、人民当家作主、依法治国有机统一。丁戊', '前文坚持党的领导，人民当家作主，依法治国有机统一后文');
    assert.strictEqual(passages.length, 1);
    assert.strictEqual(passages[0].text, '坚持党的领导，人民当家作主，依法治国有机统一');
    assert.ok(coverage > 0.7);
    assert.ok(headingSimilarity('加强党对人大工作的领导', '坚持和加强党对人大工作的领导') > 0.7);
    assert.ok(headingSimilarity('加强党对人大工作的领导', '安全生产工作安排') < 0.3);
  });
});
