import { portfolioUpdated, publishEvents } from '@keyport/events/topics';
import { fetchSpotTickers, hasSpotTickers } from '@keyport/exchange/spot-tickers';
import { claimTickerRefresh, storeTickers } from '@keyport/valuation/ticker-cache';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

/** Exchanges whose prices someone needs: those with a connected account. */
async function pricedExchanges(deps: JobsDeps): Promise<string[]> {
  const rows = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ exchange_id: string }[]>(
      "select distinct exchange_id from exchange_connections where deleted_at is null and status = 'CONNECTED'",
    );
  return rows.map((row) => row.exchange_id).filter(hasSpotTickers);
}

/**
 * Keeps each exchange's spot tickers fresh in Redis for every api process to value portfolios with: one
 * public request per exchange per interval across all workers (a Redis claim), never one per connection.
 */
export async function refreshPrices(deps: JobsDeps): Promise<number> {
  const { config } = deps;
  let stored = 0;
  for (const exchangeId of await pricedExchanges(deps)) {
    // a bit shorter than the interval, so the next sweep of any worker can take it again
    const claimed = await claimTickerRefresh(
      deps.redis,
      config.REDIS_PREFIX,
      exchangeId,
      config.PRICE_REFRESH_MS * 0.9,
    );
    if (!claimed) continue;
    try {
      const book = await fetchSpotTickers({
        exchangeId,
        urlOverrides: config.urlOverrides,
        timeoutMs: config.EXCHANGE_TIMEOUT_MS,
        throttle: deps.budget,
      });
      await storeTickers(deps.redis, config.REDIS_PREFIX, book);
      stored += 1;
      await tellOwners(deps, exchangeId);
    } catch (error) {
      deps.logger.warn(
        { exchangeId, err: (error as Error).message },
        'spot tickers not refreshed; prices may go stale',
      );
    }
  }
  return stored;
}

/** New prices change every portfolio holding that exchange: its owners' live views value again. */
async function tellOwners(deps: JobsDeps, exchangeId: string): Promise<void> {
  const owners = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ owner_id: string }[]>(
      "select distinct owner_id from exchange_connections where exchange_id = ? and deleted_at is null and status = 'CONNECTED'",
      [exchangeId],
    );
  const at = Date.now();
  await publishEvents(
    deps.publisher,
    deps.config.REDIS_PREFIX,
    'portfolio-updated',
    owners.map((row) => portfolioUpdated(row.owner_id, at)),
  );
}

export function startPriceRefresher(deps: JobsDeps): { stop(): void; refresh(): Promise<number> } {
  const periodic = startPeriodic(
    deps,
    'price refresh',
    deps.config.PRICE_REFRESH_MS,
    () => refreshPrices(deps),
    {
      immediately: true,
    },
  );
  return { stop: periodic.stop, refresh: periodic.run };
}
