/**
 * Rule packs in the editor: workspace packs (`.gongwen/rules/*.yaml`, trusted
 * workspaces only), located diagnostics on broken rule files (built-in and
 * workspace), live validation while a pack is edited, and a reload of the
 * engine when a pack is saved, created or deleted.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { compileRuleSet, parseRulePack, type RuleIssue } from '../core/rules';
import type { Services } from './services';
import { isTrusted, workspaceRuleDirs } from './trust';

const SOURCE = '公文规则包';
const PACK_GLOB = '**/.gongwen/rules/*.{yaml,yml}';

function toDiagnostic(issue: RuleIssue, document?: vscode.TextDocument): vscode.Diagnostic {
  const line = Math.max(0, issue.line - 1);
  const col = Math.max(0, issue.column - 1);
  let end = new vscode.Position(line, col + 1);
  if (document && line < document.lineCount) {
    // Underline from the reported column to the end of the token (or the line).
    const text = document.lineAt(line).text;
    const m = /^[^\s,:\]}]+/.exec(text.slice(col));
    end = new vscode.Position(line, col + Math.max(1, m ? m[0].length : text.length - col));
  }
  const d = new vscode.Diagnostic(
    new vscode.Range(new vscode.Position(line, col), end),
    issue.message,
    issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = SOURCE;
  return d;
}

/** Whether a file is a rule pack the engine reads (a workspace pack or a built-in one). */
function isPackFile(fsPath: string, services: Services): boolean {
  if (!/\.ya?ml$/i.test(fsPath)) {
    return false;
  }
  const dir = path.resolve(path.dirname(fsPath));
  if (path.basename(dir) === 'rules' && path.basename(path.dirname(dir)) === '.gongwen') {
    return true;
  }
  return dir === path.resolve(services.dataDir, 'rules') || services.ruleDirs().some(d => path.resolve(d) === dir);
}

export function registerRulePackFeatures(context: vscode.ExtensionContext, services: Services): void {
  const collection = vscode.languages.createDiagnosticCollection('gongwen-rules');
  context.subscriptions.push(collection);

  // Workspace packs join the built-in ones, only while the workspace is trusted.
  services.setExtraRuleDirs(() => workspaceRuleDirs());

  /** Publishes the issues of the last full load, grouped by file. */
  const publishLoadIssues = (issues: readonly RuleIssue[]) => {
    collection.clear();
    const byFile = new Map<string, RuleIssue[]>();
    for (const issue of issues) {
      if (!/\.ya?ml$/i.test(issue.file)) {
        continue;
      }
      const list = byFile.get(issue.file) ?? [];
      list.push(issue);
      byFile.set(issue.file, list);
    }
    for (const [file, issues] of byFile) {
      const uri = vscode.Uri.file(file);
      const doc = vscode.workspace.textDocuments.find(d => d.uri.fsPath === uri.fsPath);
      collection.set(uri, issues.map(i => toDiagnostic(i, doc)));
    }
  };

  /** After a load: its issues, and every open pack validated against the loaded rules. */
  const refresh = (gw: { issues: readonly RuleIssue[] }) => {
    publishLoadIssues(gw.issues);
    vscode.workspace.textDocuments.forEach(d => void validateOpen(d));
  };

  /** Validates an open pack from its current (possibly unsaved) text. */
  const validateOpen = async (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file' || !isPackFile(document.uri.fsPath, services)) {
      return;
    }
    const builtin = !document.uri.fsPath.includes(`${path.sep}.gongwen${path.sep}`);
    if (!builtin && !isTrusted()) {
      collection.set(document.uri, [
        Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), '工作区未被信任：此规则包不会加载（信任工作区后生效）', vscode.DiagnosticSeverity.Information), { source: SOURCE }),
      ]);
      return;
    }
    const version = document.version;
    const { ruleSet } = await services.ready();
    if (document.isClosed || document.version !== version) {
      return;
    }
    const parsed = parseRulePack(document.getText().replace(/^\uFEFF/, ''), document.uri.fsPath, builtin);
    const issues = [...parsed.issues];
    if (parsed.pack) {
      issues.push(...compileRuleSet([parsed.pack]).issues);
      // Ids already used by the other loaded packs.
      const others = ruleSet.rules.filter(r => path.resolve(r.spec.loc.file) !== path.resolve(document.uri.fsPath));
      const taken = new Map(others.map(r => [r.spec.id, r.spec.loc] as const));
      for (const r of parsed.pack.rules) {
        const prev = taken.get(r.id);
        if (prev) {
          issues.push({ ...r.loc, message: `规则 id“${r.id}”重复（已在 ${prev.file}:${prev.line} 定义）；此处的规则未加载`, severity: 'error' });
        }
      }
    }
    collection.set(document.uri, issues.map(i => toDiagnostic(i, document)));
  };

  let reloadTimer: NodeJS.Timeout | undefined;
  const reloadSoon = () => {
    if (reloadTimer) {
      clearTimeout(reloadTimer);
    }
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      services.reload();
    }, 200);
  };

  const editTimers = new Map<string, NodeJS.Timeout>();
  const watcher = vscode.workspace.createFileSystemWatcher(PACK_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(reloadSoon),
    watcher.onDidDelete(uri => {
      collection.delete(uri);
      reloadSoon();
    }),
    watcher.onDidChange(reloadSoon),
    vscode.workspace.onDidSaveTextDocument(d => {
      if (d.uri.scheme === 'file' && isPackFile(d.uri.fsPath, services)) {
        reloadSoon();
      }
    }),
    vscode.workspace.onDidOpenTextDocument(d => void validateOpen(d)),
    vscode.workspace.onDidChangeTextDocument(e => {
      const key = e.document.uri.toString();
      clearTimeout(editTimers.get(key));
      editTimers.set(
        key,
        setTimeout(() => {
          editTimers.delete(key);
          void validateOpen(e.document);
        }, 300),
      );
    }),
    services.onDidReload(() => refresh(services.gongwen)),
    { dispose: () => editTimers.forEach(t => clearTimeout(t)) },
  );
  // The first load runs in steps (the host keeps answering); its issues are published when it is done.
  void services.ready().then(refresh, () => undefined);
}
