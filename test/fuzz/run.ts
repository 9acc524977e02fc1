/**
 * The long fuzz run: `npm run fuzz` (every property, 50× the cases of `npm test`,
 * a fresh random seed each time). Options:
 *   --scale=N     cases = N × the bounded count (default 50)
 *   --seed=N      reproduce a run
 *   --only=TEXT   properties whose name contains TEXT
 * Prints the seed first so any failure can be replayed; exits 1 on failure.
 */
import fc, { type IProperty } from 'fast-check';
import { fuzzProperties } from './properties';

function arg(name: string): string | undefined {
  return process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const scale = Number(arg('scale') ?? 50);
const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
const only = arg('only');

let failed = 0;
console.log(`fuzz: seed ${seed}, scale ${scale}`);
for (const p of fuzzProperties()) {
  if (only && !p.name.includes(only)) {
    continue;
  }
  const numRuns = Math.max(1, Math.round(p.runs * scale));
  const t0 = Date.now();
  const details = fc.check(p.property as IProperty<unknown[]>, { numRuns, seed });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (details.failed) {
    failed++;
    console.log(`FAIL  ${p.name} (${numRuns} cases, ${secs} s)`);
    console.log(fc.defaultReportMessage(details) ?? '');
  } else {
    console.log(`ok    ${p.name} (${details.numRuns} cases, ${secs} s)`);
  }
}
console.log(failed ? `fuzz: ${failed} propert${failed === 1 ? 'y' : 'ies'} failed (seed ${seed})` : 'fuzz: all properties held');
process.exitCode = failed ? 1 : 0;
