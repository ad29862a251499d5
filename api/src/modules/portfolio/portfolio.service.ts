import { type HistoryQuote, loadHistory, loadHoldings } from '@keyport/db/portfolio-rows';
import { loadTickers } from '@keyport/valuation/ticker-cache';
import {
  type PortfolioValuation,
  type Quote,
  STALE_AFTER_MS,
  valuePortfolio,
} from '@keyport/valuation/value-portfolio';
import type { Context, Viewer } from '../../context';

/** The viewer's holdings valued in `quote` from the spot tickers the workers keep in Redis. */
export async function viewerPortfolio(
  ctx: Context,
  viewer: Viewer,
  quote: Quote,
): Promise<PortfolioValuation> {
  const holdings = await loadHoldings(ctx.em, viewer.userId);
  const exchangeIds = [...new Set(holdings.map((h) => h.exchangeId))];
  const books = await loadTickers(ctx.deps.cache, ctx.deps.redisPrefix, exchangeIds);
  return valuePortfolio(holdings, books, { quote, now: Date.now(), staleAfterMs: STALE_AFTER_MS });
}

export const HISTORY_RANGES = { DAY: 1, WEEK: 7, MONTH: 30, YEAR: 365, ALL: 36_500 } as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;

export function viewerHistory(ctx: Context, viewer: Viewer, range: HistoryRange, quote: HistoryQuote) {
  const since = new Date(Date.now() - HISTORY_RANGES[range] * 86_400_000);
  return loadHistory(ctx.em, viewer.userId, since, quote);
}
