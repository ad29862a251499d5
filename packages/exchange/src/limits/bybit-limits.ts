// Bybit v5 (https://bybit-exchange.github.io/docs/v5/rate-limit): per UID, a rolling 1-second limit per endpoint,
// refused with HTTP 200 retCode 10006 and reported on every private answer (X-Bapi-Limit, -Status, -Reset-Timestamp);
// per IP, 600 requests in any 5 seconds, refused with HTTP 403 "access too frequent" and a ban of at least 10 minutes.
import { bodyCode, numberHeader } from './answer';
import { keyScope, refused, type VenueLimits } from './venue-limits';

// ccxt's costs sit exactly at the per-UID limits: a request that arrives early (network jitter) would be refused
const KEY_MARGIN = 1.25;
// 600 per 5 s is 120/s; 100/s with half a second of burst never puts 600 into one 5-second window
const IP_MS_PER_REQUEST = 10;
const IP_BURST_MS = 500;
const IP_BAN_MS = 10 * 60_000;
const UID_WINDOW_MS = 1_000;

const ipBan = () => refused('ip', IP_BAN_MS, 'IP_BANNED', IP_BURST_MS);

export const bybitLimits: VenueLimits = {
  bookings(call, sender) {
    const ip = { scope: 'ip', cost: 1, msPerCost: IP_MS_PER_REQUEST, burstMs: IP_BURST_MS } as const;
    if (call.api !== 'private' || !sender.keyId) return [ip];
    const key = {
      scope: keyScope(sender),
      cost: call.cost,
      msPerCost: sender.rateLimitMs * KEY_MARGIN,
      burstMs: 0,
    };
    return [key, ip];
  },

  read(answer, sender) {
    if (answer.status === 403) return ipBan();
    const code = bodyCode(answer, 'retCode');
    // "10018: Exceeded the IP rate limit"
    if (code === '10018') return ipBan();
    const reset = numberHeader(answer, 'x-bapi-limit-reset-timestamp');
    if (code === '10006') {
      // "the timestamp indicating when your request limit resets if you have exceeded your rate_limit"
      const ms = reset !== undefined && reset > Date.now() ? reset - Date.now() : UID_WINDOW_MS;
      return refused(keyScope(sender), ms);
    }
    const left = numberHeader(answer, 'x-bapi-limit-status');
    const limit = numberHeader(answer, 'x-bapi-limit');
    if (left !== undefined && limit !== undefined && left <= Math.max(1, limit / 10))
      return { kind: 'nearly-spent', scope: keyScope(sender), ms: UID_WINDOW_MS, burstMs: 0 };
    return undefined;
  },
};
