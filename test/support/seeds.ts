import * as fs from 'fs';
import * as path from 'path';

/**
 * The raw seed pages (test/fixtures/seeds), in file-name order. The path goes
 * through the project root: this file runs from test/support (unit tests) and
 * bundled into out/bench (the benchmark), both two levels down.
 */
export function seedPages(): string[] {
  const dir = path.join(__dirname, '..', '..', 'test', 'fixtures', 'seeds');
  return fs
    .readdirSync(dir)
    .sort()
    .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
}
