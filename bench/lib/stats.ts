// Latency statistics for the benches: percentiles, medians and throughput.

/** Percentile by linear interpolation between closest ranks (p in 0..100); NaN for no samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** Operations per second over the whole batch (count / wall time). */
  throughput: number;
  wallMs: number;
}

export function summarize(latenciesMs: readonly number[], wallMs: number): LatencySummary {
  return {
    count: latenciesMs.length,
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    max: latenciesMs.length ? Math.max(...latenciesMs) : Number.NaN,
    throughput: wallMs > 0 ? (latenciesMs.length * 1000) / wallMs : Number.NaN,
    wallMs,
  };
}

/** Median of each field over repetitions (count is the per-repetition count). */
export function medianSummary(runs: readonly LatencySummary[]): LatencySummary {
  const pick = (key: keyof LatencySummary) => median(runs.map((run) => run[key]));
  return {
    count: pick('count'),
    p50: pick('p50'),
    p95: pick('p95'),
    max: pick('max'),
    throughput: pick('throughput'),
    wallMs: pick('wallMs'),
  };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function fmtRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? `${perSecond.toFixed(1)}/s` : '—';
}

/**
 * Runs `count` tasks with at most `concurrency` in flight (a closed loop: a lane starts its next task when the
 * previous one ends); `lane` is the 0-based lane running the task. Returns the wall time in ms.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number, lane: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const runLane = async (lane: number) => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index, lane);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, (_, lane) => runLane(lane)));
  return performance.now() - started;
}
