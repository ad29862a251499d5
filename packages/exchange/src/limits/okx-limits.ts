// OKX (https://www.okx.com/docs-v5/en/#overview-rate-limits): each endpoint has its own limit, counted per User ID
// for private endpoints (a sub-account has its own) and per IP for public ones; over it: HTTP 429, code 50011
// ("Rate limit reached"), or 50061 for a sub-account's order limit. No usage headers, no Retry-After.
import { bodyCode, retryAfterMs } from './answer';
import { keyScope, refused, type VenueLimits } from './venue-limits';

// OKX's windows are 1 or 2 seconds long
const PAUSE_MS = 2_000;
const PUBLIC_PATH = /\/api\/v5\/(public|market)\//;

export const okxLimits: VenueLimits = {
  // ccxt's costs are OKX's per-endpoint limits with a 10% margin (rateLimit 110 ms): one budget per key
  bookings(call, sender) {
    const scope = call.api === 'private' ? keyScope(sender) : 'ip';
    return [{ scope, cost: call.cost, msPerCost: sender.rateLimitMs, burstMs: 0 }];
  },

  read(answer, sender) {
    const code = bodyCode(answer, 'code');
    if (answer.status !== 429 && code !== '50011' && code !== '50061') return undefined;
    const scope = PUBLIC_PATH.test(answer.url) ? 'ip' : keyScope(sender);
    return refused(scope, retryAfterMs(answer) ?? PAUSE_MS);
  },
};
