// Builds the three bundles (extension, CLI, webview) and the integration-test bundle.
//   node esbuild.js            one production-ish build (sourcemaps, not minified)
//   node esbuild.js --watch    rebuild on change
// Type-checking (tsc --noEmit) and lint run separately: see package.json scripts.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Prints errors in the `file:line:col: error: message` shape VS Code's $esbuild-watch matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started (${build.initialOptions.outfile ?? build.initialOptions.outdir})`));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(f => path.join(dir, String(f)))
    .filter(f => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
}

const common = {
  bundle: true,
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  charset: 'utf8',
  plugins: watch ? [problemMatcher] : [],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    // Into media/ with the stylesheet: the panel's webview may load files from media/ only.
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/webview/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/extension/worker.ts'],
    outfile: 'dist/worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Integration tests run inside the VS Code extension host (node, cjs, `vscode` external).
    ...common,
    entryPoints: listTests('test/integration'),
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
].filter(b => (b.entryPoints || []).every(e => fs.existsSync(e)) && b.entryPoints.length > 0);

/**
 * Parses and validates the built-in data (rule packs, genre profiles, residue
 * list) once, at build time, into dist/builtin-data.json (see
 * src/node/dataCache.ts): the extension host then reads JSON instead of
 * parsing YAML and compiling schemas on activation and on every reload.
 */
async function buildDataCache() {
  const out = path.join('out', 'build', 'data-cache.js');
  await esbuild.build({
    stdin: {
      contents: [
        "import * as path from 'path';",
        "import { parseRulePack } from './src/core/rules';",
        "import { parseGenreProfile } from './src/core/structure/genres';",
        "import { parseResidueList } from './src/core/corpus/residue';",
        "import { DATA_CACHE_FILE, writeDataCache } from './src/node/dataCache';",
        'export function run(dataDir: string, outDir: string): void {',
        '  writeDataCache(dataDir, [',
        "    { path: 'rules', parse: (text, file) => parseRulePack(text, file, true) },",
        "    { path: 'genres', parse: parseGenreProfile },",
        "    { path: 'residue.yaml', parse: parseResidueList },",
        '  ], path.join(outDir, DATA_CACHE_FILE));',
        '}',
      ].join('\n'),
      resolveDir: __dirname,
      loader: 'ts',
      sourcefile: 'data-cache-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
  });
  delete require.cache[path.resolve(out)];
  require(path.resolve(out)).run(path.join(__dirname, 'data'), path.join(__dirname, 'dist'));
}

async function main() {
  // A test whose source was deleted must not keep running from an old bundle.
  fs.rmSync('out/test/integration', { recursive: true, force: true });
  if (watch) {
    fs.mkdirSync('dist', { recursive: true });
    await buildDataCache();
    const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  await Promise.all(builds.map(b => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
  await buildDataCache();
}

main().catch(e => {
  console.error(e.message ?? e);
  process.exit(1);
});
