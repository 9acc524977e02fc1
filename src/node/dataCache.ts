import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from './writeFile';

/**
 * A build-time cache of the parsed and validated built-in data files (rule
 * packs, genre profiles, the residue list).
 *
 * Parsing that YAML with source positions and compiling the JSON Schema
 * validators take a few hundred milliseconds — too long for the extension
 * host, which loads the engine on activation and on every reload. The build
 * writes each file's parse result to `dist/builtin-data.json`, keyed by the
 * file's path inside `data/` and the SHA-1 of its bytes; a loader uses an
 * entry only when the file on disk still has that hash, so an edited file is
 * parsed afresh. The cache is written by the same build as the bundles that
 * read it, so the parser that made an entry is the parser that would run.
 *
 * Parse results are stored as JSON with two conventions: a location's `file`
 * holds the data-relative path (made absolute again on load), and a regular
 * expression is `{ "$regexp": [source, flags] }`.
 */
export const DATA_CACHE_FILE = 'builtin-data.json';
const FORMAT = 1;

interface CacheEntry {
  /** Path inside `data/`, with `/` separators: `rules/formulation.yaml`, `residue.yaml`. */
  key: string;
  sha1: string;
  value: unknown;
}

interface DataCacheFile {
  format: number;
  entries: CacheEntry[];
}

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** Turns stored JSON back into the parse result: absolute file paths, live regular expressions. */
function revive(value: unknown, key: string, file: string): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      value[i] = revive(value[i], key, file);
    }
    return value;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const re = o.$regexp;
    if (Array.isArray(re) && re.length === 2) {
      return new RegExp(String(re[0]), String(re[1]));
    }
    for (const k of Object.keys(o)) {
      if (k === 'file' && o[k] === key) {
        o[k] = file;
      } else if (o[k] && typeof o[k] === 'object') {
        o[k] = revive(o[k], key, file);
      }
    }
  }
  return value;
}

/**
 * The cached data of one load. Each entry is handed out at most once (a new
 * DataCache is read for every engine load), so callers own what they get.
 */
export class DataCache {
  private constructor(
    private readonly entries: Map<string, CacheEntry>,
    private readonly dataDir: string,
  ) {}

  /** Reads a cache file for the data in `dataDir`; a missing, unreadable or foreign file is no cache. */
  static read(file: string, dataDir: string): DataCache | undefined {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as DataCacheFile;
      if (data?.format !== FORMAT || !Array.isArray(data.entries)) {
        return undefined;
      }
      return new DataCache(new Map(data.entries.map(e => [e.key, e])), path.resolve(dataDir));
    } catch {
      return undefined;
    }
  }

  /** The cache built with the running bundle (`dist/`), for `dataDir`; none when running from source. */
  static beside(dataDir: string): DataCache | undefined {
    const file = path.join(__dirname, DATA_CACHE_FILE);
    return fs.existsSync(file) ? DataCache.read(file, dataDir) : undefined;
  }

  /** The cached parse result of `file` if its bytes still hash to the cached value. */
  take<T>(file: string, bytes: Buffer): T | undefined {
    const rel = path.relative(this.dataDir, path.resolve(file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return undefined;
    }
    const key = rel.split(path.sep).join('/');
    const entry = this.entries.get(key);
    if (!entry || entry.sha1 !== sha1(bytes)) {
      return undefined;
    }
    this.entries.delete(key);
    return revive(entry.value, key, file) as T;
  }
}

/** The text of a data file (UTF-8, a leading BOM dropped), as every loader and the cache writer read it. */
export function dataFileText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** What `parse` makes of a data file: the build's cached result while the file is unchanged, else parsed now. */
export function parseDataFile<T>(cache: DataCache | undefined, file: string, bytes: Buffer, parse: (text: string, file: string) => T): T {
  return cache?.take<T>(file, bytes) ?? parse(dataFileText(bytes), file);
}

/** One kind of data file: where it is inside `data/` and the loader's own parser. */
export interface DataSource {
  /** A folder (every `*.yaml` in it) or a single file, relative to `data/`. */
  path: string;
  parse: (text: string, file: string) => unknown;
}

/** Parses the built-in data with the loaders' own parsers and writes the cache (atomically). */
export function writeDataCache(dataDir: string, sources: readonly DataSource[], outFile: string): void {
  const entries: CacheEntry[] = [];
  for (const source of sources) {
    const at = path.join(dataDir, source.path);
    const keys = fs.statSync(at).isDirectory()
      ? fs
          .readdirSync(at)
          .filter(n => /\.ya?ml$/i.test(n))
          .sort()
          .map(n => `${source.path}/${n}`)
      : [source.path];
    for (const key of keys) {
      const bytes = fs.readFileSync(path.join(dataDir, key));
      const value = source.parse(dataFileText(bytes), key);
      entries.push({ key, sha1: sha1(bytes), value });
    }
  }
  const json = JSON.stringify({ format: FORMAT, entries } satisfies DataCacheFile, (_k, v: unknown) =>
    v instanceof RegExp ? { $regexp: [v.source, v.flags] } : v,
  );
  writeFileAtomic(outFile, Buffer.from(json, 'utf8'));
}
