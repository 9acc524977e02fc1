import * as vscode from 'vscode';
import type { RuleHelp } from '../core/report';
import type { CheckResult } from '../core/check';
import { DIAGNOSTIC_SOURCE, ruleDocUri } from './convert';
import type { Services } from './services';

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };
const CATEGORY_ZH: Record<string, string> = {
  formulation: '提法',
  structure: '结构',
  numbering: '序号',
  placeholder: '占位符',
  residue: '网站残留',
  masked: '屏蔽字',
  punctuation: '标点',
  number: '数字用法',
  wording: '用词',
  duplicate: '重复',
  encoding: '编码',
};

export function categoryLabel(c: string): string {
  return CATEGORY_ZH[c] ?? c;
}

/** The rule's page as Markdown (also used for the virtual rule documents). */
export function ruleMarkdown(id: string, help: RuleHelp | undefined): string {
  if (!help) {
    return `# ${id}\n\n没有找到这条规则（可能已被删除或所在规则包加载失败）。\n`;
  }
  const lines = [`# ${help.description ?? id}`, '', `- 规则：\`${id}\``, `- 类别：${categoryLabel(help.category)}`];
  if (help.severity) {
    lines.push(`- 默认级别：${SEVERITY_ZH[help.severity] ?? help.severity}`);
  }
  if (help.since || help.until) {
    lines.push(`- 适用时间：${help.since ? `${help.since} 起` : ''}${help.since && help.until ? '，' : ''}${help.until ? `${help.until} 前` : ''}（按文稿日期判断）`);
  }
  if (help.source) {
    lines.push(`- 依据：${help.source}`);
  }
  if (help.pack) {
    lines.push(`- 规则包：${help.pack}`);
  }
  if (help.explanation) {
    lines.push('', help.explanation);
  }
  return lines.join('\n') + '\n';
}

export class RuleHover implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly results: (document: vscode.TextDocument) => Promise<CheckResult | undefined>,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.services.isTarget(document)) {
      return undefined;
    }
    // Only where one of our diagnostics is: hovering elsewhere costs nothing.
    const ours = vscode.languages.getDiagnostics(document.uri).some(d => d.source === DIAGNOSTIC_SOURCE && d.range.contains(position));
    if (!ours) {
      return undefined;
    }
    const result = await this.results(document);
    if (!result) {
      return undefined;
    }
    const offset = document.offsetAt(position);
    const hits = result.findings.filter(f => f.start <= offset && offset <= f.end);
    if (hits.length === 0) {
      return undefined;
    }
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['gongwen.showRuleDoc'] };
    const { ruleHelp } = await this.services.ready();
    for (const f of hits.slice(0, 3)) {
      const help = ruleHelp.get(f.ruleId);
      md.appendMarkdown(`**公文·${categoryLabel(f.category)}** ${escapeMd(f.message)}\n\n`);
      if (help?.explanation) {
        md.appendMarkdown(`${escapeMd(help.explanation)}\n\n`);
      }
      if (help?.since || help?.until) {
        md.appendMarkdown(`适用时间：${help.since ?? '—'} ～ ${help.until ?? '—'}（文稿日期 ${result.documentDate ?? result.date}）\n\n`);
      }
      if (help?.source) {
        md.appendMarkdown(`依据：${escapeMd(help.source)}\n\n`);
      }
      md.appendMarkdown(`[规则说明 \`${f.ruleId}\`](${ruleDocUri(f.ruleId).toString()})\n\n---\n\n`);
    }
    return new vscode.Hover(md, new vscode.Range(document.positionAt(hits[0].start), document.positionAt(hits[0].end)));
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, m => `\\${m}`);
}
