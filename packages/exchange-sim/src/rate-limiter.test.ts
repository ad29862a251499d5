import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

// Two client IPs cannot be faked through ccxt on every OS, so per-IP isolation is checked on the limiter itself.
describe('RateLimiter', () => {
  it('limits and bans each client IP on its own, and sums served requests across IPs in rateStats', () => {
    const limiter = new RateLimiter([{ exchange: 'binance', limit: 1, banAfter: 0, banMs: 60_000 }]);
    const admit = (ip: string, at: number) => limiter.admit('binance', ip, 20, at, 418).kind;
    expect([admit('10.0.0.1', 0), admit('10.0.0.1', 1), admit('10.0.0.1', 2)]).toEqual([
      'served',
      'rate-limited',
      'ip-banned',
    ]);
    expect(admit('10.0.0.2', 3)).toBe('served');
    expect(limiter.admit('okx', '10.0.0.1', 1, 4, 429).kind).toBe('served');
    expect(limiter.admit('binance', '10.0.0.2', 20, 5, 418)).toMatchObject({
      kind: 'rate-limited',
      usedWeight: 40,
    });
    expect(limiter.statsFor('binance')).toEqual({
      served: 2,
      rejected429: 2,
      rejected418: 1,
      maxInAnyWindow: 2,
    });
  });

  it('forgets idle IPs, so a long-running sim does not grow with every client it has seen', () => {
    const limiter = new RateLimiter([]);
    for (let i = 0; i < 5000; i++) limiter.admit('okx', `10.1.${i >> 8}.${i & 255}`, 1, 0, 429);
    for (let i = 0; i < 1000; i++) limiter.admit('okx', '10.2.0.1', 1, 61_000 + i, 429);
    expect(limiter.trackedIps()).toBe(1);
  });
});
