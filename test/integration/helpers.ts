import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gongwen.gongwen';

/** The activated extension's API (activate() result). */
export async function activateGongwen(): Promise<{ services: unknown; diagnostics: { onDidPublish: vscode.Event<vscode.TextDocument> } }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return (await ext.activate()) as never;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function sleep(ms: number): Promise<void> {
  await new Promise(r => setTimeout(r, ms));
}

/** Waits until `probe` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) {
      return v;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(100);
  }
}

/** Gongwen's diagnostics for a document once they satisfy `ok`. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what = 'diagnostics',
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const ds = vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文');
    return ok(ds) ? ds : undefined;
  }, what, timeoutMs);
}

/** A new untitled document with `content` in `language`, shown in an editor. */
export async function openDraft(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc);
}

export function ruleIds(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map(d => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code)));
}
