import type { DocContext } from '../document';
import * as chars from './chars';
import * as scanning from './scan';
import type { DetectorMatch } from './types';

/**
 * Placeholders left in a draft: `XX`, `X市`, `××`, `*届`, `20xx`, `×月×日`,
 * `××%`, `【待补】`, `____`, `某某`. Not: Latin words (`XML`, `Xbox`),
 * model numbers (`X5`, `iPhone X`), `X光`/`X射线`, `3×4`, Markdown emphasis.
 */

// Local bindings: hot loops use these directly instead of through the module object.
const isRegexSpace = chars.isRegexSpace;
const textScan = scanning.textScan;
const IntList = scanning.IntList;

const isCjk = (c: string | undefined): boolean => c !== undefined && /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(c);
const isLatinOrDigit = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]/.test(c);
/** A Chinese punctuation mark around an item of running text. */
const isCnMark = (c: string | undefined): boolean => c !== undefined && /[、，。；：！？“”‘’（）《》【】]/.test(c);

// Order matters: earlier alternatives win at the same position.
const PATTERN = new RegExp(
  [
    // 1 year: 20xx, 201x, 202X, 19××, 20**
    '(?<year>(?<![0-9A-Za-z])(?:19|20)(?:[0-9][xX×ｘＸ*＊]|[xX×ｘＸ*＊]{2})(?![0-9A-Za-z]))',
    // 2 bracketed to-do notes: 【待补】 [待定] （待补充） (此处填写…); in square brackets also what to fill in:
    // 【会议名称】 【具体事项】 【填写单位】
    '(?<todo>[【\\[［(（]\\s*(?:待补充?|待定|待填写?|待核实|待确认|待完善|此处[^】\\]］)）\\n\\r]{0,20}|TBD|TODO)\\s*[】\\]］)）]|[【［](?:具体|填写|请填|输入|插入)[^】］\\n\\r]{0,12}[】］]|[【［][^】］\\n\\r]{0,10}(?:名称|姓名|时间|日期|地点|单位|职务|数字|人名|地名)[】］])',
    // 2b an empty pair of brackets left to fill in: 人大代表（  ）名
    '(?<empty>[(（][ \\u3000]*[)）])',
    // 3 runs of two or more X/x/×/□/＊ (XX, xxx, ××, □□); asterisk runs of 4+ are masked words, not blanks;
    // 〇〇 after a Chinese digit is a year (二〇〇〇年)
    '(?<run>[XxＸｘ]{2,}|[×✕]{2,}|(?<![一二三四五六七八九十〇○零])[□〇○]{2,}(?=[年月日%％届次号])|□{2,}|(?<![*＊])[*＊]{2,3}(?![*＊]))',
    // 4 a single X, ×, □ or * standing for a missing character
    '(?<single>[XxＸｘ×□*＊])',
    // 5 runs of underscores used as blanks
    '(?<blank>_{3,}|＿{2,})',
    // 6 某某 (某某同志, 某某市)
    '(?<mou>某某+)',
  ].join('|'),
  'gu',
);

/** The same pattern, tried at one position: only where the shared character pass saw a mark can a match start. */
const AT = new RegExp(PATTERN.source, 'uy');

/** Marks that start a placeholder themselves (not a bracket, not the digits of a year). */
const LONE = new Set([...'XxＸｘ×✕□〇○*＊_＿某'].map(ch => ch.charCodeAt(0)));
/** What can follow a mark in a run (`XX`, `××`, `□□`, `**`, `___`, `某某`). */
const RUN_NEXT = LONE;
/** The marks the `single` alternative takes alone. */
const SINGLE = new Set([...'XxＸｘ×□*＊'].map(ch => ch.charCodeAt(0)));

/** `xX×ｘＸ*＊`: the marks a year placeholder (`20xx`, `201x`) has two or three characters after its start. */
const YEAR_MARKS = new Set([0x78, 0x58, 0xd7, 0xff58, 0xff38, 0x2a, 0xff0a]);
/** Brackets that open a to-do note (`【待补】`, `(TODO)`). */
const TODO_OPEN = new Set([0x3010, 0x5b, 0xff3b, 0x28, 0xff08]);
/** What a to-do note says after its bracket and blanks. */
const TODO_WORDS = ['待', '此处', 'TBD', 'TODO'];
/** Square brackets that may hold what to fill in (`【会议名称】`). */
const FILL_OPEN = new Set([0x3010, 0xff3b]);
/** Round brackets that may be left empty to fill in (`（  ）`). */
const EMPTY_OPEN = new Set([0x28, 0xff08]);

/**
 * Every offset where the pattern can start, ascending: each placeholder mark,
 * the `19`/`20` two or three characters before a year mark, and the bracket of a
 * to-do note. Trying the pattern only there gives the matches of a scan of the
 * whole text.
 */
function candidates(doc: DocContext): Int32Array {
  const text = doc.text;
  const marks = textScan(doc).placeholderMarks;
  const out = new IntList(64);
  let sorted = true;
  let last = -1;
  const add = (s: number) => {
    if (s < last) {
      sorted = false;
    }
    last = s;
    out.push(s);
  };
  for (let j = 0; j < marks.length; j++) {
    const p = marks.data[j];
    const c = text.charCodeAt(p);
    if (YEAR_MARKS.has(c)) {
      for (const s of [p - 3, p - 2]) {
        const a = s >= 0 ? text.charCodeAt(s) : -1;
        const b = text.charCodeAt(s + 1);
        if ((a === 0x31 && b === 0x39) || (a === 0x32 && b === 0x30)) {
          add(s);
        }
      }
    }
    if (TODO_OPEN.has(c)) {
      let q = p + 1;
      while (q < text.length && isRegexSpace(text.charCodeAt(q))) {
        q++;
      }
      const close = text.charCodeAt(q);
      if (
        TODO_WORDS.some(w => text.startsWith(w, q)) ||
        (EMPTY_OPEN.has(c) && (close === 0x29 || close === 0xff09)) ||
        (FILL_OPEN.has(c) && q === p + 1 && close !== 0x3011 && close !== 0xff3d)
      ) {
        add(p);
      }
      continue; // a bracket only opens to-do notes and blanks
    }
    add(p);
  }
  const list = out.data.subarray(0, out.length);
  return sorted ? list : list.sort();
}

const X_WORDS = /^(?:光|射线|线|型|轴|染色体|战队|档案|因素|世代|一代)/; // X光, X射线, X型, x轴 …

/** Common surnames: `张某某` names a real person with the name withheld (警示教育, case reports), not a blank. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
/** A Latin letter next to a lone `X` across `、` or `和`: option names (`X、Y两个方案`). */
const LETTER_LIST_AFTER = /^[、，,和与及][A-Za-zＡ-Ｚａ-ｚ]/;
const LETTER_LIST_BEFORE = /[A-Za-zＡ-Ｚａ-ｚ][、，,和与及]$/;

function isMarkdownEmphasis(text: string, start: number, end: number, lineStart: number, lineEnd: number): boolean {
  // `**粗体**` / `*斜体*`: a run that opens or closes a balanced pair on the same line.
  const run = text.slice(start, end);
  const line = text.slice(lineStart, lineEnd);
  const rel = start - lineStart;
  const after = line.indexOf(run, rel + run.length);
  const before = line.lastIndexOf(run, rel - 1);
  const opens = after > rel + run.length && !/\s/.test(line[rel + run.length] ?? ' ');
  const closes = before >= 0 && before + run.length < rel && !/\s/.test(line[rel - 1] ?? ' ');
  // A list bullet `* ` at the start of a line.
  const bullet = run === '*' && /^\s*$/.test(line.slice(0, rel)) && line[rel + 1] === ' ';
  return opens || closes || bullet;
}

export function detectPlaceholders(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const singles = new Set<DetectorMatch>();
  const year = doc.effectiveDate.slice(0, 4);
  const starts = candidates(doc);
  let from = 0;
  for (let j = 0; j < starts.length; j++) {
    if (starts[j] < from) {
      continue; // inside the previous match, or tried already
    }
    const s = starts[j];
    const c = text.charCodeAt(s);
    let whole: string;
    let g: Record<string, string | undefined>;
    if (LONE.has(c) && !RUN_NEXT.has(text.charCodeAt(s + 1))) {
      // A mark not followed by one that could continue a run: the pattern matches it alone (`single`) or not at all.
      if (!SINGLE.has(c)) {
        from = s + 1;
        continue;
      }
      whole = text[s];
      g = { single: whole };
    } else {
      AT.lastIndex = s;
      const m = AT.exec(text);
      if (!m) {
        from = s + 1;
        continue;
      }
      whole = m[0];
      g = m.groups ?? {};
    }
    const start = s;
    const end = start + whole.length;
    from = end;
    const prev = text[start - 1];
    const next = text[end];
    if (g.year) {
      out.push({
        start,
        end,
        detail: whole,
        severity: 'error',
        fixes: [{ title: `改为“${year}”`, edits: [{ start, end, newText: year }], safe: false }],
      });
    } else if (g.todo) {
      out.push({ start, end, detail: whole, severity: 'error' });
    } else if (g.empty) {
      // A blank in running Chinese text (`人大代表（ ）名`), not `f()` in code.
      if ((isCjk(prev) || isCjk(next)) && !isLatinOrDigit(prev)) {
        out.push({ start, end, detail: whole, severity: 'warning' });
      }
    } else if (g.run) {
      const ch = whole[0];
      if (/[XxＸｘ]/.test(ch)) {
        // Part of a Latin word or code (`XXL`, `0xFF`, `xx-large`): not a placeholder. Digits then four or more
        // capital X (`138XXXXXXXX`, a telephone number to fill in) are one.
        if (isLatinOrDigit(next) || prev === '-' || next === '-') {
          continue;
        }
        if (isLatinOrDigit(prev)) {
          let d = start;
          while (d > 0 && /[0-9]/.test(text[d - 1])) {
            d--;
          }
          if (!/^[XＸ]{4,}$/.test(whole) || start - d < 2 || isLatinOrDigit(text[d - 1])) {
            continue;
          }
          out.push({ start: d, end, detail: text.slice(d, end), severity: 'error' });
          continue;
        }
        // Lower-case `xx` only counts next to Chinese (`xx届`, `xx同志`), or between Chinese marks (`党中央、xx、省委`).
        if (/^[xｘ]+$/.test(whole) && !isCjk(prev) && !isCjk(next) && !(isCnMark(prev) && isCnMark(next))) {
          continue;
        }
      }
      if (/[*＊]/.test(ch)) {
        const line = doc.lines.lineAt(start);
        if (doc.options.markdown && isMarkdownEmphasis(text, start, end, doc.lines.lineStarts[line], doc.lines.lineEnd(line))) {
          continue;
        }
        if (!isCjk(prev) && !isCjk(next)) {
          continue;
        }
      }
      out.push({ start, end, detail: whole, severity: 'error' });
    } else if (g.single) {
      const ch = whole;
      if (ch === '×') {
        // Multiplication between numbers or symbols: 3×4, 3 × 4, a×b, (1+2)×3.
        const left = text.slice(Math.max(0, start - 2), start).replace(/\s+$/, '');
        const right = text.slice(end, end + 2).replace(/^\s+/, '');
        if (/[0-9A-Za-z)）０-９]$/.test(left) && /^[0-9A-Za-z(（０-９]/.test(right)) {
          continue;
        }
        if (!isCjk(prev) && !isCjk(next) && next !== '%' && next !== '％') {
          continue;
        }
      } else if (/[XxＸｘ]/.test(ch)) {
        if (LETTER_LIST_AFTER.test(text.slice(end, end + 2)) || LETTER_LIST_BEFORE.test(text.slice(Math.max(0, start - 2), start))) {
          continue;
        }
        if (isLatinOrDigit(prev) || isLatinOrDigit(next) || prev === '-' || next === '-' || prev === '.' || next === '.') {
          continue;
        }
        if (!isCjk(prev) && !isCjk(next)) {
          continue;
        }
        if (X_WORDS.test(text.slice(end, end + 4))) {
          continue;
        }
        // A lone lower-case x is usually a variable or a multiplication sign; only `x月x日`-style counts.
        if ((ch === 'x' || ch === 'ｘ') && !/^[月日年届次号]/.test(next ?? '')) {
          continue;
        }
      } else if (ch === '*' || ch === '＊') {
        // Part of a run of four or more (`******`): a masked word, reported by the masked pack.
        if (prev === '*' || prev === '＊' || next === '*' || next === '＊') {
          continue;
        }
        if (isLatinOrDigit(prev) && isLatinOrDigit(next)) {
          continue; // 3*4
        }
        const line = doc.lines.lineAt(start);
        if (doc.options.markdown && isMarkdownEmphasis(text, start, end, doc.lines.lineStarts[line], doc.lines.lineEnd(line))) {
          continue;
        }
        if (!isCjk(prev) && !isCjk(next)) {
          continue;
        }
        // A footnote mark after a word (`增长率*`) at the end of a clause, or named as one (`带*号的`, `标*的`, `*注：`).
        if (isCjk(prev) && (next === undefined || /[\s，。；：,.;:)）]/.test(next))) {
          continue;
        }
        if (next === '注' || next === '号' || (/[带标加有]/.test(prev ?? '') && next === '的')) {
          continue;
        }
      } else if (ch === '□') {
        if (!isCjk(prev) && !isCjk(next)) {
          continue;
        }
      }
      const single: DetectorMatch = { start, end, detail: ch, severity: 'warning' };
      singles.add(single);
      out.push(single);
    } else if (g.blank) {
      out.push({ start, end, detail: whole, severity: 'warning' });
    } else if (g.mou) {
      if (SURNAMES.has(prev ?? '')) {
        continue; // 张某某: a person named without the name
      }
      out.push({ start, end, detail: whole, severity: 'warning' });
    }
  }
  return mergeAdjacent(out, singles, text);
}

/** A date template (`×月×日`, `X年X月`): single placeholders joined by 年/月 become one finding that includes a final 日. */
const BETWEEN = /^[年月]$/;
function mergeAdjacent(matches: DetectorMatch[], singles: Set<DetectorMatch>, text: string): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && singles.has(last) && singles.has(m) && m.start >= last.end && BETWEEN.test(text.slice(last.end, m.start))) {
      const end = /^[日号]/.test(text.slice(m.end, m.end + 1)) ? m.end + 1 : m.end;
      const merged: DetectorMatch = { start: last.start, end, detail: text.slice(last.start, end), severity: 'warning' };
      singles.add(merged);
      out[out.length - 1] = merged;
    } else {
      out.push(m);
    }
  }
  return out;
}
