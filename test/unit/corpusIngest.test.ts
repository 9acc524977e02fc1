import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { collapseRepeatedLines, joinBrokenLines, joinContinuedLines, normalizePunctuation, startsNewItem } from '../../src/core/corpus/clean';
import { comparable, dropContainedNeighbours, dropRepeatedParagraphs, findDuplicateSpeeches } from '../../src/core/corpus/dedupe';
import { ingestPages, type IngestResult } from '../../src/core/corpus/ingest';
import { extractMeta } from '../../src/core/corpus/metadata';
import { parseResidueList, ResidueMatcher } from '../../src/core/corpus/residue';
import { splitPage } from '../../src/core/corpus/split';
import { findStrayLetters, findTraditionalRuns, repairText } from '../../src/core/text/repair';
import { readCorpus } from '../../src/node/corpusStore';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');

let cached: IngestResult | undefined;
function ingest(): IngestResult {
  if (!cached) {
    const list = path.join(ROOT, 'data', 'residue.yaml');
    const residue = new ResidueMatcher(parseResidueList(fs.readFileSync(list, 'utf8'), list).entries);
    const pages = fs
      .readdirSync(SEEDS)
      .sort()
      .map(f => ({ name: f, text: fs.readFileSync(path.join(SEEDS, f), 'utf8') }));
    cached = ingestPages(pages, { residue });
  }
  return cached;
}
const bySource = (prefix: string) => ingest().speeches.filter(s => s.source.startsWith(prefix));

describe('corpus ingest of the seed pages', function () {
  this.timeout(60000);

  it('keeps 25 distinct speeches from 28 segments', () => {
    const { speeches, summary } = ingest();
    assert.strictEqual(summary.segments, 28);
    assert.strictEqual(speeches.length, 25);
    assert.strictEqual(summary.duplicates.length, 3);
    assert.deepStrictEqual(
      ['000', '001', '002', '003', '004'].map(p => bySource(p).length),
      [2, 7, 1, 14, 1],
    );
    assert.strictEqual(new Set(speeches.map(s => s.id)).size, speeches.length);
  });

  it("takes only a short first line for a collection's title, never a first paragraph", () => {
    const residue = new ResidueMatcher([]);
    const body = '今天，我们召开全市人大工作会议，总结交流典型案例，部署今年的工作。'.repeat(12);
    // A page of one paragraph (its line breaks lost) that mentions 案例: it used to vanish whole, reported as 0 segments.
    const page = ingestPages([{ name: 'one.txt', text: body }], { residue });
    assert.strictEqual(page.speeches.length, 1);
    assert.strictEqual(page.speeches[0].text, body);
    // A collection's title is still left out of the speeches.
    const collection = ingestPages([{ name: 'c.txt', text: `人大工作会议讲话稿（案例3篇）\n同志们：\n${body}` }], { residue });
    assert.ok(collection.speeches[0].text.startsWith('同志们：'));
    assert.ok(!collection.speeches[0].text.includes('案例3篇'));
  });

  it('strips every kind of site residue', () => {
    for (const s of ingest().speeches) {
      assert.ok(!/小编|浏览量|浏览数|推荐访问|相关热词|热门文章|相关文章|相关范文推荐|猜您喜欢|请认准|当前位置|欢迎来到|^讲话稿。$|^欢迎大家阅读。$|爱走学网/m.test(s.text), s.id);
      assert.ok(!/^时间[:：]\d{4}-/m.test(s.text), s.id);
    }
  });

  it('repairs seed 000: no annotations, simplified, GBK runs realigned, losses reported', () => {
    const { summary } = ingest();
    const all = bySource('000')
      .map(s => s.text)
      .join('\n');
    assert.ok(!/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/.test(all));
    assert.ok(all.includes('可以说，人大干部是这次换届选举的骨干力量'));
    assert.ok(all.includes('一是目标明确，指导到位。“两发挥、一争优”活动从去年开展以来'));
    assert.ok(!/梢哉|皟砂|顒|鶎右|\?/.test(all));
    assert.ok(findTraditionalRuns(all).length <= 3);
    assert.ok(summary.pinyinAnnotations > 400);
    assert.strictEqual(summary.misalignedRuns, 9);
    assert.strictEqual(summary.traditionalPages, 1);
    assert.ok(summary.unrecoverable.some(u => u.original === '?zhèn)?'));
    assert.ok(summary.unrecoverable.every(u => u.source.startsWith('000') || /[A-Za-z]\d{4}[A-Za-z]/.test(u.original)));
  });

  it('writes Chinese punctuation full width and keeps one paragraph per line', () => {
    for (const s of ingest().speeches) {
      assert.ok(!/[\u4e00-\u9fff][,:;!?]|[,:;!?][\u4e00-\u9fff]/.test(s.text), s.id);
      assert.ok(!/\n\n/.test(s.text) && !/^\s|\s$/m.test(s.text), s.id);
    }
    assert.strictEqual(normalizePunctuation('时间10:20，共1,000人,会议(一)').text, '时间10:20，共1,000人，会议（一）');
  });

  it('splits the marked pieces and the page of run-together speeches', () => {
    // Page 000 marks five pieces, but they are two speeches: the site put its marker where the heading of a part was.
    const p000 = bySource('000');
    assert.deepStrictEqual(
      p000.map(s => s.id),
      ['000-01', '000-02'],
    );
    assert.deepStrictEqual(
      p000.map(s => s.outline.filter(h => h.level === 1).map(h => h.marker)),
      [
        ['一、', '二、'],
        ['一、', '二、', '三、', '四、'],
      ],
    );
    // The second speech announces four points and now has them, ending with its closing.
    assert.ok(p000[1].text.includes('我讲四点意见'));
    assert.ok(p000[1].text.endsWith('为全市经济社会又好又快发展打牢坚实的基础。'));
    assert.deepStrictEqual(
      ingest().summary.continuedPieces.map(c => [c.speech, c.marker, c.heading, c.lost]),
      [
        ['000-01', '【领导会议发言范文】二', '二、', true],
        ['000-02', '【领导会议发言范文】四', '三、', true],
        ['000-02', '【领导会议发言范文】五', '四、', true],
      ],
    );
    // A piece that starts with the next heading continues too; one with a title or a salutation, or its own part
    // one, or after a closing, is a speech of its own.
    const body = '正文内容。'.repeat(50);
    const kept = splitPage(`【篇1】\n同志们：\n一、甲\n${body}\n【篇2】\n二、乙\n${body}\n【篇3】\n${body}`);
    assert.deepStrictEqual(
      kept.segments.map(s => s.lines.filter(l => /^[一二三四]、/.test(l))),
      [['一、甲', '二、乙', '三、']],
    );
    assert.deepStrictEqual(kept.segments[0].continued?.map(c => c.lost), [false, true]);
    for (const second of ['同志们：', '在全市工作会议上的讲话', '一、另一篇', '三、跳号']) {
      assert.strictEqual(splitPage(`【篇1】\n同志们：\n一、甲\n${body}\n【篇2】\n${second}\n${body}`).segments.length, 2, second);
    }
    assert.strictEqual(splitPage(`【篇1】\n同志们：\n一、甲\n${body}\n谢谢大家！\n【篇2】\n${body}`).segments.length, 2);
    assert.strictEqual(splitPage(`【篇1】\n同志们：\n${body}\n【篇2】\n${body}`).segments.length, 2, 'no parts to continue');
    const p003 = bySource('003');
    assert.ok(p003[0].text.startsWith('人大换届工作会议讲话稿\n同志们：'));
    assert.ok(p003.every(s => !s.text.includes('最优人大工作会议讲话稿')));
    // 【篇4】 holds three speeches for three counties.
    assert.ok(bySource('001').some(s => s.text.includes('内学仙桃、外学沭阳')));
    assert.ok(bySource('001').some(s => s.text.startsWith('在全县上下深入贯彻落实中央和省市全会')));
    const page = splitPage('【篇1】甲\n同志们：\n' + '正文。'.repeat(80) + '\n【篇2】乙\n同志们：\n' + '内容。'.repeat(80));
    assert.strictEqual(page.segments.length, 2);
    // Reports to a standing committee run together: each begins with its title and the chair-first salutation.
    const report = (title: string) => [title, '主任、各位副主任、秘书长、各位委员：', '正文内容，讲的是执行情况。'.repeat(20), '以上报告，请予审议。'];
    const reports = splitPage([...report('关于2025年市级预算执行情况的报告'), ...report('关于全市安全生产工作情况的报告')].join('\n'));
    assert.deepStrictEqual(
      reports.segments.map(s => s.lines[0]),
      ['关于2025年市级预算执行情况的报告', '关于全市安全生产工作情况的报告'],
    );
    // Without titles, the closing ends the first report.
    assert.strictEqual(splitPage([...report('').slice(1), ...report('').slice(1)].join('\n')).segments.length, 2);
  });

  it('drops duplicated passages and near-duplicate speeches', () => {
    const s004 = bySource('004')[0];
    const lines = s004.text.split('\n');
    assert.strictEqual(new Set(lines).size, lines.length, 'no repeated paragraph');
    assert.strictEqual(lines.filter(l => l.startsWith('1、加强学习研究')).length, 1);
    const { summary } = ingest();
    assert.ok(summary.duplicates.some(d => d.exact), 'an exact duplicate');
    assert.ok(summary.duplicates.some(d => !d.exact && d.similarity >= 0.9), 'a near duplicate');
    assert.deepStrictEqual(
      dropRepeatedParagraphs(['一、总体要求', '这是一段足够长的正文内容，需要去掉重复。', '一、总体要求', '这是一段足够长的正文内容，需要去掉重复！']).lines,
      ['一、总体要求', '这是一段足够长的正文内容，需要去掉重复。', '一、总体要求'],
    );
    assert.deepStrictEqual(findDuplicateSpeeches(['完全不同的一篇讲话内容', '另外一篇毫无关系的讲话稿']), []);
    assert.strictEqual(collapseRepeatedLines('标题\n标题\n\n标题\n正文').text, '标题\n正文');
  });

  it('rejoins sentences broken around a keyword link', () => {
    const t = '今天，我们在这里召开全市商务工作会议。刚才，×同志回顾。\n总结。\n了去年工作，安排部署了今年任务。';
    assert.strictEqual(joinBrokenLines(t).text, '今天，我们在这里召开全市商务工作会议。刚才，×同志回顾总结了去年工作，安排部署了今年任务。');
    assert.strictEqual(joinBrokenLines('这是很长的一段讲话内容已经结束了吗是的结束了。\n谢谢大家。\n').joins, 0);
  });

  it('rejoins paragraphs the page broke at semicolons, unless the next line starts a new item', () => {
    for (const s of ingest().speeches) {
      const lines = s.text.split('\n');
      lines.slice(0, -1).forEach((l, i) => {
        if (/[；;]$/.test(l)) {
          assert.ok(startsNewItem(lines[i + 1]), `${s.id}:${i + 1} ends in a semicolon but continues: ${lines[i + 1].slice(0, 20)}`);
        }
      });
    }
    assert.deepStrictEqual(joinContinuedLines('一是抓学习；\n\n抓落实；\n二是抓监督。\n评议(前年是\n教育局)，效果好。'), {
      text: '一是抓学习；抓落实；\n二是抓监督。\n评议(前年是教育局)，效果好。',
      joins: 2,
    });
    assert.strictEqual(joinContinuedLines('要求如下；\n（一）加强学习。\n1.抓紧；\n2.抓好。').joins, 0);
    // A bracket closed two lines on joins all three; a stray one, closed nowhere near, joins nothing.
    assert.strictEqual(joinContinuedLines('评议(前年是\n教育局、\n卫健委)，效果好。\n下一段。').text, '评议(前年是教育局、卫健委)，效果好。\n下一段。');
    const stray = ['（附件', ...Array.from({ length: 200 }, (_, i) => `第${i}段正文。`)].join('\n');
    assert.deepStrictEqual(joinContinuedLines(stray), { text: stray, joins: 0 });
  });

  it('finds the same duplicate speeches as comparing every pair', () => {
    // The reference: every pair in order, as findDuplicateSpeeches did before it looked up candidate pairs.
    const naive = (texts: string[], threshold: number) => {
      const grams = texts.map(t => {
        const c = comparable(t);
        return new Set(Array.from({ length: Math.max(0, c.length - 4) }, (_, i) => c.slice(i, i + 5)));
      });
      const dropped = new Set<number>();
      const out: [number, number, boolean][] = [];
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          if (dropped.has(i) || dropped.has(j)) {
            continue;
          }
          const exact = comparable(texts[i]) === comparable(texts[j]);
          const [small, large] = grams[i].size <= grams[j].size ? [grams[i], grams[j]] : [grams[j], grams[i]];
          const sim = exact ? 1 : small.size === 0 ? 0 : [...small].filter(g => large.has(g)).length / small.size;
          if (sim >= threshold) {
            const keepI = comparable(texts[i]).length >= comparable(texts[j]).length;
            dropped.add(keepI ? j : i);
            out.push([keepI ? j : i, keepI ? i : j, exact]);
          }
        }
      }
      return out;
    };
    let seed = 9;
    const rnd = (n: number) => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return Math.floor((seed / 4294967296) * n);
    };
    const alphabet = '人大常委会一府两院工作讲话同志们要加强监督';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
    let withDuplicates = 0;
    for (let k = 0; k < 150; k++) {
      const bases = Array.from({ length: 2 + rnd(5) }, () => word(rnd(300)));
      // Copies, copies with a cut or an insertion, prefixes, short texts and unrelated ones.
      const texts = Array.from({ length: 2 + rnd(20) }, () => {
        const b = bases[rnd(bases.length)];
        const at = rnd(b.length + 1);
        return [b, b.slice(rnd(20)) + '，', b.slice(0, at) + word(rnd(30)) + b.slice(at), b.slice(0, at), word(rnd(8)), word(rnd(400))][rnd(6)];
      });
      for (const threshold of [0.8, 0.5, 1, 0]) {
        const got = findDuplicateSpeeches(texts, threshold).map(d => [d.dropped, d.kept, d.exact]);
        assert.deepStrictEqual(got, naive(texts, threshold), JSON.stringify({ k, threshold }));
        withDuplicates += got.length > 0 ? 1 : 0;
      }
    }
    assert.ok(withDuplicates > 400, `${withDuplicates} of 600 cases have duplicates`);
  });

  it('leaves no ASCII brackets or full stops, typesetting codes or stray letters in Chinese context', () => {
    for (const s of ingest().speeches) {
      const bad = /[\p{Script=Han}][().]|[()][\p{Script=Han}]|\[jp\]|[\u0590-\u06ff]|[A-Za-z]+\d{4}[A-Za-z]+/u.exec(s.text);
      assert.strictEqual(bad, null, `${s.id}: ${bad ? s.text.slice(Math.max(0, bad.index - 8), bad.index + 8) : ''}`);
    }
    assert.strictEqual(normalizePunctuation('特色工作.\n学生的.学习\n一.总体要求\n1.加强').text, '特色工作。\n学生的学习\n一.总体要求\n1.加强');
    assert.strictEqual(normalizePunctuation('落实。(如“十大工程”\n方向。)').text, '落实。（如“十大工程”\n方向。）');
    // The Hebrew letter opens a quotation closed later on the line; the year-mangled words cannot be read back.
    assert.deepStrictEqual(findStrayLetters('赋予ד打造三个高地”的目标').map(s => s.recovered), ['“']);
    const r = repairText('即“伙伴(p2020tnership)、共享(enjoy)”。');
    assert.strictEqual(r.text, '即“伙伴、共享(enjoy)”。');
    assert.deepStrictEqual(r.notes.map(n => [n.original, n.recovered]), [['(p2020tnership)', false]]);
    const { summary } = ingest();
    assert.ok(summary.unrecoverable.some(u => u.original.includes('pl2020tform')), 'the mangled words are reported');
  });

  it('keeps no paragraph that repeats or starts the paragraph next to it', () => {
    for (const s of ingest().speeches) {
      const keys = s.text.split('\n').map(comparable);
      keys.slice(0, -1).forEach((k, i) => {
        const n = keys[i + 1];
        if (Math.min(k.length, n.length) >= 30) {
          assert.ok(!k.includes(n) && !n.includes(k), `${s.id}:${i + 1}`);
        }
      });
    }
    const long = '任何事物发展的进程都不是一帆风顺的，总是有各种各样的制约因素阻碍和干扰着事物的发展。';
    assert.deepStrictEqual(dropContainedNeighbours(['同志们：', long, `${long}这是制约我们企业管理水平稳步提升的关键因素。`]).lines, [
      '同志们：',
      `${long}这是制约我们企业管理水平稳步提升的关键因素。`,
    ]);
    assert.deepStrictEqual(dropContainedNeighbours(['一、总体要求', '一、总体要求']).lines, ['一、总体要求', '一、总体要求']);
  });

  it('extracts metadata: title, date, occasion, speaker, outline', () => {
    const s = ingest().speeches.find(x => x.date === '2005-11-21');
    assert.ok(s);
    assert.strictEqual(s.id, '001-02');
    assert.ok(s.title.includes('不断开创新形势下地方人大工作新局面'));
    assert.strictEqual(s.occasion, '人大工作会议');
    assert.strictEqual(s.speaker, '县人大常委会主任');
    assert.ok(s.outline.length >= 6 && s.outline[0].marker === '一、');
    assert.ok(s.paragraphs[s.outline[0].line].heading);
    const p002 = bySource('002')[0];
    assert.strictEqual(p002.speaker, 'XX市人大常委会主任');
    assert.strictEqual(p002.occasion, '人大换届选举工作部署会');
    // `20xx` is no date.
    const m = extractMeta('在全市工作会议上的讲话\n（20xx年3月1日）\n同志们：\n今天召开会议。');
    assert.strictEqual(m.date, null);
    assert.strictEqual(ingest().speeches.filter(x => x.date !== null).length, 1);
  });

  it('the committed corpus (data/corpus) is what the pipeline builds', () => {
    const { speeches, issues } = readCorpus(path.join(ROOT, 'data', 'corpus'));
    assert.deepStrictEqual(issues, []);
    const fresh = ingest().speeches;
    assert.deepStrictEqual(
      speeches.map(s => s.id),
      fresh.map(s => s.id),
    );
    speeches.forEach((s, i) => {
      assert.strictEqual(s.text, fresh[i].text, s.id);
      assert.strictEqual(s.title, fresh[i].title, s.id);
    });
  });
});
