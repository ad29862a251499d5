import type { ReasonCode } from '../status/statuses';
import type { RequestThrottle } from './request-throttle';

// A 429/418 (Bybit: 403) speaks for every key on this exchange and IP: stop them all, not just this job.
const REFUSED_FOR_RATE = new Set([418, 429, 403]);
const DEFAULT_BACKOFF_MS = { IP_BANNED: 120_000, RATE_LIMITED: 10_000 } as const;

/** Opens the exchange's shared circuit for as long as it asked (Retry-After), or a safe default. */
export async function tripOnRateRefusal(
  throttle: RequestThrottle | undefined,
  exchangeId: string,
  verdict: { reason: ReasonCode; retryAfterMs?: number },
  status: number | undefined,
): Promise<void> {
  if (!throttle || status === undefined || !REFUSED_FOR_RATE.has(status)) return;
  if (verdict.reason !== 'RATE_LIMITED' && verdict.reason !== 'IP_BANNED') return;
  await throttle.trip(exchangeId, verdict.retryAfterMs ?? DEFAULT_BACKOFF_MS[verdict.reason]);
}
