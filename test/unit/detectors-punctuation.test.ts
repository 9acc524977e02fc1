import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  detectAsciiPunctuation,
  detectBookTitleMeeting,
  detectBrokenLine,
  detectEllipsis,
  detectEllipsisEtc,
  detectLineStartMark,
  detectRepeatedMarks,
  detectSpaceBetweenHan,
  detectSubtitleDash,
  detectUnbalancedPairs,
  detectWrongNesting,
} from '../../src/core/detectors/punctuation';
import { docOf, fixed, fixedSafe, hits, seed } from './detectors-helpers';

describe('punctuation.ascii (half-width marks in Chinese text)', () => {
  it('converts , : ; ( ) ! ? next to Chinese, one finding and one safe fix each', () => {
    const text = '同志们:今天,我们召开会议(扩大);大家好!对吗?';
    const found = detectAsciiPunctuation(docOf(text));
    assert.deepStrictEqual(
      found.map(m => text.slice(m.start, m.end)),
      [':', ',', '(', ')', ';', '!', '?'],
    );
    for (const m of found) {
      assert.strictEqual(m.fixes?.length, 1);
      assert.strictEqual(m.fixes?.[0].safe, true);
    }
    assert.strictEqual(fixedSafe(detectAsciiPunctuation, text), '同志们：今天，我们召开会议（扩大）；大家好！对吗？');
  });

  it('drops the ASCII space after a converted mark, never adds one', () => {
    assert.strictEqual(fixed(detectAsciiPunctuation, '同志们: 今天, 我们'), '同志们：今天，我们');
    assert.strictEqual(fixed(detectAsciiPunctuation, '增长3个百分点,达到2022年水平'), '增长3个百分点，达到2022年水平');
  });

  it('turns ASCII quotes round Chinese into Chinese quotes, single ones inside double ones into ‘’', () => {
    assert.strictEqual(fixedSafe(detectAsciiPunctuation, '完成了"十四五"规划目标，坚决做到\'两个维护\''), '完成了“十四五”规划目标，坚决做到“两个维护”');
    assert.strictEqual(fixedSafe(detectAsciiPunctuation, '他说:"要做到\'两个维护\'。"'), '他说：“要做到‘两个维护’。”');
    assert.strictEqual(fixedSafe(detectAsciiPunctuation, '他说：“要做到\'两个维护\'。”'), '他说：“要做到‘两个维护’。”');
    // Apostrophes, an unpaired quote, quotes across lines and English quotations stay.
    assert.deepStrictEqual(hits(detectAsciiPunctuation, "西安（Xi'an）的 people's congress，students' 代表"), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '只有一个"引号\n另一行"引号'), []);
  });

  it('leaves numbers, times, dates, URLs, e-mail and Latin text alone', () => {
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '增长3.5个百分点，投入1,000万元'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '会议于10:20:02开始'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '详见 https://www.gov.cn/a?x=1,2&y=(3) 网页'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '来信请寄 office@npc.gov.cn。'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '他引用了 "Hello, world (again)!" 这句话'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '空格&nbsp;中文'), []);
  });

  it('converts the parentheses of a Chinese pair, not of a Latin one', () => {
    assert.strictEqual(fixed(detectAsciiPunctuation, '(一)加强领导'), '（一）加强领导');
    assert.strictEqual(fixed(detectAsciiPunctuation, '国内生产总值(GDP)增长'), '国内生产总值（GDP）增长');
    assert.deepStrictEqual(hits(detectAsciiPunctuation, 'f(x) = y'), []);
    // A mixed pair: only the half-width one changes; full-width （一） is never touched.
    assert.strictEqual(fixed(detectAsciiPunctuation, '（一)加强领导'), '（一）加强领导');
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '（一）加强领导'), []);
  });

  it('respects Markdown syntax when the document is Markdown', () => {
    const md = '详见[通知](http://a.cn/x_(1)) 和 `a,b;c` 代码:\n```\nx = f(1, 2);\n```\n![图](a.png)';
    assert.deepStrictEqual(hits(detectAsciiPunctuation, md, true), [':']);
  });

  it('turns a sentence-ending `.` after Chinese into `。`, not the dots of numbers, files, headings or dot runs', () => {
    assert.strictEqual(fixed(detectAsciiPunctuation, '会议很重要.我们要认真落实.\n坚持“两个确立”. 做到“两个维护”'), '会议很重要。我们要认真落实。\n坚持“两个确立”。做到“两个维护”');
    assert.strictEqual(fixed(detectAsciiPunctuation, '召开会议(扩大).今天'), '召开会议（扩大）。今天');
    for (const text of ['增长3.5个百分点', '日期2026.11.20，详见附件', '附件：实施方案.docx', '等等...', '一.加强领导', '## 二. 改进作风', '第一.要坚持', '他说 Hello world. 好', '详见 www.npc.gov.cn 网站']) {
      assert.deepStrictEqual(hits(detectAsciiPunctuation, text), [], text);
    }
    // Seed 003 writes whole paragraphs with ASCII marks, its full stops included.
    const text = seed('003');
    const dots = detectAsciiPunctuation(docOf(text)).filter(m => text[m.start] === '.');
    assert.ok(dots.some(m => text.slice(m.start - 5, m.start) === '制度的执行'));
    assert.ok(dots.length >= 10, `seed 003: ${dots.length} full stops`);
    assert.ok(dots.every(m => !/\d/.test(text[m.start - 1])));
  });

  it('does not treat lost characters (`??`, `?;`) as question marks', () => {
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '兩個組??梢哉f人大干部'), []);
    assert.deepStrictEqual(hits(detectAsciiPunctuation, '表率作用?;顒娱_展過程中'), []);
  });

  it('finds the half-width marks of seed 001 and leaves its time stamp alone', () => {
    const text = seed('001');
    const found = detectAsciiPunctuation(docOf(text));
    const header = found.filter(m => m.start < text.indexOf('浏览量') + 4).map(m => text.slice(m.start, m.end));
    // `讲话(完整)` and `时间:` / `浏览量:`; not the colons of `10:20:02`.
    assert.deepStrictEqual(header, ['(', ')', ':', ':']);
    const kinds = new Set(found.map(m => text[m.start]));
    for (const k of [',', ':', '(', ')']) {
      assert.ok(kinds.has(k), `seed 001 should have ASCII “${k}” in Chinese context`);
    }
    // Fix-all leaves nothing to convert.
    const after = fixedSafe(detectAsciiPunctuation, text);
    assert.deepStrictEqual(detectAsciiPunctuation(docOf(after)), []);
    assert.ok(after.includes('时间：2022-07-23 10:20:02'));
  });
});

describe('punctuation.line-start (a paragraph broken before a clause mark)', () => {
  it('joins a line that begins with ，、；：。！？ to the text above it', () => {
    assert.strictEqual(fixed(detectLineStartMark, '同志们\n：\n今天召开会议。'), '同志们：\n今天召开会议。');
    assert.strictEqual(fixed(detectLineStartMark, '同志们\r\n：\r\n今天召开会议。'), '同志们：\r\n今天召开会议。');
    assert.strictEqual(fixed(detectLineStartMark, '要依法履职　\n　，切实加强监督。'), '要依法履职，切实加强监督。');
    assert.deepStrictEqual(hits(detectLineStartMark, '一是抓学习\n、二是抓落实\n。'), ['、', '。']);
  });

  it('leaves a line after a blank line, the first line, quotes and Markdown code alone', () => {
    for (const text of ['，开头', '第一段。\n\n，第二段', '他说：\n“今天开会。”', '今天\n……\n明天']) {
      assert.deepStrictEqual(hits(detectLineStartMark, text), [], text);
    }
    assert.deepStrictEqual(hits(detectLineStartMark, '代码：\n```\nx\n, y\n```', true), []);
  });
});

describe('punctuation.broken-line (a paragraph broken inside a word)', () => {
  const speeches = path.join(__dirname, '..', '..', 'data', 'corpus', 'speeches');
  const corpus = fs.readdirSync(speeches).filter(f => f.endsWith('.txt')).map(f => [f, fs.readFileSync(path.join(speeches, f), 'utf8')] as const);

  it('is quiet on the built-in corpus speeches as they are', () => {
    for (const [file, text] of corpus) {
      assert.deepStrictEqual(hits(detectBrokenLine, text), [], file);
    }
  });

  it('finds a corpus paragraph broken one character before a comma, and its fix restores the paragraph', () => {
    let tried = 0;
    for (const [file, text] of corpus) {
      const lines = text.split('\n');
      lines.forEach((line, l) => {
        // The first place in a body paragraph where an ideograph pair is followed by a comma: break before its second ideograph.
        // (Not a numeral: `第` / `一，是…` reads as a heading `一，`.)
        const m = /^.{10,}?[一-龥]((?![一二三四五六七八九十])[一-龥])，/.exec(line);
        if (l === 0 || !m || !/[，。]/.test(line.slice(0, m[0].length - 2)) || /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d/.test(line)) {
          return;
        }
        const at = m[0].length - 2;
        const broken = [...lines.slice(0, l), line.slice(0, at), line.slice(at), ...lines.slice(l + 1)].join('\n');
        assert.deepStrictEqual(hits(detectBrokenLine, broken), [m[1]], `${file}:${l + 1}`);
        assert.strictEqual(fixed(detectBrokenLine, broken), text, `${file}:${l + 1}`);
        tried++;
      });
    }
    assert.ok(tried > 100, `only ${tried} paragraphs tried`);
  });

  it('leaves headings, sequence words, sentence openers, blank lines and Markdown alone', () => {
    for (const text of [
      '今年以来，我们认真履职，做了大量工作\n一、加强学习',
      '今年以来，我们认真履职，做了大量工作\n第一，加强学习。',
      '今年以来，我们认真履职，做了大量工作\n一是，加强学习。',
      '今年以来，我们认真履职，做了大量工作\n同时，也要看到不足。',
      '今年以来，我们认真履职，做了大量工作\n\n职，加强学习。',
      '## 今年以来，我们认真履职，做了大量工作\n职，加强学习。',
      '今年以来，我们认真履职，做了大量工作\n职',
    ]) {
      assert.deepStrictEqual(hits(detectBrokenLine, text, true), [], text);
    }
  });
});

describe('punctuation.space-between-han (spaces inside Chinese running text)', () => {
  it('finds the stray spaces of seed 001 and deletes them on request', () => {
    const text = seed('001');
    assert.deepStrictEqual(detectSpaceBetweenHan(docOf(text)).map(m => m.detail), ['可靠的␣法制保', '意见和␣建议,']);
    assert.strictEqual(fixed(detectSpaceBetweenHan, '对代表提出的意见和  建议，要加大督办力度。'), '对代表提出的意见和建议，要加大督办力度。');
  });

  it('leaves titles, speaker lines, alignment, Latin text and Markdown code alone', () => {
    for (const text of ['坚持党的领导 依法行使职权\n县人大常委会主任 方艾学', '姓名      职务，备注', 'the people 代表，很好。', '代码：`人大 工作`，完。']) {
      assert.deepStrictEqual(hits(detectSpaceBetweenHan, text, true), [], text);
    }
  });
});

describe('punctuation.pairs and punctuation.nesting', () => {
  it('points at the unmatched mark', () => {
    const text = '贯彻落实《决定（试行）的精神';
    const found = detectUnbalancedPairs(docOf(text));
    assert.deepStrictEqual(found.map(m => [m.start, text.slice(m.start, m.end)]), [[4, '《']]);
    assert.match(found[0].detail ?? '', /《.*》/);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '加强领导）'), ['）']);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '学习（《决定）》'), ['《', '》']);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '【以稿换稿'), ['【']);
  });

  it('accepts balanced text, list labels, apostrophes and quotations over several paragraphs', () => {
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '坚持“两个确立”，做到“两个维护”。《宪法》（2018年修正）'), []);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '1）加强领导\na)改进作风'), []);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, 'the people’s congress'), []);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '他说：“第一段。\n“第二段。”'), []);
  });

  it('leaves lines with lost characters to the encoding rule', () => {
    // `?!皟砂l` is `。“兩發` decoded one byte off: the opening quote was lost, not forgotten.
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '指導到位?!皟砂l(fā)揮、一爭優(yōu)”活動從去年開展以來'), []);
    assert.deepStrictEqual(hits(detectUnbalancedPairs, '發(fā)揮、一爭優(yōu)”活動'), ['”']);
  });

  it('offers to turn round a reversed pair of quotes (seed 003)', () => {
    const text = seed('003');
    const found = detectUnbalancedPairs(docOf(text));
    const reversed = found.filter(m => text.slice(m.start - 4, m.start + 6).includes('打非治违'));
    assert.strictEqual(reversed.length, 2);
    assert.strictEqual(fixed(detectUnbalancedPairs, '深入开展”打非治违“专项行动'), '深入开展“打非治违”专项行动');
  });

  it('flags double quotes inside double quotes and 《》 inside 《》', () => {
    assert.strictEqual(fixed(detectWrongNesting, '他说：“我们要坚持“人民至上”。”'), '他说：“我们要坚持‘人民至上’。”');
    assert.strictEqual(fixed(detectWrongNesting, '学习《关于《决定》的说明》'), '学习《关于〈决定〉的说明》');
    assert.deepStrictEqual(hits(detectWrongNesting, '他说：“我们要坚持‘人民至上’。”'), []);
    // Third level goes back to double quotes.
    assert.deepStrictEqual(hits(detectWrongNesting, '“甲说：‘乙说“好”。’”'), []);
    for (const m of detectWrongNesting(docOf('“a“b”c”'))) {
      assert.strictEqual(m.fixes?.[0].safe, false);
    }
  });
});

describe('punctuation.book-title (meetings in 《》)', () => {
  it('flags meetings, events and bodies but not works', () => {
    assert.deepStrictEqual(hits(detectBookTitleMeeting, '召开《全市人大工作会议》'), ['《全市人大工作会议》']);
    assert.deepStrictEqual(hits(detectBookTitleMeeting, '参加《第三届进博会开幕式》'), ['《第三届进博会开幕式》']);
    assert.deepStrictEqual(hits(detectBookTitleMeeting, '印发《在全市人大工作会议上的讲话》《政府工作报告》《关于召开全市人大工作会议的通知》'), []);
    assert.strictEqual(fixed(detectBookTitleMeeting, '召开《全市人大工作会议》'), '召开全市人大工作会议');
  });
});

describe('punctuation.repeated and punctuation.ellipsis', () => {
  it('collapses doubled marks and keeps ？！', () => {
    assert.strictEqual(fixedSafe(detectRepeatedMarks, '会议结束。。下面，，开始'), '会议结束。下面，开始');
    assert.deepStrictEqual(hits(detectRepeatedMarks, '为什么？！好！！'), []);
    const mixed = detectRepeatedMarks(docOf('抓好落实，。下面'));
    assert.strictEqual(mixed.length, 1);
    assert.strictEqual(mixed[0].fixes?.[0].safe, false);
  });

  it('normalizes ellipsis forms to ……', () => {
    for (const bad of ['…', '………', '。。。', '......', '···', '⋯⋯', '．．．']) {
      assert.strictEqual(fixed(detectEllipsis, `油菜、菠菜${bad}`), '油菜、菠菜……', bad);
    }
    assert.deepStrictEqual(hits(detectEllipsis, '油菜、菠菜……'), []);
    assert.deepStrictEqual(hits(detectEllipsis, '第一段。\n…………\n第三段。'), []);
    assert.deepStrictEqual(hits(detectEllipsis, 'wait... and 1...10'), []);
  });

  it('flags ……等 and ……等等, not ……等待', () => {
    assert.strictEqual(fixed(detectEllipsisEtc, '油菜、菠菜……等'), '油菜、菠菜……');
    assert.strictEqual(fixed(detectEllipsisEtc, '油菜、菠菜……等等。'), '油菜、菠菜……。');
    assert.deepStrictEqual(hits(detectEllipsisEtc, '油菜、菠菜……等待'), []);
    assert.deepStrictEqual(hits(detectEllipsisEtc, '油菜、菠菜等蔬菜'), []);
  });
});

describe('punctuation.subtitle-dash', () => {
  it('wants —— before a subtitle', () => {
    assert.strictEqual(fixed(detectSubtitleDash, '—在全市人大工作会议上的讲话'), '——在全市人大工作会议上的讲话');
    assert.strictEqual(fixed(detectSubtitleDash, '  -在全县经济工作会议上的讲话（摘要）'), '  ——在全县经济工作会议上的讲话（摘要）');
    assert.strictEqual(
      fixed(detectSubtitleDash, '打击犯罪维护治安--×××副市长在先进警察代表会议上的讲话'),
      '打击犯罪维护治安——×××副市长在先进警察代表会议上的讲话',
    );
    assert.deepStrictEqual(hits(detectSubtitleDash, '——在全市人大工作会议上的讲话'), []);
    assert.deepStrictEqual(hits(detectSubtitleDash, '――在全市人大工作会议上的讲话'), []);
    assert.deepStrictEqual(hits(detectSubtitleDash, '―在全市人大工作会议上的讲话'), ['―']);
    assert.deepStrictEqual(hits(detectSubtitleDash, '第一部分-总体要求'), []);
    assert.deepStrictEqual(detectSubtitleDash(docOf(seed('001'))), []);
  });
});

describe('punctuation detectors on large input', () => {
  it('survive a 1 MB single line and stay consistent with a short document', () => {
    const unit = '同志们:今天,我们召开《全市人大工作会议》(扩大)。。油菜…等“两个确立“';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const doc = docOf(big);
    const per = (run: (d: ReturnType<typeof docOf>) => unknown[]) => run(docOf(unit)).length;
    const copies = big.length / unit.length;
    assert.strictEqual(detectAsciiPunctuation(doc).length, per(detectAsciiPunctuation) * copies);
    assert.strictEqual(detectBookTitleMeeting(doc).length, copies);
    assert.strictEqual(detectRepeatedMarks(doc).length, copies);
    assert.strictEqual(detectEllipsis(doc).length, copies);
    assert.strictEqual(detectEllipsisEtc(doc).length, copies);
    assert.ok(detectUnbalancedPairs(doc).length > 0);
    assert.deepStrictEqual(detectSubtitleDash(doc), []);
  });
});
