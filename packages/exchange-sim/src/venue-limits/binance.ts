// Binance's documented REST limits (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits):
// /api/* weight per IP in 1-minute intervals, escalating to 418 bans; /sapi/* IP- or UID-weighted per endpoint;
// the unfilled order count per account. Intervals are fixed: "a 1 MINUTE interval starts every minute"
// (https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/rate-limits).
import { binanceError } from '../binance/errors';
import { binanceRequestWeight } from '../binance/weights';
import type { SimReply } from '../exchange-adapter';
import { FixedWindows } from './counters';
import {
  type LimitDecision,
  type LimitedRequest,
  retryAfterSeconds,
  type VenueLimitModel,
  type VenueLimitUsage,
} from './types';

/** exchangeInfo REQUEST_WEIGHT: 6000 per 1 MINUTE per IP, shared by every /api/* endpoint. */
export const BINANCE_API_WEIGHT_PER_MINUTE = 6000;
/** /sapi/*: "each IP-limited endpoint has an independent 12,000 per minute; each UID-limited endpoint an
 * independent 180,000 per minute" (https://developers.binance.com/docs/products/caas/basics/4.rate-limits). */
export const BINANCE_SAPI_IP_WEIGHT_PER_MINUTE = 12_000;
export const BINANCE_SAPI_UID_WEIGHT_PER_MINUTE = 180_000;
/** exchangeInfo ORDERS, counted per account ("The number of unfilled orders is tracked for each account");
 * the figures are exchangeInfo's, quoted by the Spot Unfilled Order Count Rules FAQ (100 per 10 seconds). */
export const BINANCE_ORDERS_PER_10S = 100;
export const BINANCE_ORDERS_PER_DAY = 200_000;

/** Each endpoint page says "Request Weight(IP)" or "(UID)": all the sapi endpoints the sim serves are IP. */
const SAPI_SCOPES: Record<string, 'ip' | 'uid'> = {
  // https://developers.binance.com/docs/wallet/account/api-key-permission — Request Weight(IP) 1
  'GET /sapi/v1/account/apiRestrictions': 'ip',
  // https://developers.binance.com/docs/margin_trading/account/Query-Cross-Margin-Account-Details — 10(IP)
  'GET /sapi/v1/margin/account': 'ip',
  // https://developers.binance.com/docs/wallet/asset/funding-wallet — Request Weight(IP) 1
  'POST /sapi/v1/asset/get-funding-asset': 'ip',
};

/** 429s an IP may still send inside one limited interval after its first 429 before it is banned (sim choice). */
export const BINANCE_BAN_AFTER = 3;
const FIRST_BAN_MS = 2 * 60_000;
const LONGEST_BAN_MS = 3 * 24 * 60 * 60_000;

/** "IP bans are tracked and scale in duration for repeat offenders, from 2 minutes to 3 days": doubling here. */
export function binanceBanMs(offence: number): number {
  return Math.min(LONGEST_BAN_MS, FIRST_BAN_MS * 2 ** (offence - 1));
}

interface IpBan {
  /** The interval in which the IP was last refused, and how many 429s it got in it after the first. */
  limitedWindow: number;
  strikes: number;
  bannedUntil: number;
  offences: number;
}

const limited = (reply: SimReply, retryAfter?: number): SimReply =>
  retryAfter === undefined ? reply : { ...reply, headers: { 'retry-after': String(retryAfter) } };

function weightMessage(limit: number): string {
  return `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`;
}

export function binanceLimits(): VenueLimitModel {
  const apiWeight = new FixedWindows(60_000);
  const sapiWeight = new FixedWindows(60_000);
  const orders10s = new FixedWindows(10_000);
  const orders1d = new FixedWindows(24 * 60 * 60_000);
  const bans = new Map<string, IpBan>();

  function api({ req, match, now }: LimitedRequest): LimitDecision {
    const used = apiWeight.add(req.ip, now, binanceRequestWeight(req));
    // "Every request will contain X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter)", refused ones too
    const headers = { 'x-mbx-used-weight': String(used), 'x-mbx-used-weight-1m': String(used) };
    const ban = bans.get(req.ip) ?? { limitedWindow: -1, strikes: 0, bannedUntil: 0, offences: 0 };
    const banned = (): LimitDecision => {
      const msg = `Way too much request weight used; IP banned until ${ban.bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`;
      const reply = binanceError(418, -1003, msg, 'ip-banned');
      return {
        headers,
        refusal: { limit: 'ip-ban', reply: limited(reply, retryAfterSeconds(ban.bannedUntil, now)) },
      };
    };
    if (ban.bannedUntil > now) return banned();
    if (used > BINANCE_API_WEIGHT_PER_MINUTE) {
      bans.set(req.ip, ban);
      const window = apiWeight.windowStart(now);
      if (ban.limitedWindow === window) ban.strikes += 1;
      else Object.assign(ban, { limitedWindow: window, strikes: 0 });
      if (ban.strikes > BINANCE_BAN_AFTER) {
        ban.offences += 1;
        ban.bannedUntil = now + binanceBanMs(ban.offences);
        ban.limitedWindow = -1;
        return banned();
      }
      // Retry-After on a 429 is the wait that prevents a ban: the rest of the interval
      const reply = binanceError(429, -1003, weightMessage(BINANCE_API_WEIGHT_PER_MINUTE), 'rate-limited');
      const retryAfter = retryAfterSeconds(apiWeight.windowEnd(now), now);
      return { headers, refusal: { limit: 'request-weight', reply: limited(reply, retryAfter) } };
    }
    if (`${req.method} ${req.path}` !== 'POST /api/v3/order' || !match) return { headers };
    return { headers, ...orderCount(match.account.uid, now) };
  }

  function orderCount(uid: string, now: number): LimitDecision {
    const over = (limit: number, interval: string, name: string): LimitDecision => {
      const msg = `Too many new orders; current limit is ${limit} orders per ${interval}.`;
      // "If you have exceeded this, you will receive a 429 error without the Retry-After header."
      return { refusal: { limit: name, reply: binanceError(429, -1015, msg, 'rate-limited') } };
    };
    if (orders10s.usedAt(uid, now) >= BINANCE_ORDERS_PER_10S)
      return over(BINANCE_ORDERS_PER_10S, '10 SECOND', 'orders-10s');
    if (orders1d.usedAt(uid, now) >= BINANCE_ORDERS_PER_DAY)
      return over(BINANCE_ORDERS_PER_DAY, '1 DAY', 'orders-1d');
    return {
      // "Every successful order response will contain a X-MBX-ORDER-COUNT-(intervalNum)(intervalLetter)
      // header"; rejected orders add nothing ("Every successful request to place an order adds to" the count)
      settle(reply): Record<string, string> {
        if (reply.status !== 200) return {};
        return {
          'x-mbx-order-count-10s': String(orders10s.add(uid, now, 1)),
          'x-mbx-order-count-1d': String(orders1d.add(uid, now, 1)),
        };
      },
    };
  }

  function sapi({ req, match, now }: LimitedRequest): LimitDecision {
    const route = `${req.method} ${req.path}`;
    const byUid = SAPI_SCOPES[route] === 'uid' && match !== undefined;
    const scope = byUid ? `uid:${match?.account.uid}` : `ip:${req.ip}`;
    const limit = byUid ? BINANCE_SAPI_UID_WEIGHT_PER_MINUTE : BINANCE_SAPI_IP_WEIGHT_PER_MINUTE;
    // each sapi endpoint has its own counter
    const used = sapiWeight.add(`${route} ${scope}`, now, binanceRequestWeight(req));
    const headers = { [byUid ? 'x-sapi-used-uid-weight-1m' : 'x-sapi-used-ip-weight-1m']: String(used) };
    if (used <= limit) return { headers };
    // /sapi/* refusals are always 429: the 418 escalation is for /api/* only
    const reply = binanceError(429, -1003, weightMessage(limit), 'rate-limited');
    const retryAfter = retryAfterSeconds(sapiWeight.windowEnd(now), now);
    return {
      headers,
      refusal: { limit: byUid ? 'sapi-uid-weight' : 'sapi-ip-weight', reply: limited(reply, retryAfter) },
    };
  }

  return {
    decide(request) {
      const { path } = request.req;
      if (path.startsWith('/api/')) return api(request);
      if (path.startsWith('/sapi/')) return sapi(request);
      // fapi and dapi have limits of their own that the sim does not model
      return {};
    },
    usage(now) {
      const rows: VenueLimitUsage[] = [];
      for (const [ip, used] of apiWeight.scopes(now))
        rows.push({ limit: 'request-weight', scope: `ip:${ip}`, used, max: BINANCE_API_WEIGHT_PER_MINUTE });
      for (const [key, used] of sapiWeight.scopes(now)) {
        const [method, path, scope] = key.split(' ') as [string, string, string];
        const uid = scope.startsWith('uid:');
        rows.push({
          limit: `${uid ? 'sapi-uid-weight' : 'sapi-ip-weight'} ${method} ${path}`,
          scope,
          used,
          max: uid ? BINANCE_SAPI_UID_WEIGHT_PER_MINUTE : BINANCE_SAPI_IP_WEIGHT_PER_MINUTE,
        });
      }
      for (const [uid, used] of orders10s.scopes(now))
        rows.push({ limit: 'orders-10s', scope: `uid:${uid}`, used, max: BINANCE_ORDERS_PER_10S });
      for (const [uid, used] of orders1d.scopes(now))
        rows.push({ limit: 'orders-1d', scope: `uid:${uid}`, used, max: BINANCE_ORDERS_PER_DAY });
      return rows;
    },
    sweep(now) {
      for (const counter of [apiWeight, sapiWeight, orders10s, orders1d]) counter.sweep(now);
      // ban history stays: it is what makes repeat bans longer
      const window = apiWeight.windowStart(now);
      for (const [ip, ban] of bans) if (ban.offences === 0 && ban.limitedWindow !== window) bans.delete(ip);
    },
  };
}
