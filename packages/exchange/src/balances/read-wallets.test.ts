// Every wallet a user picks is read the way its exchange expects, through real ccxt against the sim.
import { randomBytes } from 'node:crypto';
import { type ExchangeSim, startExchangeSim } from '@keyport/exchange-sim/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBalances } from '../verify/read-balances';
import { verifyCredentials } from '../verify/verify-credentials';

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim();
});
afterAll(async () => {
  await sim.close();
});

const random = () => randomBytes(12).toString('hex');
// decimal strings compared as written, without floats: "2.50000000" is "2.5"
const exact = (amount: string) => (amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount);

function binanceAccount(permissions: { futures: boolean }) {
  const keys = { apiKey: `bn${random()}`, secret: `bs${random()}` };
  sim.addAccount({
    exchange: 'binance',
    uid: String(Date.now() + Math.floor(Math.random() * 1e6)),
    balances: { BTC: { free: '0.12345678', locked: '0.00000001' } },
    wallets: {
      margin: { ETH: { free: '2.5', locked: '0.25' } },
      swap: { USDT: { free: '1000.123', locked: '0' } },
      future: { BTC: { free: '0.3', locked: '0' } },
      funding: { USDC: { free: '42.42', locked: '0.58' } },
    },
    keys: [{ ...keys, permissions: { read: true, futures: permissions.futures } }],
  });
  return keys;
}

const binance = (credentials: Record<string, string>, accountTypes: string[]) => ({
  exchangeId: 'binance',
  credentials,
  sandbox: false,
  urlOverrides: { binance: sim.url },
  accountTypes,
});

describe('balances per account type', () => {
  it('reads Binance spot, cross margin, USDⓈ-M, COIN-M and funding, each to the last decimal', async () => {
    const keys = binanceAccount({ futures: true });
    const before = sim.requests().length;
    const outcome = await readBalances(binance(keys, ['spot', 'margin', 'swap', 'future', 'funding']));
    expect(outcome).toMatchObject({ ok: true, unreadableWallets: [] });
    if (!outcome.ok) return;
    const lines = outcome.balances.map((b) => [
      b.accountType,
      b.asset,
      ...[b.free, b.used, b.total].map(exact),
    ]);
    expect(lines).toEqual([
      ['spot', 'BTC', '0.12345678', '0.00000001', '0.12345679'],
      ['margin', 'ETH', '2.5', '0.25', '2.75'],
      ['funding', 'USDC', '42.42', '0.58', '43'],
      ['swap', 'USDT', '1000.123', '0', '1000.123'],
      ['future', 'BTC', '0.3', '0', '0.3'],
    ]);
    // one request per wallet, and nothing else (no markets, no currencies)
    const paths = sim
      .requests()
      .slice(before)
      .map((r) => r.path);
    expect(paths).toEqual([
      '/api/v3/account',
      '/sapi/v1/margin/account',
      '/sapi/v1/asset/get-funding-asset',
      '/fapi/v3/account',
      '/dapi/v1/account',
    ]);
  });

  it('connects a key without futures rights, reads its other wallets and says which it could not read', async () => {
    const keys = binanceAccount({ futures: false });
    const outcome = await verifyCredentials(binance(keys, ['spot', 'swap', 'funding']));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.balances.map((b) => b.accountType)).toEqual(['spot', 'funding']);
    expect(outcome.unreadableWallets).toEqual([{ wallet: 'swap', reason: 'KEY_REJECTED' }]);
  });

  it('reads OKX’s unified trading account once for spot and derivatives, and the funding account apart', async () => {
    const keys = { apiKey: random(), secret: random(), password: `Pp-${random()}` };
    sim.addAccount({
      exchange: 'okx',
      uid: String(Date.now()),
      balances: { BTC: { free: '1.5', locked: '0.5' } },
      wallets: { funding: { USDT: { free: '10.000001', locked: '0' } } },
      keys: [{ apiKey: keys.apiKey, secret: keys.secret, passphrase: keys.password }],
    });
    const before = sim.requests().length;
    const outcome = await readBalances({
      exchangeId: 'okx',
      credentials: keys,
      sandbox: false,
      urlOverrides: { okx: sim.url },
      accountTypes: ['spot', 'swap', 'funding'],
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.balances.map((b) => [b.accountType, b.asset, exact(b.total)])).toEqual([
      ['trading', 'BTC', '2'],
      ['funding', 'USDT', '10.000001'],
    ]);
    expect(
      sim
        .requests()
        .slice(before)
        .map((r) => r.path),
    ).toEqual(['/api/v5/account/balance', '/api/v5/asset/balances']);
  });

  it('a wallet refused for a passing reason fails the whole read, so nothing is half stored', async () => {
    const keys = binanceAccount({ futures: true });
    // the spot read is served, the margin read after it is refused for rate
    sim.setRateLimit({ exchange: 'binance', limit: 1, windowMs: 60_000, banAfter: 100 });
    try {
      const outcome = await readBalances(binance(keys, ['spot', 'margin']));
      expect(outcome).toMatchObject({ ok: false, reason: 'RATE_LIMITED' });
      expect(sim.rateStats('binance')).toMatchObject({ served: 1, rejected429: 1 });
    } finally {
      sim.clearRateLimits();
    }
  });
});
