import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import type { Finding } from '../core/types';
import { DIAGNOSTIC_SOURCE, toWorkspaceEdit } from './convert';
import type { Services } from './services';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('gongwen');

function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** The findings behind the diagnostics VS Code hands back (they are copies, so match by rule and range). */
function findingsFor(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[], result: CheckResult): [vscode.Diagnostic, Finding][] {
  const out: [vscode.Diagnostic, Finding][] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) {
      continue;
    }
    const start = document.offsetAt(d.range.start);
    const end = document.offsetAt(d.range.end);
    const id = ruleIdOf(d);
    const f = result.findings.find(x => x.ruleId === id && x.start === start && x.end === end && x.message === d.message);
    if (f) {
      out.push([d, f]);
    }
  }
  return out;
}

/** Where results come from: the diagnostics feature's non-blocking `result` (checked on the worker). */
export type ResultSource = (document: vscode.TextDocument) => Promise<CheckResult | undefined>;

/** The fix-all edit, computed off the host thread (see DiagnosticsFeature.fixAllEdit); undefined when the document changed meanwhile. */
export type FixAllSource = (document: vscode.TextDocument) => Promise<{ edit: vscode.WorkspaceEdit; count: number } | undefined>;

export class GongwenCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly services: Services,
    private readonly results: ResultSource,
    private readonly fixAll: FixAllSource,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (!this.services.isTarget(document)) {
      return [];
    }
    const only = context.only;
    const wantsFixAll = !!only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only));
    // Nothing of ours under the cursor and no fix-all asked for: no work at all.
    if (!wantsFixAll && !context.diagnostics.some(d => d.source === DIAGNOSTIC_SOURCE)) {
      return [];
    }
    const result = await this.results(document);
    if (!result) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    if (!only || wantsFixAll) {
      if (wantsFixAll) {
        const fix = await this.fixAll(document);
        if (fix && fix.count > 0) {
          const a = new vscode.CodeAction(vscode.l10n.t('Gongwen: fix all safely fixable problems'), FIX_ALL_KIND);
          a.edit = fix.edit;
          actions.push(a);
        }
        return actions;
      }
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) {
      return actions;
    }
    let anySafe = false;
    for (const [diagnostic, finding] of findingsFor(document, context.diagnostics, result)) {
      finding.fixes.forEach((fix, i) => {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(document, fix.edits);
        a.diagnostics = [diagnostic];
        a.isPreferred = i === 0 && fix.safe;
        anySafe ||= fix.safe;
        actions.push(a);
      });
      const doc = new vscode.CodeAction(vscode.l10n.t('Show documentation for rule {0}', finding.ruleId), vscode.CodeActionKind.Empty);
      doc.command = { title: doc.title, command: 'gongwen.showRuleDoc', arguments: [finding.ruleId] };
      actions.push(doc);
    }
    if (anySafe) {
      const fix = await this.fixAll(document);
      if (fix && fix.count > 1) {
        const a = new vscode.CodeAction(vscode.l10n.t('Fix all safely fixable problems in this document ({0})', fix.count), vscode.CodeActionKind.QuickFix);
        a.edit = fix.edit;
        actions.push(a);
      }
    }
    return actions;
  }
}
