/** One measured figure of the benchmark. */
export interface Figure {
  /** Stable key for the JSON line, e.g. `rules.throughput_mchars_per_s`. */
  key: string;
  /** Human label for the table. */
  label: string;
  value: number;
  unit: string;
  /** The target as text, e.g. `≥ 20`, and whether it was met (undefined = informational). */
  target?: string;
  ok?: boolean;
}

export interface BenchContext {
  /** `npm run bench -- --quick`: small sizes, under a minute in all. */
  quick: boolean;
  log(line: string): void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The p-th percentile (0–100), nearest-rank. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) {
    return NaN;
  }
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Median wall time of `fn` in ms over `runs` runs, after one warm-up run. */
export function time(fn: () => unknown, runs: number): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    fn();
    ts.push(nowMs() - t0);
  }
  return median(ts);
}

/**
 * Times several pieces of work against each other: in each round every one
 * runs (repeated until it has taken `batchMs`, so fast ones are not timed in
 * single runs), one after another. A ratio of two of them is then taken round
 * by round: the machine's speed, which swings between seconds on a shared
 * host, changes both sides of a round alike. Returns, per piece of work, its
 * mean time per run in each round.
 */
export function timeInterleaved(fns: ReadonlyArray<() => unknown>, rounds: number, batchMs: number): number[][] {
  const times = fns.map(() => [] as number[]);
  // Warm-up (the code optimised), and how many runs make a batch of each.
  const batch = fns.map(fn => {
    fn();
    const t0 = nowMs();
    fn();
    const once = Math.max(nowMs() - t0, 0.001);
    return Math.max(1, Math.round(batchMs / once));
  });
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const t0 = nowMs();
      for (let k = 0; k < batch[i]; k++) {
        fn();
      }
      times[i].push((nowMs() - t0) / batch[i]);
    });
  }
  return times;
}

/** Round by round, `a[r] / b[r]`; their median. */
export function medianRatio(a: number[], b: number[]): number {
  return median(a.map((x, r) => x / b[r]));
}
