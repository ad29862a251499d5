// Binance (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits): request weight per IP in
// fixed 1-minute intervals, reported on every answer (X-MBX-USED-WEIGHT-1M); 429 -1003 with Retry-After, then
// 418 bans that grow for repeat offenders. /sapi endpoints weigh per IP or per account (UID), each its own
// counter (X-SAPI-USED-IP-WEIGHT-1M / -UID-); order counts are per account (429 -1015, no Retry-After).
import { bodyCode, numberHeader, retryAfterMs, toNextMinute } from './answer';
import { keyScope, refused, type VenueLimits } from './venue-limits';

const API_WEIGHT_PER_MINUTE = 6000;
const SAPI_IP_WEIGHT_PER_MINUTE = 12_000;
const SAPI_UID_WEIGHT_PER_MINUTE = 180_000;
// past this share of an interval's weight, wait for the next interval rather than earn a 429
const NEARLY_SPENT = 0.9;
const FIRST_BAN_MS = 2 * 60_000;
const ORDER_COUNT_PAUSE_MS = 10_000;

export const binanceLimits: VenueLimits = {
  // ccxt's costs are Binance's weights at 6,000 a minute: one budget per egress IP holds every endpoint
  bookings: (call, sender) => [{ scope: 'ip', cost: call.cost, msPerCost: sender.rateLimitMs, burstMs: 0 }],

  read(answer, sender) {
    if (answer.status === 418) return refused('ip', retryAfterMs(answer) ?? FIRST_BAN_MS, 'IP_BANNED');
    if (answer.status === 429) {
      // the unfilled-order count belongs to the account, not to everyone on the IP
      if (bodyCode(answer, 'code') === '-1015')
        return refused(keyScope(sender), retryAfterMs(answer) ?? ORDER_COUNT_PAUSE_MS);
      const byAccount = numberHeader(answer, 'x-sapi-used-uid-weight-1m') !== undefined;
      return refused(byAccount ? keyScope(sender) : 'ip', retryAfterMs(answer) ?? toNextMinute());
    }
    const used = [
      [numberHeader(answer, 'x-mbx-used-weight-1m'), API_WEIGHT_PER_MINUTE, 'ip'],
      [numberHeader(answer, 'x-sapi-used-ip-weight-1m'), SAPI_IP_WEIGHT_PER_MINUTE, 'ip'],
      [numberHeader(answer, 'x-sapi-used-uid-weight-1m'), SAPI_UID_WEIGHT_PER_MINUTE, 'key'],
    ] as const;
    for (const [weight, limit, scope] of used)
      if (weight !== undefined && weight >= NEARLY_SPENT * limit)
        return {
          kind: 'nearly-spent',
          scope: scope === 'ip' ? 'ip' : keyScope(sender),
          ms: toNextMinute(),
          burstMs: 0,
        };
    return undefined;
  },
};
