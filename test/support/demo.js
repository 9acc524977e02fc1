#!/usr/bin/env node
// `npm run demo`: the main job on the bundled sample draft with the built-in data: check it, show its
// outline, and find the closest speeches of the built-in exemplar corpus.
// The sample is full of deliberate defects, so the check's exit code 1 ("error-level findings") is
// the expected outcome there; only a usage/input error (2) or a crash fails the demo.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const root = path.resolve(__dirname, '..', '..');
const draft = path.join('test', 'fixtures', 'drafts', 'sample-draft.txt');
const steps = [
  { args: ['check', draft], ok: [0, 1] },
  { args: ['outline', draft], ok: [0] },
  { args: ['compare', '--top', '3', draft], ok: [0] },
];
for (const [i, step] of steps.entries()) {
  console.log(`${i > 0 ? '\n' : ''}$ gongwen ${step.args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...step.args], { cwd: root, stdio: 'inherit' });
  if (!step.ok.includes(r.status)) {
    process.exit(r.status || 2);
  }
}
