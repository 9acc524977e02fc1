/**
 * The comparison panel's HTML shell: a strict Content-Security-Policy
 * (`default-src 'none'`, styles only from the extension, one script allowed
 * by a fresh nonce), the stylesheet, and the script. No data goes into the
 * markup: the content arrives by message. No `vscode` import, so the
 * browser test renders exactly this page.
 */
import { randomBytes } from 'crypto';

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the webview may load the extension's files from. */
  cspSource: string;
  /** Webview URIs (as strings) of media/webview/webview.js and media/panel.css. */
  scriptUri: string;
  styleUri: string;
  /** Text shown until the script has rendered (localised). */
  loadingText: string;
  /** BCP-47 language of the UI, e.g. `zh-cn`. */
  lang: string;
  nonce?: string;
}

/** A fresh nonce: 128 random bits, base64url. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function renderPanelHtml(o: PanelHtmlOptions): string {
  const nonce = o.nonce ?? makeNonce();
  const csp = [`default-src 'none'`, `style-src ${o.cspSource}`, `img-src ${o.cspSource}`, `font-src ${o.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.loadingText)}</title>
</head>
<body>
<main id="app"><div class="status status-loading" role="status"><p class="status-title">${escapeHtml(o.loadingText)}</p></div></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
