import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { flattenParts, getOutline, parseOutline } from '../../src/core/structure';
import { matchLineMarker } from '../../src/core/structure/markers';
import { parseChineseNumber, toChineseNumber } from '../../src/core/structure/numerals';
import { seedPage as seed } from '../support/seeds';

const draftDir = path.join(__dirname, '..', 'fixtures', 'outlines', 'drafts');
const draft = (name: string) => fs.readFileSync(path.join(draftDir, name), 'utf8');

describe('structure: numerals and markers', () => {
  it('reads and writes Chinese ordinals', () => {
    const cases: Array<[string, number]> = [['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['九十九', 99]];
    for (const [s, n] of cases) {
      assert.strictEqual(parseChineseNumber(s), n, s);
      assert.strictEqual(toChineseNumber(n), s);
    }
    assert.strictEqual(parseChineseNumber('两'), 2);
    for (const bad of ['', '十十', '一十二', '百', '二两']) {
      assert.strictEqual(parseChineseNumber(bad), null, bad);
    }
  });

  it('recognises the four levels and the wrong forms writers type', () => {
    const m = (s: string) => {
      const r = matchLineMarker(s);
      return r && [r.level, r.value, r.text, r.canonical, r.wrong];
    };
    assert.deepStrictEqual(m('一、总体要求'), [1, 1, '一、', '一、', false]);
    assert.deepStrictEqual(m('十二、其他'), [1, 12, '十二、', '十二、', false]);
    assert.deepStrictEqual(m('一.总体要求'), [1, 1, '一.', '一、', true]);
    assert.deepStrictEqual(m('（三）加强领导'), [2, 3, '（三）', '（三）', false]);
    assert.deepStrictEqual(m('(三)加强领导'), [2, 3, '(三)', '（三）', true]);
    assert.deepStrictEqual(m('（三）、加强领导'), [2, 3, '（三）、', '（三）', true]);
    assert.deepStrictEqual(m('2.提高认识'), [3, 2, '2.', '2.', false]);
    assert.deepStrictEqual(m('2、提高认识'), [3, 2, '2、', '2.', true]);
    assert.deepStrictEqual(m('（4）加强学习'), [4, 4, '（4）', '（4）', false]);
    assert.deepStrictEqual(m('⑴加强学习'), [4, 1, '⑴', '（1）', true]);
    assert.deepStrictEqual(m('②、其他'), [5, 2, '②、', '②', true]);
  });

  it('leaves prose alone', () => {
    for (const s of ['一年来，我们', '2020年以来', '2.5亿元', '十分重要', '一是抓学习', '两、三个', '3.14', '一，二，三']) {
      assert.strictEqual(matchLineMarker(s), null, s);
    }
  });
});

describe('structure: parser', () => {
  it('reads a complete hand-made work-meeting speech', () => {
    const o = parseOutline(draft('work-meeting.txt'));
    assert.strictEqual(o.speeches.length, 1);
    assert.deepStrictEqual(
      { ...o.titleBlock, start: undefined, end: undefined },
      { title: '坚定信心 真抓实干 奋力开创人大工作新局面', subtitle: '在全市人大工作会议上的讲话', subtitleLine: 1, speaker: '张  明', date: '2025-03-12', line: 0, endLine: 3, start: undefined, end: undefined },
    );
    assert.strictEqual(o.salutation?.text, '同志们：');
    assert.strictEqual(o.opening?.purpose, true);
    assert.deepStrictEqual([o.announced?.count, o.announced?.text, o.announced?.line], [3, '我讲三点意见', 9]);
    assert.deepStrictEqual(o.parts.map(p => p.marker + p.title), ['一、提高政治站位，深刻认识做好新时代人大工作的重大意义', '二、聚焦中心大局，依法履行各项法定职责', '三、加强自身建设，不断提高履职能力和水平']);
    assert.deepStrictEqual(o.parts[1].children.map(p => p.marker), ['（一）', '（二）']);
    assert.deepStrictEqual(o.parts[1].children[0].children.map(p => [p.marker, p.title]), [['1.', '突出重点领域立法'], ['2.', '提高立法质量']]);
    assert.deepStrictEqual(o.sequences.map(s => [s.kind, s.items.map(i => i.marker).join('')]), [
      ['一是', '一是二是三是'],
      ['第一', '第一，第二，第三，'],
      ['首先', '首先其次最后'],
      ['一要', '一要二要三要'],
    ]);
    assert.ok(o.closing?.text.startsWith('同志们，新时代'));
    // The last part ends before the closing; the first ends where the second begins.
    assert.strictEqual(o.parts[2].endLine, 29);
    assert.strictEqual(o.parts[0].endLine, 15);
  });

  it('parses Markdown headings and front matter', () => {
    const o = parseOutline(draft('markdown.md'), { markdown: true });
    assert.strictEqual(o.genre, 'npc-session');
    assert.strictEqual(o.titleBlock?.title, '在市第十七届人民代表大会第三次会议闭幕会上的讲话');
    assert.strictEqual(o.salutation?.text, '各位代表、同志们：');
    assert.deepStrictEqual(flattenParts(o.parts).map(p => `${p.level}${p.marker}`), ['1一、', '1二、', '2（一）', '2（二）', '1三、']);
    assert.strictEqual(o.closing?.line, 22);
  });

  it('takes a salutation written with a comma, an exclamation mark or no mark for the salutation, and notes its end', () => {
    const title = '在全市人大工作会议上的讲话\n（2026年3月5日）\n';
    const body = '今天，我们召开全市人大工作会议，主要任务是总结工作。\n一、统一思想\n';
    for (const [line, end] of [['各位代表、同志们，', '，'], ['同志们！', '！'], ['同志们', ''], ['尊敬的主任、各位副主任、秘书长，各位委员', '']]) {
      const o = parseOutline(title + line + '\n' + body);
      assert.strictEqual(o.salutation?.text, line, line);
      assert.strictEqual(o.salutation?.wrongEnd, end, line);
      assert.strictEqual(o.opening?.line, 3, line);
      assert.strictEqual(o.titleBlock?.title, '在全市人大工作会议上的讲话', line);
    }
    assert.strictEqual(parseOutline(title + '同志们：\n' + body).salutation?.wrongEnd, null);
    // A sentence that begins with 各位, and a first paragraph with no mark, are not salutations.
    assert.strictEqual(parseOutline(title + '各位代表要认真履职，\n' + body).salutation, null);
    assert.strictEqual(parseOutline(title + body).salutation, null);
  });

  it('takes salutations that list whom they address, chair and surnames included, and not sentences or labels', () => {
    const title = '在全市人大工作会议上的讲话\n（2026年3月5日）\n';
    const body = '今天，我们召开全市人大工作会议，主要任务是总结工作。\n一、统一思想\n正文。\n';
    for (const line of [
      '同志们、朋友们：',
      '代表们、同志们：',
      '女士们、先生们、朋友们：',
      '李主任、各位副主任、秘书长、各位委员：',
      '王书记、各位领导、同志们：',
      '主任、副主任、各位委员：',
      '各位代表、各位列席人员：',
      '尊敬的各位领导、各位嘉宾，女士们、先生们：',
    ]) {
      const o = parseOutline(title + line + '\n' + body);
      assert.strictEqual(o.salutation?.text, line, line);
      assert.strictEqual(o.opening?.line, 3, line);
    }
    for (const line of ['市长：', '各位代表要做到：', '同志们要注意以下几点：', '主要任务是：']) {
      assert.strictEqual(parseOutline(title + line + '\n' + body).salutation, null, line);
    }
  });

  it('two numbers named together are neither a heading nor a sequence item', () => {
    const o = parseOutline('一、关于今年工作\n一、二季度，全县经济运行总体平稳。\n二、三个方面的体会\n正文。\n');
    assert.deepStrictEqual(o.parts.map(p => p.marker + p.title), ['一、关于今年工作', '二、三个方面的体会']);
    for (const t of ['第一、二、三产业增加值分别增长3.5%、6.2%和5.8%。', '第一、第二产业增加值增长。']) {
      assert.deepStrictEqual(parseOutline(`同志们：\n${t}\n`).sequences, [], t);
    }
    assert.deepStrictEqual(
      parseOutline('同志们：\n第一、要提高认识。第二、要抓住重点。\n').sequences.map(s => s.items.map(i => i.marker).join('')),
      ['第一、第二、'],
    );
  });

  it('takes a rally addressed to several listeners, and wishes, for the closing', () => {
    const text = '在全市人大工作会议上的讲话\n同志们：\n今天，我们召开会议，主要任务是总结工作。\n一、统一思想\n正文。\n';
    for (const line of [
      '各位代表、同志们！让我们携手奋进！',
      '同志们、朋友们，让我们共同努力！',
      '预祝大会圆满成功！',
      '最后，祝大家新年快乐、工作顺利！',
      '新征程上，我们要更加紧密地团结在党中央周围，为全面建设社会主义现代化国家而不懈奋斗！',
      '希望大家以这次会议为新的起点，作出新的更大贡献！',
      '今天的会议到此结束。',
      '现在，我宣布：市第十七届人民代表大会第六次会议闭幕！',
    ]) {
      const o = parseOutline(text + line + '\n');
      assert.deepStrictEqual([o.closing?.text, o.closing?.line], [line, 5], line);
      assert.strictEqual(o.parts[0].endLine, 4, line);
    }
    assert.strictEqual(parseOutline(text + '最后，要加强领导。\n').closing, null);
  });

  it('keeps both lines of a main title set on two lines, from the first line', () => {
    const text = '中共江城县委人大工作会议材料（三）\n坚持党的领导 依法行使职权\n不断开创新形势下地方人大工作新局面\n——在县委人大工作会议上的讲话\n（2005年11月21日）\n同志们：\n一、总体要求\n';
    const tb = parseOutline(text).titleBlock;
    assert.strictEqual(tb?.title, '坚持党的领导 依法行使职权 不断开创新形势下地方人大工作新局面');
    assert.strictEqual(tb?.line, 1);
    assert.strictEqual(tb?.subtitle, '在县委人大工作会议上的讲话');
    // A one-line title under a salutation-free page label stays one line.
    assert.strictEqual(parseOutline('浏览数：12\n在全市工作会议上的讲话\n同志们：\n一、总体要求\n').titleBlock?.title, '在全市工作会议上的讲话');
  });

  it('reads a title block whose speaker name or date is still a placeholder', () => {
    for (const name of ['×××', 'XXX', 'XX', '＊＊＊', '张三']) {
      for (const date of ['（2026年3月5日）', '（20××年×月×日）']) {
        const text = `坚持党的领导 开创人大工作新局面\n——在全县人大工作会议上的讲话\n县人大常委会主任  ${name}\n${date}\n\n同志们：\n\n今天，我们召开全县人大工作会议。\n`;
        const tb = parseOutline(text).titleBlock;
        assert.deepStrictEqual(
          [tb?.title, tb?.subtitle, tb?.speaker, tb?.date, tb?.line, tb?.endLine],
          ['坚持党的领导 开创人大工作新局面', '在全县人大工作会议上的讲话', `县人大常委会主任  ${name}`, date.includes('×') ? null : '2026-03-05', 0, 3],
          `${name} ${date}`,
        );
      }
    }
    // A date line written otherwise, or naming a day that does not exist, is still the date line (with or without a date).
    for (const [date, iso] of [
      ['（2026年2月30日）', null],
      ['（二〇二六年二月三十日）', null],
      ['（二0二六年二月二十日）', '2026-02-20'],
      ['（２０２６年２月２０日）', '2026-02-20'],
      ['（2026.2.20）', '2026-02-20'],
    ] as const) {
      const tb = parseOutline(`在全县人大工作会议上的讲话\n县人大常委会主任\u3000李明\n${date}\n\n同志们：\n今天召开会议。\n`).titleBlock;
      assert.deepStrictEqual([tb?.title, tb?.speaker, tb?.date, tb?.endLine], ['在全县人大工作会议上的讲话', '县人大常委会主任\u3000李明', iso, 2], date);
    }
    // Several positions, the full name of the congress, a placeholder name; a title-like line with 、 and no position is no speaker.
    for (const line of ['县委副书记、县人大常委会主任  李明', '市人民代表大会常务委员会党组书记、主任  李明', '县人大常委会党组书记、主任 ×××']) {
      const tb = parseOutline(`坚持党的领导 开创人大工作新局面\n——在全县人大工作会议上的讲话\n${line}\n（2026年3月5日）\n\n同志们：\n`).titleBlock;
      assert.deepStrictEqual([tb?.title, tb?.speaker], ['坚持党的领导 开创人大工作新局面', line], line);
    }
    const titled = parseOutline('坚持党的领导 依法行使职权\n坚持党的领导、人民当家作主\n（2026年3月5日）\n\n同志们：\n').titleBlock;
    assert.deepStrictEqual([titled?.title, titled?.speaker], ['坚持党的领导 依法行使职权 坚持党的领导、人民当家作主', null]);
    // The bundled sample draft: title, subtitle and a speaker whose name is XXX.
    const sample = parseOutline(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drafts', 'sample-draft.txt'), 'utf8')).titleBlock;
    assert.deepStrictEqual([sample?.title, sample?.speaker, sample?.line], ['在全县人大工作会议上的讲话', '县人大常委会主任  XXX', 0]);
  });

  it('takes the genre from a comment on the first line', () => {
    assert.strictEqual(parseOutline('<!-- gongwen genre: work-meeting -->\n同志们：\n一、总体要求').genre, 'work-meeting');
  });

  it('the title block date is the date DocContext reports', () => {
    const text = draft('work-meeting.txt');
    assert.strictEqual(new DocContext(text).documentDate, parseOutline(text).titleBlock?.date);
  });

  it('keeps one parse per document through doc.memo', () => {
    const doc = new DocContext(draft('defects.txt'));
    assert.strictEqual(getOutline(doc), getOutline(doc));
  });

  it('announcements: counts, 几点 is uncountable, other forms', () => {
    const ann = (s: string) => parseOutline(`同志们：\n${s}\n一、甲\n二、乙`).announced;
    assert.strictEqual(ann('下面，我讲三点意见。')?.count, 3);
    assert.strictEqual(ann('下面，我讲四个方面的问题。')?.count, 4);
    assert.strictEqual(ann('下面，我从以下五个方面讲一讲。')?.count, 5);
    // 从三个方面 without 以下 with a speaking verb in its clause; what is said (几点想法) goes with it.
    const three = ann('借此机会，我从三个方面谈几点想法。');
    assert.deepStrictEqual([three?.count, three?.text], [3, '我从三个方面谈几点想法']);
    assert.strictEqual(ann('下面，我从这四个方面讲一讲。')?.count, 4);
    assert.strictEqual(ann('去年以来，常委会从三个方面加强了监督。'), null);
    assert.strictEqual(ann('下面，我讲3个方面的意见。')?.count, 3);
    assert.strictEqual(ann('关键要做到两条。')?.count, 2);
    const few = ann('下面，我讲几点意见。');
    assert.ok(few && few.count === null);
    assert.strictEqual(ann('这是一个开头。'), null);
    const o = parseOutline('同志们：\n下面讲三点。\n一、甲\n最后，我再强调三点：一是抓学习；二是抓落实；三是抓作风。');
    assert.deepStrictEqual(o.announcements.map(a => a.count), [3]);
  });

  it('inline sequences need a clause boundary (统一是 is not 一是)', () => {
    const o = parseOutline('要统一是非标准，一是抓学习；二是抓落实。第一次会议，第一，要务实。');
    assert.deepStrictEqual(o.sequences.map(s => s.items.map(i => i.marker).join('')), ['一是二是', '第一，']);
  });

  it('ordinal headings with a unit (第一点意见：, 第一个问题，) form their own sequences', () => {
    const o = parseOutline('第一点意见：肯定成绩。\n第一句话：服务大局。\n第二句话：依法监督。\n第二点意见：开创新局面。\n第一，要学习。');
    assert.deepStrictEqual(o.sequences.map(s => s.items.map(i => i.marker).join('')), ['第一点意见：第二点意见：', '第一句话：第二句话：', '第一，']);
    assert.ok(o.sequences.every(s => s.items.every(i => !i.wrongMark)));
  });

  it('seed 002: one speech with title, salutation, purpose, 三点 and three parts', () => {
    const o = parseOutline(seed('002'));
    assert.strictEqual(o.speeches.length, 1);
    assert.strictEqual(o.titleBlock?.title, 'XX市人大常委会主任在全市市县乡人大换届选举工作部署会上讲话');
    assert.strictEqual(o.salutation?.line, 12);
    assert.strictEqual(o.announced?.count, 3);
    assert.deepStrictEqual(o.parts.map(p => p.marker), ['一、', '二、', '三、']);
    assert.ok(o.closing?.text.startsWith('同志们,做好'));
  });

  it('seed 003: splits the multi-speech page (“15篇”, some without a title of their own) into speeches', () => {
    const o = parseOutline(seed('003'));
    assert.ok(o.speeches.length >= 15 && o.speeches.length <= 18, String(o.speeches.length));
    // Each speech that has a salutation has exactly one, and speeches do not overlap.
    for (let i = 1; i < o.speeches.length; i++) {
      assert.strictEqual(o.speeches[i].startLine, o.speeches[i - 1].endLine + 1);
    }
    assert.strictEqual(o.speeches.filter(s => s.titleBlock?.title === '工作会议讲话稿').length, 8);
    const commerce = o.speeches.find(s => s.titleBlock?.title?.includes('商务工作'))!;
    assert.ok(commerce, 'the 商务工作 speech is found');
    assert.deepStrictEqual(commerce.parts.map(p => p.marker), ['一、', '二、', '四、']);
    assert.deepStrictEqual(commerce.parts[1].children.map(p => p.marker), ['(一)', '(二)', '(三)', '(四)']);
    // `……确保全年目标任务高质量完成一要努力实现“开门红”` runs the heading into the text.
    const four = commerce.parts[2];
    assert.strictEqual(four.title, '凝心聚力,狠抓落实,确保全年目标任务高质量完成');
    assert.ok(four.runOnAt !== null);
    assert.ok(commerce.sequences.some(s => s.kind === '一要' && s.items.map(i => i.value).join('') === '1234' && s.items[0].line === four.line));
  });

  it('seed 000 (traditional characters) and 001, 004 parse into speeches with parts', () => {
    for (const [p, speeches, parts] of [['000', 1, 3], ['001', 6, 20], ['004', 1, 14]] as const) {
      const o = parseOutline(seed(p));
      assert.ok(o.speeches.length >= speeches, `${p}: ${o.speeches.length} speeches`);
      const n = o.speeches.reduce((a, s) => a + s.parts.length, 0);
      assert.ok(n >= parts, `${p}: ${n} top-level parts`);
    }
  });

  it('is robust on empty and odd input', () => {
    for (const t of ['', '\n\n', '一、', '（', '同志们：', '\r\n一、甲\r\n（一）乙\r', '一是', '\u0000一、\u2028二、']) {
      const o = parseOutline(t);
      assert.ok(o.speeches.length >= 1);
    }
  });
});
