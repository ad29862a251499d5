// Requests per minute per API token, per signed-in user, per IP for the anonymous; counted in Redis so every
// api instance shares the count.
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '../context';
import { rateLimitedError } from './rate-limited-error';

export interface RequestRateOptions {
  perMinute: number;
  anonymousPerMinute: number;
}

export class RequestRateLimits {
  private readonly signedIn: RateLimiterRedis;
  private readonly anonymous: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, options: RequestRateOptions) {
    this.signedIn = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rate`,
      points: options.perMinute,
      duration: 60,
    });
    this.anonymous = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rate-anon`,
      points: options.anonymousPerMinute,
      duration: 60,
    });
  }

  /** Counts one request; throws RATE_LIMITED (429, Retry-After) past the limit. A Redis failure lets it pass. */
  async take(viewer: Viewer | null, clientIp: string): Promise<void> {
    const [limiter, key] = viewer
      ? [this.signedIn, viewer.tokenId ? `token:${viewer.tokenId}` : `user:${viewer.userId}`]
      : [this.anonymous, `ip:${clientIp}`];
    try {
      await limiter.consume(key, 1);
    } catch (error) {
      // a limit, not an outage: an unreachable Redis must not take the API down with it
      if (error instanceof RateLimiterRes) throw rateLimitedError(error.msBeforeNext, 'Too many requests.');
    }
  }
}
