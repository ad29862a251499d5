import type { Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, ccxtClass, okxClient, rejectionOf, TEST_KEYS, testFixture } from './test-clients';

const { binanceRead, binanceTrade, okxLive } = TEST_KEYS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ccxt's own throttle would space the calls out; these clients hammer like a client without a limiter.
function fastBinance(sim: ExchangeSim, key: { apiKey: string; secret: string } = binanceRead): Exchange {
  const ex = binanceClient(sim, key.apiKey, key.secret);
  ex.enableRateLimit = false;
  return ex;
}

function fastOkx(sim: ExchangeSim): Exchange {
  const ex = okxClient(sim, okxLive);
  ex.enableRateLimit = false;
  return ex;
}

/** 'ok' or the ccxt error class of one call. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return ccxtClass(error as Error);
  }
}

async function outcomes(times: number, call: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < times; i++) seen.push(await outcome(call()));
  return seen;
}

const header = (ex: Exchange, name: string): string | undefined => ex.last_response_headers?.[name];
const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe('rate limits against real ccxt, in real time', () => {
  let sim: ExchangeSim;
  beforeEach(async () => {
    sim = await startExchangeSim({ fixture: { ...testFixture(), venueLimits: 'off' } });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('limit 5/s: of 10 quick calls 5 are served, the others get HTTP 429 + Retry-After -> DDoSProtection', async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 5, banAfter: 10 });
    const ex = fastBinance(sim);
    expect(await outcomes(10, () => ex.fetchBalance())).toEqual([
      ...repeat('ok', 5),
      ...repeat('DDoSProtection', 5),
    ]);
    expect(header(ex, 'Retry-After')).toBe('1');
    expect(ex.last_http_response).toBe(
      '{"code":-1003,"msg":"Too many requests; current limit of IP is 5 requests per 1 SECOND. Please use WebSocket Streams for live updates to avoid polling the API."}',
    );
    expect(sim.requests().map((r) => [r.status, r.verdict])).toEqual([
      ...repeat([200, 'ok'], 5),
      ...repeat([429, 'rate-limited'], 5),
    ]);
    expect(sim.rateStats('binance')).toEqual({
      served: 5,
      rejected429: 5,
      rejected418: 0,
      maxInAnyWindow: 5,
      refused: {},
    });
  });

  it('a client that keeps sending after its 429 is banned with 418 on every endpoint and key, until banMs ends', async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 5, banMs: 1500 }); // banAfter defaults to 3
    const ex = fastBinance(sim);
    const seen = await outcomes(12, () => ex.fetchBalance());
    expect(seen).toEqual([...repeat('ok', 5), ...repeat('DDoSProtection', 7)]);
    expect(sim.requests().map((r) => r.status)).toEqual([
      ...repeat(200, 5),
      ...repeat(429, 4),
      ...repeat(418, 3),
    ]);
    expect(header(ex, 'Retry-After')).toBe('2'); // ceil(1.5 s left)
    expect(ex.last_http_response).toMatch(
      /^\{"code":-1003,"msg":"Way too much request weight used; IP banned until \d{13}\./,
    );

    const other = fastBinance(sim, binanceTrade);
    expect(await outcome(other.sapiGetAccountApiRestrictions())).toBe('DDoSProtection');
    expect(await outcome(other.fetchTime())).toBe('DDoSProtection');
    expect(
      sim
        .requests()
        .slice(-2)
        .map((r) => [r.status, r.verdict]),
    ).toEqual(repeat([418, 'ip-banned'], 2));
    expect(await outcome(fastOkx(sim).fetchBalance())).toBe('ok'); // the ban is per venue

    await sleep(1600);
    expect(await outcome(ex.fetchBalance())).toBe('ok');
    expect(sim.rateStats('binance')).toEqual({
      served: 6,
      rejected429: 4,
      rejected418: 5,
      maxInAnyWindow: 5,
      refused: {},
    });
  });

  it('a client that backs off for windowMs after a 429 is served again and never banned', async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 5 });
    const ex = fastBinance(sim);
    expect(await outcomes(6, () => ex.fetchBalance())).toEqual([...repeat('ok', 5), 'DDoSProtection']);
    const retryAfter = Number(header(ex, 'Retry-After'));
    expect(retryAfter).toBe(1);
    await sleep(retryAfter * 1000);
    expect(await outcomes(5, () => ex.fetchBalance())).toEqual(repeat('ok', 5));
    expect(sim.rateStats('binance')).toMatchObject({ served: 10, rejected429: 1, rejected418: 0 });
  });

  it("unit 'weight' charges Binance's weights: /api/v3/account is 20, /api/v3/time 1", async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 50, windowMs: 60_000, unit: 'weight' });
    const ex = fastBinance(sim);
    expect(await outcomes(3, () => ex.fetchBalance())).toEqual(['ok', 'ok', 'DDoSProtection']);
    expect(ex.last_http_response).toContain('current limit is 50 request weight per 1 MINUTE');
    expect(Number(header(ex, 'Retry-After'))).toBeGreaterThanOrEqual(59); // until the first call leaves the window
    expect(Number(header(ex, 'Retry-After'))).toBeLessThanOrEqual(60);
    expect(await outcome(ex.fetchTime())).toBe('ok'); // 41 of 50
    expect(await outcome(ex.sapiGetAccountApiRestrictions())).toBe('ok'); // 42
    expect(sim.rateStats('binance')).toEqual({
      served: 4,
      rejected429: 1,
      rejected418: 0,
      maxInAnyWindow: 42,
      refused: {},
    });
  });

  it('okx answers 429 {"msg":"Too Many Requests","code":"50011"} -> RateLimitExceeded, and its bans stay 429', async () => {
    sim.setRateLimit({ exchange: 'okx', limit: 2, banAfter: 1, banMs: 60_000 });
    const ex = fastOkx(sim);
    expect(await outcomes(5, () => ex.fetchBalance())).toEqual([
      ...repeat('ok', 2),
      ...repeat('RateLimitExceeded', 3),
    ]);
    expect(ex.last_http_response).toBe('{"msg":"Too Many Requests","code":"50011"}');
    expect(header(ex, 'Retry-After')).toBe('60');
    expect(header(ex, 'X-Mbx-Used-Weight')).toBeUndefined();
    expect(sim.requests().map((r) => [r.status, r.verdict])).toEqual([
      ...repeat([200, 'ok'], 2),
      ...repeat([429, 'rate-limited'], 2),
      [429, 'ip-banned'],
    ]);
    expect(sim.rateStats('okx')).toEqual({
      served: 2,
      rejected429: 3,
      rejected418: 0,
      maxInAnyWindow: 2,
      refused: {},
    });
    expect(await outcome(fastBinance(sim).fetchBalance())).toBe('ok');
  });

  it("every Binance answer under a limit reports the IP's weight of the last minute, whatever its status", async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 100_000, windowMs: 60_000, unit: 'weight' });
    const ex = fastBinance(sim);
    const used = async (call: Promise<unknown>, client = ex) => {
      await outcome(call);
      expect(header(client, 'X-Mbx-Used-Weight-1m')).toBe(header(client, 'X-Mbx-Used-Weight'));
      return Number(header(client, 'X-Mbx-Used-Weight'));
    };
    expect(await used(ex.fetchBalance())).toBe(20);
    expect(await used(ex.sapiGetAccountApiRestrictions())).toBe(21);
    expect(await used(ex.fetchTime())).toBe(22);
    expect(await used(ex.publicGetTicker24hr())).toBe(102); // all symbols: 80
    expect(await used(ex.publicGetTicker24hr({ symbol: 'BTCUSDT' }))).toBe(104);
    expect(await used(ex.fetchBalance({ type: 'margin' }))).toBe(114);
    expect(await used(ex.fetchBalance({ type: 'funding' }))).toBe(115);
    expect(await used(ex.fetchBalance({ type: 'swap' }))).toBe(120); // refused: no futures right, still charged
    const stranger = fastBinance(sim, { apiKey: 'NOSUCHKEY', secret: 'x' });
    expect(await used(stranger.fetchBalance(), stranger)).toBe(140); // per IP, not per key
    expect(sim.requests().map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 401, 401]);
    await fastOkx(sim).fetchBalance();
    expect(sim.requests().at(-1)?.verdict).toBe('ok');
  });
});

describe('rate limits on the sim clock (deterministic)', () => {
  const T0 = Date.UTC(2030, 0, 1);
  let now = T0;
  let sim: ExchangeSim;
  let ex: Exchange;
  const at = async (offsetMs: number, call: () => Promise<unknown> = () => ex.fetchTime()) => {
    now = T0 + offsetMs;
    return outcome(call());
  };
  beforeEach(async () => {
    now = T0;
    sim = await startExchangeSim({
      fixture: {
        ...testFixture(),
        venueLimits: 'off',
        rateLimits: [{ exchange: 'binance', limit: 1, banMs: 5000 }],
      },
      clock: () => now,
    });
    ex = fastBinance(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('rolls the window: a request counts for exactly windowMs, not until the next whole second', async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 2 });
    expect(await at(900)).toBe('ok');
    expect(await at(950)).toBe('ok');
    expect(await at(1050)).toBe('DDoSProtection'); // a fixed per-second bucket would have let this through
    expect(header(ex, 'Retry-After')).toBe('1');
    expect(await at(1899)).toBe('DDoSProtection');
    expect(await at(1900)).toBe('ok'); // the 900 ms request has just left the window

    sim.setRateLimit({ exchange: 'binance', limit: 2, windowMs: 5000 });
    await at(10_000);
    await at(10_100);
    expect(await at(10_300)).toBe('DDoSProtection');
    expect(header(ex, 'Retry-After')).toBe('5'); // ceil(4.7 s until the 10 000 ms request leaves)
    sim.setRateLimit({ exchange: 'binance', limit: 1, retryAfterSeconds: 7 });
    await at(20_000);
    await at(20_001);
    expect(header(ex, 'Retry-After')).toBe('7');
  });

  it('bans after banAfter more refused requests, counts the ban down, and refused requests spend no fault budget', async () => {
    sim.setRateLimit({ exchange: 'binance', limit: 1, banAfter: 2, banMs: 10_000 });
    const statusAt = async (offsetMs: number) => {
      await at(offsetMs);
      return [sim.requests().at(-1)?.status, header(ex, 'Retry-After'), header(ex, 'X-Mbx-Used-Weight')];
    };
    expect(await statusAt(0)).toEqual([200, undefined, '1']);
    expect(await statusAt(10)).toEqual([429, '1', '2']);
    expect(await statusAt(20)).toEqual([429, '1', '3']);
    expect(await statusAt(30)).toEqual([429, '1', '4']);
    expect(await statusAt(40)).toEqual([418, '10', '5']); // the third request after the first 429
    sim.addFault({ exchange: 'binance', kind: 'server-error', times: 1 });
    expect(await statusAt(5040)).toEqual([418, '5', '6']);
    expect(await statusAt(10_039)).toEqual([418, '1', '7']);
    expect(sim.faults()).toMatchObject([{ remaining: 1 }]);
    expect(await statusAt(10_040)).toEqual([503, undefined, '8']); // served: the fault finally applies
    expect(await statusAt(11_100)).toEqual([200, undefined, '9']);
    expect(await statusAt(71_100)).toEqual([200, undefined, '1']); // a minute later only this one is left
    expect(sim.requests().map((r) => [r.verdict, r.faults])).toEqual([
      ['ok', []],
      ...repeat(['rate-limited', []], 3),
      ...repeat(['ip-banned', []], 3),
      ['fault:server-error', ['server-error']],
      ['ok', []],
      ['ok', []],
    ]);
  });

  it('rateStats.maxInAnyWindow is the busiest rolling window of served requests (refused ones excluded)', async () => {
    sim.clearRateLimits(); // unlimited: counted in requests over the default 1 s window
    for (const t of [0, 10, 20, 1500, 1600, 3000, 3001, 3002, 3003]) await at(t);
    expect(sim.rateStats('binance')).toEqual({
      served: 9,
      rejected429: 0,
      rejected418: 0,
      maxInAnyWindow: 4,
      refused: {},
    });

    sim.setRateLimit({ exchange: 'binance', limit: 3, unit: 'weight', banAfter: 100 });
    const ticker = () => ex.publicGetTicker24hr({ symbol: 'BTCUSDT' }); // weight 2; fetchTime weighs 1
    expect(await at(5000, ticker)).toBe('ok'); // 2 of 3
    expect(await at(5001, ticker)).toBe('DDoSProtection'); // 4 would be over
    expect(await at(5002)).toBe('ok'); // 3
    expect(await at(5003)).toBe('DDoSProtection');
    expect(await at(6000, ticker)).toBe('ok'); // the 5000 request has left: 1 + 2
    // had refused requests counted, some window would hold 2 + 2 + 1 + 1
    expect(sim.rateStats('binance')).toEqual({
      served: 3,
      rejected429: 2,
      rejected418: 0,
      maxInAnyWindow: 3,
      refused: {},
    });
  });

  it('reset() returns to the fixture limits and forgets bans and usage; clearRateLimits() lifts them', async () => {
    expect([await at(0), await at(1), await at(2), await at(3), await at(4), await at(5)]).toEqual([
      'ok',
      ...repeat('DDoSProtection', 5),
    ]);
    expect(sim.requests().at(-1)?.verdict).toBe('ip-banned');
    sim.reset();
    expect(sim.rateStats('binance')).toEqual({
      served: 0,
      rejected429: 0,
      rejected418: 0,
      maxInAnyWindow: 0,
      refused: {},
    });
    expect([await at(6), await at(7)]).toEqual(['ok', 'DDoSProtection']);
    expect(header(ex, 'X-Mbx-Used-Weight')).toBe('2');
    sim.clearRateLimits();
    expect(sim.rateLimits()).toEqual([]);
    expect(await outcomes(5, () => ex.fetchTime())).toEqual(repeat('ok', 5));
  });

  it('refuses malformed limits', async () => {
    expect(() => sim.setRateLimit({ exchange: 'binance', limit: 1.5 })).toThrow(
      /limit must be an integer >= 1/,
    );
    expect(() => sim.setRateLimit({ exchange: 'binance', limit: 5, unit: 'bytes' as 'weight' })).toThrow(
      /unit/,
    );
    const error = await rejectionOf(
      startExchangeSim({ fixture: { accounts: [], rateLimits: [{ exchange: 'okx', limit: 0 }] } }),
    );
    expect(error).toMatchObject({
      name: 'SimInputError',
      message: expect.stringContaining('rateLimits[0].limit'),
    });
  });
});
