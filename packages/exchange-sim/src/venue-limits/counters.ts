// The three counter shapes the venues document: fixed intervals (Binance), rolling windows (Bybit, OKX)
// and a decaying counter (Kraken). Each is keyed by a scope (IP, account uid, API key, endpoint).
import { RollingSum } from '../rolling-sum';

/** Binance's intervals: a 1 MINUTE interval starts every minute (epoch-aligned, so a day starts at 00:00 UTC). */
export class FixedWindows {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(readonly sizeMs: number) {}

  windowStart(now: number): number {
    return Math.floor(now / this.sizeMs) * this.sizeMs;
  }

  windowEnd(now: number): number {
    return this.windowStart(now) + this.sizeMs;
  }

  usedAt(scope: string, now: number): number {
    const w = this.windows.get(scope);
    return w && w.start === this.windowStart(now) ? w.used : 0;
  }

  /** Adds `amount` to the scope's current interval and returns its new total. */
  add(scope: string, now: number, amount: number): number {
    const start = this.windowStart(now);
    const w = this.windows.get(scope);
    const used = (w && w.start === start ? w.used : 0) + amount;
    this.windows.set(scope, { start, used });
    return used;
  }

  scopes(now: number): [string, number][] {
    const start = this.windowStart(now);
    return [...this.windows].filter(([, w]) => w.start === start).map(([scope, w]) => [scope, w.used]);
  }

  sweep(now: number): void {
    const start = this.windowStart(now);
    for (const [scope, w] of this.windows) if (w.start !== start) this.windows.delete(scope);
  }
}

/** A true rolling window per scope: a request counts for exactly windowMs after it arrived. */
export class RollingWindows {
  private sums = new Map<string, RollingSum>();

  constructor(readonly windowMs: number) {}

  usedAt(scope: string, now: number): number {
    return this.sums.get(scope)?.sumAt(now) ?? 0;
  }

  add(scope: string, now: number, amount = 1): number {
    let sum = this.sums.get(scope);
    if (!sum) {
      sum = new RollingSum(this.windowMs);
      this.sums.set(scope, sum);
    }
    sum.add(now, amount);
    return sum.sumAt(now);
  }

  /** Earliest time at which one more request fits under `limit`. */
  roomAt(scope: string, now: number, limit: number): number {
    return this.sums.get(scope)?.roomAt(now, limit, 1) ?? now;
  }

  scopes(now: number): [string, number][] {
    return [...this.sums]
      .map(([scope, sum]) => [scope, sum.sumAt(now)] as [string, number])
      .filter(([, n]) => n > 0);
  }

  sweep(now: number): void {
    for (const [scope, sum] of this.sums) if (sum.isEmptyAt(now)) this.sums.delete(scope);
  }
}

/** Kraken's call counter: grows by each call's cost and falls continuously by `decayPerSecond`. */
export class DecayingCounter {
  private value = 0;
  private at = 0;

  valueAt(now: number, decayPerSecond: number): number {
    const elapsed = Math.max(0, now - this.at);
    return Math.max(0, this.value - (decayPerSecond * elapsed) / 1000);
  }

  add(now: number, decayPerSecond: number, amount: number): number {
    this.value = this.valueAt(now, decayPerSecond) + amount;
    this.at = Math.max(this.at, now);
    return this.value;
  }

  /** When the counter will have fallen to `level` (now if it already has). */
  downToAt(now: number, decayPerSecond: number, level: number): number {
    const excess = this.valueAt(now, decayPerSecond) - level;
    return excess <= 0 ? now : now + Math.ceil((excess * 1000) / decayPerSecond);
  }
}
