import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis clients by role. Workers and subscribers wait through outages (BullMQ needs
 * maxRetriesPerRequest: null); producers fail fast so a request never hangs on a dead Redis.
 */
export function createRedis(url: string, role: 'worker' | 'producer' | 'subscriber'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }
      : { maxRetriesPerRequest: null };
  return new Redis(url, { ...options, connectionName: `keyport-${role}` });
}
