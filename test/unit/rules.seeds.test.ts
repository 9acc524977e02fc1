import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../../src/core/types';
import { loadGongwen } from '../../src/node/services';
import { seedPage as seed } from '../support/seeds';

const gw = loadGongwen();
const TODAY = '2026-11-22';

function findings(text: string, date = TODAY): { f: Finding; text: string }[] {
  return gw.linter.check(text, { date }).findings.map(f => ({ f, text: text.slice(f.start, f.end) }));
}

function has(list: { f: Finding; text: string }[], ruleId: string | RegExp, match: string | RegExp): void {
  const ok = list.some(
    x => (typeof ruleId === 'string' ? x.f.ruleId === ruleId : ruleId.test(x.f.ruleId)) && (typeof match === 'string' ? x.text.includes(match) : match.test(x.text)),
  );
  assert.ok(ok, `expected ${ruleId} on “${match}”; got ${[...new Set(list.map(x => `${x.f.ruleId}:${x.text.slice(0, 12)}`))].slice(0, 40).join(' | ')}`);
}

describe('rule packs on the seed pages (acceptance)', () => {
  it('seed 004: 一府两院, 当家做主, 即使做好, 创造提交, 相关热词搜索', () => {
    const list = findings(seed('004'));
    has(list, 'formulation.yifu-liangyuan', '一府两院');
    has(list, 'formulation.dangjia-zuozhu', '当家做主');
    has(list, 'wording.jishi-zuohao', '即使');
    has(list, 'wording.chuangzao-tiaojian', '创造提交');
    has(list, 'residue.site', '相关热词搜索');
  });

  it('seed 003: 人大会…党组, 党的以来, 人民表大会制度, xx届, 人大主任, “十四五” as the current plan', () => {
    const list = findings(seed('003'));
    has(list, 'masked.renda-hui', '人大会');
    assert.ok(list.some(x => x.f.ruleId === 'masked.renda-hui' && seed('003').slice(x.f.end, x.f.end + 2) === '党组'));
    has(list, 'masked.ordinal-missing', '党的');
    has(list, 'formulation.near-miss', '人民表大会制度');
    has(list, 'placeholder', 'xx');
    has(list, 'formulation.renda-zhuren', '人大主任');
    has(list, 'formulation.shisiwu-current', '十四五');
    has(list, 'residue.site', '下面是小编');
  });

  it('seeds 001 and 002: 20xx, 推荐访问, 小编, site name and navigation', () => {
    const s1 = findings(seed('001'));
    has(s1, 'placeholder', '20xx');
    has(s1, 'residue.site', '推荐访问');
    has(s1, 'residue.site', '下面是小编');
    has(s1, 'residue.site', '时间:2022-07-23');
    const s2 = findings(seed('002'));
    has(s2, 'residue.site', '范文网');
    has(s2, 'residue.site', '首页 >');
    has(s2, 'residue.site', '下面是小编');
  });

  it('one piece of site residue is reported once: nothing inside a residue line that a residue finding deletes', () => {
    for (const [name, text] of [
      ['002', seed('002')],
      ['003', seed('003')],
      ['sample draft', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drafts', 'sample-draft.txt'), 'utf8')],
    ]) {
      const all = gw.linter.check(text, { date: TODAY }).findings;
      const residue = all.filter(f => f.category === 'residue');
      const xiaobian = residue.filter(f => text.slice(f.start, f.end).includes('下面是小编'));
      assert.deepStrictEqual(xiaobian.map(f => f.ruleId), ['residue.site'], name);
      // Nothing else is reported inside a span a residue finding deletes: not the residue's parts, not a placeholder
      // or an ASCII comma in it (the structure's findings only point at a line and stay).
      for (const f of all.filter(g => g.category !== 'structure')) {
        const inside = residue.filter(g => g !== f && g.fixes[0]?.edits.some(e => e.newText === '' && e.start <= f.start && e.end >= f.end && f.start < e.end));
        assert.deepStrictEqual(inside.map(g => g.ruleId), [], `${name}: ${f.ruleId} “${text.slice(f.start, f.end)}”`);
      }
    }
    // With the line rule off, the “小编” rule reports the line.
    const off = gw.linter.check(seed('002'), { date: TODAY, config: { disabledRules: ['residue.site'] } }).findings;
    assert.ok(off.some(f => f.ruleId === 'residue.xiaobian' && seed('002').slice(f.start, f.end).startsWith('下面是小编')));
    assert.ok(off.some(f => f.ruleId === 'residue.breadcrumb'));
  });

  it('site names, credits, source and copyright lines: each line once, the site name inside it not again', () => {
    const lines = [
      '更多范文请访问第一范文网。',
      '本文来源：XX范文网 www.fanwen.com',
      '文章来源于网络，如有侵权请联系删除。',
      '本文由出国留学网整理发布。',
      '转载请注明出处：www.fwsir.com',
    ];
    const text = `同志们：\n要加强学习。\n${lines.join('\n')}\n谢谢大家！\n`;
    const residue = gw.linter.check(text, { date: TODAY }).findings.filter(f => f.category === 'residue');
    assert.deepStrictEqual(
      residue.map(f => [f.ruleId, text.slice(f.start, f.end)]),
      lines.map(l => ['residue.site', l]),
    );
    // In a sentence of its own the name is reported (without a fix: only the writer knows where the site's text ends).
    const named = gw.linter.check('同志们：\n这篇讲话稿摘自畅运范文网，供参考。\n', { date: TODAY }).findings.filter(f => f.category === 'residue');
    assert.deepStrictEqual(named.map(f => [f.ruleId, f.fixes.length]), [['residue.site-name', 0]]);
  });

  it('seeds 001 and 003: 顿号 between quoted or titled items, unquoted 四个全面; no 人民代表 or 人大常委 on 人民代表大会/人大常委会', () => {
    const s1 = findings(seed('001'));
    has(s1, 'formulation.quoted-dunhao', '”、');
    has(s1, 'formulation.quoted-dunhao', '》、');
    has(s1, 'formulation.slogan-quotes', '四个全面');
    const s3 = findings(seed('003'));
    has(s3, 'formulation.quoted-dunhao', '”、');
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const noisy = findings(seed(prefix)).filter(x => x.f.ruleId === 'formulation.renmin-daibiao' || x.f.ruleId === 'formulation.renda-changwei');
      assert.deepStrictEqual(noisy.map(x => x.text), [], `seed ${prefix}`);
    }
  });

  it('date-aware: the 2005-style list and 全面建设小康社会 are right in 2005 and outdated today', () => {
    const speech = '在全县工作会议上的讲话\n（2005年11月21日）\n同志们：\n我们要坚持以邓小平理论和“三个代表”重要思想为指导，全面落实科学发展观，为全面建设小康社会而奋斗。';
    assert.deepStrictEqual(
      findings(speech).filter(x => x.f.category === 'formulation').map(x => x.f.ruleId),
      [],
    );
    const undated = speech.replace('（2005年11月21日）\n', '');
    const today = findings(undated, TODAY).filter(x => x.f.category === 'formulation');
    assert.deepStrictEqual(today.map(x => x.f.ruleId).sort(), ['formulation.ideology-list', 'formulation.xiaokang-jiancheng']);
    const list = today.find(x => x.f.ruleId === 'formulation.ideology-list')!;
    assert.match(list.f.message, /2017年10月24日起/);
    assert.strictEqual(findings(undated, '2005-11-21').filter(x => x.f.category === 'formulation').length, 0);
  });

  it('every fixable finding of the rule packs carries a fix, and rule help is filled for hover and SARIF', () => {
    const h = gw.ruleHelp.get('formulation.yifu-liangyuan')!;
    assert.strictEqual(h.since, '2018-03-11');
    assert.match(h.description ?? '', /一府两院.*一府一委两院/);
    assert.ok(h.explanation && h.source);
    for (const x of findings(seed('004'))) {
      const spec = gw.ruleSet.rule(x.f.ruleId);
      if (spec && (spec.replace.length > 0 || spec.terms?.some(t => t.replace))) {
        assert.ok(x.f.fixes.length > 0, `${x.f.ruleId} on “${x.text}” has no fix`);
      }
    }
  });
});
