/** Small statistics for the bench: times in ms, quantiles of sorted samples, medians, rounding. */

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** The q-quantile (0..1) of an ascending array (nearest rank). */
export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export const median = (xs: number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);

/**
 * Rounds of the question set answered, unmeasured, before the core's and the library's timings. V8 keeps
 * tiering the router's functions up (and deoptimising some) for several rounds: with 3, the first measured rounds
 * had a p99 of 2–5 ms and the last ones 0.5–0.6 ms (3 Dec 2026, 1,712 questions). A server answering for hours is
 * past that: the figure is the steady state's, as the Slack and Teams runs measure after their own warm-up.
 */
export const WARM_UP_ROUNDS = 10;

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** The growth exponent k of y ~ x^k between two points (log-log slope). */
export const exponent = (x1: number, y1: number, x2: number, y2: number): number => Math.log(y2 / y1) / Math.log(x2 / x1);

/**
 * CPU time (user + system, all of this process's threads, so the garbage collector's too) since `start`
 * (a process.cpuUsage()), in ms. On a shared machine this is steadier than wall time, which counts the time
 * spent waiting for a core.
 */
export const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
