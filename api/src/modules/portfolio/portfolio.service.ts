import { loadTickers } from '@keyport/valuation/ticker-cache';
import {
  type Holding,
  type PortfolioValuation,
  type Quote,
  valuePortfolio,
} from '@keyport/valuation/value-portfolio';
import type { Context, Viewer } from '../../context';

/** A price older than this is still used, but the portfolio says it is stale. */
export const STALE_AFTER_MS = 2 * 60_000;

/** Every current balance of the viewer's live connections, as exact decimal strings. */
async function holdingsOf(ctx: Context, viewer: Viewer): Promise<Holding[]> {
  const rows = await ctx.em
    .getConnection()
    .execute<{ connection_id: string; exchange_id: string; asset: string; total: string }[]>(
      `select b.connection_id, c.exchange_id, b.asset, b.total::text as total
     from balances b join exchange_connections c on c.id = b.connection_id
     where c.owner_id = ? and c.deleted_at is null
     order by c.created_at, b.asset`,
      [viewer.userId],
    );
  return rows.map((r) => ({
    connectionId: r.connection_id,
    exchangeId: r.exchange_id,
    asset: r.asset,
    total: r.total,
  }));
}

/** The viewer's holdings valued in `quote` from the spot tickers the workers keep in Redis. */
export async function viewerPortfolio(
  ctx: Context,
  viewer: Viewer,
  quote: Quote,
): Promise<PortfolioValuation> {
  const holdings = await holdingsOf(ctx, viewer);
  const exchangeIds = [...new Set(holdings.map((h) => h.exchangeId))];
  const books = await loadTickers(ctx.deps.cache, ctx.deps.redisPrefix, exchangeIds);
  return valuePortfolio(holdings, books, { quote, now: Date.now(), staleAfterMs: STALE_AFTER_MS });
}
