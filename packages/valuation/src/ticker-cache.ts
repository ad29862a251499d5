// Spot tickers shared by every process through Redis: workers write one entry per exchange, the api
// reads them to value portfolios (it never calls an exchange). Losing Redis loses only prices, which
// the next refresh brings back.
import type { Redis } from 'ioredis';
import { type SpotTickers, SpotTickersSchema } from './spot-tickers';

/** Past this a cached book is gone; long enough to outlive a few missed refreshes, then shown as missing. */
export const TICKER_TTL_SECONDS = 15 * 60;

const cacheKey = (prefix: string, exchangeId: string) => `${prefix}:tickers:${exchangeId}`;

export async function storeTickers(redis: Redis, prefix: string, book: SpotTickers): Promise<void> {
  await redis.set(cacheKey(prefix, book.exchangeId), JSON.stringify(book), 'EX', TICKER_TTL_SECONDS);
}

/** The cached books of these exchanges; a missing or unreadable one is left out. */
export async function loadTickers(
  redis: Redis,
  prefix: string,
  exchangeIds: readonly string[],
): Promise<Map<string, SpotTickers>> {
  const books = new Map<string, SpotTickers>();
  if (exchangeIds.length === 0) return books;
  const raw = await redis.mget(...exchangeIds.map((id) => cacheKey(prefix, id)));
  for (const value of raw) {
    if (!value) continue;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      continue;
    }
    const parsed = SpotTickersSchema.safeParse(json);
    if (parsed.success) books.set(parsed.data.exchangeId, parsed.data);
  }
  return books;
}

/** Takes the refresh of one exchange's tickers for `ms`, so many workers fetch it once, not once each. */
export async function claimTickerRefresh(redis: Redis, prefix: string, exchangeId: string, ms: number) {
  return (await redis.set(`${prefix}:tickers-refresh:${exchangeId}`, '1', 'PX', ms, 'NX')) === 'OK';
}
