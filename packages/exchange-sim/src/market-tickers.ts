// Public spot tickers in each venue's own shapes (recorded responses: Binance /api/v3/ticker/24hr,
// OKX /api/v5/market/tickers). No key, no signature: anyone may read them.
import { toFixedDecimal } from './decimal';

export interface TickerRow {
  base: string;
  quote: string;
  last: string;
  open24h: string;
}

function change(last: string, open: string): { absolute: string; percent: string } {
  const l = Number(last);
  const o = Number(open);
  // display-only fields of the venue; amounts the client relies on (last, open) stay exact strings
  return { absolute: (l - o).toFixed(8), percent: o === 0 ? '0.000' : (((l - o) / o) * 100).toFixed(3) };
}

export function binanceTicker24h(t: TickerRow, now: number) {
  const { absolute, percent } = change(t.last, t.open24h);
  const high = Number(t.last) > Number(t.open24h) ? t.last : t.open24h;
  const low = Number(t.last) > Number(t.open24h) ? t.open24h : t.last;
  return {
    symbol: `${t.base}${t.quote}`,
    priceChange: absolute,
    priceChangePercent: percent,
    weightedAvgPrice: toFixedDecimal(t.last, 8),
    prevClosePrice: toFixedDecimal(t.open24h, 8),
    lastPrice: toFixedDecimal(t.last, 8),
    lastQty: '0.00100000',
    bidPrice: toFixedDecimal(t.last, 8),
    bidQty: '1.00000000',
    askPrice: toFixedDecimal(t.last, 8),
    askQty: '1.00000000',
    openPrice: toFixedDecimal(t.open24h, 8),
    highPrice: toFixedDecimal(high, 8),
    lowPrice: toFixedDecimal(low, 8),
    volume: '1000.00000000',
    quoteVolume: toFixedDecimal(String(Number(t.last) * 1000), 8),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: 1,
    lastId: 1000,
    count: 1000,
  };
}

export function okxTicker(t: TickerRow, now: number) {
  const high = Number(t.last) > Number(t.open24h) ? t.last : t.open24h;
  const low = Number(t.last) > Number(t.open24h) ? t.open24h : t.last;
  return {
    instType: 'SPOT',
    instId: `${t.base}-${t.quote}`,
    last: t.last,
    lastSz: '0.001',
    askPx: t.last,
    askSz: '1',
    bidPx: t.last,
    bidSz: '1',
    open24h: t.open24h,
    high24h: high,
    low24h: low,
    volCcy24h: String(Number(t.last) * 1000),
    vol24h: '1000',
    ts: String(now),
    sodUtc0: t.open24h,
    sodUtc8: t.open24h,
  };
}
