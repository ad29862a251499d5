import {
  downsampleSnapshots,
  insertSnapshot,
  loadHoldings,
  ownersWithConnectedAccounts,
} from '@keyport/db/portfolio-rows';
import { loadTickers } from '@keyport/valuation/ticker-cache';
import { STALE_AFTER_MS, valuePortfolio } from '@keyport/valuation/value-portfolio';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

/** One history point per owner with a connected account, valued from the shared tickers; then downsampling. */
export async function takeSnapshots(deps: JobsDeps, now = new Date()): Promise<number> {
  const em = deps.orm.em.fork();
  let taken = 0;
  for (const ownerId of await ownersWithConnectedAccounts(em)) {
    const holdings = await loadHoldings(em, ownerId);
    if (holdings.length === 0) continue;
    const books = await loadTickers(deps.redis, deps.config.REDIS_PREFIX, [
      ...new Set(holdings.map((h) => h.exchangeId)),
    ]);
    const value = (quote: 'USD' | 'EUR' | 'BTC') =>
      valuePortfolio(holdings, books, { quote, now: now.getTime(), staleAfterMs: STALE_AFTER_MS });
    const [usd, eur, btc] = [value('USD'), value('EUR'), value('BTC')];
    // no price at all yet (workers just started): no point rather than a false zero
    if (usd.pricesAt === null && usd.assets.every((a) => a.value === null)) continue;
    const valued = (v: ReturnType<typeof value>) => (v.assets.some((a) => a.value !== null) ? v.total : null);
    await insertSnapshot(em, {
      ownerId,
      takenAt: now,
      valueUsd: valued(usd),
      valueEur: valued(eur),
      valueBtc: valued(btc),
      complete: usd.unpricedAssets.length === 0,
    });
    taken += 1;
  }
  await downsampleSnapshots(em, now);
  return taken;
}

/** Snapshots on an interval, one round per interval across all workers (a Redis claim). */
export function startSnapshotter(deps: JobsDeps): { stop(): void; take(): Promise<number> } {
  const every = deps.config.SNAPSHOT_INTERVAL_MS;
  const round = async () => {
    const claimed = await deps.redis.set(
      `${deps.config.REDIS_PREFIX}:snapshot-round`,
      '1',
      'PX',
      Math.floor(every * 0.9),
      'NX',
    );
    return claimed === 'OK' ? takeSnapshots(deps) : 0;
  };
  const periodic = startPeriodic(deps, 'portfolio snapshots', every, round);
  return { stop: periodic.stop, take: () => takeSnapshots(deps) };
}
