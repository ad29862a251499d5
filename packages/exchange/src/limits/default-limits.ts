// Any other exchange: ccxt's published rate for every request from the egress IP, and the HTTP statuses that
// mean rate everywhere (429, and 418 for an IP ban).
import { retryAfterMs } from './answer';
import { refused, type VenueLimits } from './venue-limits';

const BAN_MS = 120_000;
const PAUSE_MS = 10_000;

export const defaultLimits: VenueLimits = {
  bookings: (call, sender) => [{ scope: 'ip', cost: call.cost, msPerCost: sender.rateLimitMs, burstMs: 0 }],

  read(answer) {
    if (answer.status === 418) return refused('ip', retryAfterMs(answer) ?? BAN_MS, 'IP_BANNED');
    if (answer.status === 429) return refused('ip', retryAfterMs(answer) ?? PAUSE_MS);
    return undefined;
  },
};
