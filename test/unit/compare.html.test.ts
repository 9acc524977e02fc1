import * as assert from 'assert';
import { escapeHtml, makeNonce, renderPanelHtml } from '../../src/extension/panelHtml';

describe('compare: the panel page shell', () => {
  const page = (nonce?: string) =>
    renderPanelHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
      loadingText: '正在与范文对照……<b>',
      lang: 'zh-cn',
      nonce,
    });

  it('allows nothing by default, styles from the extension only, and one script by nonce', () => {
    const html = page('abc123');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.strictEqual(
      csp,
      "default-src &#39;none&#39;; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src &#39;nonce-abc123&#39;",
    );
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/);
    assert.ok(!/\sstyle=|\son\w+=|javascript:/i.test(html), 'no inline style, handler or script URL');
    assert.ok(html.includes('正在与范文对照……&lt;b&gt;'), 'the loading text is escaped');
  });

  it('makes a fresh unguessable nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => makeNonce()));
    assert.strictEqual(nonces.size, 50);
    for (const n of nonces) {
      assert.match(n, /^[A-Za-z0-9_-]{22}$/);
    }
    assert.notStrictEqual(/nonce-([^&]+)/.exec(page())?.[1], /nonce-([^&]+)/.exec(page())?.[1]);
  });

  it('escapes the five HTML metacharacters', () => {
    assert.strictEqual(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
