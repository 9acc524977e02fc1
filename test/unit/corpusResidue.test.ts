import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseResidueList, ResidueMatcher, detectResidue, residueNeed, setResidueList, type ResidueEntry, type ResidueSpan } from '../../src/core/corpus/residue';
import { DETECTORS } from '../../src/core/detectors';
import { DocContext } from '../../src/core/document';
import { applyEdits } from '../../src/core/fix';
import { seedPages } from '../support/seeds';

const ROOT = path.join(__dirname, '..', '..');
const LIST = path.join(ROOT, 'data', 'residue.yaml');

function builtin() {
  return parseResidueList(fs.readFileSync(LIST, 'utf8'), LIST);
}

describe('residue list (data/residue.yaml)', () => {
  it('parses without issues; every example matches and no counter-example does', () => {
    const { entries, issues } = builtin();
    assert.deepStrictEqual(issues, []);
    assert.ok(entries.length >= 10);
    for (const kind of ['navigation', 'header', 'pitch', 'trailer', 'fragment']) {
      assert.ok(entries.some(e => e.kind === kind), kind);
    }
  });

  it('locates errors: schema, bad regular expressions, failing examples', () => {
    const text = [
      'version: 1',
      'entries:',
      '  - id: ok-one',
      '    kind: header',
      "    pattern: '^浏览量'",
      '    message: 浏览量',
      "    examples: ['浏览量:12']",
      '  - id: bad-kind',
      '    kind: banner',
      "    pattern: 'x'",
      '    message: m',
      "    examples: ['x']",
      '  - id: bad-regex',
      '    kind: header',
      "    pattern: '(unclosed'",
      '    message: m',
      "    examples: ['x']",
      '  - id: bad-example',
      '    kind: header',
      "    pattern: '^来源'",
      '    message: m',
      "    examples: ['作者']",
    ].join('\n');
    const { entries, issues } = parseResidueList(text, 'r.yaml');
    assert.deepStrictEqual(
      entries.map(e => e.id),
      ['ok-one'],
    );
    const at = (re: RegExp) => issues.find(i => re.test(i.message));
    assert.strictEqual(at(/kind/)?.line, 9);
    assert.strictEqual(at(/无效/)?.line, 15);
    assert.strictEqual(at(/示例不匹配/)?.line, 22);
    const broken = parseResidueList('version: 1\nentries: [\n', 'b.yaml');
    assert.ok(broken.issues[0].message.startsWith('YAML 语法错误'));
    assert.ok(broken.issues[0].line > 0);
  });

  it('finds the residue of the real seed pages', () => {
    const matcher = new ResidueMatcher(builtin().entries);
    const ids = new Set<string>();
    for (const page of seedPages()) {
      for (const s of matcher.find(page)) {
        ids.add(s.entry.id);
      }
    }
    for (const id of ['site-welcome', 'breadcrumb', 'post-time', 'page-views', 'editor-pitch', 'recommended', 'hot-keywords', 'hot-articles', 'related-articles', 'genuine-reminder', 'stray-fragment']) {
      assert.ok(ids.has(id), id);
    }
  });

  it('the residue detector flags residue in a draft with an unsafe delete fix', () => {
    setResidueList(builtin().entries);
    assert.ok(DETECTORS.residue, 'registered');
    const text = '同志们：\n下面是小编为大家整理的讲话稿，供大家参考。\n今天召开会议。\n推荐访问：讲话稿 范文\n';
    const doc = new DocContext(text, { date: '2026-11-22' });
    const matches = detectResidue(doc);
    assert.deepStrictEqual(
      matches.map(m => text.slice(m.start, m.end)),
      ['下面是小编为大家整理的讲话稿，供大家参考。', '推荐访问：讲话稿 范文\n'],
    );
    assert.strictEqual(matches[0].fixes?.[0].safe, false);
    const fixed = applyEdits(text, matches.flatMap(m => m.fixes?.[0].edits ?? [])).text;
    assert.strictEqual(fixed, '同志们：\n\n今天召开会议。\n');
    assert.deepStrictEqual(DETECTORS.residue(new DocContext('今天召开全县人大工作会议。', {}), {}), []);
  });

  describe('line prefilter', () => {
    /** The matcher without any prefilter: every entry tried on every non-blank line, as the list defines it. */
    function bruteForce(entries: readonly ResidueEntry[], text: string): ResidueSpan[] {
      const lines: Array<[number, number]> = [];
      const re = /\r\n|\n|\r/g;
      let from = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        lines.push([from, m.index]);
        from = m.index + m[0].length;
      }
      lines.push([from, text.length]);
      const out: ResidueSpan[] = [];
      const isList = (t: string) => {
        const x = t.trim();
        return x === '' || ((/^(?:[-•·*]|\d{1,2}[.、．)）])\s*\S/.test(x) || /\d{4}-\d{2}-\d{2}\s*$/.test(x)) && x.length <= 60);
      };
      for (let l = 0; l < lines.length; l++) {
        const [start, end] = lines[l];
        const line = text.slice(start, end);
        if (line.trim() === '') {
          continue;
        }
        for (const entry of entries) {
          const hit = entry.pattern.exec(line);
          if (!hit) {
            continue;
          }
          if (entry.scope === 'match') {
            out.push({ start: start + hit.index, end: start + hit.index + hit[0].length, entry });
          } else if (entry.scope === 'line') {
            out.push({ start, end, entry });
          } else if (entry.scope === 'list') {
            let last = l;
            while (last + 1 < lines.length && isList(text.slice(...lines[last + 1]))) {
              last++;
            }
            while (last > l && text.slice(...lines[last]).trim() === '') {
              last--;
            }
            out.push({ start, end: lines[last][1], entry });
            l = last;
          } else {
            out.push({ start, end: text.length, entry });
            l = lines.length;
          }
          break;
        }
      }
      return out;
    }

    const ids = (spans: ResidueSpan[]) => spans.map(s => `${s.entry.id}@${s.start}-${s.end}`);

    it('knows what each built-in entry needs from a line, and every example has it', () => {
      for (const entry of builtin().entries) {
        const need = residueNeed(entry.pattern.source);
        assert.notStrictEqual(need.kind, 'all', `${entry.id}: no prefilter for ${entry.pattern.source}`);
        for (const ex of entry.examples) {
          const t = ex.replace(/^\s+/, '');
          const ok =
            need.kind === 'first' ? need.first.has(t.charCodeAt(0)) : need.kind === 'literals' ? need.literals.some(l => ex.includes(l)) : true;
          assert.ok(ok, `${entry.id}: example “${ex}” lacks what the prefilter asks for`);
        }
      }
      assert.deepStrictEqual(residueNeed('^\\s*(?:来源|作者)\\s*[:：]'), { kind: 'first', first: new Set(['来', '作'].map(c => c.charCodeAt(0))) });
      assert.deepStrictEqual(residueNeed('(?:下面|以下)(?:为|给)?大家.{0,10}参考'), {
        kind: 'literals',
        literals: ['下面大家', '下面为大家', '下面给大家', '以下大家', '以下为大家', '以下给大家'],
      });
      assert.deepStrictEqual(residueNeed('(?:下面|以下|今天|这里|本文)[^，]大家.{0,10}参考'), { kind: 'literals', literals: ['大家'] });
      assert.deepStrictEqual(residueNeed('\\[(?:jp|pic)\\]'), { kind: 'literals', literals: ['[jp]', '[pic]'] });
      // Nothing to rely on: every line is tried.
      assert.strictEqual(residueNeed('^\\s*\\S{0,3}$').kind, 'all');
      assert.strictEqual(residueNeed('(a)\\1|x*').kind, 'all');
      assert.strictEqual(residueNeed('(?i:abc)').kind, 'all');
    });

    it('treats exactly the characters of \\s as the blank before a line-start pattern', () => {
      const { entries, issues } = parseResidueList(['version: 1', 'entries:', '  - id: a', '    kind: header', "    pattern: '^\\s*来源'", '    message: m', "    examples: ['来源']"].join('\n'), 'x');
      assert.deepStrictEqual(issues, []);
      const matcher = new ResidueMatcher(entries);
      // Every BMP character before the trigger, one line each (line breaks themselves make blank lines).
      const lines: string[] = [];
      for (let c = 0; c < 0x10000; c++) {
        if (c !== 0x0a && c !== 0x0d) {
          lines.push(`${String.fromCharCode(c)}来源`);
        }
      }
      const found = new Set(matcher.find(lines.join('\n')).map(s => s.start));
      let at = 0;
      for (const line of lines) {
        assert.strictEqual(found.has(at), /^\s*来源/.test(line), `U+${line.charCodeAt(0).toString(16)}`);
        at += line.length + 1;
      }
    });

    it('finds exactly what trying every entry on every line finds (seed pages, corpus, residue lines in odd places)', () => {
      const { entries } = builtin();
      const matcher = new ResidueMatcher(entries);
      const texts = seedPages();
      const speeches = path.join(ROOT, 'data', 'corpus', 'speeches');
      texts.push(...fs.readdirSync(speeches).map(f => fs.readFileSync(path.join(speeches, f), 'utf8')));
      const examples = entries.flatMap(e => [...e.examples, ...e.counter]);
      let seed = 7;
      const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      const glue = ['\n', '\r\n', '\r', '\u2028', ' ', '\u3000', '\ufeff', '\n\n', ''];
      for (let k = 0; k < 40; k++) {
        const base = texts[rnd(texts.length)];
        let t = base.slice(0, 3000);
        for (let j = 0; j < 12; j++) {
          const at = rnd(t.length + 1);
          t = t.slice(0, at) + glue[rnd(glue.length)] + examples[rnd(examples.length)] + glue[rnd(glue.length)] + t.slice(at);
        }
        texts.push(t);
      }
      for (const t of texts) {
        assert.deepStrictEqual(ids(matcher.find(t)), ids(bruteForce(entries, t)));
        const doc = new DocContext(t, {});
        assert.deepStrictEqual(ids(matcher.find(t, doc.lines.lineStarts)), ids(bruteForce(entries, t)));
      }
    });

    it('keeps the behaviour of patterns the prefilter reads in other ways', () => {
      const patterns = [
        '(?<=[，。])某网站',
        '^\\s+[-*]\\s*链接',
        '^(?:\\s*)点击(?:这里|此处)',
        '(?:本文|本站)(?:由|系)?[\\u4e00-\\u9fa5]{2,4}(?:整理|编辑)',
        '[A-Z]{2}\\d{2}[a-c]?-(?:jp|kh)',
        '^\\s*(?:[①-⑩]|\\d\\.)\\s*相关',
        'x{2,3}y|yy',
        '^来源$|^作者$',
      ];
      const entries: ResidueEntry[] = patterns.map((p, i) => ({
        id: `e${i}`,
        kind: 'fragment',
        pattern: new RegExp(p, 'u'),
        scope: 'match',
        message: 'm',
        examples: [],
        counter: [],
      }));
      const matcher = new ResidueMatcher(entries);
      const lines = ['，某网站提供', '  - 链接', '\t- 链接', '点击这里', ' 点击此处查看', '本站由张三整理', '本文系小编编辑', 'AB12b-jp', 'XY99-kh 说明', '③ 相关', '1. 相关', 'xxy', 'xyy', 'yy', '来源', '作者', ' 来源'];
      const text = lines.join('\n');
      assert.deepStrictEqual(ids(matcher.find(text)), ids(bruteForce(entries, text)));
      assert.ok(matcher.find(text).length >= 12);
    });
  });
});

