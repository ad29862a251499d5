// A sum over a true rolling window: an entry added at t counts until t + windowMs, then drops out.

// Compacting only once the dead prefix is large keeps eviction O(1) amortized.
const COMPACT_AT = 1024;

export class RollingSum {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;
  private total = 0;

  constructor(readonly windowMs: number) {}

  /** The sum of the entries still inside the window ending at `now` (after evicting up to it). */
  sumAt(now: number): number {
    this.evict(now);
    return this.total;
  }

  add(at: number, value: number): void {
    this.evict(at);
    this.times.push(at);
    this.values.push(value);
    this.total += value;
  }

  /** True when nothing is left inside the window ending at `now`. */
  isEmptyAt(now: number): boolean {
    this.evict(now);
    return this.head === this.times.length;
  }

  /** Earliest time from which `need` more would fit under `limit` (undefined if it never will). */
  roomAt(now: number, limit: number, need: number): number | undefined {
    this.evict(now);
    if (need > limit) return undefined;
    let sum = this.total;
    if (sum + need <= limit) return now;
    for (let i = this.head; i < this.times.length; i++) {
      sum -= this.values[i] as number;
      if (sum + need <= limit) return (this.times[i] as number) + this.windowMs;
    }
    return now;
  }

  private evict(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) {
      this.total -= this.values[this.head] as number;
      this.head += 1;
    }
    if (this.head === this.times.length) {
      this.times = [];
      this.values = [];
      this.head = 0;
      this.total = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}
