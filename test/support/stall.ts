/**
 * Event-loop stall sampler shared by the integration tests (inside the VS Code
 * extension host) and the benchmark: runs `work` while a timer ticks every
 * `tickMs` and returns the longest gap between two ticks — the longest the
 * loop was blocked at a time — with the wall time of the work.
 * (Hand-made rather than monitorEventLoopDelay: it also catches a stall that
 * starts before the histogram's first tick.)
 */
export async function longestStall<T>(
  work: () => Promise<T>,
  options: {
    tickMs: number;
    /** Let the sampler run this long before the work starts (gaps from before are forgotten). Default 0. */
    settleBeforeMs?: number;
    /** Keep sampling this long after the work ends. Default 0. */
    settleAfterMs?: number;
  },
): Promise<{ stallMs: number; wallMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, options.tickMs);
  try {
    if (options.settleBeforeMs) {
      await new Promise(r => setTimeout(r, options.settleBeforeMs));
      longest = 0;
    }
    const t0 = performance.now();
    const value = await work();
    const wallMs = performance.now() - t0;
    if (options.settleAfterMs) {
      await new Promise(r => setTimeout(r, options.settleAfterMs));
    }
    return { stallMs: longest, wallMs, value };
  } finally {
    clearInterval(ticker);
  }
}
