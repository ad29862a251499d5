import { randomBytes } from 'node:crypto';
import { type Booking, type BudgetScope, RateBudgetError } from '@keyport/exchange/request-throttle';
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

interface Grant {
  exchangeId: string;
  slotUs: number;
  waitUs: number;
}

/** Two processes' budgets on one egress, and the slots they granted (µs on Redis' clock), in the order they went. */
function budgets(egress = 'ip-1', options: { maxWaitMs?: number; costPerSecond?: number } = {}) {
  const limits: ExchangeRateLimits = options.costPerSecond
    ? { binance: { costPerSecond: options.costPerSecond } }
    : {};
  const grants: Grant[] = [];
  const [a, b] = [redisA, redisB].map(
    (redis) =>
      new SharedRequestBudget({
        redis,
        prefix,
        egress,
        limits,
        maxWaitMs: options.maxWaitMs,
        onGrant: (exchangeId, grant) => void grants.push({ exchangeId, ...grant }),
      }),
  ) as [SharedRequestBudget, SharedRequestBudget];
  return { a, b, grants };
}

/** A request drawing on the egress IP's scope only, as most exchanges count. */
const ip = (cost: number, msPerCost: number, burstMs = 0): Booking[] => [
  { scope: 'ip', cost, msPerCost, burstMs },
];
const key = (id: string, cost: number, msPerCost: number, burstMs = 0): Booking => ({
  scope: `key:${id}`,
  cost,
  msPerCost,
  burstMs,
});

/** Gaps between the granted slots in slot order, µs. */
function gaps(grants: readonly Grant[]): number[] {
  const slots = grants.map((g) => g.slotUs).sort((x, y) => x - y);
  return slots.slice(1).map((slot, i) => slot - (slots[i] as number));
}

/** The next free slot the budget holds in Redis for an exchange on an egress, µs. */
const nextSlot = async (exchangeId: string, egress: string) =>
  Number(await redisA.get(`${prefix}:limits-us:${exchangeId}:${egress}`));

describe('shared request budget', () => {
  // what is asserted is what the budget decided (the slots it booked in Redis) and that no request left before
  // its slot: a loaded machine only delays requests, which neither can fail on
  it('spaces the requests of two processes as one client would (cost × ms per cost)', async () => {
    const { a, b, grants } = budgets('spacing');
    // 8 requests of cost 2 at 25 ms per cost: one every 50 ms across both processes
    const waited = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const called = performance.now();
        await (i % 2 ? a : b).take('binance', ip(2, 25));
        return performance.now() - called;
      }),
    );
    expect(grants).toHaveLength(8);
    for (const gap of gaps(grants)) expect(gap).toBeGreaterThanOrEqual(50_000);
    // each went no earlier than its slot (whole-millisecond timers may wake a fraction early)
    const slowest = Math.max(...waited);
    expect(slowest).toBeGreaterThanOrEqual(Math.max(...grants.map((g) => g.waitUs)) / 1000 - 1);
    expect(slowest).toBeGreaterThanOrEqual(7 * 50 - 1);
  });

  it('passes more than 1,000 requests a second when the budget allows it, still spaced', async () => {
    const { a, b, grants } = budgets('fast', { costPerSecond: 20_000 });
    const started = performance.now();
    // 2,000 requests at 50 µs each: slots 50 µs apart (a slot per whole millisecond would take 2 s)
    await Promise.all(Array.from({ length: 2000 }, (_, i) => (i % 2 ? a : b).take('binance', ip(1, 1))));
    const elapsed = performance.now() - started;
    const slots = gaps(grants);
    expect(slots).toHaveLength(1999);
    for (const gap of slots) expect(gap).toBeGreaterThanOrEqual(50);
    // a request that found the budget busy got the very next slot, 50 µs after the one before: never possible
    // with a slot per whole millisecond (how many did depends on how fast Redis answered, so that is not counted)
    expect(grants.some((g) => g.waitUs > 0)).toBe(true);
    expect(slots).toContain(50);
    // and the last left no earlier than its slot
    const span = (Math.max(...grants.map((g) => g.slotUs)) - Math.min(...grants.map((g) => g.slotUs))) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(span - 1);
  });

  it('keeps separate budgets per exchange and per egress IP', async () => {
    const one = budgets('ip-x');
    const other = budgets('ip-y');
    await Promise.all([
      one.a.take('binance', ip(1, 300)),
      other.a.take('binance', ip(1, 300)),
      one.a.take('okx', ip(1, 300)),
    ]);
    // none waited for another: each was first in its own budget, which now holds one booking of 300 ms
    expect([...one.grants, ...other.grants].map((g) => g.waitUs)).toEqual([0, 0, 0]);
    const slotOf = (grants: Grant[], exchangeId: string) =>
      grants.find((g) => g.exchangeId === exchangeId)?.slotUs;
    expect((await nextSlot('binance', 'ip-x')) - (slotOf(one.grants, 'binance') ?? 0)).toBe(300_000);
    expect((await nextSlot('okx', 'ip-x')) - (slotOf(one.grants, 'okx') ?? 0)).toBe(300_000);
    expect((await nextSlot('binance', 'ip-y')) - (slotOf(other.grants, 'binance') ?? 0)).toBe(300_000);
  });

  it('uses the configured budget instead of ccxt’s published one', async () => {
    const { a, grants } = budgets('configured', { costPerSecond: 100 });
    // published 500 ms per cost would book a slot every 500 ms; configured 10 ms per cost, every 10 ms
    for (let i = 0; i < 5; i++) await a.take('binance', ip(1, 500));
    expect(grants).toHaveLength(5);
    // (plus under 1 ms: a request due that soon goes at once instead of sleeping, so the next books a little early)
    for (const grant of grants) expect(grant.waitUs).toBeLessThan(11_000);
    for (const gap of gaps(grants)) expect(gap).toBeGreaterThanOrEqual(10_000);
    // the next free slot the budget holds in Redis is one configured cost after the last
    expect((await nextSlot('binance', 'configured')) - (grants.at(-1)?.slotUs ?? 0)).toBe(10_000);
  });

  it('after a 429 stops every process from sending until the exchange’s Retry-After has passed', async () => {
    const { a, b } = budgets('tripped');
    const tripped = performance.now();
    await a.trip('binance', { scope: 'ip', ms: 300 });
    const refused = await b.take('binance', ip(1, 1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateBudgetError);
    // what is left of the 300 ms, less only the time that has passed since (PTTL counts whole milliseconds)
    const since = () => performance.now() - tripped;
    expect((refused as RateBudgetError).retryAfterMs).toBeGreaterThanOrEqual(300 - since() - 1);
    expect((refused as RateBudgetError).retryAfterMs).toBeLessThanOrEqual(300);
    await b.trip('binance', { scope: 'ip', ms: 50 }); // a shorter report never shortens the ban
    const left = await a.openFor('binance');
    expect(left).toBeGreaterThanOrEqual(300 - since() - 1);
    // closed again once the 300 ms are over, not before
    await expect.poll(() => a.openFor('binance'), { timeout: 5_000, interval: 20 }).toBe(0);
    expect(since()).toBeGreaterThanOrEqual(299);
    await expect(b.take('binance', ip(1, 1))).resolves.toBeUndefined();
  });

  it('refuses at once, without booking, a request that would wait longer than a job should', async () => {
    // slots of 400 ms and at most 500 ms of waiting: the second request queues 400 ms out, a third would wait
    // 800 ms less the time that passed (it would take 300 ms between the bookings for it to be let in)
    const { a, b, grants } = budgets('long-queue', { maxWaitMs: 500 });
    await a.take('binance', ip(1, 400));
    const first = grants[0]?.slotUs ?? 0;
    const queued = a.take('binance', ip(1, 400));
    // the two processes' requests reach Redis in either order: the third is sent once the second is booked
    await expect.poll(() => nextSlot('binance', 'long-queue'), { interval: 5 }).toBe(first + 800_000);
    const refused = await b.take('binance', ip(1, 400)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateBudgetError);
    expect((refused as RateBudgetError).why).toBe('queue-too-long');
    expect((refused as RateBudgetError).retryAfterMs).toBeGreaterThan(500);
    // it booked nothing: the next free slot is still the one right after the queued request
    expect(await nextSlot('binance', 'long-queue')).toBe(first + 800_000);
    await queued;
    await expect(b.take('binance', ip(1, 400))).resolves.toBeUndefined();
  });

  it('keeps one scope per key: a fresh key goes at once whatever another key has booked', async () => {
    const { a, b, grants } = budgets('keys');
    // key A books three calls of 300 ms; key B's first call, from the other process, does not queue behind them
    await Promise.all([1, 2, 3].map(() => a.take('kraken', [key('A', 1, 300)])));
    await b.take('kraken', [key('B', 1, 300)]);
    expect(grants.map((g) => Math.round(g.waitUs / 100_000))).toEqual([0, 3, 6, 0]);
    // a request counted in two scopes waits for the later one: key C is fresh, but the IP is booked 400 ms out
    await a.take('bybit', ip(1, 400));
    const started = grants.length;
    await b.take('bybit', [key('C', 1, 10), ...ip(1, 400)]);
    expect(grants[started]?.waitUs).toBeGreaterThan(300_000);
  });

  it('lets a scope run its burst ahead of its rate, then spaces it', async () => {
    const { a, grants } = budgets('burst');
    // 100 ms a call with 300 ms of tolerance: four calls at once, the fifth a call's time after the first
    await Promise.all(Array.from({ length: 5 }, () => a.take('kraken', [key('D', 1, 100, 300)])));
    const waits = grants.map((g) => g.waitUs).sort((x, y) => x - y);
    expect(waits.slice(0, 4).every((us) => us < 50_000)).toBe(true);
    expect(waits[4]).toBeGreaterThan(50_000);
    // the fifth goes one call's time after the first: the burst is spent, the rate holds
    const slots = grants.map((g) => g.slotUs).sort((x, y) => x - y);
    expect((slots[4] ?? 0) - (slots[0] ?? 0)).toBeGreaterThanOrEqual(100_000);
  });

  it('trips one key without touching another, and the key resumes at its rate, not in a burst', async () => {
    const { a, b } = budgets('key-trip');
    const scope: BudgetScope = 'key:E';
    await a.trip('kraken', { scope, ms: 200, burstMs: 1000 });
    const refused = await b.take('kraken', [key('E', 1, 100, 1000)]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateBudgetError);
    expect((refused as RateBudgetError).scope).toBe(scope);
    expect((refused as RateBudgetError).message).toMatch(/this key/);
    // another key and the IP are untouched
    await expect(b.take('kraken', [key('F', 1, 100, 1000), ...ip(1, 1)])).resolves.toBeUndefined();
    await expect.poll(() => a.openFor('kraken', scope), { timeout: 5_000, interval: 20 }).toBe(0);
    // E's burst was given up with the pause: after it, E's calls are a call's time apart
    const after = budgets('key-trip');
    await after.a.take('kraken', [key('E', 1, 100, 1000)]);
    await after.a.take('kraken', [key('E', 1, 100, 1000)]);
    expect(after.grants[1]?.waitUs).toBeGreaterThan(50_000);
  });

  it('tells requests held by an IP ban that it is a ban, even after a shorter ordinary refusal', async () => {
    const { a, b } = budgets('ban');
    await a.trip('bybit', { scope: 'ip', ms: 5_000, ban: true });
    await b.trip('bybit', { scope: 'ip', ms: 100 });
    const held = await b.take('bybit', ip(1, 1)).catch((error: unknown) => error);
    expect(held).toMatchObject({ why: 'circuit-open', ban: true });
    expect((held as RateBudgetError).retryAfterMs).toBeGreaterThan(4_000);
    await a.trip('okx', { scope: 'ip', ms: 5_000 });
    expect(await b.take('okx', ip(1, 1)).catch((error: unknown) => error)).toMatchObject({ ban: false });
  });

  it('holds a nearly spent scope: its next request waits, nobody is refused', async () => {
    const { a, b, grants } = budgets('hold');
    await a.hold('bybit', { scope: 'key:G', ms: 300 });
    const held = performance.now();
    await b.take('bybit', [key('G', 1, 10)]);
    expect(performance.now() - held).toBeGreaterThanOrEqual(250);
    await b.take('bybit', [key('H', 1, 10)]);
    expect(grants.map((g) => g.waitUs > 200_000)).toEqual([true, false]);
  });

  it('explains a bad EXCHANGE_RATE_LIMITS value', () => {
    expect(parseRateLimits(undefined)).toEqual({});
    expect(parseRateLimits('{"okx":{"costPerSecond":4.5}}')).toEqual({ okx: { costPerSecond: 4.5 } });
    expect(() => parseRateLimits('nope')).toThrow(/JSON object/);
    expect(() => parseRateLimits('{"okx":{"costPerSecond":0}}')).toThrow(/okx.costPerSecond/);
    expect(() => parseRateLimits('{"okx":5}')).toThrow(/positive number/);
  });
});
