import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDecimals } from '../decimal';
import type { SimBalances, SimFixture, SimWallet } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import { binanceClient, ccxtClass, rejectionOf, TEST_KEYS, testFixture } from '../test-clients';

const UID = '200000042';
const FUTURES_KEY = {
  apiKey: 'TESTbinanceFuturesKey00000000000000000000000000000000000000000004',
  secret: 'fut-5e',
};
const { binanceRead } = TEST_KEYS;

// Decimals a float sum would get wrong (0.1 + 0.2) and 8-place amounts at the edge of Binance's precision.
const WALLETS: Record<SimWallet, SimBalances> = {
  margin: { BTC: { free: '0.1', locked: '0.2' }, ETH: { free: '1.23456789', locked: '0' } },
  swap: { USDT: { free: '12345.12345678', locked: '0.00000001' }, BNB: { free: '0.1', locked: '0.2' } },
  future: { BTC: { free: '0.00000001', locked: '0.3' }, ETH: { free: '2', locked: '0.5' } },
  funding: { USDT: { free: '0.1', locked: '0.2' }, FDUSD: { free: '7.77', locked: '0' } },
};

function walletFixture(): SimFixture {
  const fixture = testFixture();
  const binance = fixture.accounts[0]!;
  binance.wallets = structuredClone(WALLETS);
  binance.keys.push({ ...FUTURES_KEY, permissions: { read: true, futures: true } });
  return fixture;
}

/** What ccxt should report for these balances: the exact decimals, total = free + locked without float drift. */
function expected(balances: SimBalances) {
  return Object.fromEntries(
    Object.entries(balances).map(([asset, b]) => [
      asset,
      { free: Number(b.free), used: Number(b.locked), total: Number(addDecimals(b.free, b.locked)) },
    ]),
  );
}

function parsed(balance: Record<string, unknown>, assets: string[]) {
  return Object.fromEntries(
    assets.map((asset) => {
      const { free, used, total } = balance[asset] as { free: number; used: number; total: number };
      return [asset, { free, used, total }];
    }),
  );
}

const cases: { wallet: SimWallet; type: string; method: string; path: string }[] = [
  { wallet: 'margin', type: 'margin', method: 'GET', path: '/sapi/v1/margin/account' },
  { wallet: 'swap', type: 'swap', method: 'GET', path: '/fapi/v3/account' },
  { wallet: 'future', type: 'delivery', method: 'GET', path: '/dapi/v1/account' },
  { wallet: 'funding', type: 'funding', method: 'POST', path: '/sapi/v1/asset/get-funding-asset' },
];

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: walletFixture() });
});
afterEach(async () => {
  await sim.close();
});

describe.each(cases)(
  'binance $wallet wallet via fetchBalance({type: "$type"})',
  ({ wallet, type, method, path }) => {
    it(`reaches ${method} ${path} and ccxt parses the exact decimals`, async () => {
      const balance = await binanceClient(sim, FUTURES_KEY.apiKey, FUTURES_KEY.secret).fetchBalance({ type });
      const assets = Object.keys(WALLETS[wallet]);
      expect(Object.keys(balance.total ?? {}).sort()).toEqual([...assets].sort()); // nothing from spot or other wallets
      expect(parsed(balance, assets)).toEqual(expected(WALLETS[wallet]));
      expect(sim.requests()).toMatchObject([{ method, path, verdict: 'ok', status: 200 }]);
    });

    it('answers an account without that wallet as an empty wallet, and the wallet can be opened later', async () => {
      sim.addAccount({
        exchange: 'binance',
        uid: '300000001',
        balances: { BTC: { free: '1', locked: '0' } },
        keys: [{ apiKey: 'NOWALLETSKEY', secret: 's', permissions: { futures: true } }],
      });
      const ex = binanceClient(sim, 'NOWALLETSKEY', 's');
      expect((await ex.fetchBalance({ type })).total).toEqual({});

      sim.setBalances('binance', '300000001', { SOL: { free: '3.5', locked: '0.25' } }, { wallet });
      const later = await ex.fetchBalance({ type });
      expect(parsed(later, ['SOL'])).toEqual({ SOL: { free: 3.5, used: 0.25, total: 3.75 } });
      expect((await ex.fetchBalance()).total).toEqual({ BTC: 1 }); // spot untouched
    });
  },
);

describe('binance wallets', () => {
  it('changes one wallet over time without touching spot or the other wallets', async () => {
    const ex = binanceClient(sim, FUTURES_KEY.apiKey, FUTURES_KEY.secret);
    sim.setBalances('binance', UID, { USDT: { free: '99.5', locked: '0.5' }, BNB: null }, { wallet: 'swap' });
    expect((await ex.fetchBalance({ type: 'swap' })).total).toEqual({ USDT: 100 });
    sim.setBalances('binance', UID, { XRP: { free: '10', locked: '0' } }, { wallet: 'swap', replace: true });
    expect((await ex.fetchBalance({ type: 'swap' })).total).toEqual({ XRP: 10 });
    expect((await ex.fetchBalance({ type: 'margin' })).total).toEqual({ BTC: 0.3, ETH: 1.23456789 });
    expect((await ex.fetchBalance()).total).toEqual({ BTC: 0.51, ETH: 1.23456789, USDT: 1335 });
  });

  it('serves the raw shapes Binance documents (futures totals from USDT, non-zero updateTime)', async () => {
    const ex = binanceClient(sim, FUTURES_KEY.apiKey, FUTURES_KEY.secret);
    const swap = (await ex.fetchBalance({ type: 'swap' })).info as Record<string, unknown>;
    expect(swap).toMatchObject({
      totalWalletBalance: '12345.12345679',
      availableBalance: '12345.12345678',
      totalInitialMargin: '0.00000001',
      positions: [],
    });
    const asset = (swap.assets as Record<string, unknown>[])[0];
    expect(asset).toMatchObject({
      asset: 'USDT',
      walletBalance: '12345.12345679',
      marginBalance: '12345.12345679',
      availableBalance: '12345.12345678',
      initialMargin: '0.00000001',
      unrealizedProfit: '0.00000000',
    });
    // ccxt drops futures assets whose updateTime is 0 as stale (binance.js parseBalanceCustom)
    expect(asset?.updateTime).toBeGreaterThan(0);

    const v2 = (await ex.fetchBalance({ type: 'swap', useV2: true })).info as Record<string, unknown>;
    expect(v2).toMatchObject({ feeTier: 0, canTrade: true, multiAssetsMargin: false });
    expect(sim.requests().at(-1)?.path).toBe('/fapi/v2/account');

    const margin = (await ex.fetchBalance({ type: 'margin' })).info as Record<string, unknown>;
    expect(margin).toMatchObject({ created: true, accountType: 'MARGIN_1', totalAssetOfBtc: '0.36172839' });
    expect((margin.userAssets as unknown[])[0]).toEqual({
      asset: 'BTC',
      borrowed: '0.00000000',
      free: '0.10000000',
      interest: '0.00000000',
      locked: '0.20000000',
      netAsset: '0.30000000',
    });
    const funding = await ex.sapiPostAssetGetFundingAsset({ needBtcValuation: true });
    expect(funding).toEqual([
      {
        asset: 'USDT',
        free: '0.1',
        locked: '0.2',
        freeze: '0',
        withdrawing: '0',
        btcValuation: '0.00000500',
      },
      {
        asset: 'FDUSD',
        free: '7.77',
        locked: '0',
        freeze: '0',
        withdrawing: '0',
        btcValuation: '0.00000000',
      },
    ]);
  });

  it.each([
    ['swap', '/fapi/v3/account'],
    ['delivery', '/dapi/v1/account'],
  ])('refuses %s for a key without futures permission with HTTP 401 -2015', async (type, path) => {
    const fresh = binanceClient(sim, binanceRead.apiKey, binanceRead.secret);
    const error = await rejectionOf(fresh.fetchBalance({ type }));
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}');
    expect(sim.requests()).toMatchObject([{ path, status: 401, verdict: 'permission-denied' }]);

    // ccxt reads -2015 after a successful spot call as a temporary ban (hasAlreadyAuthenticatedSuccessfully)
    await fresh.fetchBalance();
    expect(ccxtClass(await rejectionOf(fresh.fetchBalance({ type })))).toBe('DDoSProtection');
  });

  it('lets a read-only key (no margin, no futures right) read margin and funding', async () => {
    const ex = binanceClient(sim, binanceRead.apiKey, binanceRead.secret);
    expect((await ex.fetchBalance({ type: 'margin' })).total).toEqual({ BTC: 0.3, ETH: 1.23456789 });
    expect((await ex.fetchBalance({ type: 'funding' })).total).toEqual({ USDT: 0.3, FDUSD: 7.77 });
  });

  it('checks signatures on the wallet endpoints like on /api/v3/account', async () => {
    const error = await rejectionOf(
      binanceClient(sim, FUTURES_KEY.apiKey, 'wrong-secret').fetchBalance({ type: 'funding' }),
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('-1022');
    expect(sim.requests()[0]).toMatchObject({ method: 'POST', verdict: 'bad-signature', status: 400 });
  });

  it('refuses wallets Binance does not have, and malformed wallet balances', () => {
    expect(() => sim.setBalances('binance', UID, {}, { wallet: 'savings' as SimWallet })).toThrow(
      /wallet must be one of margin, swap, future, funding/,
    );
    expect(() =>
      sim.addAccount({
        exchange: 'binance',
        uid: '1',
        balances: {},
        wallets: { swap: { USDT: { free: '0.123456789', locked: '0' } } },
        keys: [],
      }),
    ).toThrow(/wallets\.swap\.USDT\.free has more than 8 decimals/);
  });
});
