#!/usr/bin/env node
// `npm run demo`: checks the bundled sample draft with the built-in data and prints the findings.
// The sample is full of deliberate defects, so the CLI's exit code 1 ("error-level findings") is
// the expected outcome here; only a usage/input error (2) or a crash fails the demo.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const root = path.resolve(__dirname, '..', '..');
const draft = path.join('test', 'fixtures', 'drafts', 'sample-draft.txt');
console.log(`$ gongwen check ${draft}\n`);
const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', draft], { cwd: root, stdio: 'inherit' });
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
