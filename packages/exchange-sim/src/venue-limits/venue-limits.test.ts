// Each venue's documented limits as real ccxt meets them: who is counted, the exact refusal, the usage headers.
import { randomBytes } from 'node:crypto';
import ccxt, { type Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeId, SimFixture, SimPermissions } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import {
  binanceClient,
  bybitClient,
  callImplicit,
  ccxtClass,
  krakenClient,
  okxClient,
  pointAt,
  rejectionOf,
} from '../test-clients';

// A frozen sim clock, moved by hand: a burst lands in one window however slow the machine. Signed clients
// read the same clock (onSimClock), so the venues' timestamp checks pass; Kraken's nonces need real time.
let now: number;
let sim: ExchangeSim;

async function start(fixture: Partial<SimFixture> = {}) {
  now = Date.now();
  sim = await startExchangeSim({ fixture: { accounts: [], ...fixture }, clock: () => now });
}
afterEach(async () => {
  await sim.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

// Kraken refuses a nonce not above the key's last one, and two calls within one millisecond would share ccxt's:
// these clients count up instead
function kraken(keys: { apiKey: string; secret: string }): Exchange {
  const ex = krakenClient(sim, keys);
  let nonce = Date.now() * 1000;
  ex.nonce = () => ++nonce;
  return ex;
}

/** A new account on the venue with `keys` API keys; returns its uid and the keys' credentials. */
function account(exchange: ExchangeId, keys = 1, permissions: Partial<SimPermissions> = {}) {
  const uid =
    exchange === 'kraken'
      ? `AA${hex(4).toUpperCase()}`
      : String(10_000_000 + Math.floor(Math.random() * 1e8));
  const creds = Array.from({ length: keys }, () => ({
    apiKey: `${exchange.slice(0, 2)}${hex(16)}`,
    secret: exchange === 'kraken' ? randomBytes(64).toString('base64') : hex(16),
    password: exchange === 'okx' ? `Pass-${hex(4)}` : undefined,
  }));
  sim.addAccount({
    exchange,
    uid,
    balances: { USDT: { free: '10', locked: '0' } },
    keys: creds.map(({ apiKey, secret, password }) => ({
      apiKey,
      secret,
      passphrase: password,
      permissions,
    })),
  });
  return { uid, keys: creds };
}

// ccxt keeps the last answer's headers with capitalised names; compared here lowercased, as sent
const headers = (ex: Exchange): Record<string, string> =>
  Object.fromEntries(
    Object.entries(
      (ex as unknown as { last_response_headers: Record<string, string> }).last_response_headers,
    ).map(([name, value]) => [name.toLowerCase(), value]),
  );

/** The client stamps its requests with the sim's clock, and sends as fast as it is asked. */
function onSimClock(ex: Exchange): Exchange {
  ex.milliseconds = () => now;
  ex.enableRateLimit = false;
  return ex;
}

/** A keyless client that sends as fast as it is asked (the venue's limit is what is under test). */
function publicClient(exchange: 'binance' | 'bybit' | 'kraken'): Exchange {
  const ex = new ccxt[exchange]({ enableRateLimit: false });
  pointAt(ex, sim.url);
  return exchange === 'kraken' ? ex : onSimClock(ex);
}

async function times(n: number, call: () => Promise<unknown>) {
  for (let i = 0; i < n; i += 1) await call();
}

describe('kraken: a call counter per API key, by verification tier', () => {
  beforeEach(() => start());

  it('serves a starter key 15 calls, then answers HTTP 200 EAPI:Rate limit exceeded; the counter decays 0.33/s', async () => {
    const a = account('kraken');
    const ex = kraken(a.keys[0] as { apiKey: string; secret: string });
    await times(15, () => ex.fetchBalance());
    const limited = await rejectionOf(ex.fetchBalance());
    expect(ccxtClass(limited)).toBe('DDoSProtection');
    expect(limited.message).toContain('EAPI:Rate limit exceeded');
    const refusal = sim.requests().at(-1);
    expect(refusal).toMatchObject({ path: '/0/private/BalanceEx', status: 200, verdict: 'rate-limited' });

    // another key on the same IP has its own counter
    const other = kraken(account('kraken').keys[0] as { apiKey: string; secret: string });
    await times(15, () => other.fetchBalance());

    // the refused call counted too (16 + 1 over 15): about 6 s until one unit is free again
    now += 3_000;
    expect(ccxtClass(await rejectionOf(ex.fetchBalance()))).toBe('DDoSProtection');
    now += 9_200;
    await ex.fetchBalance();
    expect(sim.rateStats('kraken').refused).toEqual({ counter: 2 });
  });

  it('gives pro keys 20, and locks out a key that keeps calling while limited', async () => {
    const pro = account('kraken');
    sim.setKrakenTier(pro.keys[0]?.apiKey as string, 'pro');
    const proClient = kraken(pro.keys[0] as { apiKey: string; secret: string });
    await times(20, () => proClient.fetchBalance());
    expect(ccxtClass(await rejectionOf(proClient.fetchBalance()))).toBe('DDoSProtection');

    // past twice its maximum the key is locked out for 15 minutes, whatever it calls
    for (let i = 0; i < 25; i += 1) await rejectionOf(proClient.fetchBalance());
    const locked = await rejectionOf(proClient.fetchBalance());
    expect(locked.message).toContain('EGeneral:Temporary lockout');
    now += 14 * 60_000;
    expect((await rejectionOf(proClient.fetchBalance())).message).toContain('EGeneral:Temporary lockout');
    now += 60_000 + 1_000;
    await proClient.fetchBalance();
    expect(sim.rateStats('kraken').refused).toMatchObject({
      lockout: expect.any(Number),
      counter: expect.any(Number),
    });
  });

  it('limits public calls to about one per second per IP with EGeneral:Too many requests', async () => {
    const ex = publicClient('kraken');
    await callImplicit(ex, 'publicGetTime');
    const limited = await rejectionOf(callImplicit(ex, 'publicGetTime'));
    expect([ccxtClass(limited), limited.message.includes('EGeneral:Too many requests')]).toEqual([
      'DDoSProtection',
      true,
    ]);
    now += 1_000;
    await callImplicit(ex, 'publicGetTime');
  });
});

describe('bybit: 600 requests per 5 s per IP, and per-UID limits per endpoint reported in X-Bapi-Limit*', () => {
  beforeEach(() => start());

  it('refuses the 51st wallet-balance read in a second with HTTP 200 retCode 10006, for every key of that UID only', async () => {
    const a = account('bybit', 2);
    const [first, second] = a.keys.map((k) => onSimClock(bybitClient(sim, k))) as [Exchange, Exchange];
    await times(25, () => first.fetchBalance());
    await times(24, () => second.fetchBalance());
    expect(headers(second)).toMatchObject({ 'x-bapi-limit': '50', 'x-bapi-limit-status': '1' });
    await first.fetchBalance();
    const limited = await rejectionOf(second.fetchBalance());
    expect(ccxtClass(limited)).toBe('RateLimitExceeded');
    expect(JSON.parse(limited.message.slice(limited.message.indexOf('{')))).toMatchObject({
      retCode: 10006,
      retMsg: 'Too many visits!',
    });
    expect(sim.requests().at(-1)).toMatchObject({ status: 200, verdict: 'rate-limited' });
    expect(Number(headers(second)['x-bapi-limit-reset-timestamp'])).toBe(now + 1_000);

    // another account on the same IP is served
    await onSimClock(
      bybitClient(sim, account('bybit').keys[0] as { apiKey: string; secret: string }),
    ).fetchBalance();
    now += 1_000;
    await second.fetchBalance();
    expect(sim.rateStats('bybit').refused).toEqual({ uid: 1 });
  });

  it('bans an IP past 600 requests in 5 s with HTTP 403 "access too frequent" for 10 minutes', async () => {
    const ex = publicClient('bybit');
    await times(600, () => callImplicit(ex, 'publicGetV5MarketTime'));
    const banned = await rejectionOf(callImplicit(ex, 'publicGetV5MarketTime'));
    expect(ccxtClass(banned)).toBe('RateLimitExceeded');
    expect(sim.requests().at(-1)).toMatchObject({ status: 403, verdict: 'ip-banned' });
    // the ban holds for every key and endpoint, after the window has long passed
    now += 9 * 60_000;
    const keyed = onSimClock(
      bybitClient(sim, account('bybit').keys[0] as { apiKey: string; secret: string }),
    );
    expect(ccxtClass(await rejectionOf(keyed.fetchBalance()))).toBe('RateLimitExceeded');
  }, 30_000);
});

describe('okx: limits per endpoint and per user id', () => {
  beforeEach(() => start());

  it('refuses an account’s 11th balance read in 2 s with HTTP 429 code 50011, another account unaffected', async () => {
    const creds = (a: ReturnType<typeof account>) =>
      a.keys[0] as { apiKey: string; secret: string; password: string };
    const ex = onSimClock(okxClient(sim, creds(account('okx'))));
    await times(10, () => ex.fetchBalance());
    const limited = await rejectionOf(ex.fetchBalance());
    expect(ccxtClass(limited)).toBe('RateLimitExceeded');
    expect(limited.message).toContain('50011');
    expect(sim.requests().at(-1)).toMatchObject({ status: 429, verdict: 'rate-limited' });
    await onSimClock(okxClient(sim, creds(account('okx')))).fetchBalance();
    now += 2_000;
    await ex.fetchBalance();
    expect(sim.rateStats('okx').refused).toEqual({ uid: 1 });
  });
});

describe('binance: request weight per IP in 1-minute intervals, sapi weight per endpoint', () => {
  beforeEach(() => start());

  it('reports used weight on every answer, refuses past 6,000 with 429 -1003 and Retry-After to the next minute, then bans with 418', async () => {
    const ex = publicClient('binance');
    const minuteStart = Math.floor(now / 60_000) * 60_000;
    await times(75, () => callImplicit(ex, 'publicGetTicker24hr')); // 80 each, all symbols
    expect(headers(ex)).toMatchObject({ 'x-mbx-used-weight-1m': '6000' });
    const limited = await rejectionOf(callImplicit(ex, 'publicGetTicker24hr'));
    // ccxt's binance reads both 429 and 418 by their status
    expect(ccxtClass(limited)).toBe('DDoSProtection');
    expect(sim.requests().at(-1)).toMatchObject({ status: 429, verdict: 'rate-limited' });
    expect(limited.message).toContain('-1003');
    expect(headers(ex)).toMatchObject({
      'x-mbx-used-weight-1m': '6080',
      'retry-after': String(Math.ceil((minuteStart + 60_000 - now) / 1000)),
    });
    for (let i = 0; i < 3; i += 1) await rejectionOf(callImplicit(ex, 'publicGetTime'));
    const banned = await rejectionOf(callImplicit(ex, 'publicGetTime'));
    expect(ccxtClass(banned)).toBe('DDoSProtection');
    expect(sim.requests().at(-1)).toMatchObject({ status: 418, verdict: 'ip-banned' });
    // the first ban lasts 2 minutes, into the next intervals; then the first interval after it starts at 1
    const bannedAt = now;
    now += 90_000;
    expect(ccxtClass(await rejectionOf(callImplicit(ex, 'publicGetTime')))).toBe('DDoSProtection');
    now = (Math.floor((bannedAt + 120_000) / 60_000) + 1) * 60_000;
    await callImplicit(ex, 'publicGetTime');
    expect(headers(ex)['x-mbx-used-weight-1m']).toBe('1');
    expect(sim.rateStats('binance').refused).toMatchObject({ 'request-weight': 4, 'ip-ban': 2 });
  });

  it('counts /sapi apart from /api, per endpoint, in X-SAPI-USED-IP-WEIGHT-1M', async () => {
    const a = account('binance');
    const ex = onSimClock(binanceClient(sim, a.keys[0]?.apiKey as string, a.keys[0]?.secret as string));
    await callImplicit(ex, 'sapiGetAccountApiRestrictions');
    await callImplicit(ex, 'sapiGetAccountApiRestrictions');
    expect(headers(ex)['x-sapi-used-ip-weight-1m']).toBe('2');
    expect(headers(ex)['x-mbx-used-weight-1m']).toBeUndefined();
    await ex.fetchBalance();
    expect(headers(ex)['x-mbx-used-weight-1m']).toBe('20');
    await callImplicit(ex, 'sapiGetMarginAccount');
    expect(headers(ex)['x-sapi-used-ip-weight-1m']).toBe('10');
  });
  it('counts placed orders per account in X-MBX-ORDER-COUNT-10S, and refuses the 101st in 10 s with 429 -1015', async () => {
    const a = account('binance', 2, { spotTrade: true });
    const [first, second] = a.keys.map((k) => onSimClock(binanceClient(sim, k.apiKey, k.secret))) as [
      Exchange,
      Exchange,
    ];
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: '1000',
    };
    await callImplicit(first, 'privatePostOrder', order);
    expect(headers(first)).toMatchObject({ 'x-mbx-order-count-10s': '1', 'x-mbx-order-count-1d': '1' });
    await times(99, () => callImplicit(second, 'privatePostOrder', order));
    expect(headers(second)['x-mbx-order-count-10s']).toBe('100');
    const refused = await rejectionOf(callImplicit(first, 'privatePostOrder', order));
    expect(refused.message).toContain('-1015');
    expect(headers(first)['retry-after']).toBeUndefined();
    expect(sim.orders()).toHaveLength(100);
    now += 10_000;
    await callImplicit(first, 'privatePostOrder', order);
    expect(headers(first)).toMatchObject({ 'x-mbx-order-count-10s': '1', 'x-mbx-order-count-1d': '101' });
  });
});

describe('switching the documented limits off', () => {
  it('leaves every request served, for tests of other behaviour', async () => {
    await start({ venueLimits: 'off' });
    const ex = onSimClock(
      okxClient(sim, account('okx').keys[0] as { apiKey: string; secret: string; password: string }),
    );
    await times(15, () => ex.fetchBalance());
    sim.setVenueLimits('documented');
    await times(10, () => ex.fetchBalance());
    expect(ccxtClass(await rejectionOf(ex.fetchBalance()))).toBe('RateLimitExceeded');
    expect(sim.venueLimitUsage('okx')).toContainEqual(
      expect.objectContaining({ limit: 'uid GET /api/v5/account/balance', used: 10, max: 10 }),
    );
  });
});
