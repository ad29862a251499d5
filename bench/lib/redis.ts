// The bench's own Redis key space: a random prefix per run, deleted at the end.
import type { Redis } from 'ioredis';

/** Deletes every key under `${prefix}:` (SCAN, so the server is never blocked). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) deleted += await redis.del(...found);
  } while (cursor !== '0');
  return deleted;
}
