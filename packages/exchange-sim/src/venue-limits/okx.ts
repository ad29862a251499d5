// OKX's documented limits: each endpoint's "Rate Limit:" and "Rate limit rule:" lines
// (https://www.okx.com/docs-v5/en/#overview-rate-limits). Private endpoints count per User ID (a sub-account has
// its own), public ones per IP; over: HTTP 429 code 50011. OKX does not say whether windows are fixed or rolling:
// the sim rolls them, the stricter reading.
import { jsonReply } from '../exchange-adapter';
import { RollingWindows } from './counters';
import type { VenueLimitModel, VenueLimitUsage } from './types';

interface EndpointLimit {
  rule: 'uid' | 'ip';
  limit: number;
  windowMs: number;
}

export const OKX_LIMITS: Record<string, EndpointLimit> = {
  // Get balance (trading account): 10 requests per 2 seconds, User ID
  'GET /api/v5/account/balance': { rule: 'uid', limit: 10, windowMs: 2_000 },
  // Get balance (funding account): 6 requests per second, User ID
  'GET /api/v5/asset/balances': { rule: 'uid', limit: 6, windowMs: 1_000 },
  // Get account configuration: 5 requests per 2 seconds, User ID
  'GET /api/v5/account/config': { rule: 'uid', limit: 5, windowMs: 2_000 },
  // Get system time: 10 requests per 2 seconds, IP
  'GET /api/v5/public/time': { rule: 'ip', limit: 10, windowMs: 2_000 },
  // Get tickers / Get ticker: 20 requests per 2 seconds, IP
  'GET /api/v5/market/tickers': { rule: 'ip', limit: 20, windowMs: 2_000 },
  'GET /api/v5/market/ticker': { rule: 'ip', limit: 20, windowMs: 2_000 },
};

export function okxLimits(): VenueLimitModel {
  const windows = new Map<string, RollingWindows>(
    Object.entries(OKX_LIMITS).map(([route, l]) => [route, new RollingWindows(l.windowMs)]),
  );
  return {
    decide({ req, match, now }) {
      const route = `${req.method} ${req.path}`;
      const rule = OKX_LIMITS[route];
      const counter = windows.get(route);
      if (!rule || !counter) return {};
      if (rule.rule === 'uid' && !match) return {};
      const scope = rule.rule === 'uid' ? `uid:${match?.account.uid}` : `ip:${req.ip}`;
      if (counter.usedAt(scope, now) < rule.limit) {
        counter.add(scope, now);
        return {};
      }
      // the gateway's bare body, as recorded from the real venue (no data, no Retry-After)
      const reply = jsonReply(429, { msg: 'Too Many Requests', code: '50011' }, 'rate-limited');
      return { refusal: { limit: rule.rule, reply } };
    },
    usage(now) {
      const rows: VenueLimitUsage[] = [];
      for (const [route, counter] of windows) {
        const max = OKX_LIMITS[route]?.limit ?? 0;
        for (const [scope, used] of counter.scopes(now))
          rows.push({ limit: `${scope.split(':')[0]} ${route}`, scope, used, max });
      }
      return rows;
    },
    sweep(now) {
      for (const counter of windows.values()) counter.sweep(now);
    },
  };
}
