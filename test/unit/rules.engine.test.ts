import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { AhoCorasick, compileRuleSet, parseRulePack, regexRisk, type RuleIssue } from '../../src/core/rules';
import { offsetAnchors, requiredLiteral } from '../../src/core/rules/anchors';
import { loadRulePacks } from '../../src/node/rulePacks';
import { removeTempDir, tempDir } from '../support/tempDir';

function compile(yaml: string, builtin = false) {
  const parsed = parseRulePack(yaml, 'pack.yaml', builtin);
  const compiled = compileRuleSet(parsed.pack ? [parsed.pack] : []);
  return { ruleSet: compiled.ruleSet, issues: [...parsed.issues, ...compiled.issues] };
}

function check(yaml: string, text: string, date = '2026-11-22') {
  const { ruleSet, issues } = compile(yaml);
  assert.deepStrictEqual(issues, []);
  return ruleSet.check(new DocContext(text, { date }));
}

const where = (issues: RuleIssue[]) => issues.map(i => `${i.line}:${i.column} ${i.severity} ${i.message}`);

/** Every occurrence of every term ending in text[from, to) and starting at `from` or later, as `id@end`, found the naive way. */
function naiveMatches(terms: readonly string[], text: string, from = 0, to = text.length): string[] {
  const want: string[] = [];
  for (let end = from + 1; end <= to; end++) {
    terms.forEach((t, id) => {
      if (end - t.length >= from && text.endsWith(t, end)) {
        want.push(`${id}@${end}`);
      }
    });
  }
  return want;
}

/** Random numbers and words over `alphabet` from a fixed seed (the same on every run). */
function randomWords(seed: number, alphabet: string) {
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const word = (len: number) => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('');
  return { rnd, word };
}

describe('Aho–Corasick automaton', () => {
  it('finds every occurrence of every term, overlapping ones included, like a naive scan', () => {
    const terms = ['一府两院', '两院', '府两', '人大', '人大常委会', '常委', 'ab', 'b', 'abc', 'c', '𠀀字'];
    const ac = new AhoCorasick(terms);
    const texts = ['督促“一府两院”依法行政，人大常委会常委', 'ababcabc', '𠀀字与字𠀀', '', '人人大大常委委'];
    for (const text of texts) {
      const got: string[] = [];
      ac.scan(text, (id, end) => got.push(`${id}@${end}`));
      assert.deepStrictEqual(got.sort(), naiveMatches(terms, text).sort(), text);
    }
  });

  it('agrees with a naive scan on random texts over a small alphabet', () => {
    const { rnd, word } = randomWords(7, '人大常委会一府两');
    const terms = Array.from({ length: 60 }, () => word(1 + rnd(5)));
    // All states in DFA rows; only the root; a few (the sparse fallback and its hand-over to the dense rows).
    const automata = [new AhoCorasick(terms), new AhoCorasick(terms, 1), new AhoCorasick(terms, 60)];
    for (let k = 0; k < 30; k++) {
      const text = word(200);
      const counts = automata.map(ac => {
        let c = 0;
        ac.scan(text, () => c++);
        return c;
      });
      const got = counts[0];
      assert.strictEqual(counts[1], got);
      assert.strictEqual(counts[2], got);
      assert.strictEqual(got, naiveMatches(terms, text).length);
    }
  });

  it('still matches when the terms hold every code unit (more classes than 16 bits number)', () => {
    // 65 536 one-unit terms: 65 536 classes besides class 0, so the class table cannot be 16 bits wide.
    const terms = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
    terms.push('人大常委会', '\uffff\u0000');
    const ac = new AhoCorasick(terms);
    const text = '人大常委会\uffff\u0000\ud800a';
    const got: string[] = [];
    ac.scan(text, (id, end) => got.push(`${id}@${end}`));
    assert.deepStrictEqual(got.sort(), naiveMatches(terms, text).sort());
  });

  it('scans long texts as two chains and still reports every match once, in ascending order of its end', () => {
    const { rnd, word } = randomWords(11, '人大常委会一府两院');
    // One long term, so the second chain starts well before the middle, and terms that straddle it.
    const terms = [...Array.from({ length: 80 }, () => word(1 + rnd(6))), word(40)];
    const automata = [new AhoCorasick(terms), new AhoCorasick(terms, 1), new AhoCorasick(terms, 200)];
    for (let k = 0; k < 6; k++) {
      // 5 000–20 000 characters, with the long term planted across the middle.
      const length = 5000 + rnd(15000);
      const half = length >> 1;
      const text = word(half - 20) + terms[80] + word(length - half - 20);
      const from = k % 2 === 0 ? 0 : rnd(50);
      const to = k % 3 === 0 ? text.length : text.length - rnd(50);
      const want = naiveMatches(terms, text, from, to);
      for (const ac of automata) {
        const got: string[] = [];
        const ends: number[] = [];
        ac.scan(text, (id, end) => {
          got.push(`${id}@${end}`);
          ends.push(end);
        }, from, to);
        assert.ok(ends.every((e, i) => i === 0 || ends[i - 1] <= e), 'ascending ends');
        assert.deepStrictEqual(got.slice().sort(), want.slice().sort());
        assert.ok(got.includes(`80@${half - 20 + 40}`));
      }
    }
  });
});

const A01 = `
pack: t
category: formulation
rules:
  - id: t.yifu
    severity: error
    terms: [一府两院]
    exclude: [一府两院制度沿革]
    replace: 一府一委两院
    safe: true
    since: 2018-03-11
    message: '“{match}”已不再使用，应为“{replace}”（{since}起）'
    tests: { invalid: [督促一府两院] }
`;

describe('rule engine', () => {
  it('exclusion contexts and overlapping terms: the same findings as a naive search, on random texts', () => {
    const rule = (id: string, terms: string[], exclude: string[]) => ({
      id,
      pack: 'p',
      category: 'wording' as const,
      severity: 'warning' as const,
      status: 'certain' as const,
      terms: terms.map(term => ({ term })),
      exclude,
      replace: ['X'],
      safe: false,
      message: '{match}',
      tests: { valid: [], invalid: [] },
      loc: { file: 'p', line: 0, column: 0 },
    });
    const specs = [rule('r1', ['ab', 'b'], ['abc', 'xab', 'bb']), rule('r2', ['c'], ['abcab', 'cc'])];
    const rs = compileRuleSet([{ pack: 'p', file: 'p', builtin: true, rules: specs }]).ruleSet;
    const all = (text: string, s: string) => {
      const out: number[] = [];
      for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
        out.push(i);
      }
      return out;
    };
    const naive = (text: string) =>
      specs.flatMap(sp => {
        const spans = sp.exclude.flatMap(x => all(text, x).map(i => [i, i + x.length]));
        const hits = sp.terms.flatMap(t => all(text, t.term).map(i => [i, i + t.term.length]));
        hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
        const out: string[] = [];
        let lastEnd = -1;
        for (const [s, e] of hits) {
          if (!spans.some(([a, b]) => a <= s && e <= b) && s >= lastEnd) {
            lastEnd = e;
            out.push(`${sp.id}:${s}-${e}`);
          }
        }
        return out;
      });
    let seed = 7;
    const rnd = (k: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % k);
    for (let k = 0; k < 3000; k++) {
      let t = '';
      for (let i = rnd(30); i > 0; i--) {
        t += 'abcx'[rnd(4)];
      }
      const got = rs.check(new DocContext(t, { date: '2026-01-01' })).map(f => `${f.ruleId}:${f.start}-${f.end}`);
      assert.deepStrictEqual(got, naive(t), t);
    }
  });

  it('reports a literal term after its date, with the date in the message and a safe fix', () => {
    const [f, ...rest] = check(A01, '督促“一府两院”依法行政');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.ruleId, 't.yifu');
    assert.strictEqual(f.message, '“一府两院”已不再使用，应为“一府一委两院”（2018年3月11日起）');
    assert.deepStrictEqual(f.fixes[0].edits, [{ start: 3, end: 7, newText: '一府一委两院' }]);
    assert.strictEqual(f.fixes[0].safe, true);
  });

  it('judges the date window against the document’s own date first', () => {
    assert.strictEqual(check(A01, '督促一府两院依法行政', '2017-01-01').length, 0);
    assert.strictEqual(check(A01, '督促一府两院依法行政', '2018-03-11').length, 1);
    // The title-block date wins over the judged date.
    assert.strictEqual(check(A01, '讲话\n（2005年11月21日）\n督促一府两院依法行政', '2026-11-22').length, 0);
  });

  it('skips hits inside an exclusion context', () => {
    assert.strictEqual(check(A01, '一府两院制度沿革；一府两院').length, 1);
  });

  it('keeps the leftmost-longest of overlapping hits of one rule, and per-term replacements', () => {
    const yaml = `
pack: t
category: wording
rules:
  - id: t.zuochu
    severity: warning
    terms: [{term: 做出决定, replace: 作出决定}, {term: 做出重要决定, replace: 作出重要决定}, 做出]
    replace: 作出
    message: 应为“{replace}”
`;
    const fs1 = check(yaml, '做出重要决定，做出决定，做出');
    assert.deepStrictEqual(
      fs1.map(f => [f.start, f.end, f.fixes[0].edits[0].newText]),
      [
        [0, 6, '作出重要决定'],
        [7, 11, '作出决定'],
        [12, 14, '作出'],
      ],
    );
  });

  it('expands regex groups in replacements and scans each regex once', () => {
    const yaml = `
pack: t
category: masked
rules:
  - id: t.rd
    severity: error
    pattern: '([市区县])人大会(?=党组|主任)'
    replace: $1人大常委会
    message: “{match}”应为“{replace}”
`;
    const fs1 = check(yaml, '市人大会党组书记、区人大会主任，人大会议');
    assert.deepStrictEqual(
      fs1.map(f => f.fixes[0].edits[0].newText),
      ['市人大常委会', '区人大常委会'],
    );
  });

  it('finds one-character near-misses of long formulations, not the formulation itself', () => {
    const yaml = `
pack: t
category: formulation
rules:
  - id: t.near
    severity: error
    near: [人民代表大会制度, 习近平新时代中国特色社会主义思想]
    message: “{match}”疑为“{replace}”之误
`;
    const text = '人民表大会制度；人民代表大会制度；习近平新时期中国特色社会主义思想；人民代表大大会制度；人民代表大会制定法律';
    const got = check(yaml, text).map(f => text.slice(f.start, f.end));
    assert.deepStrictEqual(got, ['人民表大会制度', '习近平新时期中国特色社会主义思想', '人民代表大大会制度']);
  });

  it('dispatches detector rules and uses the detector’s detail and severity', () => {
    const yaml = `
pack: t
category: placeholder
rules:
  - id: t.ph
    severity: warning
    detector: placeholder
    message: 占位符“{detail}”
`;
    const [f] = check(yaml, '20xx年');
    assert.strictEqual(f.message, '占位符“20xx”');
    assert.strictEqual(f.severity, 'error');
  });

  it('keeps the other rules when a detector throws', () => {
    const yaml = `
pack: t
category: wording
rules:
  - id: t.boom
    severity: warning
    detector: boom
    message: x
  - id: t.ok
    severity: warning
    terms: [共商国事]
    message: x
`;
    const parsed = parseRulePack(yaml, 'p.yaml', true);
    const { ruleSet } = compileRuleSet([parsed.pack!], {
      boom: () => {
        throw new Error('kaput');
      },
    });
    const errors: string[] = [];
    ruleSet.onError = id => errors.push(id);
    assert.deepStrictEqual(ruleSet.check(new DocContext('共商国事')).map(f => f.ruleId), ['t.ok']);
    assert.deepStrictEqual(errors, ['t.boom']);
  });

  it('leaves words in Markdown code and in URLs alone, but reports site residue there', () => {
    const yaml = `
pack: t
category: formulation
rules:
  - id: t.yifu
    severity: error
    terms: [一府两院]
    replace: 一府一委两院
    safe: true
    message: '“{match}”'
    tests: { invalid: [一府两院] }
  - id: t.case
    severity: warning
    pattern: 'case[0-9]'
    message: '“{match}”'
    tests: { invalid: [case1] }
  - id: t.site
    category: residue
    severity: error
    terms: [fanwen]
    message: '“{match}”'
    tests: { invalid: [fanwen] }
`;
    const { ruleSet, issues } = compile(yaml, true);
    assert.deepStrictEqual(issues, []);
    const text = '督促一府两院。代码 `一府两院 case1` 之外 case2，链接 https://www.fanwen.cn/case3 之后。\n```\n一府两院\n```\n';
    const found = ruleSet.check(new DocContext(text, { markdown: true })).map(f => `${f.ruleId}:${text.slice(f.start, f.end)}@${f.start}`);
    assert.deepStrictEqual(found, [`t.yifu:一府两院@${text.indexOf('一府两院')}`, `t.case:case2@${text.indexOf('case2')}`, `t.site:fanwen@${text.indexOf('fanwen')}`]);
  });

  it('does not run the rules a configuration switches off; the others find the same', () => {
    const yaml = `
pack: t
category: wording
rules:
  - id: t.ran
    severity: warning
    detector: counted
    message: x
  - id: t.term
    severity: warning
    terms: [共商国事]
    message: x
  - id: t.other
    category: placeholder
    severity: warning
    terms: [国事]
    message: y
`;
    const parsed = parseRulePack(yaml, 'p.yaml', true);
    let runs = 0;
    const { ruleSet } = compileRuleSet([parsed.pack!], {
      counted: () => {
        runs++;
        return [{ start: 0, end: 1 }];
      },
    });
    const doc = () => new DocContext('共商国事');
    const all = ruleSet.check(doc());
    assert.deepStrictEqual(all.map(f => f.ruleId).sort(), ['t.other', 't.ran', 't.term']);
    assert.strictEqual(runs, 1);
    const configs = [{ disabledRules: ['t.ran'] }, { severity: { 't.ran': 'off' as const } }, { disabledCategories: ['wording' as const] }];
    for (const config of configs) {
      const got = ruleSet.check(doc(), config);
      assert.strictEqual(runs, 1, JSON.stringify(config));
      const kept = all.filter(f => got.some(g => g.ruleId === f.ruleId));
      assert.deepStrictEqual(got, kept, JSON.stringify(config));
      assert.ok(got.every(f => f.ruleId !== 't.ran'));
    }
    // A severity override that is not `off` changes nothing here (the linter applies it afterwards).
    assert.deepStrictEqual(ruleSet.check(doc(), { severity: { wording: 'hint' } }), all);
    assert.strictEqual(runs, 2);
  });
});

describe('rule pack loading: located problems, the rest keeps working', () => {
  const good = `  - id: t.good
    severity: warning
    terms: [共商国事]
    message: 应为“共商国是”
`;
  const run = (rules: string) => {
    const { ruleSet, issues } = compile(`pack: t\ncategory: wording\nrules:\n${rules}${good}`);
    const stillWorks = ruleSet.check(new DocContext('共商国事')).some(f => f.ruleId === 't.good');
    return { issues: where(issues), stillWorks };
  };

  it('YAML syntax error: located, the file is skipped', () => {
    const { issues } = compile('pack: t\nrules:\n  - id: "unclosed\n    severity: error\n');
    assert.strictEqual(issues.length > 0, true);
    assert.match(issues[0].message, /YAML 语法错误/);
    assert.ok(issues[0].line >= 3);
  });

  it('unknown field, wrong type, bad enum, bad date: each located at the field', () => {
    const r = run(`  - id: t.bad1
    severity: error
    terms: [x]
    mesage: typo
    message: m
  - id: t.bad2
    severity: fatal
    terms: 一府两院
    message: m
    since: 2018/03/11
`);
    assert.ok(r.stillWorks);
    assert.deepStrictEqual(r.issues, [
      '7:5 error 未知字段“mesage”；该规则未加载',
      '10:15 error “severity”应为 error、warning、info、hint 之一；该规则未加载',
      '11:12 error “terms”的类型应为列表；该规则未加载',
      '13:12 error “since”应为日期 YYYY-MM-DD（如 2018-03-11）；该规则未加载',
    ]);
  });

  it('needs-check rules above info, and rules with two matchers, are rejected with a reason', () => {
    const r = run(`  - id: t.nc
    severity: error
    status: needs-check
    terms: [x]
    message: m
  - id: t.two
    severity: info
    terms: [x]
    pattern: 'y'
    message: m
`);
    assert.ok(r.stillWorks);
    assert.strictEqual(r.issues.length, 2);
    assert.match(r.issues[0], /^5:15 error status 为 needs-check/);
    assert.match(r.issues[1], /^9:5 error 规则必须有且只有 terms、pattern、near、detector 中的一个/);
  });

  it('duplicate ids, bad regex, unknown detector, catastrophic regex', () => {
    const r = run(`  - id: t.good
    severity: warning
    terms: [y]
    message: m
  - id: t.re
    severity: warning
    pattern: '(unclosed'
    message: m
  - id: t.det
    severity: warning
    detector: no-such-detector
    message: m
  - id: t.redos
    severity: warning
    pattern: '(a+)+$'
    message: m
  - id: t.redos2
    severity: warning
    pattern: '(\\w|\\d)+$'
    message: m
`);
    assert.ok(r.stillWorks === false, 'the first t.good wins; the later duplicate is dropped');
    assert.strictEqual(r.issues.length, 5);
    assert.match(r.issues[0], /^10:14 error 规则“t.re”的正则表达式无效/);
    assert.match(r.issues[1], /^12:5 error 规则“t.det”使用了未知的检测器“no-such-detector”/);
    assert.match(r.issues[2], /^18:14 error 规则“t.redos”：正则表达式有嵌套的无界量词（“\(a\+\)\+”）/);
    assert.match(r.issues[3], /^22:14 error 规则“t.redos2”：.*灾难性回溯/);
    assert.match(r.issues[4], /^24:5 error 规则 id“t.good”重复（已在 pack.yaml:4 定义）/);
  });

  it('static regex check: nested unbounded quantifiers are rejected, ordinary patterns pass', () => {
    assert.match(regexRisk('(a+)+$', '', false) ?? '', /嵌套/);
    assert.match(regexRisk('(?:x*y?)*z', '', false) ?? '', /嵌套/);
    assert.match(regexRisk('((ab)*c)+', '', false) ?? '', /嵌套/);
    assert.strictEqual(regexRisk('下面是小编为大家整理的[^。\\n]{0,80}', '', true), null);
    assert.strictEqual(regexRisk('(?<![委])会组成人员', '', true), null);
    assert.strictEqual(regexRisk('[\\[(（](?:a|b)[)）\\]]', '', false), null);
  });

  it('a broken user pack on disk never stops the built-in packs or the other user packs', () => {
    const dir = tempDir('rules');
    try {
      fs.writeFileSync(path.join(dir, 'a-broken.yaml'), 'pack: broken\nrules: [\n');
      fs.writeFileSync(path.join(dir, 'b-mine.yaml'), 'pack: mine\ncategory: wording\nrules:\n  - id: mine.x\n    severity: info\n    terms: [抓手]\n    message: 慎用“{match}”\n');
      const dataDir = path.join(__dirname, '..', '..', 'data');
      const loaded = loadRulePacks({ dataDir, ruleDirs: [dir, path.join(dir, 'missing')] });
      assert.ok(loaded.issues.some(i => i.file.endsWith('a-broken.yaml') && i.line > 0 && /YAML/.test(i.message)));
      assert.ok(loaded.issues.some(i => /规则目录不存在/.test(i.message)));
      const ids = loaded.ruleSet.check(new DocContext('抓手；XX同志')).map(f => f.ruleId);
      assert.ok(ids.includes('mine.x'));
      assert.ok(ids.includes('placeholder'));
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('anchored regular expressions', () => {
  it('derives the literal every match must contain', () => {
    assert.strictEqual(requiredLiteral('(?:下面|以下)?(?:是|为)?小编(?:推荐|整理)?[^\\r\\n。]{0,40}', ''), '小编');
    assert.strictEqual(requiredLiteral('(?:当前位置[：:]\\s*)?(?:网站)?首页\\s*[>›»＞]', ''), '首页');
    assert.strictEqual(requiredLiteral('[.#]?[A-Za-z][\\w .#>-]{0,40}\\{ ?(?:color) ?:[^{}]{0,300}\\}', ''), '{');
    assert.strictEqual(requiredLiteral('ab+c', ''), 'ab'); // b+ contributes one b
    assert.strictEqual(requiredLiteral('abc?d', ''), 'ab');
    assert.strictEqual(requiredLiteral('a\\u4e00bcd', ''), 'bcd'); // an escape is not literal text
    assert.strictEqual(requiredLiteral('[a\\]b]cd', ''), 'cd');
    assert.strictEqual(requiredLiteral('\\d+\\.\\d+', ''), '.');
    assert.strictEqual(requiredLiteral('abc|de', ''), null);
    assert.strictEqual(requiredLiteral('(?:abc)', ''), null);
    assert.strictEqual(requiredLiteral('abc', 'i'), null);
  });

  it('a pattern gated on its required literal finds exactly what an ungated scan finds', () => {
    const dataDir = path.join(__dirname, '..', '..', 'data');
    const loaded = loadRulePacks({ dataDir });
    const text = [path.join(__dirname, '..', 'fixtures', 'seeds'), path.join(dataDir, 'corpus', 'speeches')]
      .flatMap(dir => fs.readdirSync(dir).map(f => fs.readFileSync(path.join(dir, f), 'utf8')))
      .join('\n');
    const specs = loaded.ruleSet.rules.filter(r => r.kind === 'pattern').map(r => r.spec);
    const gated = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs }]).ruleSet;
    assert.ok(gated.rules.filter(r => r.gate).length >= 3);
    // A never-matching extra branch removes the required literal without changing what the pattern matches.
    const plain = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs.map(s => ({ ...s, pattern: `${s.pattern}|(?!)` })) }]).ruleSet;
    assert.ok(plain.rules.every(r => !r.gate && !r.anchors));
    for (const doc of [text, text.replace(/小编|首页|客服老师/g, '')]) {
      const a = gated.check(new DocContext(doc, { date: '2026-11-22' }));
      const b = plain.check(new DocContext(doc, { date: '2026-11-22' }));
      assert.deepStrictEqual(a, b);
    }
    assert.ok(gated.check(new DocContext(text, { date: '2026-11-22' })).length > 0);
  });

  it('derives literals at a fixed offset from the match start, or none when it cannot be sure', () => {
    const texts = (p: string) => offsetAnchors(p, '')?.map(a => `${a.offset}:${a.text}`);
    assert.deepStrictEqual(texts('([甲乙])\\1丙(?=丁|戊己)'), ['0:甲甲丙丁', '0:甲甲丙戊己', '0:甲乙丙丁', '0:甲乙丙戊己', '0:乙甲丙丁', '0:乙甲丙戊己', '0:乙乙丙丁', '0:乙乙丙戊己']);
    assert.deepStrictEqual(texts('(?<![一二])十[一二]五(?!年)'), ['0:十一五', '0:十二五']);
    assert.deepStrictEqual(texts('第(?:次)?(?=会议)'), ['0:第会议', '0:第次会议']);
    // Classes too large to expand still have a fixed length: the literal after them is at an offset.
    assert.deepStrictEqual(texts('[\\u4e00-\\u9fff]{2}委员会'), ['2:委员会']);
    assert.deepStrictEqual(texts('(?<hit>[\\u4e00-\\u9fff])\\k<hit>委员会'), ['2:委员会']);
    assert.deepStrictEqual(texts('[*＊]{2,}')?.length, 4);
    // Anything of varying length (or possibly astral: . [^…] \\S) before every literal: no anchors.
    assert.strictEqual(offsetAnchors('.委员会', ''), null);
    assert.strictEqual(offsetAnchors('[^x]委员会', ''), null);
    assert.strictEqual(offsetAnchors('\\S委员会', ''), null);
    assert.strictEqual(offsetAnchors('x?委员会|[a-z]*z', ''), null);
    assert.strictEqual(offsetAnchors('委员会', 'i'), null);
    assert.strictEqual(offsetAnchors('委员会|(?!)', ''), null);
    // A back-reference to a group that may not take part can match the empty string.
    assert.ok(!texts('(?:([\\u4e00-\\u9fff])|x)\\1委员会')?.includes('2:委员会'));
    assert.ok(!texts('([\\u4e00-\\u9fff])?\\1委员会')?.includes('2:委员会'));
  });

  it('anchors at an offset find exactly what a full scan finds, overlapping and adjacent matches included', () => {
    const patterns = [
      '[\\u4e00-\\u9fff]{2}丙丁',
      '([\\u4e00-\\u9fff])\\1丙丙',
      '(?<=甲)[\\u4e00-\\u9fff]丙丙',
      '[甲乙]{2}丙(?=丁|甲甲)',
      '丁{2,}',
      '甲[\\u4e00-\\u9fff]{1,2}乙丙',
      '(?<![甲])[\\u4e00-\\u9fff]乙乙|[\\u4e00-\\u9fff]{3}丁甲',
    ];
    const rule = (pattern: string, k: number) => ({
      id: `t.${k}`,
      pack: 'a',
      category: 'wording' as const,
      severity: 'info' as const,
      status: 'stable' as const,
      pattern,
      replace: [],
      message: '{match}',
      exclude: [],
      safe: false,
      loc: { file: 'a', line: 1 },
    });
    const specs = patterns.map(rule);
    const anchored = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs as never }]).ruleSet;
    assert.strictEqual(anchored.rules.filter(r => r.anchors && r.anchors.some(a => a.offset > 0)).length, 4);
    const scanned = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs.map(s => ({ ...s, pattern: `${s.pattern}|(?!)` })) as never }]).ruleSet;
    assert.ok(scanned.rules.every(r => !r.anchors && !r.gate));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 20; t++) {
      let doc = '';
      for (let i = 0; i < 3000; i++) {
        doc += '甲乙丙丁。'[Math.floor(rnd() * (t % 2 ? 4 : 5))];
      }
      const a = anchored.check(new DocContext(doc, { date: '2026-11-22' }));
      const b = scanned.check(new DocContext(doc, { date: '2026-11-22' }));
      assert.ok(a.length > 100);
      assert.deepStrictEqual(a, b);
    }
  });

  it('anchored (sticky) matching finds exactly what a full scan finds, for every built-in pattern on the seed pages', () => {
    const dataDir = path.join(__dirname, '..', '..', 'data');
    const loaded = loadRulePacks({ dataDir });
    const text = [path.join(__dirname, '..', 'fixtures', 'seeds'), path.join(dataDir, 'corpus', 'speeches')]
      .flatMap(dir => fs.readdirSync(dir).map(f => fs.readFileSync(path.join(dir, f), 'utf8')))
      .join('\n');
    const specs = loaded.ruleSet.rules.filter(r => r.anchors).map(r => r.spec);
    assert.ok(specs.length > 40);
    const anchored = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs }]).ruleSet;
    // A never-matching extra branch defeats anchor (and gate) derivation without changing what the pattern matches.
    const scanned = compileRuleSet([{ pack: 'a', file: 'a', builtin: true, rules: specs.map(s => ({ ...s, pattern: `${s.pattern}|(?!)` })) }]).ruleSet;
    assert.ok(scanned.rules.every(r => !r.anchors && !r.gate));
    for (const date of ['2005-11-21', '2026-11-22']) {
      const a = anchored.check(new DocContext(text, { date }));
      const b = scanned.check(new DocContext(text, { date }));
      assert.ok(a.length > 0);
      assert.deepStrictEqual(a, b);
    }
  });
});
