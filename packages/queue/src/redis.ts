import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis clients by role. Workers and subscribers wait through outages (BullMQ needs
 * maxRetriesPerRequest: null); producers fail fast so a request never hangs on a dead Redis.
 * `onError` hears the first error of each outage (ioredis retries every second or so; one line is enough);
 * without it ioredis prints every one to the console.
 */
export function createRedis(
  url: string,
  role: 'worker' | 'producer' | 'subscriber',
  onError?: (error: Error) => void,
): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }
      : { maxRetriesPerRequest: null };
  const client = new Redis(url, { ...options, connectionName: `keyport-${role}` });
  if (onError) {
    let told = false;
    client.on('error', (error: Error) => {
      if (!told) onError(error);
      told = true;
    });
    client.on('ready', () => {
      told = false;
    });
  }
  return client;
}
