/**
 * Mocha runner inside the VS Code extension host: loads every bundled
 * out/test/integration/*.test.js next to this file. Resolves on success,
 * rejects on any failure (the host turns that into the exit code).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Records the counts for the test command's closing "N passed, N failed" line. */
export function writeStats(stats: Mocha.Stats | undefined): void {
  const file = process.env.GONGWEN_STATS_FILE;
  if (file && stats) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }));
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.test.js'))
    .sort();
  const grep = process.env.GONGWEN_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const f of files) {
    mocha.addFile(path.join(dir, f));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        writeStats(runner.stats);
        if (failures > 0) {
          reject(new Error(`${failures} integration test(s) failed`));
        } else {
          resolve();
        }
      });
    } catch (e) {
      reject(e);
    }
  });
}
