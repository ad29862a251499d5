// Per-venue, per-IP request limits with Binance's escalation (429, then a 418 IP ban), plus the
// per-IP weight of the last minute that Binance reports on every answer.
import { EXCHANGE_IDS, type ExchangeId, type SimRateLimit, type SimRateStats } from './fixtures';
import { RollingSum } from './rolling-sum';
import { parseRateLimit, parseRateLimits, type RateLimitRule } from './validate';

/** Binance's x-mbx-used-weight-1m window. */
const WEIGHT_WINDOW_MS = 60_000;
const DEFAULT_STATS_WINDOW_MS = 1000;
// Idle IPs are dropped in a sweep every this many requests, so memory follows active clients only.
const SWEEP_EVERY = 1000;

interface IpState {
  /** Weight of every request in the last minute, refused ones too (Binance counts them). */
  weight: RollingSum;
  /** Units of served requests in the limit's window. */
  served: RollingSum | undefined;
  /** End of the current limited period (0 = not limited). */
  limitedUntil: number;
  /** Refused requests inside the limited period after its first 429. */
  strikes: number;
  bannedUntil: number;
}

interface VenueStats {
  served: number;
  rejected429: number;
  rejected418: number;
  maxInAnyWindow: number;
  window: RollingSum;
}

export type Admission =
  | { kind: 'served'; usedWeight: number }
  | {
      kind: 'rate-limited' | 'ip-banned';
      status: 429 | 418;
      retryAfterSeconds: number;
      usedWeight: number;
      rule: RateLimitRule;
      bannedUntil?: number;
    };

function ipKey(exchange: ExchangeId, ip: string): string {
  return `${exchange} ${ip}`;
}

export class RateLimiter {
  private rules = new Map<ExchangeId, RateLimitRule>();
  private ips = new Map<string, IpState>();
  private stats = new Map<ExchangeId, VenueStats>();
  private sinceSweep = 0;

  constructor(private readonly initial: SimRateLimit[]) {
    this.reset();
  }

  /** Back to the fixture's limits, with no usage, bans or statistics. */
  reset(): void {
    this.rules.clear();
    this.ips.clear();
    for (const rule of parseRateLimits(this.initial, 'fixture.rateLimits'))
      this.rules.set(rule.exchange, rule);
    for (const exchange of EXCHANGE_IDS) this.restartVenue(exchange);
  }

  /** Sets (or replaces) one venue's limit; its bans and statistics start over. */
  set(input: SimRateLimit): void {
    const rule = parseRateLimit(input);
    this.rules.set(rule.exchange, rule);
    this.restartVenue(rule.exchange);
  }

  clear(): void {
    this.rules.clear();
    for (const exchange of EXCHANGE_IDS) this.restartVenue(exchange);
  }

  /** A limit is set for the venue (only then are its weight headers reported). */
  limits(exchange: ExchangeId): boolean {
    return this.rules.has(exchange);
  }

  list(): SimRateLimit[] {
    return [...this.rules.values()].map((rule) => ({ ...rule }));
  }

  /** The test knob's statistics; `refused` (the documented limits' count) is the caller's to fill. */
  statsFor(exchange: ExchangeId): Omit<SimRateStats, 'refused'> {
    const { served, rejected429, rejected418, maxInAnyWindow } = this.venueStats(exchange);
    return { served, rejected429, rejected418, maxInAnyWindow };
  }

  /** How many client IPs the limiter holds state for. */
  trackedIps(): number {
    return this.ips.size;
  }

  /** Decides one request's fate and charges its weight; call once per arriving venue request. */
  admit(exchange: ExchangeId, ip: string, weight: number, now: number, banStatus: 418 | 429): Admission {
    this.sweep(now);
    const rule = this.rules.get(exchange);
    const state = this.ipState(exchange, ip);
    state.weight.add(now, weight);
    const usedWeight = state.weight.sumAt(now);
    const stats = this.venueStats(exchange);
    if (!rule) return this.serve(stats, state, now, 1, usedWeight);

    if (state.bannedUntil > now) return this.ban(stats, rule, state, now, banStatus, usedWeight);
    if (state.bannedUntil > 0) {
      state.bannedUntil = 0;
      state.limitedUntil = 0;
      state.strikes = 0;
    }
    const cost = rule.unit === 'weight' ? weight : 1;
    // Only served requests fill the limit's window, so a client that backs off for windowMs gets through.
    const served = state.served ?? new RollingSum(rule.windowMs);
    state.served = served;
    if (served.sumAt(now) + cost <= rule.limit) return this.serve(stats, state, now, cost, usedWeight);

    const room = served.roomAt(now, rule.limit, cost) ?? now + rule.windowMs;
    const retryAfterSeconds = rule.retryAfterSeconds ?? Math.max(1, Math.ceil((room - now) / 1000));
    if (now < state.limitedUntil) {
      state.strikes += 1;
      if (state.strikes > rule.banAfter) {
        state.bannedUntil = now + rule.banMs;
        return this.ban(stats, rule, state, now, banStatus, usedWeight);
      }
    } else {
      state.strikes = 0;
    }
    // The limited period lasts at least until the window has room and until the Retry-After we gave.
    state.limitedUntil = Math.max(state.limitedUntil, room, now + retryAfterSeconds * 1000);
    stats.rejected429 += 1;
    return { kind: 'rate-limited', status: 429, retryAfterSeconds, usedWeight, rule };
  }

  private serve(stats: VenueStats, state: IpState, now: number, cost: number, usedWeight: number): Admission {
    state.served?.add(now, cost);
    stats.served += 1;
    stats.window.add(now, cost);
    stats.maxInAnyWindow = Math.max(stats.maxInAnyWindow, stats.window.sumAt(now));
    return { kind: 'served', usedWeight };
  }

  private ban(
    stats: VenueStats,
    rule: RateLimitRule,
    state: IpState,
    now: number,
    status: 418 | 429,
    usedWeight: number,
  ): Admission {
    if (status === 418) stats.rejected418 += 1;
    else stats.rejected429 += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((state.bannedUntil - now) / 1000));
    return { kind: 'ip-banned', status, retryAfterSeconds, usedWeight, rule, bannedUntil: state.bannedUntil };
  }

  private ipState(exchange: ExchangeId, ip: string): IpState {
    const key = ipKey(exchange, ip);
    let state = this.ips.get(key);
    if (!state) {
      state = {
        weight: new RollingSum(WEIGHT_WINDOW_MS),
        served: undefined,
        limitedUntil: 0,
        strikes: 0,
        bannedUntil: 0,
      };
      this.ips.set(key, state);
    }
    return state;
  }

  private venueStats(exchange: ExchangeId): VenueStats {
    let stats = this.stats.get(exchange);
    if (!stats) {
      stats = this.freshStats(exchange);
      this.stats.set(exchange, stats);
    }
    return stats;
  }

  private freshStats(exchange: ExchangeId): VenueStats {
    const windowMs = this.rules.get(exchange)?.windowMs ?? DEFAULT_STATS_WINDOW_MS;
    return { served: 0, rejected429: 0, rejected418: 0, maxInAnyWindow: 0, window: new RollingSum(windowMs) };
  }

  /** Limit state and statistics of one venue start over; its weight history (what Binance reports) stays. */
  private restartVenue(exchange: ExchangeId): void {
    this.stats.set(exchange, this.freshStats(exchange));
    for (const [key, state] of this.ips) {
      if (!key.startsWith(`${exchange} `)) continue;
      state.served = undefined;
      state.limitedUntil = 0;
      state.strikes = 0;
      state.bannedUntil = 0;
    }
  }

  private sweep(now: number): void {
    this.sinceSweep += 1;
    if (this.sinceSweep < SWEEP_EVERY) return;
    this.sinceSweep = 0;
    for (const [key, state] of this.ips) {
      const idle = state.weight.isEmptyAt(now) && (state.served?.isEmptyAt(now) ?? true);
      if (idle && state.bannedUntil <= now && state.limitedUntil <= now) this.ips.delete(key);
    }
  }
}
