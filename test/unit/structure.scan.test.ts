import * as assert from 'assert';
import { parseOutline } from '../../src/core/structure';
import { matchLineMarker } from '../../src/core/structure/markers';
import { parseArabicNumber, parseChineseNumber } from '../../src/core/structure/numerals';
import { seededRandom } from '../support/random';

/**
 * The parser finds inline items (`一是`, `第一，`, `首先，`, `我讲三点意见`) and run-on headings without
 * trying every pattern at every character. These tests hold it to the plain definitions: reference
 * scans written directly with the patterns (a clause-boundary lookbehind, tried everywhere) must give
 * the same items on many generated texts.
 */

const REF_SEQUENCE =
  /(?<=^|[\s\u3000。；;，,：:、！!？?）)”"’」』】…—*])(?:(?<n1>[一二三四五六七八九十]{1,3})(?<verb>是|要)|第(?<n2>[一二三四五六七八九十]{1,3})(?:(?:点意见|点要求|点希望|点|个方面|个问题|句话|条)[，,、：:]|[，,：:]|、(?![一二三四五六七八九十第]))|(?<order>首先|其次|再次|最后)(?=[，,、：:]))/gu;
const REF_SAID = '(?:[^，。；：！？,;:!?]{0,6}?(?:讲|谈|说|提|强调|汇报|交流)(?:[^，。；：！？,;:!?]{0,8}?(?:意见|想法|看法|体会|要求|建议|问题))?)';
const REF_ANNOUNCE = new RegExp(
  [
    '(?:讲|谈|强调|提出?|说|讲讲|谈谈)(?:以下|这么|一下|上)?(?<c1>[两二三四五六七八九十0-9０-９]{1,3}|几)(?:点|个?方面|个问题|条|层意思)',
    `从以下(?<c2>[两二三四五六七八九十0-9０-９]{1,3}|几)个方面${REF_SAID}?`,
    `从这?(?<c4>[两二三四五六七八九十0-9０-９]{1,3}|几)个方面${REF_SAID}`,
    '关键(?:是|要)?(?:做到|抓好|把握|突出)(?<c3>[两二三四五六七八九十0-9０-９]{1,3}|几)(?:条|点|个方面)',
  ].join('|'),
  'gu',
);
const REF_RUN_ON_SEQUENCE = /(?<=[\u4e00-\u9fff”」』）)])(?:(?<![统唯同万之第其逐专划单归合惟不整])一[是要]|第一[，,、])/u;
const REF_RUN_ON_BODY =
  /(?<=^[^，,；;：:、\s\u3000]{4,}?)(?<=[\u4e00-\u9fff”」』）)])(?:各(?:级|地|部门|单位)[^，,。；;：:、]{0,6}?(?:要|必须|务必|应当)|我们(?:要|必须)|必须|要(?=[切认坚进加充全着努把深高严])|(?:今年|近年来|当前)[，,])/u;

/** Candidate sequence items of one line as the plain pattern finds them (before sequences are formed). */
function refItems(line: string, offset: number): Array<{ marker: string; start: number }> {
  const out: Array<{ marker: string; start: number }> = [];
  REF_SEQUENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REF_SEQUENCE.exec(line))) {
    const g = m.groups ?? {};
    const n = g.n1 ?? g.n2;
    if (n !== undefined && parseChineseNumber(n) === null) {
      continue;
    }
    out.push({ marker: m[0], start: offset + m.index });
  }
  return out;
}

function refAnnouncements(line: string, offset: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  REF_ANNOUNCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REF_ANNOUNCE.exec(line))) {
    const word = m.groups?.c1 ?? m.groups?.c2 ?? m.groups?.c4 ?? m.groups?.c3 ?? '';
    const count = word === '几' ? null : (parseChineseNumber(word) ?? parseArabicNumber(word));
    if (word === '几' || (count !== null && count >= 2)) {
      out.push({ start: offset + m.index, end: offset + m.index + m[0].length });
    }
  }
  return out;
}

const PIECES = [
  '一', '二', '三', '十', '两', '几', '3', '１２', '是', '要', '第', '点', '个方面', '个问题', '条', '层意思', '点意见', '句话',
  '首先', '其次', '再次', '最后', '首', '其', '先', '次', '，', ',', '、', '：', '。', '；', ' ', '\u3000', '\u00a0', '”', '）', '…', '—', '*',
  '讲', '谈', '强调', '提', '说', '讲讲', '以下', '这么', '上', '从以下', '关键', '关键是做到', '关键要抓好', '突出', '统', '工作', '𠀀',
  '从', '从这', '方面', '汇报', '交流', '意见', '想法', '加强', '我', '提出', '三方面',
  '二十三', '九十九', '100', '一是', '二是', '第一，', '第二、', '第三点意见：', '首先，', '最后，',
];

function randomLine(rnd: () => number, pieces: readonly string[], max: number): string {
  let s = '';
  const n = 1 + Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) {
    s += pieces[Math.floor(rnd() * pieces.length)];
  }
  return s;
}

describe('structure: inline items and run-on headings follow their plain definitions', () => {
  it('sequence items and announcements on 400 generated speeches', () => {
    const rnd = seededRandom(20261122);
    for (let k = 0; k < 400; k++) {
      // A salutation first, then plain text lines (no line starts a heading): every line is scanned.
      const lines = ['同志们：'];
      const n = 1 + Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++) {
        lines.push('甲' + randomLine(rnd, PIECES, 30));
      }
      const text = lines.join('\n');
      const o = parseOutline(text);
      assert.strictEqual(o.speeches.length, 1, text);
      // Items at clause boundaries; a first item after its clause's subject (`我们一是要`) has a test of its own.
      const items = o.sequences.flatMap(s => s.items.filter(i => !i.afterSubject).map(i => ({ marker: i.marker, start: i.start })));
      const annotations = [o.announced, ...o.announcements].filter(a => a !== null).map(a => ({ start: a.start, end: a.end }));
      const expectedItems: Array<{ marker: string; start: number }> = [];
      const expectedAnnouncements: Array<{ start: number; end: number }> = [];
      let offset = 0;
      for (const line of lines) {
        if (offset > 0) {
          expectedItems.push(...refItems(line, offset));
          expectedAnnouncements.push(...refAnnouncements(line, offset));
        }
        offset += line.length + 1;
      }
      // 其次/再次/最后 continue a sequence that 首先 opened (最后 ends it); on their own they are ordinary words.
      let firstOpen = false;
      const kept = expectedItems.filter(e => {
        if (e.marker.startsWith('首先')) {
          firstOpen = true;
          return true;
        }
        if (/^(?:其次|再次|最后)/.test(e.marker)) {
          const keep = firstOpen;
          firstOpen = firstOpen && !e.marker.startsWith('最后');
          return keep;
        }
        return true;
      });
      assert.deepStrictEqual(items.sort((a, b) => a.start - b.start), kept, text);
      assert.deepStrictEqual(annotations.sort((a, b) => a.start - b.start), expectedAnnouncements, text);
    }
  });

  it('run-on headings on 600 generated heading lines', () => {
    const rnd = seededRandom(7);
    const han = '加强领导工作推进落实发展改革建设社会经济文化生态安全稳定创新开放';
    const body = ['各级', '各地', '各部门', '各级党委要', '各部门要', '我们要', '我们必须', '必须', '要切', '要求', '今年', '近年来', '当前', '今年，', '当前，', '一是', '一要', '第一，', '第一、', '第一要', '统一要'];
    for (let k = 0; k < 600; k++) {
      let head = '';
      const n = Math.floor(rnd() * 24);
      for (let i = 0; i < n; i++) {
        head += rnd() < 0.06 ? ['”', '）', '，', ' ', '𠀀', '“'][Math.floor(rnd() * 6)] : han[Math.floor(rnd() * han.length)];
      }
      let rest = body[Math.floor(rnd() * body.length)];
      const m = Math.floor(rnd() * 40);
      for (let i = 0; i < m; i++) {
        rest += rnd() < 0.05 ? '。' : han[Math.floor(rnd() * han.length)];
      }
      const marker = ['一、', '（二）', '3.', '①'][Math.floor(rnd() * 4)];
      const line = marker + head + rest;
      const part = parseOutline(line).parts[0];
      assert.ok(part, line);
      // The definition: the first sentence after the marker; an inline sequence in it after four characters,
      // else (top two levels, long first sentence) a typical body opening 4 to 20 characters in.
      // The marker as recognised (`（二），` takes the comma with it).
      const after = line.slice(part.markerEnd);
      const lead = after.length - after.replace(/^[\s\u3000]+/, '').length;
      const bodyText = after.slice(lead);
      const stop = bodyText.search(/[。！？!?]/);
      const first = stop < 0 ? bodyText : bodyText.slice(0, stop);
      const seq = REF_RUN_ON_SEQUENCE.exec(first);
      let at: number | null = null;
      if (seq && seq.index >= 4) {
        at = seq.index;
      } else if (part.level <= 2 && first.length > 30) {
        const open = REF_RUN_ON_BODY.exec(first);
        if (open && open.index >= 4 && open.index <= 20) {
          at = open.index;
        }
      }
      assert.strictEqual(part.runOnAt, at === null ? null : part.markerEnd + lead + at, line);
      assert.strictEqual(part.title, (at === null ? first : first.slice(0, at)).replace(/[\s\u3000]+$/, ''), line);
    }
  });

  it('a heading runs on only with at least four characters, counted as code points, and at most twenty before the body', () => {
    const long = '强'.repeat(30);
    assert.strictEqual(parseOutline(`一、${'加'.repeat(20)}各级要${long}`).parts[0].runOnAt, 22);
    assert.strictEqual(parseOutline(`一、${'加'.repeat(21)}各级要${long}`).parts[0].runOnAt, null);
    assert.strictEqual(parseOutline(`一、加强工作各级要${long}`).parts[0].runOnAt, 6);
    // Two characters outside the BMP are four code units but two characters.
    assert.strictEqual(parseOutline(`一、𠀀𠀀各级要${long}`).parts[0].runOnAt, null);
    assert.strictEqual(parseOutline(`一、𠀀加强各级要${long}`).parts[0].runOnAt, null);
    assert.strictEqual(parseOutline(`一、𠀀加强化各级要${long}`).parts[0].runOnAt, 7);
    assert.strictEqual(parseOutline(`一、𠀀𠀀加强各级要${long}`).parts[0].runOnAt, 8);
  });

  it('sequence items need a clause boundary or the start of the scanned text', () => {
    // After a salutation: a lone short line would be read as the title, which is not scanned.
    const items = (t: string) => parseOutline(`同志们：\n${t}`).sequences.flatMap(s => s.items.map(i => i.marker));
    assert.deepStrictEqual(items('一是甲，二是乙；三是丙'), ['一是', '二是', '三是']);
    assert.deepStrictEqual(items('第一是甲，统一是乙'), []);
    assert.deepStrictEqual(items('，二十三是甲'), ['二十三是']);
    assert.deepStrictEqual(items('，一二三四是甲'), []);
    assert.deepStrictEqual(items('一、第一，要学习'), ['第一，']);
    assert.deepStrictEqual(items('甲\u00a0一是乙\u2003二是丙'), ['一是', '二是']);
    assert.deepStrictEqual(items('甲\u200b一是乙'), []);
    assert.deepStrictEqual(items('首先，甲。其次，乙。最后，丙'), ['首先', '其次', '最后']);
    assert.deepStrictEqual(items('其次，甲。最后，乙'), []);
    assert.deepStrictEqual(items('首先，甲；再次：乙，最后、丙'), ['首先', '再次', '最后']);
    assert.deepStrictEqual(items('第一点意见：甲。第二个问题，乙。第三句话：丙。第四条，丁'), ['第一点意见：', '第二个问题，', '第三句话：', '第四条，']);
  });

  it('leading white space is JavaScript white space (zero-width space is not)', () => {
    for (const ws of [' ', '\t', '\u3000', '\u00a0', '\u2003', '\u202f', '\ufeff', '\u2028']) {
      assert.strictEqual(parseOutline(`${ws}一、总体要求`).parts.length, 1, JSON.stringify(ws));
    }
    assert.strictEqual(parseOutline('\u200b一、总体要求').parts.length, 0);
    assert.strictEqual(parseOutline('## 一、总体要求', { markdown: true }).parts[0].markerStart, 3);
    assert.strictEqual(parseOutline('**一、总体要求**').parts[0].title, '总体要求');
    assert.strictEqual(parseOutline('** 一、总体要求').parts.length, 0);
  });

  it('numbers: Chinese ordinals and Arabic digits, nothing else', () => {
    const zh: Array<[string, number | null]> = [
      ['两', 2], ['十', 10], ['十九', 19], ['二十', 20], ['九十九', 99], ['一十', null], ['一十二', null], ['两十', null],
      ['十两', null], ['二十两', null], ['十十', null], ['二二', null], ['零', null], ['', null], ['一二三四', null],
    ];
    for (const [s, n] of zh) {
      assert.strictEqual(parseChineseNumber(s), n, s);
    }
    const ar: Array<[string, number | null]> = [['0', 0], ['007', 7], ['１２３', 123], ['1２', 12], ['1234', null], ['', null], ['1a', null], ['１.', null]];
    for (const [s, n] of ar) {
      assert.strictEqual(parseArabicNumber(s), n, s);
    }
  });

  it('lines that cannot start a marker are never headings, whatever follows', () => {
    for (const c of ['年', 'a', '〇', '零', '两', '百', '[', '【', '⒈']) {
      assert.strictEqual(matchLineMarker(`${c}、标题`), null, c);
      assert.strictEqual(matchLineMarker(`${c}.标题`), null, c);
    }
    assert.ok(matchLineMarker('⒇标题'));
    assert.ok(matchLineMarker('⑳标题'));
    assert.ok(matchLineMarker('（ 二 ）标题'));
  });
});
