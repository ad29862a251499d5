import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimFixture, SimWallet } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import { okxClient, rejectionOf, TEST_KEYS, testFixture } from '../test-clients';

const UID = '600000000000000042';
const { okxLive } = TEST_KEYS;

function fundingFixture(): SimFixture {
  const fixture = testFixture();
  fixture.accounts[1]!.wallets = {
    funding: { USDT: { free: '0.1', locked: '0.2' }, TUSD: { free: '100', locked: '0' } },
  };
  return fixture;
}

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: fundingFixture() });
});
afterEach(async () => {
  await sim.close();
});

describe('okx funding account via fetchBalance({type: "funding"})', () => {
  it('reaches GET /api/v5/asset/balances in the recorded shape, with exact decimals', async () => {
    const balance = await okxClient(sim, okxLive).fetchBalance({ type: 'funding' });
    expect(balance.info).toEqual({
      code: '0',
      data: [
        { availBal: '0.1', bal: '0.3', ccy: 'USDT', frozenBal: '0.2' },
        { availBal: '100', bal: '100', ccy: 'TUSD', frozenBal: '0' },
      ],
      msg: '',
    });
    expect(balance.USDT).toEqual({ free: 0.1, used: 0.2, total: 0.3 });
    expect(balance.TUSD).toEqual({ free: 100, used: 0, total: 100 });
    expect(sim.requests()).toMatchObject([{ path: '/api/v5/asset/balances', verdict: 'ok', status: 200 }]);
  });

  it('keeps the funding account apart from the unified trading account', async () => {
    const ex = okxClient(sim, okxLive);
    expect((await ex.fetchBalance()).total).toEqual({ BTC: 0.8, USDT: 2500.5 });
    sim.setBalances('okx', UID, { BTC: { free: '0.5', locked: '0' } }, { wallet: 'funding', replace: true });
    expect((await ex.fetchBalance({ type: 'funding' })).total).toEqual({ BTC: 0.5 });
    expect((await ex.fetchBalance()).total).toEqual({ BTC: 0.8, USDT: 2500.5 });
  });

  it('answers an account without a funding wallet with an empty list', async () => {
    const balance = await okxClient(sim, TEST_KEYS.okxDemo, { demo: true }).fetchBalance({ type: 'funding' });
    expect(balance.total).toEqual({ USDT: 0.3, TUSD: 100 }); // same account as the live key
    sim.addAccount({
      exchange: 'okx',
      uid: '1',
      balances: {},
      keys: [{ apiKey: 'okx-empty', secret: 'S', passphrase: 'P-1' }],
    });
    const empty = await okxClient(sim, { apiKey: 'okx-empty', secret: 'S', password: 'P-1' }).fetchBalance({
      type: 'funding',
    });
    expect(empty.info).toEqual({ code: '0', data: [], msg: '' });
  });

  it('signs /api/v5/asset/balances like the other private endpoints', async () => {
    const error = await rejectionOf(
      okxClient(sim, { ...okxLive, secret: 'WRONG' }).fetchBalance({ type: 'funding' }),
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('50113');
  });

  it('refuses the wallets OKX has no separate account for (its trading account is unified)', () => {
    for (const wallet of ['margin', 'swap', 'future'] as SimWallet[]) {
      expect(() => sim.setBalances('okx', UID, {}, { wallet })).toThrow(/okx has no separate .* unified/);
    }
  });
});
