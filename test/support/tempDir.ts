import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The folders made by `tempDir` in this process and not removed yet. */
const made = new Set<string>();

/** Removes a folder made by `tempDir` now, with everything in it (a folder a test made unreadable included). */
export function removeTempDir(dir: string): void {
  made.delete(dir);
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // Gone already.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function removeAll(): void {
  for (const dir of [...made]) {
    try {
      removeTempDir(dir);
    } catch {
      // Leave what cannot be removed; the exit must not fail on it.
    }
  }
}

/**
 * A new empty folder under the system's temporary folder, named
 * `gongwen-<prefix>-…`. It is removed when the test process exits, after a
 * failing test too, unless the test removed it itself (`removeTempDir`).
 */
export function tempDir(prefix: string): string {
  if (made.size === 0) {
    process.removeListener('exit', removeAll);
    process.once('exit', removeAll);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gongwen-${prefix}-`));
  made.add(dir);
  return dir;
}
