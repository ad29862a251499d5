import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAccount } from './fixtures';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, okxClient, rejectionOf, TEST_KEYS, testFixture } from './test-clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: testFixture() });
});
afterEach(async () => {
  await sim.close();
});

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

const newOkxAccount: SimAccount = {
  exchange: 'okx',
  uid: '700000000000000001',
  balances: { ETH: { free: '3.5', locked: '0.25' } },
  keys: [
    {
      apiKey: 'admin-created-key',
      secret: 'ADMINSECRET',
      passphrase: 'Admin-Pass-1',
      permissions: { read: true, withdraw: true },
    },
  ],
};

describe('admin HTTP API', () => {
  it('POST /__sim/accounts creates an account whose key works through ccxt', async () => {
    expect(await admin('POST', '/accounts', newOkxAccount)).toEqual({
      status: 201,
      json: { exchange: 'okx', uid: '700000000000000001', apiKeys: ['admin-created-key'] },
    });
    const ex = okxClient(sim, {
      apiKey: 'admin-created-key',
      secret: 'ADMINSECRET',
      password: 'Admin-Pass-1',
    });
    const balance = await ex.fetchBalance();
    expect(balance.ETH).toMatchObject({ free: 3.5, total: 3.75 });
    const config = await ex.privateGetAccountConfig();
    expect(config.data[0]).toMatchObject({
      perm: 'read_only,withdraw',
      uid: '700000000000000001',
      type: '0',
    });
  });

  it('refuses duplicates (409) and float amounts (400)', async () => {
    await admin('POST', '/accounts', newOkxAccount);
    expect((await admin('POST', '/accounts', newOkxAccount)).status).toBe(409);
    const floaty = { ...newOkxAccount, uid: '1', balances: { ETH: { free: 3.5, locked: '0' } }, keys: [] };
    const refused = await admin('POST', '/accounts', floaty);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: expect.stringContaining('decimal string') });
    const tooPrecise = {
      ...floaty,
      exchange: 'binance',
      balances: { BTC: { free: '0.123456789', locked: '0' } },
    };
    expect((await admin('POST', '/accounts', tooPrecise)).status).toBe(400);
  });

  it('PATCH /__sim/accounts/:exchange/:uid/balances merges, removes with null, or replaces', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret);
    const patched = await admin('PATCH', '/accounts/binance/200000042/balances', {
      balances: { BTC: { free: '2', locked: '0.5' }, ETH: null, SOL: { free: '10', locked: '0' } },
    });
    expect(patched.status).toBe(204);
    let info = (await ex.fetchBalance()).info as { balances: unknown[] };
    expect(info.balances).toEqual([
      { asset: 'BTC', free: '2.00000000', locked: '0.50000000' },
      { asset: 'USDT', free: '1234.56000000', locked: '100.44000000' },
      { asset: 'SOL', free: '10.00000000', locked: '0.00000000' },
    ]);
    await admin('PATCH', '/accounts/binance/200000042/balances', {
      balances: { BNB: { free: '1' } },
      replace: true,
    });
    info = (await ex.fetchBalance()).info as { balances: unknown[] };
    expect(info.balances).toEqual([{ asset: 'BNB', free: '1.00000000', locked: '0.00000000' }]);
    expect((await admin('PATCH', '/accounts/binance/nope/balances', { balances: {} })).status).toBe(404);
  });

  it('PATCH .../balances with "wallet" changes that wallet only; a bad wallet is a 400', async () => {
    const ex = okxClient(sim, TEST_KEYS.okxLive);
    const patched = await admin('PATCH', '/accounts/okx/600000000000000042/balances', {
      wallet: 'funding',
      balances: { USDC: { free: '12.5', locked: '0.5' } },
    });
    expect(patched.status).toBe(204);
    expect((await ex.fetchBalance({ type: 'funding' })).total).toEqual({ USDC: 13 });
    expect((await ex.fetchBalance()).total).toEqual({ BTC: 0.8, USDT: 2500.5 });

    const binance = binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret);
    await admin('PATCH', '/accounts/binance/200000042/balances', {
      wallet: 'margin',
      balances: { BTC: { free: '0.1', locked: '0.2' } },
    });
    expect((await binance.fetchBalance({ type: 'margin' })).BTC).toMatchObject({
      free: 0.1,
      used: 0.2,
      total: 0.3,
    });

    const okxSwap = await admin('PATCH', '/accounts/okx/600000000000000042/balances', {
      wallet: 'swap',
      balances: {},
    });
    expect(okxSwap).toEqual({
      status: 400,
      json: { error: expect.stringMatching(/okx has no separate swap wallet.*unified/) },
    });
    const unknown = await admin('PATCH', '/accounts/binance/200000042/balances', {
      wallet: 'spot',
      balances: {},
    });
    expect(unknown).toEqual({
      status: 400,
      json: { error: 'wallet must be one of margin, swap, future, funding, got "spot"' },
    });
    expect(
      (await admin('PATCH', '/accounts/binance/200000042/balances', { wallet: 1, balances: {} })).status,
    ).toBe(400);
    const badWallets = { ...newOkxAccount, wallets: { margin: {} } };
    expect((await admin('POST', '/accounts', badWallets)).status).toBe(400);
  });

  it('PUT/GET/DELETE /__sim/rate-limits and GET /__sim/rate-stats', async () => {
    expect(await admin('PUT', '/rate-limits', [{ exchange: 'okx', limit: 1 }])).toEqual({ status: 204 });
    expect((await admin('GET', '/rate-limits')).json).toEqual({
      rateLimits: [
        { exchange: 'okx', limit: 1, windowMs: 1000, unit: 'requests', banAfter: 3, banMs: 120_000 },
      ],
    });
    const ex = okxClient(sim, TEST_KEYS.okxLive);
    await ex.fetchBalance();
    expect(await rejectionOf(ex.fetchBalance())).toBeInstanceOf(ccxt.RateLimitExceeded);
    const stats = { served: 1, rejected429: 1, rejected418: 0, maxInAnyWindow: 1, refused: {} };
    expect(await admin('GET', '/rate-stats/okx')).toEqual({ status: 200, json: stats });
    expect(await admin('GET', '/rate-stats?exchange=okx')).toEqual({ status: 200, json: stats });

    // each bad body is refused whole, leaving the okx limit in force
    for (const bad of [
      { exchange: 'okx', limit: 1 },
      [{ exchange: 'okx', limit: 0 }],
      [{ exchange: 'okx', limit: 5, unit: 'bytes' }],
      [{ exchange: 'coinbase', limit: 5 }],
      [{ exchange: 'binance', limit: 5, windowMs: -1 }],
      [
        { exchange: 'binance', limit: 5 },
        { exchange: 'binance', limit: 6 },
      ],
    ]) {
      const refused = await admin('PUT', '/rate-limits', bad);
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual({ error: expect.any(String) });
    }
    expect((await admin('GET', '/rate-limits')).json).toEqual({
      rateLimits: [expect.objectContaining({ limit: 1 })],
    });
    expect((await admin('GET', '/rate-stats?exchange=coinbase')).status).toBe(400);
    expect((await admin('GET', '/rate-stats')).status).toBe(400);

    expect(await admin('DELETE', '/rate-limits')).toEqual({ status: 204 });
    expect((await admin('GET', '/rate-limits')).json).toEqual({ rateLimits: [] });
    await ex.fetchBalance(); // no limit any more, so the okx window no longer refuses
    await ex.fetchBalance();
    expect((await admin('GET', '/rate-stats/okx')).json).toEqual({
      served: 2,
      rejected429: 0,
      rejected418: 0,
      maxInAnyWindow: 2,
      refused: {},
    });
  });

  it('POST /__sim/keys/:apiKey/revoke makes the key fail', async () => {
    expect(await admin('POST', `/keys/${TEST_KEYS.okxLive.apiKey}/revoke`)).toEqual({
      status: 200,
      json: { apiKey: TEST_KEYS.okxLive.apiKey, revoked: true },
    });
    expect(await rejectionOf(okxClient(sim, TEST_KEYS.okxLive).fetchBalance())).toBeInstanceOf(
      ccxt.AuthenticationError,
    );
    expect((await admin('POST', '/keys/unknown/revoke')).status).toBe(404);
  });

  it('PATCH /__sim/keys/:apiKey/permissions changes what the key reports, and refuses unknown rights', async () => {
    expect(
      await admin('PATCH', `/keys/${TEST_KEYS.binanceRead.apiKey}/permissions`, { withdraw: true }),
    ).toEqual({
      status: 204,
    });
    const ex = binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret);
    const restrictions = (await ex.sapiGetAccountApiRestrictions()) as { enableWithdrawals: boolean };
    expect(restrictions.enableWithdrawals).toBe(true);
    expect(
      (await admin('PATCH', `/keys/${TEST_KEYS.binanceRead.apiKey}/permissions`, { fly: true })).status,
    ).toBe(400);
    expect((await admin('PATCH', '/keys/unknown/permissions', { withdraw: true })).status).toBe(404);
    await admin('POST', '/reset');
  });

  it('POST/GET/DELETE /__sim/faults', async () => {
    const created = await admin('POST', '/faults', {
      exchange: 'okx',
      kind: 'rate-limit',
      times: 2,
      retryAfterSeconds: 3,
    });
    expect(created).toEqual({ status: 201, json: { id: expect.any(String) } });
    const listed = await admin('GET', '/faults');
    expect(listed.json).toEqual({
      faults: [
        {
          id: (created.json as { id: string }).id,
          remaining: 2,
          fault: { exchange: 'okx', kind: 'rate-limit', times: 2, retryAfterSeconds: 3 },
        },
      ],
    });
    expect((await admin('POST', '/faults', { kind: 'earthquake' })).status).toBe(400);
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await admin('GET', '/faults')).json).toEqual({ faults: [] });
  });

  it('GET /__sim/requests and POST /__sim/reset', async () => {
    await admin('POST', '/accounts', newOkxAccount);
    await admin('POST', `/keys/${TEST_KEYS.binanceRead.apiKey}/revoke`);
    await admin('POST', '/faults', { kind: 'latency', delayMs: 1 });
    await rejectionOf(
      binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret).fetchBalance(),
    );
    const log = await admin('GET', '/requests');
    expect(log.json).toEqual({
      requests: [
        expect.objectContaining({
          exchange: 'binance',
          method: 'GET',
          path: '/api/v3/account',
          verdict: 'revoked-key',
        }),
      ],
    });

    expect((await admin('POST', '/reset')).status).toBe(204);
    expect((await admin('GET', '/requests')).json).toEqual({ requests: [] });
    expect(sim.faults()).toEqual([]);
    await binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret).fetchBalance();
    const gone = okxClient(sim, {
      apiKey: 'admin-created-key',
      secret: 'ADMINSECRET',
      password: 'Admin-Pass-1',
    });
    expect(await rejectionOf(gone.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('answers unknown routes and bad JSON clearly', async () => {
    expect((await admin('GET', '/nothing')).status).toBe(404);
    const res = await fetch(`${sim.url}/__sim/accounts`, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    expect((await fetch(`${sim.url}/v5/market/kline`)).status).toBe(404);
  });
});
