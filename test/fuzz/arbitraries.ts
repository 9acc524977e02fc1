/**
 * Random and adversarial text for the property tests: CJK from the real seed
 * pages, official-document markers and placeholders, broken Unicode (lone
 * surrogates, split pairs), combining marks, bidi controls, NUL and other
 * control characters, every line-end style, BOMs, very long lines, and the
 * seed texts themselves mutated.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';

const SEED_DIR = path.join(__dirname, '..', 'fixtures', 'seeds');

/** The seed pages (real 讲话稿 pages with site residue and damaged encodings). */
export const SEEDS: readonly string[] = fs
  .readdirSync(SEED_DIR)
  .filter(f => f.endsWith('.txt'))
  .sort()
  .map(f => fs.readFileSync(path.join(SEED_DIR, f), 'utf8'));

const SEED_CHARS = [...new Set([...SEEDS.join('').slice(0, 200_000)])].filter(c => c.length === 1 || c.length === 2);

/** Small pieces that mean something to the checkers. */
const TOKENS = [
  '一、', '二、', '三、', '十一、', '（一）', '（二）', '(三)', '1.', '2．', '（1）', '①', '②', '第一，', '首先，', '一是', '二是',
  '下面，我讲三点意见。', '同志们：', '同志们，', '谢谢大家！', '在全市工作会议上的讲话', '（2005年11月21日）', '2026年3月5日', '20xx年',
  'XXX', 'XX', '×××', '××', '某某', '【】', '[ ]', '　', ' ', '\t',
  '，', '。', '；', '：', '、', '！', '？', '“', '”', '‘', '’', '（', '）', '《', '》', '——', '……', '...', ',', '.', ';', ':',
  '人民代表大会', '一府一委两院', '一府两院', '科学发展观', '三个代表', '中国特色社会主义', '习近平新时代中国特色社会主义思想',
  '百分之五十', '50%', '５０％', '1,234', '１２３', '二〇二六年', '2026 年',
  '打印本页', '关闭窗口', '上一篇', '下一篇', '来源：', '责任编辑', 'ï¼Œ', 'é¦–', '锟斤拷', '烫烫烫', 'ǚ', 'zhōng',
  '**', '_', '#', '# 标题', '> ', '- ', '`', '<br>', '&nbsp;', '\\',
];

/** Broken and unusual Unicode. */
const ODD = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '😀', '𠀀', '𪚥', '👨‍👩‍👧', '\u0301', '\u0300\u0301\u0302', '\u20DD', '\u3099',
  '\u202E', '\u202D', '\u200F', '\u200E', '\u2066', '\u2069', 'مرحبا', 'שלום', '\u0000', '\u0001', '\u0007', '\u001B', '\u007F',
  '\u0085', '\u2028', '\u2029', '\uFEFF', '\u200B', '\u200D', '\uFFFD', '\uFFFF', '\uFFFE', '\u00A0', '\u3000', '\uFF01', '\uE000',
];

const EOLS = ['\n', '\r\n', '\r', '\n\n', '\r\r\n', '\n\r'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** One piece of text. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: pick(SEED_CHARS) },
  { weight: 4, arbitrary: pick(TOKENS) },
  { weight: 2, arbitrary: pick(ODD) },
  { weight: 2, arbitrary: pick(EOLS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c)) },
);

/** A short seed excerpt (a real paragraph or two). */
export const seedSlice = (maxLen: number): fc.Arbitrary<string> =>
  fc
    .record({ seed: fc.nat(SEEDS.length - 1), at: fc.nat(), len: fc.integer({ min: 0, max: maxLen }) })
    .map(({ seed, at, len }) => {
      const s = SEEDS[seed];
      const start = at % Math.max(1, s.length);
      return s.slice(start, start + len);
    });

type Mutation = (s: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), p: piece }).map(({ at, p }) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + p + s.slice(i);
  }),
  fc.record({ at: fc.nat(), len: fc.nat(40) }).map(({ at, len }) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + s.slice(i + len);
  }),
  fc.record({ at: fc.nat(), len: fc.nat(200), times: fc.integer({ min: 2, max: 4 }) }).map(({ at, len, times }) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + s.slice(i, i + len).repeat(times) + s.slice(i + len);
  }),
  pick(['\r\n', '\r', '\u2028']).map(eol => (s: string) => s.replace(/\r\n|\r|\n/g, eol)),
  fc.constant((s: string) => '\uFEFF' + s),
  // Split a surrogate pair: keep only the high half of the first pair.
  fc.constant((s: string) => s.replace(/[\uD800-\uDBFF](?=[\uDC00-\uDFFF])/, m => m + 'X')),
  // Half-width ↔ full-width punctuation swaps, the most common real edit.
  fc.constant((s: string) => s.replace(/，/g, ',').replace(/。/g, '.')),
  fc.constant((s: string) => s.replace(/,/g, '，').replace(/\(/g, '（').replace(/\)/g, '）')),
);

/** A seed excerpt with a few random mutations. */
export const mutatedSeed = (maxLen: number): fc.Arbitrary<string> =>
  fc.tuple(seedSlice(maxLen), fc.array(mutation, { maxLength: 6 })).map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));

/** Text built from pieces. */
export const pieces = (maxPieces: number): fc.Arbitrary<string> => fc.array(piece, { maxLength: maxPieces }).map(ps => ps.join(''));

/** Lines of a speech: markers, headings, sentences, with mixed line ends. */
export const speechLike: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(pick(TOKENS.slice(0, 20)), fc.constant('')), seedSlice(60), pick(EOLS)), { maxLength: 30 })
  .map(lines => lines.map(([m, body, eol]) => m + body + eol).join(''));

/** A long run without any line end (a pasted single-line blob). */
export const longLine = (maxLen: number): fc.Arbitrary<string> =>
  fc.tuple(fc.array(piece.filter(p => !/[\r\n\u2028\u2029\u0085]/.test(p)), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1000, max: maxLen })).map(([ps, len]) => {
    const unit = ps.join('') || '字';
    return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
  });

/** Any document the checkers may be handed. */
export const anyText = (maxLen = 4000): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: pieces(200) },
    { weight: 3, arbitrary: mutatedSeed(maxLen) },
    { weight: 2, arbitrary: speechLike },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 300 }) },
  );

/** Random offset edits over a text of length `n`, in range or not, overlapping or not. */
export const editsFor = (n: number) =>
  fc.array(
    fc.record({
      start: fc.integer({ min: -2, max: n + 2 }),
      len: fc.integer({ min: -1, max: 12 }),
      newText: fc.oneof(pieces(3), fc.constant('')),
    }),
    { maxLength: 12 },
  ).map(es => es.map(e => ({ start: e.start, end: e.start + e.len, newText: e.newText })));
