import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder that holds the built-in data (`data/`): next to `dist/` in a
 * build or a .vsix, next to `src/` when run from source (tests, benchmark).
 */
export function findExtensionRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'data')) && fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      break;
    }
    dir = parent;
  }
  throw new Error(`找不到内置数据目录 data/（从 ${start} 向上查找）`);
}

export function defaultDataDir(): string {
  return path.join(findExtensionRoot(), 'data');
}
