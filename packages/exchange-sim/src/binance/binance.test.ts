import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFixedDecimal } from '../decimal';
import { type ExchangeSim, startExchangeSim } from '../server';
import {
  binanceClient,
  ccxtClass,
  rejectionOf,
  TEST_CREATED_AT,
  TEST_KEYS,
  testFixture,
} from '../test-clients';

const { binanceRead, binanceTrade, binanceWrongIp } = TEST_KEYS;

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: testFixture() });
});
afterEach(async () => {
  await sim.close();
});

describe('binance spot via real ccxt', () => {
  it('returns the fixture balances for a valid key, in Binance fixed-decimal strings', async () => {
    const ex = binanceClient(sim, binanceRead.apiKey, binanceRead.secret);
    const balance = await ex.fetchBalance();

    const fixture = testFixture().accounts[0]!.balances;
    const raw = (balance.info as { balances: { asset: string; free: string; locked: string }[] }).balances;
    expect(raw).toEqual(
      Object.entries(fixture).map(([asset, b]) => ({
        asset,
        free: toFixedDecimal(b.free, 8),
        locked: toFixedDecimal(b.locked, 8),
      })),
    );
    expect(raw.find((b) => b.asset === 'BTC')).toEqual({
      asset: 'BTC',
      free: '0.50000000',
      locked: '0.01000000',
    });
    for (const [asset, b] of Object.entries(fixture)) {
      expect(String(balance[asset]?.free)).toBe(String(Number(b.free)));
      expect(String(balance[asset]?.used)).toBe(String(Number(b.locked)));
    }
    expect(balance.info).toMatchObject({
      uid: 200000042,
      canTrade: true,
      canWithdraw: true,
      permissions: ['SPOT'],
    });
    expect(sim.requests()).toMatchObject([
      { exchange: 'binance', path: '/api/v3/account', verdict: 'ok', status: 200 },
    ]);
  });

  it('refuses a wrong secret with -1022 -> AuthenticationError', async () => {
    const error = await rejectionOf(binanceClient(sim, binanceRead.apiKey, 'not-the-secret').fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('-1022');
    expect(sim.requests()[0]).toMatchObject({
      verdict: 'bad-signature',
      status: 400,
      apiKey: binanceRead.apiKey,
    });
  });

  it('refuses an unknown key with HTTP 401 -2015 -> AuthenticationError', async () => {
    const error = await rejectionOf(binanceClient(sim, 'NOSUCHKEY', binanceRead.secret).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('-2015');
    expect(sim.requests()[0]).toMatchObject({ verdict: 'unknown-key', status: 401 });
  });

  it('refuses a revoked key; ccxt reports DDoSProtection if the same instance had succeeded before', async () => {
    const used = binanceClient(sim, binanceRead.apiKey, binanceRead.secret);
    await used.fetchBalance();
    sim.revokeKey(binanceRead.apiKey);

    const fresh = await rejectionOf(
      binanceClient(sim, binanceRead.apiKey, binanceRead.secret).fetchBalance(),
    );
    expect(ccxtClass(fresh)).toBe('AuthenticationError');
    // ccxt treats -2015 after a successful private call as a temporary ban (binance.js hasAlreadyAuthenticatedSuccessfully).
    const reused = await rejectionOf(used.fetchBalance());
    expect(ccxtClass(reused)).toBe('DDoSProtection');
    expect(sim.requests().map((r) => r.verdict)).toEqual(['ok', 'revoked-key', 'revoked-key']);
  });

  it('ends the trading right of a key open to any IP at its tradingAuthorityExpirationTime; reading goes on', async () => {
    const lapsedAt = Date.now() - 1000;
    sim.addAccount({
      exchange: 'binance',
      uid: '777',
      balances: { BTC: { free: '1', locked: '0' } },
      keys: [
        {
          apiKey: 'LAPSEDKEY1',
          secret: 's',
          expiresAt: lapsedAt,
          permissions: { read: true, spotTrade: true },
        },
        {
          apiKey: 'FENCEDKEY1',
          secret: 's',
          expiresAt: lapsedAt,
          allowedIps: ['127.0.0.1'],
          permissions: { read: true, spotTrade: true },
        },
      ],
    });
    const lapsed = binanceClient(sim, 'LAPSEDKEY1', 's');
    expect((await lapsed.fetchBalance()).total).toMatchObject({ BTC: 1 });
    const rights = (await lapsed.sapiGetAccountApiRestrictions()) as Record<string, unknown>;
    expect(rights).toMatchObject({
      enableReading: true,
      enableSpotAndMarginTrading: false,
      ipRestrict: false,
    });
    expect(rights.tradingAuthorityExpirationTime).toBe(lapsedAt);
    const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' };
    const refused = await rejectionOf(lapsed.privatePostOrderTest(order));
    expect(refused.message).toContain('-2015');
    expect(sim.requests().at(-1)).toMatchObject({ verdict: 'trading-lapsed', status: 401 });
    // a key restricted to IPs has no trading authority to lose
    const fenced = binanceClient(sim, 'FENCEDKEY1', 's');
    const fencedRights = (await fenced.sapiGetAccountApiRestrictions()) as Record<string, unknown>;
    expect(fencedRights).toMatchObject({ enableSpotAndMarginTrading: true });
    expect(fencedRights).not.toHaveProperty('tradingAuthorityExpirationTime');
    await fenced.privatePostOrderTest(order);
  });

  it('refuses a key whose IP whitelist does not include 127.0.0.1 with -2015, and accepts a whitelisted one', async () => {
    const error = await rejectionOf(
      binanceClient(sim, binanceWrongIp.apiKey, binanceWrongIp.secret).fetchBalance(),
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('-2015');
    await binanceClient(sim, binanceTrade.apiKey, binanceTrade.secret).fetchBalance();
    expect(sim.requests().map((r) => r.verdict)).toEqual(['ip-not-allowed', 'ok']);
  });

  it('reports per-key permissions on /sapi/v1/account/apiRestrictions', async () => {
    const trade = await binanceClient(
      sim,
      binanceTrade.apiKey,
      binanceTrade.secret,
    ).sapiGetAccountApiRestrictions();
    expect(trade).toEqual({
      ipRestrict: true,
      createTime: TEST_CREATED_AT,
      enableReading: true,
      enableSpotAndMarginTrading: true,
      enableWithdrawals: false,
      enableInternalTransfer: true,
      enableMargin: true,
      enableFutures: false,
      permitsUniversalTransfer: true,
      enableVanillaOptions: false,
      enablePortfolioMarginTrading: false,
      enableFixApiTrade: false,
      enableFixReadOnly: false,
    });
    const read = await binanceClient(
      sim,
      binanceRead.apiKey,
      binanceRead.secret,
    ).sapiGetAccountApiRestrictions();
    expect(read).toMatchObject({
      ipRestrict: false,
      enableSpotAndMarginTrading: false,
      enableWithdrawals: false,
    });
    expect(read.tradingAuthorityExpirationTime).toBe(TEST_CREATED_AT + 90 * 24 * 60 * 60 * 1000);
  });

  it('rejects recvWindow above 60000 with -1131 (ccxt: ExchangeError, its spot-only map is keyed on the real host)', async () => {
    const ex = binanceClient(sim, binanceRead.apiKey, binanceRead.secret);
    ex.options.recvWindow = 60001;
    const error = await rejectionOf(ex.fetchBalance());
    expect(error.message).toContain('-1131');
    expect(ccxtClass(error)).toBe('ExchangeError');
  });

  it('answers the public endpoints and refuses a signed call without X-MBX-APIKEY (-2014)', async () => {
    expect(await (await fetch(`${sim.url}/api/v3/ping`)).json()).toEqual({});
    const time = (await (await fetch(`${sim.url}/api/v3/time`)).json()) as { serverTime: number };
    expect(Math.abs(time.serverTime - Date.now())).toBeLessThan(1000);
    const res = await fetch(`${sim.url}/api/v3/account?timestamp=${Date.now()}&signature=00`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('judges timestamps against the injected clock', async () => {
    const fixed = Date.UTC(2030, 0, 1);
    const timed = await startExchangeSim({ fixture: testFixture(), clock: () => fixed });
    try {
      expect(await (await fetch(`${timed.url}/api/v3/time`)).json()).toEqual({ serverTime: fixed });
      const ex = binanceClient(timed, binanceRead.apiKey, binanceRead.secret);
      expect(await rejectionOf(ex.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
      await ex.loadTimeDifference();
      await ex.fetchBalance();
      expect(timed.requests().at(-1)?.at).toBe(new Date(fixed).toISOString());
    } finally {
      await timed.close();
    }
  });
});
