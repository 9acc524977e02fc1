/**
 * Workspace trust for the features that read folders and files named in
 * settings or found in the workspace (rule packs, corpus folders).
 *
 * Usage by a feature:
 *   const dirs = allowedPaths(settingPaths('corpus.paths', folder), services.output);
 *   onTrustGranted(context, () => reloadMyThing());
 */
import * as vscode from 'vscode';
import { decidePaths, trustedSettingValue, type PathDecision } from '../node/trustPolicy';
import type { Services } from './services';

/** Settings that name folders or files: ignored from workspace settings in restricted mode (see package.json). */
export const PATH_SETTINGS = ['corpus.paths'] as const;

/** Whether the workspace is trusted (an empty window counts as trusted, as in VS Code). */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

/** Splits paths into usable and blocked ones under the current trust state. */
export function decide(paths: readonly string[]): PathDecision {
  return decidePaths(paths, { trusted: isTrusted(), workspaceFolders: folders(), caseInsensitive: process.platform === 'win32' || process.platform === 'darwin' });
}

/** The paths that may be used now; blocked ones are logged once per call with the reason. */
export function pathsAllowed(paths: readonly string[], log?: vscode.LogOutputChannel): string[] {
  const d = decide(paths);
  for (const b of d.blocked) {
    log?.warn(`未使用 ${b.path}：${b.reason}`);
  }
  return d.allowed;
}

/**
 * A path-list setting (`gongwen.<key>`) as it may be used: in restricted mode
 * only the user's own value, never the workspace's.
 */
export function settingPaths(key: string, scope?: vscode.ConfigurationScope): string[] {
  const inspected = vscode.workspace.getConfiguration('gongwen', scope).inspect<unknown>(key);
  const value = trustedSettingValue(inspected, isTrusted());
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : [];
}

/** The workspace's own rule folders (`.gongwen/rules` in each folder): none in restricted mode. */
export function workspaceRuleDirs(): string[] {
  if (!isTrusted()) {
    return [];
  }
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => vscode.Uri.joinPath(f.uri, '.gongwen', 'rules').fsPath);
}

/** Runs `reload` when the user grants trust (restricted → trusted); returns the disposable. */
export function onTrustGranted(context: vscode.ExtensionContext, reload: () => void): vscode.Disposable {
  const d = vscode.workspace.onDidGrantWorkspaceTrust(reload);
  context.subscriptions.push(d);
  return d;
}

/** Reloads the engine (rule packs, corpus settings) when trust is granted. */
export function registerTrust(context: vscode.ExtensionContext, services: Services): void {
  onTrustGranted(context, () => {
    services.output.info('工作区已被信任：重新加载工作区规则包和语料设置');
    services.reload();
  });
}
