#!/usr/bin/env node
// Adds up the counts every test stage recorded in out/test/stats/*.json and prints
// one closing line: "tests: N passed, N failed" (plus skipped when any).
'use strict';
const fs = require('fs');
const path = require('path');
const dir = path.resolve(__dirname, '..', '..', 'out', 'test', 'stats');
let passed = 0, failed = 0, skipped = 0;
const stages = [];
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
  const s = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += s.passes; failed += s.failures; skipped += s.pending || 0;
  stages.push(`${path.basename(f, '.json')}: ${s.passes}/${s.passes + s.failures}`);
}
console.log(`[tests] ${stages.join('; ')}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
