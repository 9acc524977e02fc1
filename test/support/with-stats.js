#!/usr/bin/env node
// with-stats.js STAGE CMD [ARGS…]: runs a mocha command with GONGWEN_STATS_FILE set
// so that the reporter records the stage's counts in out/test/stats/STAGE.json.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const [stage, cmd, ...args] = process.argv.slice(2);
const root = path.resolve(__dirname, '..', '..');
const bin = cmd === 'mocha' ? path.join(root, 'node_modules', '.bin', 'mocha') : cmd;
const r = spawnSync(bin, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GONGWEN_STATS_FILE: path.join(root, 'out', 'test', 'stats', `${stage}.json`) },
});
process.exit(r.status === null ? 1 : r.status);
