/**
 * Mocha runner inside the VS Code extension host: loads every bundled
 * out/test/integration/*.test.js next to this file. Resolves on success,
 * rejects on any failure (the host turns that into the exit code).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

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
      mocha.run(failures => {
        const report = process.env.GONGWEN_TEST_REPORT;
        if (report) {
          fs.mkdirSync(path.dirname(report), { recursive: true });
          fs.writeFileSync(report, JSON.stringify({ files, failures }));
        }
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
