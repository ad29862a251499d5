import { randomBytes } from 'node:crypto';
import { RateBudgetError } from '@keyport/exchange/request-throttle';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExchangeRateLimits, parseRateLimits } from './rate-limit-config';
import { SharedRequestBudget } from './shared-request-budget';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kprl-${randomBytes(4).toString('hex')}`;
// two connections stand for two worker processes
const redisA = new Redis(url);
const redisB = new Redis(url);

afterAll(async () => {
  const keys = await redisA.keys(`${prefix}:*`);
  if (keys.length > 0) await redisA.del(...keys);
  redisA.disconnect();
  redisB.disconnect();
});

function budgets(egress = 'ip-1', options: { maxWaitMs?: number; costPerSecond?: number } = {}) {
  const limits: ExchangeRateLimits = options.costPerSecond
    ? { binance: { costPerSecond: options.costPerSecond } }
    : {};
  return [redisA, redisB].map(
    (redis) => new SharedRequestBudget({ redis, prefix, egress, limits, maxWaitMs: options.maxWaitMs }),
  ) as [SharedRequestBudget, SharedRequestBudget];
}

describe('shared request budget', () => {
  it('spaces the requests of two processes as one client would (cost × ms per cost)', async () => {
    const [a, b] = budgets('spacing');
    const granted: number[] = [];
    const started = Date.now();
    // 8 requests of cost 2 at 25 ms per cost: one every 50 ms across both processes
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).take('binance', 2, 25).then(() => granted.push(Date.now() - started)),
      ),
    );
    granted.sort((x, y) => x - y);
    expect(granted.at(-1)).toBeGreaterThanOrEqual(7 * 50 - 5);
    for (let i = 1; i < granted.length; i++)
      expect((granted[i] as number) - (granted[i - 1] as number)).toBeGreaterThanOrEqual(40);
  });

  it('passes more than 1,000 requests a second when the budget allows it, still spaced', async () => {
    const [a, b] = budgets('fast', { costPerSecond: 20_000 });
    const started = performance.now();
    // 2,000 requests at 50 µs each: ~100 ms in all (a slot per whole millisecond would take 2 s)
    await Promise.all(Array.from({ length: 2000 }, (_, i) => (i % 2 ? a : b).take('binance', 1, 1)));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('keeps separate budgets per exchange and per egress IP', async () => {
    const [one] = budgets('ip-x');
    const [other] = budgets('ip-y');
    const started = Date.now();
    await Promise.all([one.take('binance', 1, 300), other.take('binance', 1, 300), one.take('okx', 1, 300)]);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('uses the configured budget instead of ccxt’s published one', async () => {
    const [a] = budgets('configured', { costPerSecond: 100 });
    const started = Date.now();
    // published 500 ms per cost would take 2 s; configured 10 ms per cost takes ~40 ms
    for (let i = 0; i < 5; i++) await a.take('binance', 1, 500);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('after a 429 stops every process from sending until the exchange’s Retry-After has passed', async () => {
    const [a, b] = budgets('tripped');
    await a.trip('binance', 300);
    const refused = await b.take('binance', 1, 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateBudgetError);
    expect((refused as RateBudgetError).retryAfterMs).toBeGreaterThan(200);
    expect((refused as RateBudgetError).retryAfterMs).toBeLessThanOrEqual(300);
    await b.trip('binance', 50); // a shorter report never shortens the ban
    expect(await a.openFor('binance')).toBeGreaterThan(200);
    await new Promise((resolve) => setTimeout(resolve, 320));
    await expect(b.take('binance', 1, 1)).resolves.toBeUndefined();
  });

  it('refuses at once, without booking, a request that would wait longer than a job should', async () => {
    const [a, b] = budgets('long-queue', { maxWaitMs: 100 });
    await a.take('binance', 1, 80);
    const queued = a.take('binance', 1, 80); // booked 80 ms out; the next free slot is 160 ms out
    const refused = await b.take('binance', 1, 80).catch((error: unknown) => error);
    await queued;
    // the refused request booked nothing: the next one gets the slot right after the queued one
    const started = Date.now();
    await b.take('binance', 1, 80);
    expect(Date.now() - started).toBeLessThan(120);
    expect(refused).toBeInstanceOf(RateBudgetError);
    expect((refused as RateBudgetError).why).toBe('queue-too-long');
  });

  it('explains a bad EXCHANGE_RATE_LIMITS value', () => {
    expect(parseRateLimits(undefined)).toEqual({});
    expect(parseRateLimits('{"okx":{"costPerSecond":4.5}}')).toEqual({ okx: { costPerSecond: 4.5 } });
    expect(() => parseRateLimits('nope')).toThrow(/JSON object/);
    expect(() => parseRateLimits('{"okx":{"costPerSecond":0}}')).toThrow(/okx.costPerSecond/);
    expect(() => parseRateLimits('{"okx":5}')).toThrow(/positive number/);
  });
});
