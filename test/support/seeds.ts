import * as fs from 'fs';
import * as path from 'path';

/**
 * The raw seed pages live in test/fixtures/seeds. The path goes through the
 * project root: this file runs from test/support (unit tests) and bundled
 * into out/bench (the benchmark), both two levels down.
 */
const SEED_DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'seeds');

/** The raw seed pages, in file-name order. */
export function seedPages(): string[] {
  return fs
    .readdirSync(SEED_DIR)
    .sort()
    .map(f => fs.readFileSync(path.join(SEED_DIR, f), 'utf8'));
}

/** One raw seed page by its number (`000`–`004`). */
export function seedPage(n: string): string {
  const file = fs.readdirSync(SEED_DIR).find(f => f.startsWith(`${n}_`));
  if (!file) {
    throw new Error(`seed ${n} missing`);
  }
  return fs.readFileSync(path.join(SEED_DIR, file), 'utf8');
}
