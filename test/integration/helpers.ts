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
  try {
    return await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(uri).filter(d => d.source === '公文');
      return ok(ds) ? ds : undefined;
    }, what, timeoutMs);
  } catch (err) {
    // What the checking pipeline did meanwhile, to tell a lost request from a slow one.
    const api = (await activateGongwen()) as { services: { recentEvents(): readonly string[] } };
    const events = api.services.recentEvents().slice(-80);
    throw new Error(`${(err as Error).message} (${uri.toString()})\nlast pipeline events:\n  ${events.join('\n  ')}`);
  }
}

let drafts = 0;

/**
 * A new untitled document with `content` in `language`, shown in an editor.
 * Each draft has a name of its own: the host may hand a reused `Untitled-N`
 * name the previous document's model, whose open event never comes (seen as a
 * test waiting in vain for the diagnostics of a draft the extension never saw).
 */
export async function openDraft(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const name = `draft-${process.pid}-${Date.now()}-${++drafts}.${language === 'markdown' ? 'md' : 'txt'}`;
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: name }));
  if (doc.languageId !== language) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  }
  const editor = await vscode.window.showTextDocument(doc);
  if (content) {
    const ok = await editor.edit(b => b.insert(new vscode.Position(0, 0), content), { undoStopBefore: false, undoStopAfter: true });
    assert.ok(ok && doc.getText() === content, `the draft ${name} holds its content`);
  }
  return editor;
}

export function ruleIds(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map(d => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code)));
}
