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
