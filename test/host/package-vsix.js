#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` (offline) → gongwen.vsix.
// The bundles carry their dependencies, so node_modules is left out (--no-dependencies).
// README links stay relative: they resolve inside the installed extension (media/ is packaged).
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const root = path.resolve(__dirname, '..', '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`[package] ${cmd} ${args.join(' ')} failed (${r.status})`);
    process.exit(1);
  }
};
run(process.execPath, ['esbuild.js']);
run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', 'gongwen.vsix']);
