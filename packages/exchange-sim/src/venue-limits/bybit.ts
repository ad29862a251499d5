// Bybit v5's documented limits (https://bybit-exchange.github.io/docs/v5/rate-limit): 600 requests in any
// 5-second window per IP (over: HTTP 403 "access too frequent", wait at least 10 minutes), and per UID a rolling
// 1-second limit per endpoint (over: HTTP 200 retCode 10006 "Too many visits!"), reported in X-Bapi-Limit*.
import { bybitError } from '../bybit/errors';
import type { SimReply } from '../exchange-adapter';
import { RollingWindows } from './counters';
import type { LimitDecision, LimitedRequest, VenueLimitModel, VenueLimitUsage } from './types';

export const BYBIT_IP_LIMIT = 600;
export const BYBIT_IP_WINDOW_MS = 5_000;
/** "wait for at least 10 minutes. The ban will be lifted automatically." */
export const BYBIT_IP_BAN_MS = 10 * 60_000;

/** The "API Rate Limit Table" rows for the endpoints the sim serves (per UID, per second). /v5/account/info is
 * not in the table, so it has no per-UID limit here (and no X-Bapi-Limit headers). */
export const BYBIT_UID_LIMITS: Record<string, number> = {
  'GET /v5/account/wallet-balance': 50, // accountType=UNIFIED
  'GET /v5/asset/transfer/query-account-coins-balance': 5,
  'GET /v5/user/query-api': 10,
};
const UID_WINDOW_MS = 1_000;

// The docs quote the error as "403, access too frequent"; the gateway's exact page is not documented.
function ipRefusal(): SimReply {
  return { status: 403, verdict: 'ip-banned', contentType: 'text/plain', body: 'access too frequent' };
}

export function bybitLimits(): VenueLimitModel {
  const ips = new RollingWindows(BYBIT_IP_WINDOW_MS);
  const uids = new RollingWindows(UID_WINDOW_MS);
  const bannedUntil = new Map<string, number>();

  function uidLimit({ req, match, now }: LimitedRequest): LimitDecision {
    const route = `${req.method} ${req.path}`;
    const limit = BYBIT_UID_LIMITS[route];
    if (limit === undefined || !match) return {};
    // "rolling time window per second and UID": two keys of one account share it
    const scope = `${route} ${match.account.uid}`;
    const used = uids.usedAt(scope, now);
    if (used >= limit) {
      const headers = {
        'x-bapi-limit': String(limit),
        'x-bapi-limit-status': '0',
        // "the timestamp indicating when your request limit resets if you have exceeded your rate_limit"
        'x-bapi-limit-reset-timestamp': String(uids.roomAt(scope, now, limit)),
      };
      const reply = bybitError(200, 10006, 'Too many visits!', 'rate-limited', now);
      return { headers, refusal: { limit: 'uid', reply } };
    }
    const after = uids.add(scope, now);
    return {
      headers: {
        'x-bapi-limit': String(limit),
        'x-bapi-limit-status': String(limit - after),
        // "Otherwise, this is just the current timestamp"
        'x-bapi-limit-reset-timestamp': String(now),
      },
    };
  }

  return {
    decide(request) {
      const { ip } = request.req;
      const { now } = request;
      if ((bannedUntil.get(ip) ?? 0) > now) return { refusal: { limit: 'ip-ban', reply: ipRefusal() } };
      if (ips.usedAt(ip, now) >= BYBIT_IP_LIMIT) {
        bannedUntil.set(ip, now + BYBIT_IP_BAN_MS);
        return { refusal: { limit: 'ip', reply: ipRefusal() } };
      }
      ips.add(ip, now);
      return uidLimit(request);
    },
    usage(now) {
      const rows: VenueLimitUsage[] = ips
        .scopes(now)
        .map(([ip, used]) => ({ limit: 'ip', scope: `ip:${ip}`, used, max: BYBIT_IP_LIMIT }));
      for (const [key, used] of uids.scopes(now)) {
        const [method, path, uid] = key.split(' ') as [string, string, string];
        const max = BYBIT_UID_LIMITS[`${method} ${path}`] ?? 0;
        rows.push({ limit: `uid ${method} ${path}`, scope: `uid:${uid}`, used, max });
      }
      return rows;
    },
    sweep(now) {
      ips.sweep(now);
      uids.sweep(now);
      for (const [ip, until] of bannedUntil) if (until <= now) bannedUntil.delete(ip);
    },
  };
}
