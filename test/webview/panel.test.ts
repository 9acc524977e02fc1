/**
 * The comparison panel's webview page rendered in real headless Chromium:
 * the exact HTML shell the extension serves (CSP, nonce), the built
 * media/webview/webview.js, media/panel.css, and a model computed by the real engine
 * over the seed speeches plus a hostile corpus file. Screenshots go to
 * test/artifacts/ (gitignored); with UPDATE_README_SCREENSHOT=1 the README's
 * media/screenshot-panel.png is rewritten as well.
 *
 * Run: npm run test:webview (builds first).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PanelModel } from '../../src/core/compare/model';
import { outdatedFormulations } from '../../src/core/compare/freshness';
import { nearParagraphs, type ParagraphSearcher } from '../../src/core/compare/near';
import { Comparer, type ExemplarSpeech } from '../../src/core/compare/panel';
import { cosine, profileOf, splitParagraphs } from '../../src/core/compare/text';
import { CorpusIndex } from '../../src/core/corpus/index';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { loadGongwen } from '../../src/node/services';
import { renderPanelHtml } from '../../src/extension/panelHtml';
import { panelStrings } from '../../src/extension/panelStrings';
import type { FromPanelMessage, PanelStrings, ToPanelMessage } from '../../src/shared/panelMessages';
import { memoryIndex, seedSpeeches, seedSpeechWith } from '../unit/compareFixtures';

const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A corpus file written to break out of the panel. */
const HOSTILE: ExemplarSpeech = {
  id: 'hostile-1',
  title: '<script>window.__pwned = "title"</script>在全市人大工作会议上的讲话',
  date: '2024-03-01',
  occasion: '<img src="x-occasion" onerror="window.__pwned = \'occasion\'">',
  speaker: '<a href="javascript:window.__pwned=\'speaker\'">市人大常委会主任</a>',
  source: 'javascript:window.__pwned="source"',
  text: [
    '<script>window.__pwned = "text"</script>在全市人大工作会议上的讲话',
    '同志们：',
    '今天，我们召开全市人大工作会议，主要任务是总结工作、部署任务。下面，我讲三点意见。<img src="x-text" onerror="window.__pwned=\'text\'">',
    '一、<a href="javascript:window.__pwned=\'heading\'">充分肯定</a>过去一年人大工作取得的成绩',
    '一年来，全市各级人大坚持党的领导，依法履职，取得了显著成效。<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
    '二、认清形势，增强做好人大工作的责任感和紧迫感',
    '<svg onload="window.__pwned=\'svg\'"></svg>我们要清醒地看到，当前人大工作还面临不少挑战，与人民群众的期待还有差距。',
    '三、突出重点，扎实做好今年各项工作',
    '要围绕中心、服务大局，认真做好立法、监督、代表等各项工作，推动人大工作高质量发展。&lt;b&gt;&amp;',
    '同志们，让我们紧密团结起来，为开创人大工作新局面而努力奋斗！',
  ].join('\n'),
};

/** VS Code "Dark Modern" and "Light Modern" values of the variables the panel uses. */
const THEMES: Record<'dark' | 'light' | 'hc', Record<string, string>> = {
  dark: {
    background: '#181818',
    '--vscode-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-font-weight': 'normal',
    '--vscode-editor-font-family': '"WenQuanYi Micro Hei Mono", monospace',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#026ec1',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    '--vscode-button-border': '#ffffff12',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-errorForeground': '#f85149',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-textLink-activeForeground': '#4daafc',
    '--vscode-widget-border': '#313131',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-inactiveSelectionBackground': '#37373d',
    '--vscode-diffEditor-insertedTextBackground': '#9ccc2c33',
    '--vscode-diffEditor-removedTextBackground': '#ff000033',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-progressBar-background': '#0078d4',
  },
  light: {
    background: '#f8f8f8',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-font-weight': 'normal',
    '--vscode-editor-font-family': '"WenQuanYi Micro Hei Mono", monospace',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#0258a8',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-button-secondaryHoverBackground': '#cccccc',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-errorForeground': '#f85149',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-textLink-activeForeground': '#005fb8',
    '--vscode-widget-border': '#e5e5e5',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
    '--vscode-diffEditor-insertedTextBackground': '#9ccc2c40',
    '--vscode-diffEditor-removedTextBackground': '#ff000033',
    '--vscode-testing-iconPassed': '#388a34',
    '--vscode-progressBar-background': '#005fb8',
  },
  hc: {
    background: '#000000',
    '--vscode-foreground': '#ffffff',
    '--vscode-descriptionForeground': '#ffffff',
    '--vscode-font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-font-weight': 'normal',
    '--vscode-editor-font-family': '"WenQuanYi Micro Hei Mono", monospace',
    '--vscode-button-background': '#000000',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-border': '#6fc3df',
    '--vscode-button-secondaryBackground': '#000000',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-focusBorder': '#f38518',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-badge-background': '#000000',
    '--vscode-badge-foreground': '#ffffff',
    '--vscode-editorWarning-foreground': '#ffd370',
    '--vscode-errorForeground': '#f48771',
    '--vscode-textLink-foreground': '#21a6ff',
    '--vscode-textLink-activeForeground': '#21a6ff',
    '--vscode-widget-border': '#6fc3df',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-diffEditor-insertedTextBorder': '#33ff2e',
    '--vscode-diffEditor-removedTextBorder': '#ff008f',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-progressBar-background': '#6fc3df',
  },
};

/** The Chinese string table, exactly as the extension builds it under a Chinese UI. */
function chineseStrings(): PanelStrings {
  const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  // As vscode.l10n.t: arguments given by the extension fill their `{n}`; the others stay for the webview.
  return panelStrings({ t: (s, ...args) => (bundle[s] ?? s).replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)]))) });
}

interface Served {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves the panel page and the two files it may load, and records every request. */
async function serve(): Promise<Served> {
  const requests: string[] = [];
  const files: Record<string, { file: string; type: string }> = {
    '/media/webview/webview.js': { file: path.join(ROOT, 'media', 'webview', 'webview.js'), type: 'text/javascript' },
    '/media/panel.css': { file: path.join(ROOT, 'media', 'panel.css'), type: 'text/css' },
  };
  let html = '';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url === '/' || url.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const f = files[url];
    if (f) {
      res.writeHead(200, { 'content-type': `${f.type}; charset=utf-8` });
      res.end(fs.readFileSync(f.file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  html = renderPanelHtml({
    cspSource: origin,
    scriptUri: `${origin}/media/webview/webview.js`,
    styleUri: `${origin}/media/panel.css`,
    loadingText: chineseStrings().loading,
    lang: 'zh-cn',
  });
  return { url: `${origin}/`, requests, close: () => new Promise(resolve => server.close(() => resolve())) };
}

/** Stands in for VS Code's webview host: acquireVsCodeApi with a state that survives reloads, and a record of posts. */
const HOST_SHIM = `
  (() => {
    window.__posted = [];
    window.__csp = [];
    window.__warnings = [];
    document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    const origWarn = console.warn;
    console.warn = (...a) => { window.__warnings.push(a.join(' ')); origWarn(...a); };
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi called twice');
      acquired = true;
      return {
        postMessage: m => window.__posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
        setState: s => sessionStorage.setItem('state', JSON.stringify(s)),
      };
    };
  })();
`;

async function send(page: Page, message: ToPanelMessage | Record<string, unknown>): Promise<void> {
  await page.evaluate(m => window.postMessage(m, '*'), message);
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
}

async function posted(page: Page): Promise<FromPanelMessage[]> {
  return page.evaluate(() => (window as unknown as { __posted: FromPanelMessage[] }).__posted);
}

async function applyTheme(page: Page, theme: Record<string, string>): Promise<void> {
  // As VS Code does: theme variables set on the root element's style through the CSSOM (allowed by the CSP).
  await page.evaluate(vars => {
    const style = document.documentElement.style;
    for (const name of [...style].filter(n => n.startsWith('--vscode-'))) {
      style.removeProperty(name);
    }
    for (const [k, v] of Object.entries(vars)) {
      if (k === 'background') {
        document.documentElement.style.backgroundColor = v;
      } else {
        document.documentElement.style.setProperty(k, v);
      }
    }
  }, theme);
}

function buildModel(selectHostile: boolean): PanelModel {
  const draftSource = seedSpeechWith('换届选举工作部署会');
  const corpus = memoryIndex([HOSTILE, ...seedSpeeches().filter(s => s.id !== draftSource.id)]);
  const other = seedSpeeches().find(s => s.id !== draftSource.id && s.text.includes('人大')) as ExemplarSpeech;
  const copied = other.text.split('\n').find(l => l.length > 100) as string;
  const lines = draftSource.text.split('\n');
  const text = [...lines.slice(0, 8), copied, ...lines.slice(8)].join('\n');
  return new Comparer(corpus, speech => ({ count: speech.id === HOSTILE.id ? 2 : speech.text.includes('科学发展观') ? 1 : 0, samples: ['一府两院'] })).build({
    text,
    docUri: 'file:///workspace/%E8%AE%B2%E8%AF%9D%E7%A8%BF.txt',
    docName: '在全市市县乡人大换届选举工作部署会上的讲话.txt',
    docVersion: 3,
    date: '2026-11-22',
    pinned: selectHostile ? [HOSTILE.id] : [],
  });
}

/** Brute-force paragraph search (bigram cosine) over the hostile file and the seed speeches. */
function paragraphSearcher(): ParagraphSearcher {
  const speeches = [HOSTILE, ...seedSpeeches()];
  const all = speeches.flatMap(speech => splitParagraphs(speech.text).map(p => ({ speech, paragraph: p, profile: profileOf(p.text) })));
  return {
    searchParagraphs(text, options) {
      const q = profileOf(text);
      return all
        .map(x => ({ speech: x.speech, paragraph: x.paragraph, score: cosine(q, x.profile) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, options.top ?? 10);
    },
  };
}

describe('comparison panel in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Served;
  const external: string[] = [];
  const pageErrors: string[] = [];
  const strings = chineseStrings();
  const hostileModel = buildModel(true);

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'media', 'webview', 'webview.js')), 'media/webview/webview.js is missing: run `npm run build` first');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 440, height: 900 }, deviceScaleFactor: 1 });
    await context.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(server.url)) {
        return route.continue();
      }
      external.push(url);
      return route.abort();
    });
    await context.addInitScript(HOST_SHIM);
    page = await context.newPage();
    page.on('pageerror', e => pageErrors.push(String(e)));
    server.requests.length = 0;
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
  });

  afterEach(async () => {
    await context?.close();
  });

  it('loads only its own script and stylesheet under the CSP, and says ready', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp ?? '', /^default-src 'none'; style-src http:\/\/127\.0\.0\.1:\d+; .*script-src 'nonce-[A-Za-z0-9_-]{22}'$/);
    assert.deepStrictEqual(await posted(page), [{ type: 'ready' }]);
    assert.deepStrictEqual([...server.requests].sort(), ['/', '/media/panel.css', '/media/webview/webview.js']);
    assert.strictEqual(await page.locator('script').count(), 1);
  });

  it('renders a hostile corpus file as text: no script runs, no element or request is created from it', async () => {
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model: hostileModel });
    // Show the hostile exemplar's paragraphs too.
    for (let n = await page.locator('button[aria-expanded="false"]').count(); n > 0; n--) {
      await page.locator('button[aria-expanded="false"]').first().click();
    }
    assert.strictEqual(await page.locator('button[aria-expanded="false"]').count(), 0);
    const first = page.locator('li.exemplar').first();
    assert.strictEqual(await first.locator('.exemplar-title').textContent(), HOSTILE.title);
    assert.ok((await first.locator('.exemplar-meta').textContent())?.includes(HOSTILE.occasion as string));
    assert.ok((await first.locator('.exemplar-meta').textContent())?.includes(HOSTILE.speaker as string));
    assert.strictEqual(await first.locator('.exemplar-source').textContent(), HOSTILE.source);
    const body = (await page.textContent('#app')) ?? '';
    for (const needle of ['<iframe src="javascript:', '<svg onload=', '<img src="x-text" onerror=', '&lt;b&gt;&amp;']) {
      assert.ok(body.includes(needle), `shown as text: ${needle}`);
    }
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      dangerous: document.querySelectorAll('#app img, #app a, #app iframe, #app svg, #app object, #app embed, #app form, #app link, #app style').length,
      handlers: [...document.querySelectorAll('#app *')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
      hrefs: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map(e => e.tagName),
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      csp: (window as unknown as { __csp: string[] }).__csp,
    }));
    assert.deepStrictEqual(dom, { scripts: 1, dangerous: 0, handlers: [], hrefs: ['LINK', 'SCRIPT'], pwned: null, csp: [] });
    assert.deepStrictEqual([...new Set(server.requests)].sort(), ['/', '/media/panel.css', '/media/webview/webview.js'], 'no request for x-occasion or x-text');
    assert.deepStrictEqual(external, []);
    assert.deepStrictEqual(pageErrors, []);
    await applyTheme(page, THEMES.dark);
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-hostile-dark.png'), fullPage: true });
  });

  it('shows exemplars with badges, coverage, the aligned structure, differences and copies', async () => {
    const model = buildModel(false);
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model });
    assert.strictEqual(await page.locator('li.exemplar').count(), model.exemplars.length);
    assert.strictEqual(await page.locator('li.exemplar.selected').count(), 1);
    assert.strictEqual(await page.locator('li.exemplar').first().getAttribute('data-id'), model.selected);
    const badges = (await page.locator('li.exemplar').first().locator('.badges').textContent()) ?? '';
    assert.match(badges, /相似度 \d+%/);
    assert.match(badges, /按 2026-11-22 (无过时提法|有 \d+ 处过时提法)/);
    assert.strictEqual(await page.locator('table.structure tbody tr').count(), model.alignment.length);
    assert.strictEqual(await page.locator('tr.row-missing').count(), model.alignment.filter(r => r.status === 'missing').length);
    assert.strictEqual(await page.locator('tr.row-extra').count(), model.alignment.filter(r => r.status === 'extra').length);
    assert.strictEqual(await page.locator('.coverage-item').count(), 8);
    assert.strictEqual(await page.locator('.coverage-item.missing').count(), model.coverage.filter(c => c.missing).length);
    assert.ok(model.diff);
    const diffText = await page.locator('.diff').evaluate(e => [...e.childNodes].map(n => ((n as Element).tagName === 'DEL' ? '' : n.textContent)).join(''));
    const part = model.draftParts[model.diff.draft];
    assert.ok(diffText.length > 0 && diffText === model.diff.segments.filter(s => s[0] >= 0).map(s => s[1]).join(''));
    assert.ok(part);
    assert.ok(model.copy && model.copy.runs.length > 0);
    assert.strictEqual(await page.locator('.copy-runs li').count(), model.copy.runs.length);
    assert.strictEqual(await page.locator('.copy-runs li.long').count(), model.copy.runs.filter(r => r.long).length);
    assert.deepStrictEqual(pageErrors, []);
    for (const theme of ['dark', 'light', 'hc'] as const) {
      await applyTheme(page, THEMES[theme]);
      await page.screenshot({ path: path.join(ARTIFACTS, `panel-${theme}.png`), fullPage: true });
    }
    // High contrast: controls and badges get the contrast border, diff marks an outline.
    const hc = await page.evaluate(() => ({
      button: getComputedStyle(document.querySelector('.actions button') as Element).borderTopColor,
      badge: getComputedStyle(document.querySelector('.badge-score') as Element).borderTopColor,
      ins: getComputedStyle(document.querySelector('.diff ins') ?? document.body).outlineColor,
    }));
    assert.deepStrictEqual(hc, { button: 'rgb(111, 195, 223)', badge: 'rgb(111, 195, 223)', ins: 'rgb(51, 255, 46)' });
  });

  it('renders the README screenshot: the sample draft against the built-in corpus', async function () {
    // A real model: the integration-test draft, the built-in corpus, freshness from the real rules.
    const gongwen = loadGongwen();
    const { speeches } = loadBuiltinCorpus(gongwen.dataDir);
    assert.ok(speeches.length > 0, 'the built-in corpus is present');
    const text = fs.readFileSync(path.join(ROOT, 'test', 'integration', 'workspace', 'panel-draft.txt'), 'utf8');
    const model = new Comparer(new CorpusIndex(speeches), (speech, date) => outdatedFormulations(gongwen.linter, speech.text, date)).build({
      text,
      docUri: 'file:///workspace/panel-draft.txt',
      docName: 'panel-draft.txt',
      docVersion: 1,
    });
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model });
    assert.strictEqual(await page.locator('li.exemplar').count(), 5);
    assert.ok(model.exemplars.every(e => e.outdated !== null));
    await applyTheme(page, THEMES.dark);
    await page.setViewportSize({ width: 460, height: 1200 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-readme.png') });
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      fs.copyFileSync(path.join(ARTIFACTS, 'panel-readme.png'), path.join(ROOT, 'media', 'screenshot-panel.png'));
    }
  });

  it('posts the writer’s actions, by mouse and by keyboard, with visible focus', async () => {
    const model = buildModel(false);
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model });
    const second = model.exemplars[1];
    await page.locator(`li.exemplar[data-id="${second.id}"] .exemplar-select`).click();
    await page.locator(`li.exemplar[data-id="${second.id}"] button[aria-pressed="false"]:not(.exemplar-select)`).click();
    await page.locator('li.exemplar').first().getByRole('button', { name: /^只读打开/ }).click();
    const row = model.alignment.findIndex(r => r.draft !== null);
    await page.locator('table.structure tbody tr').nth(row).locator('.draft-part button').click();
    await page.locator('button[aria-expanded="false"]').first().click();
    await page.locator('.paragraphs button').first().click();
    const matched = model.alignment.filter(r => r.status === 'matched');
    await page.locator('tr.row-matched').last().getByRole('button', { name: /^文字差异/ }).click();
    const messages = (await posted(page)).slice(1);
    const firstExpanded = model.exemplarParts.find(p => p.paragraphs.length > 0) as (typeof model.exemplarParts)[number];
    const lastMatched = matched[matched.length - 1];
    assert.deepStrictEqual(messages, [
      { type: 'selectExemplar', id: second.id },
      { type: 'pin', id: second.id, pinned: true },
      { type: 'openExemplar', id: model.exemplars[0].id, line: 0 },
      { type: 'jump', line: model.draftParts[model.alignment[row].draft as number].line },
      { type: 'insertParagraph', id: model.selected, paragraph: firstExpanded.paragraphs[0].index },
      { type: 'selectPair', draft: lastMatched.draft, exemplar: lastMatched.exemplar },
    ]);
    // Keyboard: Tab reaches the controls, focus is visible, Enter activates.
    await applyTheme(page, THEMES.light);
    // Start sequential navigation at the header (clicking text that is not a control).
    await page.locator('header h1').click();
    await page.keyboard.press('Tab');
    assert.strictEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-focus-key')), 'section:exemplars');
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const s = getComputedStyle(e);
      return { tag: e.tagName, key: e.getAttribute('data-focus-key'), outline: s.outlineStyle, width: s.outlineWidth };
    });
    assert.deepStrictEqual(focus, { tag: 'BUTTON', key: `ex:${model.exemplars[0].id}:select`, outline: 'solid', width: '1px' });
    await page.keyboard.press('Enter');
    assert.deepStrictEqual((await posted(page)).at(-1), { type: 'selectExemplar', id: model.exemplars[0].id });
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button')].filter(b => !(b.getAttribute('aria-label') || b.textContent || '').trim()).length,
    );
    assert.strictEqual(unnamed, 0);
  });

  it('lists the exemplar paragraphs close to the cursor paragraph, hostile text as text, with insert and open actions', async () => {
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model: hostileModel });
    assert.strictEqual(await page.locator('#section-near h2').textContent(), '与光标所在段落相近的范文段落');
    assert.strictEqual(await page.locator('#section-near .near-empty').textContent(), '把光标放在一段文字中，这里会列出范文中相近的段落。');
    const near = nearParagraphs(paragraphSearcher(), '一年来，全市各级人大坚持党的领导，依法履职，取得了显著成效。', 5);
    const top = near.hits[0];
    assert.strictEqual(top.id, HOSTILE.id, 'the hostile paragraph is the closest');
    assert.ok(top.text.includes('<iframe'));
    await send(page, { type: 'near', near });
    const items = page.locator('#section-near ol.near > li');
    assert.strictEqual(await items.count(), near.hits.length);
    assert.strictEqual(await items.first().locator('.near-title').textContent(), HOSTILE.title);
    assert.strictEqual(await items.first().locator('.paragraph-text').textContent(), top.text);
    assert.ok((await items.first().locator('.near-meta').textContent())?.includes(`相似度 ${Math.round(top.score * 100)}%`));
    const dom = await page.evaluate(() => ({
      dangerous: document.querySelectorAll('#app img, #app a, #app iframe, #app svg, #app script').length,
      handlers: [...document.querySelectorAll('#app *')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    }));
    assert.deepStrictEqual(dom, { dangerous: 0, handlers: [], pwned: null });
    await items.first().getByRole('button', { name: /^将范文的这一段插入/ }).click();
    await items.first().getByRole('button', { name: /^只读打开/ }).click();
    assert.deepStrictEqual((await posted(page)).slice(-2), [
      { type: 'insertParagraph', id: HOSTILE.id, paragraph: top.paragraph },
      { type: 'openExemplar', id: HOSTILE.id, line: top.line },
    ]);
    // A malformed result is dropped; "no close paragraph" has its own message.
    await send(page, { type: 'near', near: { query: 'x', hits: [{ ...top, score: 7 }] } });
    assert.strictEqual(await items.count(), near.hits.length);
    await send(page, { type: 'near', near: { query: '一段与范文都不相近的文字', hits: [] } });
    assert.strictEqual(await page.locator('#section-near .near-empty').textContent(), '范文中没有与光标所在段落相近的段落。');
    assert.deepStrictEqual(pageErrors, []);
    await send(page, { type: 'near', near });
    await applyTheme(page, THEMES.dark);
    await page.locator('#section-near').screenshot({ path: path.join(ARTIFACTS, 'panel-near-dark.png') });
  });

  it('drops malformed messages and shows the empty, loading and error states', async () => {
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model: hostileModel });
    const before = await page.innerHTML('#app');
    await send(page, { type: 'model', model: { ...hostileModel, exemplars: [{ id: 1 }] } });
    await send(page, { type: 'model', model: { ...hostileModel, alignment: [{ draft: null, exemplar: null, similarity: 0, status: 'matched' }] } });
    await send(page, { type: 'render', html: '<img src=x onerror=alert(1)>' });
    await send(page, { type: 'init', strings: { title: 'x' } });
    assert.strictEqual(await page.innerHTML('#app'), before);
    assert.strictEqual((await page.evaluate(() => (window as unknown as { __warnings: string[] }).__warnings)).length, 4);

    await send(page, { type: 'empty', reason: 'emptyCorpus' });
    assert.strictEqual(await page.textContent('.status-empty .status-title'), strings.emptyCorpus);
    await send(page, { type: 'empty', reason: 'noEditor' });
    assert.strictEqual(await page.textContent('.status-empty .status-title'), strings.emptyNoEditor);
    await send(page, { type: 'empty', reason: 'tooLarge' });
    assert.strictEqual(await page.textContent('.status-empty .status-title'), strings.emptyTooLarge);
    assert.match(strings.emptyTooLarge, /^文稿超过 40,000 字/);
    await send(page, { type: 'loading', docName: '<b>讲话稿</b>.txt' });
    assert.strictEqual(await page.getAttribute('.status-loading', 'aria-busy'), 'true');
    assert.strictEqual(await page.textContent('.status-loading .status-detail'), '<b>讲话稿</b>.txt');
    await send(page, { type: 'error', message: '<img src=x onerror="window.__pwned=1">读取失败' });
    assert.strictEqual(await page.textContent('.status-error .status-detail'), '<img src=x onerror="window.__pwned=1">读取失败');
    assert.strictEqual(await page.getAttribute('.status-error', 'role'), 'alert');
    await page.getByRole('button', { name: strings.retry }).click();
    assert.deepStrictEqual((await posted(page)).at(-1), { type: 'refresh' });
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null), null);
    await applyTheme(page, THEMES.dark);
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-error.png') });
  });

  it('keeps content, scroll position, collapsed sections and focus across hide/show', async () => {
    await send(page, { type: 'init', strings });
    await send(page, { type: 'model', model: hostileModel });
    await page.locator('#section-coverage > summary').click();
    await page.locator('button[aria-expanded="false"]').first().click();
    await page.evaluate(() => window.scrollTo(0, 400));
    await page.waitForTimeout(250);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-focus-key'));
    // Hiding a webview view destroys its page; showing it loads the page again with the saved state.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
    assert.strictEqual(await page.locator('li.exemplar').count(), hostileModel.exemplars.length, 'painted from the saved state before any message');
    assert.strictEqual(await page.locator('#section-coverage').evaluate(e => (e as HTMLDetailsElement).open), false);
    assert.strictEqual(await page.locator('button[aria-expanded="true"]').count(), 1);
    assert.strictEqual(await page.evaluate(() => window.scrollY), 400);
    assert.strictEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-focus-key')), focused);
    // A corrupted saved state is ignored, not trusted. It is written as the next page starts: written from this page, a
    // save still pending here (the restored scroll position is saved 100 ms after it is applied) could overwrite it.
    await page.addInitScript(() => sessionStorage.setItem('state', JSON.stringify({ strings: { title: 1 }, content: { type: 'model', model: { x: 1 } }, scrollY: 'x' })));
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
    assert.strictEqual(await page.locator('li.exemplar').count(), 0);
    assert.ok(await page.locator('.status-loading').count());
    assert.deepStrictEqual(pageErrors, []);
  });
});
