import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseResidueList } from '../../src/core/corpus/residue';
import { parseRulePack } from '../../src/core/rules';
import { parseGenreProfile } from '../../src/core/structure/genres';
import { loadResidueList } from '../../src/node/corpusData';
import { DataCache, writeDataCache, type DataSource } from '../../src/node/dataCache';
import { loadGenreProfiles } from '../../src/node/genres';
import { loadRulePacks } from '../../src/node/rulePacks';
import { loadGongwen, loadGongwenInSteps } from '../../src/node/services';
import { tempDir } from '../support/tempDir';

const dataDir = path.join(__dirname, '..', '..', 'data');
// The sources exactly as the build passes them (esbuild.js, buildDataCache).
const SOURCES: DataSource[] = [
  { path: 'rules', parse: (text, file) => parseRulePack(text, file, true) },
  { path: 'genres', parse: parseGenreProfile },
  { path: 'residue.yaml', parse: parseResidueList },
];

function tmp(): string {
  return tempDir('cache');
}

/** A copy of the data files the cache covers (rules, genres, residue list). */
function copyData(): string {
  const dir = tmp();
  for (const sub of ['rules', 'genres', 'schema']) {
    fs.cpSync(path.join(dataDir, sub), path.join(dir, sub), { recursive: true });
  }
  fs.copyFileSync(path.join(dataDir, 'residue.yaml'), path.join(dir, 'residue.yaml'));
  return dir;
}

/** Plain data as JSON sees it: a field set to undefined is the same as no field; a regular expression is its literal. */
function norm(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v)));
}

/** What a load gives, in comparable form (functions and compiled state left out). */
function snapshot(gw: ReturnType<typeof loadGongwen>) {
  return norm({
    specs: gw.ruleSet.rules.map(r => r.spec),
    issues: gw.issues,
    help: [...gw.ruleHelp.values()],
    files: gw.ruleFiles,
  });
}

describe('build-time cache of the parsed built-in data', () => {
  let cacheFile: string;
  before(() => {
    cacheFile = path.join(tmp(), 'builtin-data.json');
    writeDataCache(dataDir, SOURCES, cacheFile);
  });

  it('loads exactly what parsing the YAML gives: rules, locations, issues, rule help, genres, residue list', () => {
    assert.deepStrictEqual(snapshot(loadGongwen({ dataDir, cache: cacheFile })), snapshot(loadGongwen({ dataDir, cache: false })));
    assert.deepStrictEqual(norm(loadGenreProfiles(dataDir, DataCache.read(cacheFile, dataDir))), norm(loadGenreProfiles(dataDir)));
    const cached = loadResidueList(dataDir, DataCache.read(cacheFile, dataDir));
    const parsed = loadResidueList(dataDir);
    assert.deepStrictEqual(norm(cached), norm(parsed));
    assert.ok(cached.entries.length > 10 && cached.entries.every(e => e.pattern instanceof RegExp), 'residue patterns come back as regular expressions');
    // Locations point at the real files, not at the cache's data-relative names.
    const spec = loadGongwen({ dataDir, cache: cacheFile }).ruleSet.rules[0].spec;
    assert.strictEqual(path.dirname(spec.loc.file), path.join(dataDir, 'rules'));
  });

  it('is used while a file is unchanged and ignored for a file that changed since the build', () => {
    const dir = copyData();
    const file = path.join(dir, 'cache.json');
    writeDataCache(dir, SOURCES, file);
    // Mark the cached wording.yaml (its hash still matches) to see which source a load used.
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { key: string; value: { pack: { description: string } } }[] };
    const wording = data.entries.find(e => e.key === 'rules/wording.yaml')!;
    wording.value.pack.description = 'FROM THE CACHE';
    fs.writeFileSync(file, JSON.stringify(data));
    const description = () => loadRulePacks({ dataDir: dir, cache: DataCache.read(file, dir) }).packs.find(p => p.file.endsWith('wording.yaml'))?.description;
    assert.strictEqual(description(), 'FROM THE CACHE');
    // Edit the YAML: its hash no longer matches, so it is parsed afresh.
    const yamlFile = path.join(dir, 'rules', 'wording.yaml');
    fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, 'utf8').replace(/^description: .*$/m, 'description: 改过的说明'));
    assert.strictEqual(description(), '改过的说明');
  });

  it('a missing, corrupt or foreign cache file is no cache: the data is parsed', () => {
    const dir = tmp();
    const corrupt = path.join(dir, 'corrupt.json');
    fs.writeFileSync(corrupt, '{"format": 1, "entries": [');
    const foreign = path.join(dir, 'foreign.json');
    fs.writeFileSync(foreign, JSON.stringify({ format: 999, entries: [] }));
    const expected = snapshot(loadGongwen({ dataDir, cache: false }));
    for (const f of [corrupt, foreign, path.join(dir, 'missing.json')]) {
      assert.strictEqual(DataCache.read(f, dataDir), undefined, f);
      assert.deepStrictEqual(snapshot(loadGongwen({ dataDir, cache: f })), expected, f);
    }
  });

  it('loads in steps (a pause between them) to the same engine', async () => {
    let pauses = 0;
    const gw = await loadGongwenInSteps({ dataDir, cache: cacheFile }, async () => {
      pauses++;
    });
    assert.ok(pauses >= 3, `paused ${pauses} times`);
    assert.deepStrictEqual(snapshot(gw), snapshot(loadGongwen({ dataDir, cache: false })));
    const text = '一府两院的同志们：XX同志讲话。';
    assert.deepStrictEqual(gw.linter.check(text, { date: '2026-01-01' }), loadGongwen({ dataDir }).linter.check(text, { date: '2026-01-01' }));
  });
});
