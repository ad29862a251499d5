// Puts a pooled client's requests through its exchange's budgets (venueLimits): each request books the scopes the
// exchange counts it in, and each answer's refusal or usage headers pause the scope they speak for.
import type { Exchange } from 'ccxt';
import { type RateSignal, type Sender, type VenueCall, venueLimits } from '../limits/venue-limits';
import type { ResponseTrace } from './create-client';
import type { RequestThrottle } from './request-throttle';

/** The lease a pooled client currently serves: whose budget it draws from, as whom. */
export interface BudgetLease {
  throttle: RequestThrottle;
  budget: string;
  sender: Sender;
  /** Pauses being written to Redis: a job reports its failure only once they are. */
  pending: Promise<void>[];
}

/**
 * Installs the hooks once per pooled client; `current()` names the lease being served (none: unthrottled).
 * Returns the client's throttle.
 */
export function installVenueBudget(
  exchange: Exchange,
  trace: ResponseTrace,
  current: () => BudgetLease | undefined,
): Exchange['throttle'] {
  const limits = venueLimits(exchange.id);
  const target = exchange as unknown as {
    calculateRateLimiterCost: (...args: unknown[]) => number;
    onRestResponse: (...args: unknown[]) => unknown;
  };
  // ccxt computes the cost and calls throttle back to back, with nothing in between: the call named here is
  // the one the throttle is about to be asked for
  let nextCall: Omit<VenueCall, 'cost'> = { api: 'public', path: '' };
  const cost = target.calculateRateLimiterCost;
  target.calculateRateLimiterCost = (...args) => {
    const [api, , path] = args;
    nextCall = { api: Array.isArray(api) ? String(api[0]) : String(api), path: String(path) };
    return cost.apply(exchange, args);
  };
  const onRestResponse = target.onRestResponse;
  target.onRestResponse = (...args) => {
    const result = onRestResponse.apply(exchange, args);
    const lease = current();
    if (!lease) return result;
    const [status, , url, , headers, body] = args;
    const signal = limits.read(
      {
        status: Number(status),
        url: String(url),
        headers: (headers ?? {}) as Record<string, string | undefined>,
        body: typeof body === 'string' ? body : '',
      },
      lease.sender,
    );
    if (signal) {
      if (signal.kind === 'refused') trace.rate = signal;
      lease.pending.push(pause(lease, signal));
    }
    return result;
  };
  return (given?: number) => {
    const lease = current();
    if (!lease) return Promise.resolve();
    const call = { ...nextCall, cost: given ?? 1 };
    return lease.throttle.take(lease.budget, limits.bookings(call, lease.sender));
  };
}

// a pause that cannot be recorded (Redis gone) leaves the request's own failure to speak
function pause(lease: BudgetLease, signal: RateSignal): Promise<void> {
  const { scope, ms, burstMs } = signal;
  const write =
    signal.kind === 'refused'
      ? lease.throttle.trip(lease.budget, { scope, ms, burstMs, ban: signal.reason === 'IP_BANNED' })
      : lease.throttle.hold(lease.budget, { scope, ms, burstMs });
  return write.catch(() => undefined);
}
