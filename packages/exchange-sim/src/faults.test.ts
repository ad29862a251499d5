import type { Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeId } from './fixtures';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, ccxtClass, okxClient, rejectionOf, TEST_KEYS, testFixture } from './test-clients';

interface Venue {
  id: ExchangeId;
  apiKey: string;
  client(sim: ExchangeSim, timeout?: number): Exchange;
  /** ccxt error classes, as measured against this sim. */
  expected: { rateLimit: string; serverError503: string; serverError500: string };
}

const venues: Venue[] = [
  {
    id: 'binance',
    apiKey: TEST_KEYS.binanceRead.apiKey,
    client: (sim, timeout) =>
      binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret, timeout),
    // binance.handleErrors throws DDoSProtection for any 418/429; -1008 is only mapped for the real spot host.
    expected: {
      rateLimit: 'DDoSProtection',
      serverError503: 'ExchangeError',
      serverError500: 'OperationFailed',
    },
  },
  {
    id: 'okx',
    apiKey: TEST_KEYS.okxLive.apiKey,
    client: (sim, timeout) => okxClient(sim, TEST_KEYS.okxLive, { timeout }),
    // 50011 -> RateLimitExceeded, 50013/50026 -> ExchangeNotAvailable (body codes win over HTTP status).
    expected: {
      rateLimit: 'RateLimitExceeded',
      serverError503: 'ExchangeNotAvailable',
      serverError500: 'ExchangeNotAvailable',
    },
  },
];

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: testFixture() });
});
afterEach(async () => {
  await sim.close();
});

describe.each(venues)('$id faults', (venue) => {
  it('clock-skew: InvalidNonce until ccxt loads the time difference from the skewed /time', async () => {
    sim.addFault({ exchange: venue.id, kind: 'clock-skew', offsetMs: 90_000 });
    const ex = venue.client(sim);
    expect(ccxtClass(await rejectionOf(ex.fetchBalance()))).toBe('InvalidNonce');
    const difference = await ex.loadTimeDifference();
    expect(difference).toBeGreaterThan(-91_000);
    expect(difference).toBeLessThan(-89_000);
    await ex.fetchBalance();
    expect(sim.requests().map((r) => [r.verdict, r.faults])).toEqual([
      ['timestamp', ['clock-skew']],
      ['ok', ['clock-skew']],
      ['ok', ['clock-skew']],
    ]);
  });

  it('clock-skew backwards (server behind the client) is refused too', async () => {
    sim.addFault({ exchange: venue.id, kind: 'clock-skew', offsetMs: -90_000 });
    expect(ccxtClass(await rejectionOf(venue.client(sim).fetchBalance()))).toBe('InvalidNonce');
  });

  it(`rate-limit: HTTP 429 with Retry-After -> ${venue.expected.rateLimit}`, async () => {
    sim.addFault({ exchange: venue.id, kind: 'rate-limit', retryAfterSeconds: 7 });
    const ex = venue.client(sim);
    const error = await rejectionOf(ex.fetchBalance());
    expect(ccxtClass(error)).toBe(venue.expected.rateLimit);
    expect(ex.last_response_headers?.['Retry-After']).toBe('7');
    expect(sim.requests()[0]).toMatchObject({ verdict: 'fault:rate-limit', status: 429 });
  });

  it('server-error: 503 by default, any 5xx on request', async () => {
    sim.addFault({ exchange: venue.id, kind: 'server-error', times: 1 });
    sim.addFault({ exchange: venue.id, kind: 'server-error', status: 500, times: 1 });
    expect(ccxtClass(await rejectionOf(venue.client(sim).fetchBalance()))).toBe(
      venue.expected.serverError503,
    );
    expect(ccxtClass(await rejectionOf(venue.client(sim).fetchBalance()))).toBe(
      venue.expected.serverError500,
    );
    expect(sim.requests().map((r) => r.status)).toEqual([503, 500]);
  });

  it('timeout: never answers, so ccxt gives up with RequestTimeout', async () => {
    sim.addFault({ exchange: venue.id, kind: 'timeout' });
    const started = Date.now();
    const error = await rejectionOf(venue.client(sim, 500).fetchBalance());
    expect(ccxtClass(error)).toBe('RequestTimeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(sim.requests()[0]).toMatchObject({ verdict: 'fault:timeout', status: null });
  });

  it('html: a 502 Cloudflare page -> ExchangeNotAvailable', async () => {
    sim.addFault({ exchange: venue.id, kind: 'html' });
    const ex = venue.client(sim);
    expect(ccxtClass(await rejectionOf(ex.fetchBalance()))).toBe('ExchangeNotAvailable');
    expect(ex.last_response_headers?.['Content-Type']).toContain('text/html');
    expect(ex.last_http_response).toContain('502: Bad gateway');
  });

  it('html with status 200: ccxt does not throw, it resolves an empty balance', async () => {
    sim.addFault({ exchange: venue.id, kind: 'html', status: 200 });
    const balance = await venue.client(sim).fetchBalance();
    expect(typeof balance.info).toBe('string');
    expect(balance.total).toEqual({});
  });

  it('times: 1 clears the fault after one matching request', async () => {
    sim.addFault({ exchange: venue.id, kind: 'server-error', times: 1 });
    expect(sim.faults()).toHaveLength(1);
    await rejectionOf(venue.client(sim).fetchBalance());
    expect(sim.faults()).toEqual([]);
    await venue.client(sim).fetchBalance();
    expect(sim.requests().map((r) => r.verdict)).toEqual(['fault:server-error', 'ok']);
  });

  it('latency: answers normally after the delay', async () => {
    sim.addFault({ exchange: venue.id, kind: 'latency', delayMs: 300 });
    const started = Date.now();
    await venue.client(sim).fetchBalance();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim.requests()[0]).toMatchObject({ verdict: 'ok', faults: ['latency'] });
  });

  it('faults scoped to another key or exchange leave this one alone', async () => {
    sim.addFault({ apiKey: 'some-other-key', kind: 'server-error' });
    sim.addFault({ exchange: venue.id === 'okx' ? 'binance' : 'okx', kind: 'rate-limit' });
    sim.addFault({ apiKey: venue.apiKey, kind: 'latency', delayMs: 1 });
    await venue.client(sim).fetchBalance();
    expect(sim.requests()[0]).toMatchObject({ verdict: 'ok', faults: ['latency'] });
  });
});

describe('fault plumbing', () => {
  it('binance 418 (IP ban) is DDoSProtection as well', async () => {
    sim.addFault({ exchange: 'binance', kind: 'rate-limit', status: 418, retryAfterSeconds: 120 });
    const ex = venues[0]!.client(sim);
    expect(ccxtClass(await rejectionOf(ex.fetchBalance()))).toBe('DDoSProtection');
    expect(ex.last_response_headers?.['Retry-After']).toBe('120');
  });

  it('close() returns promptly while a timeout fault holds a request open', async () => {
    const hanging = await startExchangeSim({ fixture: testFixture() });
    hanging.addFault({ kind: 'timeout' });
    const pending = fetch(`${hanging.url}/api/v3/time`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('dropped');
  });

  it('rejects invalid fault specs', () => {
    expect(() => sim.addFault({ kind: 'latency', delayMs: -1 })).toThrow(/delayMs/);
    expect(() => sim.addFault({ kind: 'server-error', status: 404 })).toThrow(/status/);
  });

  it('never writes secrets or passphrases into the request log', async () => {
    const k = TEST_KEYS;
    await binanceClient(sim, k.binanceRead.apiKey, k.binanceRead.secret).fetchBalance();
    await rejectionOf(binanceClient(sim, k.binanceRead.apiKey, k.binanceTrade.secret).fetchBalance());
    await okxClient(sim, k.okxLive).fetchBalance();
    await rejectionOf(okxClient(sim, { ...k.okxLive, password: k.okxDemo.password }).fetchBalance());
    sim.addFault({ kind: 'clock-skew', offsetMs: 60_000, times: 2 });
    await rejectionOf(okxClient(sim, k.okxDemo, { demo: true }).fetchBalance());
    await rejectionOf(binanceClient(sim, k.binanceTrade.apiKey, k.binanceTrade.secret).fetchBalance());

    const viaApi = await (await fetch(`${sim.url}/__sim/requests`)).text();
    const secrets = Object.values(k).flatMap((c) => ('password' in c ? [c.secret, c.password] : [c.secret]));
    for (const text of [JSON.stringify(sim.requests()), viaApi]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toContain('signature='); // no query strings either
    }
    expect(sim.requests()).toHaveLength(6);
  });
});
