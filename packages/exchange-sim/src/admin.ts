// HTTP admin API under /__sim/: a JSON mirror of the programmatic ExchangeSim methods.
import type { ActiveFault } from './faults';
import type {
  ExchangeId,
  KrakenTier,
  SimAccount,
  SimAssetBalance,
  SimFault,
  SimPermissions,
  SimRateLimit,
  SimRateStats,
  SimTicker,
  SimVenueLimitsMode,
  SimWallet,
} from './fixtures';
import type { SimRequestLogEntry } from './request-log';
import type { SimOrder } from './state';
import { parseExchange, parseRateLimits, parseVenueLimitsMode, SimInputError } from './validate';
import type { VenueLimitUsage } from './venue-limits/types';

/** The state-changing surface shared by the admin API and the ExchangeSim object. */
export interface SimController {
  addAccount(account: SimAccount): { exchange: ExchangeId; uid: string; apiKeys: string[] };
  setBalances(
    exchange: ExchangeId,
    uid: string,
    balances: Record<string, SimAssetBalance | null>,
    /** `wallet` picks a non-spot wallet; without it the spot (Binance) / trading (OKX) wallet changes. */
    options?: { replace?: boolean; wallet?: SimWallet },
  ): void;
  revokeKey(apiKey: string): void;
  /** Changes some of a key's rights (e.g. withdrawals switched on after it was connected). */
  setKeyPermissions(apiKey: string, permissions: Partial<SimPermissions>): void;
  /** Sets public spot tickers by "BASE/QUOTE" (others are kept). */
  setTickers(tickers: Record<string, SimTicker>): void;
  addFault(fault: SimFault): string;
  clearFaults(): void;
  faults(): ActiveFault[];
  requests(): SimRequestLogEntry[];
  /** Orders placed for real on any venue, oldest first (test and validate-only orders are never placed). */
  orders(): SimOrder[];
  /** Sets or replaces the venue's per-IP limit; that venue's bans and rateStats start over. */
  setRateLimit(limit: SimRateLimit): void;
  /** Removes every limit (weight headers are still reported); rateStats start over. */
  clearRateLimits(): void;
  /** The limits in force, defaults filled in. */
  rateLimits(): SimRateLimit[];
  rateStats(exchange: ExchangeId): SimRateStats;
  /** Turns the venues' documented limits on ('documented') or off; their counters and bans start over. */
  setVenueLimits(mode: SimVenueLimitsMode): void;
  venueLimits(): SimVenueLimitsMode;
  /** What each documented counter of the venue holds now (who is counted, used, max). */
  venueLimitUsage(exchange: ExchangeId): VenueLimitUsage[];
  /** The Kraken verification tier behind a key's call counter. */
  setKrakenTier(apiKey: string, tier: KrakenTier): void;
  /** Back to the fixture: accounts, tickers and rate limits; clears faults, the log, usage and bans. */
  reset(): void;
}

export interface AdminReply {
  status: number;
  json?: unknown;
}

export const ADMIN_PREFIX = '/__sim';

function parseJson(body: string): unknown {
  if (body.trim() === '') throw new SimInputError('request body must be JSON');
  try {
    return JSON.parse(body);
  } catch {
    throw new SimInputError('request body is not valid JSON');
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

// Typed input is checked at runtime by the controller, so unknown JSON can be handed over as-is.
function route(
  method: string,
  segments: string[],
  query: URLSearchParams,
  body: string,
  sim: SimController,
): AdminReply {
  const [first, second, third, fourth] = segments;
  const n = segments.length;
  if (method === 'PUT' && n === 1 && first === 'tickers') {
    sim.setTickers(parseJson(body) as Record<string, SimTicker>);
    return { status: 204 };
  }
  if (method === 'POST' && n === 1 && first === 'accounts') {
    return { status: 201, json: sim.addAccount(parseJson(body) as SimAccount) };
  }
  if (method === 'PATCH' && n === 4 && first === 'accounts' && fourth === 'balances') {
    const input = parseJson(body);
    const replace = field(input, 'replace');
    if (replace !== undefined && typeof replace !== 'boolean')
      throw new SimInputError('replace must be a boolean');
    const balances = field(input, 'balances') as Record<string, SimAssetBalance | null>;
    const wallet = field(input, 'wallet') as SimWallet | undefined;
    sim.setBalances(parseExchange(second), third ?? '', balances, { replace, wallet });
    return { status: 204 };
  }
  if (method === 'PATCH' && n === 3 && first === 'keys' && third === 'permissions') {
    sim.setKeyPermissions(second ?? '', parseJson(body) as Partial<SimPermissions>);
    return { status: 204 };
  }
  if (method === 'POST' && n === 3 && first === 'keys' && third === 'revoke') {
    sim.revokeKey(second ?? '');
    return { status: 200, json: { apiKey: second, revoked: true } };
  }
  if (method === 'GET' && n === 1 && first === 'orders')
    return { status: 200, json: { orders: sim.orders() } };
  if (n === 1 && first === 'faults') {
    if (method === 'POST') return { status: 201, json: { id: sim.addFault(parseJson(body) as SimFault) } };
    if (method === 'GET') return { status: 200, json: { faults: sim.faults() } };
    if (method === 'DELETE') {
      sim.clearFaults();
      return { status: 204 };
    }
  }
  if (n === 1 && first === 'rate-limits') {
    if (method === 'PUT') {
      // checked in full first, so a bad entry leaves the limits in force untouched
      const limits = parseRateLimits(parseJson(body), 'body');
      sim.clearRateLimits();
      for (const limit of limits) sim.setRateLimit(limit);
      return { status: 204 };
    }
    if (method === 'GET') return { status: 200, json: { rateLimits: sim.rateLimits() } };
    if (method === 'DELETE') {
      sim.clearRateLimits();
      return { status: 204 };
    }
  }
  if (method === 'GET' && first === 'rate-stats' && n <= 2) {
    const exchange = n === 2 ? second : (query.get('exchange') ?? undefined);
    return { status: 200, json: sim.rateStats(parseExchange(exchange)) };
  }
  if (n === 1 && first === 'venue-limits') {
    if (method === 'PUT') {
      sim.setVenueLimits(parseVenueLimitsMode(field(parseJson(body), 'mode'), 'mode'));
      return { status: 204 };
    }
    if (method === 'GET') return { status: 200, json: { mode: sim.venueLimits() } };
  }
  if (method === 'GET' && n === 2 && first === 'venue-limits')
    return { status: 200, json: { usage: sim.venueLimitUsage(parseExchange(second)) } };
  if (method === 'PUT' && n === 3 && first === 'keys' && third === 'kraken-tier') {
    sim.setKrakenTier(second ?? '', field(parseJson(body), 'tier') as KrakenTier);
    return { status: 204 };
  }
  if (method === 'GET' && n === 1 && first === 'requests')
    return { status: 200, json: { requests: sim.requests() } };
  if (method === 'POST' && n === 1 && first === 'reset') {
    sim.reset();
    return { status: 204 };
  }
  return { status: 404, json: { error: `no admin route ${method} ${ADMIN_PREFIX}/${segments.join('/')}` } };
}

export function handleAdmin(
  method: string,
  path: string,
  query: string,
  body: string,
  sim: SimController,
): AdminReply {
  try {
    const segments = path.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    return route(method, segments, new URLSearchParams(query), body, sim);
  } catch (error) {
    if (error instanceof SimInputError) return { status: error.status, json: { error: error.message } };
    if (error instanceof URIError)
      return { status: 400, json: { error: 'malformed percent-encoding in path' } };
    throw error;
  }
}
