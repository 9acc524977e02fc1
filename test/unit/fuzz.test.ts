/**
 * Property-based robustness tests of every core entry point (bounded run; the
 * long run is `npm run fuzz`). The seed is fixed so a failure reproduces;
 * FUZZ_SEED=<n> and FUZZ_SCALE=<x> vary it.
 */
import fc from 'fast-check';
import { fuzzProperties } from '../fuzz/properties';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261122;
const scale = process.env.FUZZ_SCALE ? Number(process.env.FUZZ_SCALE) : 1;

describe('fuzz: core entry points under random and adversarial input', function () {
  this.timeout(60_000);
  for (const p of fuzzProperties()) {
    it(p.name, () => {
      fc.assert(p.property, { numRuns: Math.max(1, Math.round(p.runs * scale)), seed, endOnFailure: false });
    });
  }
});
