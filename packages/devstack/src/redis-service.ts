// Picks the Redis for `npm start` / `npm test`: REDIS_URL, else local, else embedded js-redis-server.
import { describeError } from './describe-error';
import { startEmbeddedRedis } from './embedded-redis';
import { redactUrl } from './redact-url';
import { pingRedis } from './redis-ping';
import { ServiceUnavailableError } from './service-errors';
import type { ResolvedService } from './service-types';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export async function resolveRedis(
  configuredUrl: string | undefined,
  localUrl: string,
): Promise<ResolvedService> {
  if (configuredUrl) {
    try {
      await pingRedis(configuredUrl);
    } catch (error) {
      throw new ServiceUnavailableError(
        `REDIS_URL is set to ${redactUrl(configuredUrl)}, but that Redis doesn't answer PING: ${describeError(error)}.\n` +
          '  Start that server or correct REDIS_URL; or unset REDIS_URL to use Redis on 127.0.0.1:6379, ' +
          'or the embedded development fallback when there is none.',
      );
    }
    return {
      url: configuredUrl,
      embedded: false,
      notice: `Redis: REDIS_URL (${redactUrl(configuredUrl)})`,
      stop: async () => {},
    };
  }
  try {
    await pingRedis(localUrl, 1_000);
    return { url: localUrl, embedded: false, notice: `Redis: local ${localUrl}`, stop: async () => {} };
  } catch (error) {
    const redis = await startEmbeddedRedis();
    return {
      url: redis.url,
      embedded: true,
      notice:
        `Redis: EMBEDDED js-redis-server in this process at ${redis.url}, in memory\n` +
        `    (REDIS_URL is not set, and local ${new URL(localUrl).host}: ${describeError(error)})`,
      stop: () => redis.stop(),
    };
  }
}
