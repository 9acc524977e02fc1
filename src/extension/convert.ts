import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = '公文';
export const RULE_DOC_SCHEME = 'gongwen-rule';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The rule's documentation page (a virtual read-only document, see ruleDocs.ts). */
export function ruleDocUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${ruleId}.md` });
}

/** Findings keep their fixes attached to the diagnostic they became. */
export const findingOf = new WeakMap<vscode.Diagnostic, Finding>();

export function toVsDiagnostic(f: Finding, document: vscode.TextDocument): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(f.start), document.positionAt(f.end));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: ruleDocUri(f.ruleId) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      r => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end))), r.message),
    );
  }
  if (f.category === 'duplicate') {
    d.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  findingOf.set(d, f);
  return d;
}

/** Offset edits of a fix → a WorkspaceEdit on the document. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly { start: number; end: number; newText: string }[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) {
    we.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return we;
}
