import * as fs from 'fs';
import * as path from 'path';
import { checkGenreSet, parseGenreProfile, type GenreIssue, type GenreProfile } from '../core/structure/genres';
import { parseDataFile, type DataCache } from './dataCache';

/**
 * Reads and validates the genre profiles in `<dataDir>/genres/*.yaml`; broken
 * files are reported and skipped. `cache`: parsed built-in files from the build.
 */
export function loadGenreProfiles(dataDir: string, cache?: DataCache): { profiles: GenreProfile[]; issues: GenreIssue[] } {
  const dir = path.join(dataDir, 'genres');
  const issues: GenreIssue[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(n => /\.ya?ml$/i.test(n)).sort();
  } catch (e) {
    return { profiles: [], issues: [{ file: dir, line: 0, column: 0, message: `无法读取体裁目录：${(e as Error).message}`, severity: 'error' }] };
  }
  const loaded: { profile: GenreProfile; file: string }[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      issues.push({ file, line: 0, column: 0, message: `无法读取体裁文件：${(e as Error).message}`, severity: 'error' });
      continue;
    }
    const r = parseDataFile(cache, file, bytes, parseGenreProfile);
    issues.push(...r.issues);
    if (r.profile) {
      loaded.push({ profile: r.profile, file });
    }
  }
  issues.push(...checkGenreSet(loaded));
  return { profiles: loaded.map(l => l.profile), issues };
}
