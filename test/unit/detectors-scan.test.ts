import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LiteralFinder, matchesAt, searchCost } from '../../src/core/detectors/chars';
import { isTraditionalChar, MARK_KIND, MarkKind, textScan } from '../../src/core/detectors/scan';
import { toSimplified } from '../../src/core/text/repair';
import { docOf, seed } from './detectors-helpers';

/** Texts to compare on: the seed pages, the corpus speeches, and random edits of them with the characters the pass cares about. */
function texts(): string[] {
  const out = ['000', '001', '002', '003', '004'].map(seed);
  const dir = path.join(__dirname, '..', '..', 'data', 'corpus', 'speeches');
  out.push(...fs.readdirSync(dir).map(f => fs.readFileSync(path.join(dir, f), 'utf8')));
  const bits = [
    '，，', '。。。', '……', '⋯', '...', '．．．', '···', '・・・', '‧‧‧', ' ', '\u3000', '\t', '\ufeff', '\u00a0', '\r\n', '\r', '\n',
    '“', '”', '（', '）', '(', ')', '《', '》', '【', '】', '[', '［', 'X', 'x', '×', '□', '〇', '*', '＊', '_', '＿', '某',
    '?', '\ufffd', '锟', 'ä', 'ǎ', '`', '```', '](', '![', '<b>', '<', '-', '－', '—', '―', '–', '─', '━', '−', '12', '3.5', '國', '發', '乾', '於', ',', ':', ';', '!',
  ];
  let s = 11;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let k = 0; k < 30; k++) {
    const base = out[rnd(out.length)];
    let t = base.slice(rnd(Math.max(1, base.length - 3000)), undefined).slice(0, 3000);
    for (let j = 0; j < 80; j++) {
      const at = rnd(t.length + 1);
      t = t.slice(0, at) + bits[rnd(bits.length)] + t.slice(at);
    }
    out.push(t);
  }
  return out;
}

/** The clause cutting of the duplicate detector, written plainly: trimmed line, clauses up to and with their marks. */
function referenceClauses(text: string, start: number, end: number) {
  const clauseMark = (c: number) => '。，、；：！？,;:!?…—'.includes(String.fromCharCode(c));
  const closing = (c: number) => '”’）》】)'.includes(String.fromCharCode(c));
  const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
  const counts = (c: number) =>
    /[0-9A-Za-z]/.test(String.fromCharCode(c)) ||
    (c >= 0xc0 &&
      !(c >= 0x2000 && c <= 0x2bff) &&
      !(c >= 0x3000 && c <= 0x303f && c !== 0x3005 && c !== 0x3007) &&
      !(c >= 0xfe10 && c <= 0xfe6f) &&
      !(c >= 0xff00 && c <= 0xff65 && !/[０-９Ａ-Ｚａ-ｚ]/.test(String.fromCharCode(c))) &&
      c !== 0xd7 &&
      c !== 0xf7 &&
      c !== 0xfeff);
  while (start < end && space(text.charCodeAt(start))) {
    start++;
  }
  while (end > start && space(text.charCodeAt(end - 1))) {
    end--;
  }
  const clauses: Array<[number, number, number, number, number]> = [];
  let p1 = 0x811c9dc5;
  let p2 = 0;
  let plen = 0;
  let i = start;
  while (i < end) {
    while (i < end && (clauseMark(text.charCodeAt(i)) || space(text.charCodeAt(i)))) {
      i++;
    }
    if (i >= end) {
      break;
    }
    const cs = i;
    let h1 = 0x811c9dc5;
    let h2 = 0;
    let len = 0;
    while (i < end && !clauseMark(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (counts(c)) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 31) + c) | 0;
        p1 = Math.imul(p1 ^ c, 0x01000193);
        p2 = (Math.imul(p2, 31) + c) | 0;
        len++;
      }
      i++;
    }
    while (i < end && (clauseMark(text.charCodeAt(i)) || closing(text.charCodeAt(i)))) {
      i++;
    }
    if (len > 0) {
      clauses.push([cs, i, len, h1 | 0, h2]);
      plen += len;
    }
  }
  return { start, end, clauses, p1: p1 | 0, p2, plen };
}

const list = (l: { data: Int32Array; length: number }) => Array.from(l.data.subarray(0, l.length));

describe('shared character pass', () => {
  const all = texts();

  it('cuts every line into the clauses and hashes of the plain algorithm', () => {
    for (const text of all) {
      const doc = docOf(text);
      const scan = textScan(doc);
      for (let l = 0; l < doc.lines.lineCount; l++) {
        const ref = referenceClauses(text, doc.lines.lineStarts[l], doc.lines.lineEnd(l));
        assert.deepStrictEqual([scan.trimStart[l], scan.trimEnd[l]], [ref.start, ref.end]);
        assert.deepStrictEqual([scan.paraH1[l], scan.paraH2[l], scan.paraLen[l]], [ref.p1, ref.p2, ref.plen]);
        const got: Array<[number, number, number, number, number]> = [];
        for (let k = scan.lineClause[l]; k < scan.lineClause[l + 1]; k++) {
          got.push([scan.clauseStart[k], scan.clauseEnd[k], scan.clauseLen[k], scan.clauseH1[k], scan.clauseH2[k]]);
        }
        assert.deepStrictEqual(got, ref.clauses);
      }
    }
  });

  it('records exactly the marks, doubled sentence marks, dot runs, digit runs and traditional lines', () => {
    for (const text of all) {
      const doc = docOf(text);
      const scan = textScan(doc);
      const marks: Record<string, number[]> = { Pair: [], Ascii: [], Placeholder: [], Damage: [], Dash: [], Ellipsis: [], Markup: [], Space: [] };
      // Spaces count inside a line only, not those it begins or ends with.
      const inside = (i: number) => {
        const l = doc.lines.lineAt(i);
        const line = doc.lines.lineText(l);
        const from = doc.lines.lineStarts[l];
        return i >= from + /^[ \t\u3000\u00a0\ufeff]*/.exec(line)![0].length && i < from + line.replace(/[ \t\u3000\u00a0\ufeff]+$/, '').length;
      };
      const points: number[] = [];
      const dots: number[] = [];
      const digits: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        for (const [kind, bit] of Object.entries(MarkKind)) {
          if ((MARK_KIND[c] & bit) !== 0 && (bit !== MarkKind.Space || inside(i))) {
            marks[kind].push(i);
          }
        }
        if ('，。、；：！？'.includes(text[i]) && i > 0 && '，。、；：！？'.includes(text[i - 1])) {
          points.push(i);
        }
        if ('。.．·・‧'.includes(text[i]) && text[i - 1] === text[i] && text[i - 2] === text[i]) {
          dots.push(i);
        }
        if (/[0-9]/.test(text[i]) && !/[0-9]/.test(text[i - 1] ?? '')) {
          digits.push(i);
        }
      }
      assert.deepStrictEqual(
        {
          Pair: list(scan.pairMarks),
          Ascii: list(scan.asciiMarks),
          Placeholder: list(scan.placeholderMarks),
          Damage: list(scan.damageMarks),
          Dash: list(scan.dashMarks),
          Ellipsis: list(scan.ellipsisMarks),
          Markup: list(scan.markupMarks),
          Space: list(scan.spaceMarks),
        },
        marks,
      );
      assert.deepStrictEqual(list(scan.pointRuns), points);
      assert.deepStrictEqual(list(scan.dotRuns), dots);
      assert.deepStrictEqual(list(scan.digitRuns), digits);
      const traditional: number[] = [];
      for (let l = 0; l < doc.lines.lineCount; l++) {
        const line = doc.lines.lineText(l);
        if ([...line].some(ch => /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ch) && toSimplified(ch) !== ch)) {
          traditional.push(l);
        }
      }
      // Known traditional lines are traditional; the others are among the lines with characters not asked about yet.
      const known = list(scan.traditionalLines);
      const unasked = new Set(list(scan.unaskedLines));
      assert.ok(known.every(l => traditional.includes(l)));
      assert.ok(traditional.every(l => known.includes(l) || unasked.has(l)));
      assert.ok(known.every(l => !unasked.has(l)));
      // Once every character has been asked about, the pass knows them all.
      for (let i = 0; i < text.length; i++) {
        isTraditionalChar(text.charCodeAt(i));
      }
      const again = textScan(docOf(text));
      assert.deepStrictEqual(list(again.traditionalLines), traditional);
      assert.strictEqual(again.unaskedLines.length, 0);
    }
    // Each kind is what its detector looks for.
    const chars = (bit: number) => [...Array(0x10000).keys()].filter(c => MARK_KIND[c] & bit).map(c => String.fromCharCode(c)).join('');
    assert.strictEqual(chars(MarkKind.Pair), '()‘’“”〈〉《》【】〔〕〖〗（）');
    assert.strictEqual(chars(MarkKind.Ascii), `!"'(),.:;?`);
    assert.strictEqual(chars(MarkKind.Placeholder), '(*X[_x×□○✕〇【某（＊Ｘ［＿ｘ');
    assert.strictEqual(chars(MarkKind.Dash), '-–—―−─━－');
    assert.strictEqual(chars(MarkKind.Ellipsis), '…⋯');
    assert.strictEqual(chars(MarkKind.Markup), '!<]`');
    assert.strictEqual(chars(MarkKind.Space), ' \u00a0\u3000');
    assert.strictEqual(chars(MarkKind.Damage).length, 3 + (0x1dc - 0xc2 + 1));
  });

  it('is computed once per document', () => {
    const doc = docOf('同志们：今天我们召开会议。');
    assert.strictEqual(textScan(doc), textScan(doc));
  });
});

describe('native searches', () => {
  it('LiteralFinder finds every occurrence, overlapping ones too, in order', () => {
    const lits = ['大家', '家', '讲话稿是一种', 'www.', '[jp]', '[pic]', 'aa', 'aaa', '十四五', '四五'];
    const finder = new LiteralFinder(lits);
    for (const text of ['大家好，国家大家aaaa十四五四五[jp][pic]www.www.', seed('001'), seed('003'), '']) {
      const want: Array<[number, number]> = [];
      for (let i = 0; i < text.length; i++) {
        lits.forEach((l, k) => {
          if (text.startsWith(l, i)) {
            want.push([i, k]);
          }
        });
      }
      const got = finder.find(text);
      assert.deepStrictEqual(
        got.starts.map((s, j) => [s, got.which[j]]),
        want,
      );
    }
    // Searches start from characters whose search byte is rare: 家 (0xB6), not 大 (0x59, a block of common characters).
    assert.ok(searchCost('家'.charCodeAt(0)) < searchCost('大'.charCodeAt(0)));
  });

  it('matchesAt finds what a global scan finds, given every place a match can start', () => {
    const patterns = [/[0-9]+(?:\.[0-9]+)?[-~][0-9]+/, /某某+|[Xx]{2,}|x/, /(?<![a-z])ab|b+c|c/, /(讲|提出?)([0-9]{1,2})(点|条)/];
    for (const re of patterns) {
      const global = new RegExp(re.source, 'g');
      const sticky = new RegExp(re.source, 'y');
      for (const text of ['12-3 4.5~6 7-', '某某某xXXxx某x', 'zabbbcabc ab', '讲3点提出12条提1点讲12点', seed('002')]) {
        const want = [...text.matchAll(global)].map(m => [m.index, m[0]]);
        const every = Array.from({ length: text.length }, (_, i) => text.length - 1 - i); // descending: sorted inside
        const got = matchesAt(sticky, text, every).map(m => [m.index, m[0]]);
        assert.deepStrictEqual(got, want, `${re.source} on ${text.slice(0, 20)}`);
      }
    }
  });
});
