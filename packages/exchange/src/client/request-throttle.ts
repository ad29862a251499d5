/**
 * A request budget shared by every ccxt client of every worker process. ccxt's own limiter lives in one
 * instance, so it limits nothing across jobs; this replaces it (`exchange.throttle`).
 */
export interface RequestThrottle {
  /**
   * Waits for this request's turn in the exchange's budget. `cost` is ccxt's cost for the endpoint and
   * `msPerCost` the exchange's `rateLimit`. Throws RateBudgetError while the exchange has told us to back
   * off, or when the wait would be longer than a job should hold its slot.
   */
  take(exchangeId: string, cost: number, msPerCost: number): Promise<void>;
  /** The exchange refused us for rate (429/418): every client holds off for `ms`. */
  trip(exchangeId: string, ms: number): Promise<void>;
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
  ) {
    super(
      why === 'circuit-open'
        ? `${exchangeId} asked us to back off; no request sent for ${Math.ceil(retryAfterMs / 1000)} s`
        : `${exchangeId} request budget is booked for the next ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.name = 'RateBudgetError';
  }
}
