// Password guessing: after a few failed sign-ins an email (from any IP), or an IP (for any email), is made to
// wait; a success clears the email's count.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { rateLimitedError } from './rate-limited-error';

export interface SignInGuardOptions {
  /** Failed sign-ins per email in 15 minutes before it must wait. */
  failuresPerEmail: number;
  /** Failed sign-ins per IP in 15 minutes (many emails tried from one place). */
  failuresPerIp: number;
}

const WINDOW_S = 15 * 60;
// emails are personal data: counted under a hash, never written to Redis in clear
const emailKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

export class SignInGuard {
  private readonly byEmail: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, options: SignInGuardOptions) {
    this.byEmail = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:signin-email`,
      points: options.failuresPerEmail,
      duration: WINDOW_S,
    });
    this.byIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:signin-ip`,
      points: options.failuresPerIp,
      duration: WINDOW_S,
    });
  }

  /** Throws RATE_LIMITED while this email or this IP has used up its failures. */
  async check(email: string, ip: string): Promise<void> {
    const [byEmail, byIp] = await Promise.all([
      this.byEmail.get(emailKey(email)).catch(() => null),
      this.byIp.get(ip).catch(() => null),
    ]);
    for (const [used, limiter] of [
      [byEmail, this.byEmail],
      [byIp, this.byIp],
    ] as const) {
      if (used && used.consumedPoints >= limiter.points)
        throw rateLimitedError(used.msBeforeNext, 'Too many failed sign-ins.');
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([
      // best effort: an unreachable Redis must not turn a wrong password into an outage
      this.byEmail.penalty(emailKey(email), 1).catch(() => undefined),
      this.byIp.penalty(ip, 1).catch(() => undefined),
    ]);
  }

  async succeeded(email: string): Promise<void> {
    await this.byEmail.delete(emailKey(email)).catch(() => undefined);
  }
}
