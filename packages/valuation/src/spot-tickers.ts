import { z } from 'zod';

/** One exchange's spot tickers, keyed by base and quote written together ("BTCUSDT"): Binance's and Bybit's
 * own symbols, OKX's instIds without the dash, Kraken's pair names split into ccxt's codes (XXBTZUSD is
 * BTCUSD). Prices are exact decimal strings; `open24h` is the price 24 h ago, except on Kraken, which gives
 * only the day's opening price (from 00:00 UTC). */
export const SpotTickersSchema = z.object({
  exchangeId: z.string(),
  /** Epoch ms when the exchange answered. */
  fetchedAt: z.number(),
  tickers: z.record(z.string(), z.object({ last: z.string(), open24h: z.string().nullable() }).strict()),
});
export type SpotTickers = z.infer<typeof SpotTickersSchema>;
export type SpotTicker = SpotTickers['tickers'][string];

export const tickerKey = (base: string, quote: string) => `${base}${quote}`;
