// What each exchange counts, and what its answers say about it: the one place per exchange that knows its limits.
import type { Booking, BudgetScope } from '../client/request-throttle';
import { binanceLimits } from './binance-limits';
import { bybitLimits } from './bybit-limits';
import { defaultLimits } from './default-limits';
import { krakenLimits } from './kraken-limits';
import { okxLimits } from './okx-limits';

/** A request as ccxt is about to send it (`calculateRateLimiterCost`'s arguments). */
export interface VenueCall {
  /** ccxt's api section: "public", "private", "sapi"… */
  api: string;
  path: string;
  /** ccxt's cost for the endpoint. */
  cost: number;
}

/** Who sends: the exchange's published `rateLimit`, and the key's id (never the key) when one signs. */
export interface Sender {
  rateLimitMs: number;
  keyId?: string;
}

/** An answer as it came back, before ccxt reads it. */
export interface VenueAnswer {
  status: number;
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/** What an answer says about a scope's budget. `burstMs` is the scope's tolerance, so a pause ends unhurried. */
export type RateSignal =
  | {
      kind: 'refused';
      scope: BudgetScope;
      ms: number;
      burstMs: number;
      reason: 'RATE_LIMITED' | 'IP_BANNED';
    }
  | { kind: 'nearly-spent'; scope: BudgetScope; ms: number; burstMs: number };

export interface VenueLimits {
  /** The scopes a request draws from, and what it costs in each. */
  bookings(call: VenueCall, sender: Sender): Booking[];
  /** A refusal (by HTTP status or body code) or usage headers near the limit; nothing otherwise. */
  read(answer: VenueAnswer, sender: Sender): RateSignal | undefined;
}

const VENUES: Record<string, VenueLimits> = {
  binance: binanceLimits,
  bybit: bybitLimits,
  okx: okxLimits,
  myokx: okxLimits,
  kraken: krakenLimits,
};

export function venueLimits(exchangeId: string): VenueLimits {
  return VENUES[exchangeId] ?? defaultLimits;
}

/** A refusal of `scope` for `ms` (an ordinary rate refusal unless it is an IP ban). */
export function refused(
  scope: BudgetScope,
  ms: number,
  reason: 'RATE_LIMITED' | 'IP_BANNED' = 'RATE_LIMITED',
  burstMs = 0,
): RateSignal {
  return { kind: 'refused', scope, ms, burstMs, reason };
}

/** A key scope when a key signs, the IP's otherwise (a public call has no key to count). */
export function keyScope(sender: Sender): BudgetScope {
  return sender.keyId ? `key:${sender.keyId}` : 'ip';
}
