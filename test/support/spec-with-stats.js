// Mocha's spec reporter that also records the run's counts, so the test
// command can end with one "N passed, N failed" line over all its stages.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.GONGWEN_STATS_FILE;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!file) return;
      const s = runner.stats || {};
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0 }));
    });
  }
}
module.exports = SpecWithStats;
