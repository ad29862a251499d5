import { z } from 'zod';

/** One exchange's spot tickers, keyed by base and quote written together ("BTCUSDT"): Binance's own
 * symbols, and OKX's instIds without the dash. Prices are exact decimal strings. */
export const SpotTickersSchema = z.object({
  exchangeId: z.string(),
  /** Epoch ms when the exchange answered. */
  fetchedAt: z.number(),
  tickers: z.record(z.string(), z.object({ last: z.string(), open24h: z.string().nullable() }).strict()),
});
export type SpotTickers = z.infer<typeof SpotTickersSchema>;
export type SpotTicker = SpotTickers['tickers'][string];

export const tickerKey = (base: string, quote: string) => `${base}${quote}`;
