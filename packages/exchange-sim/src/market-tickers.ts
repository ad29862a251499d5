// Public spot tickers in each venue's own shapes (recorded responses: Binance /api/v3/ticker/24hr,
// OKX /api/v5/market/ticker(s), Kraken /0/public/Ticker, Bybit /v5/market/tickers). No key, no signature:
// anyone may read them.
import { decimalPlaces, normalizeDecimal, toFixedDecimal } from './decimal';

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

/** The day's high and low: the sim knows only the opening and the last price, so the range spans the two. */
function dayRange(t: TickerRow): { high: string; low: string } {
  const rising = Number(t.last) > Number(t.open24h);
  return rising ? { high: t.last, low: t.open24h } : { high: t.open24h, low: t.last };
}

export function binanceTicker24h(t: TickerRow, now: number) {
  const { absolute, percent } = change(t.last, t.open24h);
  const { high, low } = dayRange(t);
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
  const { high, low } = dayRange(t);
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

/** A price printed with at least `places` decimals and never rounded (Kraken pads to the pair's decimals). */
function padded(value: string, places: number): string {
  return toFixedDecimal(value, Math.max(places, decimalPlaces(normalizeDecimal(value))));
}

// https://docs.kraken.com/api/docs/rest-api/get-ticker-information: a/b [price, whole lot volume, lot
// volume], c [price, lot volume], v/p/t/l/h [today, last 24 h], o today's opening price (today starts at
// 00:00 UTC; the sim has one opening price and uses it); t counts trades as integers, the rest are strings.
export function krakenTicker(t: TickerRow) {
  const { high, low } = dayRange(t);
  const price = (value: string) => padded(value, 5);
  return {
    a: [price(t.last), '1', '1.000'],
    b: [price(t.last), '1', '1.000'],
    c: [price(t.last), '0.00100000'],
    v: ['400.00000000', '1000.00000000'],
    p: [price(t.last), price(t.last)],
    t: [400, 1000],
    l: [price(low), price(low)],
    h: [price(high), price(high)],
    o: price(t.open24h),
  };
}

// https://bybit-exchange.github.io/docs/v5/market/tickers (spot): price24hPcnt is a fraction ("0.0068"),
// usdIndexPrice only on pairs quoted in USDT or USDC, "" elsewhere.
export function bybitSpotTicker(t: TickerRow) {
  const { high, low } = dayRange(t);
  const o = Number(t.open24h);
  return {
    symbol: `${t.base}${t.quote}`,
    bid1Price: t.last,
    bid1Size: '1',
    ask1Price: t.last,
    ask1Size: '1',
    lastPrice: t.last,
    prevPrice24h: t.open24h,
    // display-only, like Binance's change fields above
    price24hPcnt: o === 0 ? '0' : ((Number(t.last) - o) / o).toFixed(4),
    highPrice24h: high,
    lowPrice24h: low,
    turnover24h: String(Number(t.last) * 1000),
    volume24h: '1000',
    usdIndexPrice: t.quote === 'USDT' || t.quote === 'USDC' ? t.last : '',
  };
}
