import * as vscode from 'vscode';
import { GongwenCodeActions } from './codeActions';
import { RULE_DOC_SCHEME } from './convert';
import { DiagnosticsFeature } from './diagnostics';
import { RuleHover, ruleMarkdown } from './hover';
import { registerOffThread } from './offThread';
import { Services } from './services';
import { registerCorpusFeatures } from './corpus';
import { registerPanelFeatures } from './panel';
import { registerRulePackFeatures } from './rulePacks';
import { registerStructureFeatures } from './structure';
import { registerTrust } from './trust';

/** What activate() returns: used by the integration tests to wait for results. */
export interface GongwenApi {
  services: Services;
  diagnostics: DiagnosticsFeature;
}

export function activate(context: vscode.ExtensionContext): GongwenApi {
  const services = new Services(context);
  context.subscriptions.push(services);
  const diagnostics = new DiagnosticsFeature(services);
  context.subscriptions.push(diagnostics);

  // Every document; `services.isTarget` applies the configurable language list at request time.
  const selector = (): vscode.DocumentSelector => '*';
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector(), new GongwenCodeActions(services, d => diagnostics.result(d), d => diagnostics.fixAllEdit(d)), GongwenCodeActions.metadata),
    vscode.languages.registerHoverProvider(selector(), new RuleHover(services, d => diagnostics.result(d))),
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, {
      async provideTextDocumentContent(uri) {
        const id = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
        return ruleMarkdown(id, (await services.ready()).ruleHelp.get(id));
      },
    }),
    vscode.commands.registerCommand('gongwen.checkDocument', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      if (!services.isTarget(editor.document)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Gongwen checks documents in these languages only: {0} (setting gongwen.languages)', services.settings(editor.document).languages.join('、')),
        );
        return;
      }
      await diagnostics.run(editor.document);
    }),
    vscode.commands.registerCommand('gongwen.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !services.isTarget(editor.document)) {
        return false;
      }
      // The edits are computed on the worker; the host only assembles them, a slice per turn.
      const fix = await diagnostics.fixAllEdit(editor.document);
      if (!fix) {
        return false;
      }
      if (fix.count === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No problems that can be fixed automatically.'));
        return false;
      }
      return vscode.workspace.applyEdit(fix.edit);
    }),
    vscode.commands.registerCommand('gongwen.showRuleDoc', async (ruleId?: string) => {
      const id =
        ruleId ??
        (await vscode.window.showQuickPick(
          [...(await services.ready()).ruleHelp.values()].map(h => ({ label: h.id, description: h.description })),
          { placeHolder: vscode.l10n.t('Choose a rule to read about') },
        ))?.label;
      if (!id) {
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` }));
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('gongwen.showOutput', () => services.output.show()),
    vscode.commands.registerCommand('gongwen.reload', () => services.reload()),
  );

  // Feature modules register themselves here, one line each.
  registerTrust(context, services);
  registerRulePackFeatures(context, services);
  registerOffThread(context, services, diagnostics);
  registerStructureFeatures(context, services);
  const corpus = registerCorpusFeatures(context, services);
  registerPanelFeatures(context, services, corpus);

  return { services, diagnostics };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
