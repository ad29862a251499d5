/**
 * Request budgets shared by every ccxt client of every worker process. ccxt's own limiter lives in one
 * instance, so it limits nothing across jobs; this replaces it (`exchange.throttle`).
 *
 * A budget belongs to one exchange (live or testnet) and holds one scope per thing the exchange counts:
 * `ip` (the egress address: Binance weight, Bybit's IP limit, public endpoints) or `key:<id>` (one API key or
 * account: Kraken's call counter, OKX's and Bybit's per-user limits), where `<id>` names the key without it.
 */
export type BudgetScope = 'ip' | `key:${string}`;

/** One scope a request draws from: `costMs` of the scope's time, with up to `burstMs` booked ahead. */
export interface Booking {
  scope: BudgetScope;
  /** ccxt's cost for the endpoint, in the scope's units. */
  cost: number;
  /** Milliseconds one cost unit occupies the scope (the exchange's `rateLimit`, or the venue's own figure). */
  msPerCost: number;
  /** How far ahead of its sustained rate the scope may run (GCRA tolerance): a fresh key's burst. */
  burstMs: number;
}

/** A pause of one scope, as an exchange's answer asked for it. */
export interface Pause {
  scope: BudgetScope;
  ms: number;
  /** The scope's burst, given up with the pause so it resumes at its sustained rate, not in a rush. */
  burstMs?: number;
  /** An IP ban, not an ordinary refusal: requests held by it are told IP_BANNED. */
  ban?: boolean;
}

export interface RequestThrottle {
  /**
   * Waits for this request's turn in every scope it draws from. Throws RateBudgetError while one of them
   * has been told to back off, or when the wait would be longer than a job should hold its slot.
   */
  take(budget: string, bookings: readonly Booking[]): Promise<void>;
  /** The exchange refused this scope for rate: every client holds off it for `pause.ms`. */
  trip(budget: string, pause: Pause): Promise<void>;
  /** The exchange said this scope is nearly spent: its next requests wait `pause.ms` (no error, no refusal). */
  hold(budget: string, pause: Pause): Promise<void>;
}

/** Testnets are other hosts with limits of their own: they never share (or trip) the live budget. */
export function budgetId(exchangeId: string, sandbox: boolean): string {
  return sandbox ? `${exchangeId}-sandbox` : exchangeId;
}

/** No request was sent: the shared budget says wait this long first. */
export class RateBudgetError extends Error {
  constructor(
    readonly exchangeId: string,
    readonly retryAfterMs: number,
    readonly why: 'circuit-open' | 'queue-too-long',
    readonly scope: BudgetScope = 'ip',
    /** The open circuit is an IP ban. */
    readonly ban = false,
  ) {
    const who = scope === 'ip' ? exchangeId : `${exchangeId} (this key)`;
    super(
      why === 'circuit-open'
        ? `${who} asked us to back off; no request sent for ${Math.ceil(retryAfterMs / 1000)} s`
        : `${who} request budget is booked for the next ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.name = 'RateBudgetError';
  }
}
