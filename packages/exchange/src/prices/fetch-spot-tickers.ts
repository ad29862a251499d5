// An exchange's public spot tickers in one request, read through ccxt's implicit endpoints: no markets
// loaded (Binance alone would add several MB and requests per process) and no key needed.
import type { SpotTickers } from '@keyport/valuation/spot-tickers';
import type { Exchange } from 'ccxt';
import { ClientPool } from '../client/client-pool';
import type { RequestThrottle } from '../client/request-throttle';
import { krakenNamesOf, krakenTickerKey } from './kraken-pair';

type Json = Record<string, unknown>;
type Call = (method: string, params?: Json) => Promise<unknown>;
type Fetcher = (call: Call, exchange: Exchange) => Promise<SpotTickers['tickers']>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

const FETCHERS: Record<string, Fetcher> = {
  // GET /api/v3/ticker/24hr: every symbol, "BTCUSDT" with lastPrice and openPrice
  binance: async (call) => {
    const rows = (await call('publicGetTicker24hr')) as Json[];
    const tickers: SpotTickers['tickers'] = {};
    for (const row of Array.isArray(rows) ? rows : []) {
      const symbol = text(row.symbol);
      const last = text(row.lastPrice);
      if (symbol && last) tickers[symbol] = { last, open24h: text(row.openPrice) };
    }
    return tickers;
  },
  // GET /api/v5/market/tickers?instType=SPOT: "BTC-USDT" with last and open24h
  okx: async (call) => {
    const body = (await call('publicGetMarketTickers', { instType: 'SPOT' })) as { data?: Json[] };
    const tickers: SpotTickers['tickers'] = {};
    for (const row of Array.isArray(body?.data) ? body.data : []) {
      const instId = text(row.instId);
      const last = text(row.last);
      if (instId && last) tickers[instId.replace('-', '')] = { last, open24h: text(row.open24h) };
    }
    return tickers;
  },
  // GET /0/public/Ticker: every pair under Kraken's names ("XXBTZUSD", "XBTUSDT"), last trade c[0], o
  // today's opening price (from 00:00 UTC, https://docs.kraken.com/api/docs/rest-api/get-ticker-information)
  kraken: async (call, exchange) => {
    const body = (await call('publicGetTicker')) as { result?: Record<string, Json> };
    const names = krakenNamesOf(exchange);
    const tickers: SpotTickers['tickers'] = {};
    for (const [pair, row] of Object.entries(body?.result ?? {})) {
      const key = krakenTickerKey(pair, names);
      const last = Array.isArray(row?.c) ? text(row.c[0]) : null;
      if (key && last) tickers[key] = { last, open24h: text(row.o) };
    }
    return tickers;
  },
  // GET /v5/market/tickers?category=spot: "BTCUSDT" with lastPrice and prevPrice24h (the price 24 h ago)
  bybit: async (call) => {
    const body = (await call('publicGetV5MarketTickers', { category: 'spot' })) as {
      result?: { list?: Json[] };
    };
    const tickers: SpotTickers['tickers'] = {};
    for (const row of Array.isArray(body?.result?.list) ? body.result.list : []) {
      const symbol = text(row.symbol);
      const last = text(row.lastPrice);
      if (symbol && last) tickers[symbol] = { last, open24h: text(row.prevPrice24h) };
    }
    return tickers;
  },
};
FETCHERS.myokx = FETCHERS.okx as Fetcher;

export function hasSpotTickers(exchangeId: string): boolean {
  return exchangeId in FETCHERS;
}

const publicPool = new ClientPool({ maxIdlePerExchange: 2 });

export interface TickerSource {
  exchangeId: string;
  urlOverrides?: Record<string, string>;
  timeoutMs?: number;
  throttle?: RequestThrottle;
}

/** One request for all of an exchange's spot prices; throws ccxt's errors as they come. */
export async function fetchSpotTickers(source: TickerSource, pool = publicPool): Promise<SpotTickers> {
  const fetcher = FETCHERS[source.exchangeId];
  if (!fetcher) throw new Error(`no spot price source for ${source.exchangeId} yet`);
  const lease = pool.lease({ ...source, sandbox: false, credentials: {} });
  try {
    const implicit = lease.exchange as unknown as Record<string, (params?: Json) => Promise<unknown>>;
    const tickers = await fetcher(
      (method, params) =>
        (implicit[method] as (p?: Json) => Promise<unknown>).call(lease.exchange, params ?? {}),
      lease.exchange,
    );
    return { exchangeId: source.exchangeId, fetchedAt: Date.now(), tickers };
  } catch (error) {
    // the pause a refusal asked for is in the shared budget before the caller hears of it
    await lease.settled();
    throw error;
  } finally {
    lease.release();
  }
}
