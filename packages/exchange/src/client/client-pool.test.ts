import { type ExchangeSim, startExchangeSim } from '@keyport/exchange-sim/server';
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPool } from './client-pool';
import { SandboxNotSupportedError } from './create-client';

const alice = {
  apiKey: 'POOLaliceKey000000000000000000000000000000000000000000000000001',
  secret: 'alice-s',
};
const bob = { apiKey: 'POOLbobKey00000000000000000000000000000000000000000000000000002', secret: 'bob-s' };

let sim: ExchangeSim;
let target: { exchangeId: string; sandbox: boolean; urlOverrides: Record<string, string> };

beforeAll(async () => {
  sim = await startExchangeSim({
    fixture: {
      accounts: [
        { exchange: 'binance', uid: '1', balances: { BTC: { free: '1.5', locked: '0' } }, keys: [alice] },
        { exchange: 'binance', uid: '2', balances: { ETH: { free: '7', locked: '0' } }, keys: [bob] },
      ],
    },
  });
  target = { exchangeId: 'binance', sandbox: false, urlOverrides: { binance: sim.url } };
});
afterAll(async () => {
  await sim.close();
});

describe('ClientPool', () => {
  it('reuses one client for consecutive jobs, each signing with its own key and seeing its own account', async () => {
    const pool = new ClientPool();
    const first = pool.lease({ ...target, credentials: alice });
    const aliceBalance = await first.exchange.fetchBalance();
    const reused = first.exchange;
    first.release();

    const second = pool.lease({ ...target, credentials: bob });
    expect(second.exchange).toBe(reused);
    const bobBalance = await second.exchange.fetchBalance();
    second.release();

    expect(String(aliceBalance.BTC?.total)).toBe('1.5');
    expect(bobBalance.BTC).toBeUndefined();
    expect(String(bobBalance.ETH?.total)).toBe('7');
    expect(sim.requests().map((r) => [r.apiKey, r.verdict])).toEqual([
      [alice.apiKey, 'ok'],
      [bob.apiKey, 'ok'],
    ]);
  });

  it('wipes credentials, the last request and response, and per-account options on release', async () => {
    const pool = new ClientPool();
    const lease = pool.lease({ ...target, credentials: alice, timeDifference: 1234 });
    await lease.exchange.fetchBalance();
    lease.exchange.options.discoveredPerAccount = 'unified';
    const { exchange } = lease;
    lease.release();

    const leftovers = JSON.stringify({
      apiKey: exchange.apiKey,
      secret: exchange.secret,
      headers: exchange.last_request_headers,
      body: exchange.last_http_response,
      url: (exchange as unknown as { last_request_url?: string }).last_request_url,
    });
    expect(leftovers).not.toContain(alice.apiKey);
    expect(leftovers).not.toContain('1.5');
    expect(exchange.options.discoveredPerAccount).toBeUndefined();
    expect(exchange.options.timeDifference).not.toBe(1234);

    // a lease without credentials fails in ccxt itself, before any request: nothing of alice's was kept
    const empty = pool.lease({ ...target, credentials: {} });
    expect(empty.exchange).toBe(exchange);
    await expect(empty.exchange.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    empty.release();
  });

  it('gives concurrent jobs separate clients and keeps them for the next burst', async () => {
    const pool = new ClientPool();
    const leases = [alice, bob, alice].map((credentials) => pool.lease({ ...target, credentials }));
    expect(new Set(leases.map((l) => l.exchange)).size).toBe(3);
    const balances = await Promise.all(leases.map((l) => l.exchange.fetchBalance()));
    expect(
      balances.map((b) =>
        Object.keys(b.total ?? {})
          .sort()
          .join(),
      ),
    ).toEqual(['BTC', 'ETH', 'BTC']);
    for (const l of leases) l.release();
    expect(pool.idleCount(target)).toBe(3);
    leases[0]!.release(); // a second release is ignored
    expect(pool.idleCount(target)).toBe(3);
  });

  it('keeps at most maxIdlePerExchange idle clients, and none of another host or environment', () => {
    const pool = new ClientPool({ maxIdlePerExchange: 1 });
    const a = pool.lease({ ...target, credentials: alice });
    const b = pool.lease({ ...target, credentials: bob });
    a.release();
    b.release();
    expect(pool.idleCount(target)).toBe(1);
    const elsewhere = { ...target, urlOverrides: { binance: 'http://127.0.0.1:9' } };
    expect(pool.idleCount(elsewhere)).toBe(0);
    expect(pool.lease({ ...elsewhere, credentials: alice }).exchange).not.toBe(a.exchange);
    expect(pool.idleCount({ ...target, sandbox: true })).toBe(0);
  });

  it('refuses a testnet on an exchange without one, as building a client does', () => {
    const pool = new ClientPool();
    expect(() => pool.lease({ exchangeId: 'kraken', sandbox: true, credentials: alice })).toThrow(
      SandboxNotSupportedError,
    );
  });
});
