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
    expect((await fetch(`${sim.url}/v5/market/tickers`)).status).toBe(404);
  });
});
