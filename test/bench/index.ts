/**
 * The project's one benchmark entry point: `npm run bench` (`-- --quick` for small sizes).
 * Prints a readable table, then one JSON line with every figure and ratio.
 * Every ratio is against a baseline measured in the same run on the same data.
 * The bundle is also the script of the worker threads the rules suite times all packs on.
 */
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { corpusSuite } from './corpus';
import { detectorsSuite } from './detectors';
import { panelSuite } from './panel';
import { structureSuite } from './structure';
import { engineLoadChild, robustnessSuite } from './robustness';
import { measureAllPacks, rulesSuite, type AllPacksJob } from './rules';
import type { BenchSuite, Figure } from './types';

// Each area adds its suite here.
const SUITES: BenchSuite[] = [
  rulesSuite,
  panelSuite,
  robustnessSuite,
  structureSuite,
  detectorsSuite,
  corpusSuite,
];

async function main(): Promise<void> {
  // A measurement that needs a fresh process (see robustness.ts): one JSON line, nothing else.
  const child = process.argv.find(a => a.startsWith('--child=engine-load:'));
  if (child) {
    console.log(JSON.stringify(await engineLoadChild(child.split(':')[1])));
    return;
  }
  const quick = process.argv.includes('--quick');
  const only = process.argv.find(a => a.startsWith('--only='))?.slice(7);
  const all: Figure[] = [];
  const failed: string[] = [];
  for (const suite of SUITES) {
    if (only && !suite.name.includes(only)) {
      continue;
    }
    process.stderr.write(`[bench] ${suite.name}${quick ? ' (quick)' : ''} …\n`);
    try {
      const figures = await suite.run({ quick, log: line => process.stderr.write(`[bench]   ${line}\n`) });
      all.push(...figures);
    } catch (e) {
      failed.push(`${suite.name}: ${(e as Error).stack ?? e}`);
    }
  }
  const rows = all.map(f => [
    f.label,
    formatValue(f.value),
    f.unit,
    f.target ?? '',
    f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'unit', 'target', ''];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map(r => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const r of rows) {
    console.log(line(r));
  }
  for (const f of failed) {
    console.log(`SUITE FAILED ${f}`);
  }
  const json: Record<string, number | boolean | string> = { quick };
  for (const f of all) {
    json[f.key] = Number.isFinite(f.value) ? Number(f.value.toPrecision(6)) : String(f.value);
    if (f.ok !== undefined) {
      json[`${f.key}.ok`] = f.ok;
    }
  }
  console.log(JSON.stringify(json));
  if (failed.length) {
    process.exitCode = 1;
  }
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(3);
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  }
  return w;
}

if (isMainThread) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
} else if ((workerData as AllPacksJob | undefined)?.role === 'all-packs') {
  // A measurement on a thread of its own (see rules.ts).
  parentPort!.postMessage(measureAllPacks(workerData as AllPacksJob));
}
