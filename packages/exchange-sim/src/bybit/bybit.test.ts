import { randomBytes } from 'node:crypto';
import ccxt, { type Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimKey, SimPermissions } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import { bybitClient, ccxtClass, rejectionOf } from '../test-clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: { accounts: [], usdPrices: { BTC: '60000' } } });
});
afterEach(async () => {
  await sim.close();
});

const random = () => randomBytes(12).toString('hex');

function addBybit(key: Partial<SimKey> & { permissions?: Partial<SimPermissions> } = {}, mainUid?: string) {
  const keys = { apiKey: `by${random()}`, secret: `bs${random()}` };
  const uid = String(10_000_000 + Math.floor(Math.random() * 1e7));
  sim.addAccount({
    exchange: 'bybit',
    uid,
    mainUid,
    balances: { BTC: { free: '0.5', locked: '0.1' }, USDT: { free: '1000', locked: '0' } },
    wallets: { funding: { USDC: { free: '42', locked: '0' } } },
    keys: [{ ...keys, ...key }],
  });
  return { ...keys, uid };
}

type Json = Record<string, unknown>;
const queryApi = async (ex: Exchange) =>
  (await (ex as unknown as Record<string, () => Promise<Json>>).privateGetV5UserQueryApi?.())?.result as Json;

describe('bybit via real ccxt', () => {
  it('reads the unified trading account and the funding wallet, signatures checked', async () => {
    const keys = addBybit();
    const ex = bybitClient(sim, keys);
    const unified = await ex.fetchBalance();
    expect([unified.BTC?.total, unified.BTC?.used, unified.BTC?.free]).toEqual([0.6, 0.1, 0.5]);
    expect(unified.USDT?.total).toBe(1000);
    const funding = await ex.fetchBalance({ type: 'funding' });
    expect([funding.USDC?.free, funding.USDC?.total]).toEqual([42, 42]);
    // ccxt asks whether the account is unified before each read (query-api, account/info)
    expect(sim.requests().map((r) => [r.path, r.verdict])).toContainEqual([
      '/v5/account/wallet-balance',
      'ok',
    ]);
    expect(sim.requests().every((r) => r.verdict === 'ok')).toBe(true);
  });

  it('reports the key’s rights, IP binding, expiry and owner on /v5/user/query-api', async () => {
    const keys = addBybit(
      { permissions: { spotTrade: true, withdraw: true }, allowedIps: ['127.0.0.1'] },
      '99',
    );
    const info = await queryApi(bybitClient(sim, keys));
    expect(info).toMatchObject({
      apiKey: keys.apiKey,
      readOnly: 0,
      ips: ['127.0.0.1'],
      isMaster: false,
      uta: 1,
    });
    expect((info.permissions as Json).Spot).toEqual(['SpotTrade']);
    expect((info.permissions as Json).Wallet).toEqual(['Withdraw']);
    expect(info.secret).toBe('');

    const readOnly = await queryApi(bybitClient(sim, addBybit()));
    expect(readOnly).toMatchObject({ readOnly: 1, ips: ['*'], isMaster: true });
    // a key bound to no IP lapses after 90 days, and says so
    expect(Number(readOnly.deadlineDay)).toBeGreaterThanOrEqual(89);
    expect(Date.parse(String(readOnly.expiredAt)) - Date.now()).toBeGreaterThan(89 * 86_400_000);
  });

  it('refuses wrong secrets, unknown, revoked and expired keys with Bybit’s codes', async () => {
    const keys = addBybit();
    const wrong = await rejectionOf(bybitClient(sim, { ...keys, secret: 'nope' }).fetchBalance());
    expect([ccxtClass(wrong), wrong.message.includes('10004')]).toEqual(['AuthenticationError', true]);
    const unknown = await rejectionOf(bybitClient(sim, { ...keys, apiKey: 'no-such-key' }).fetchBalance());
    expect([ccxtClass(unknown), unknown.message.includes('10003')]).toEqual(['AuthenticationError', true]);
    sim.revokeKey(keys.apiKey);
    const revoked = await rejectionOf(bybitClient(sim, keys).fetchBalance());
    expect(revoked).toBeInstanceOf(ccxt.AuthenticationError);
    const lapsed = addBybit({ expiresAt: Date.now() - 1000 });
    const expired = await rejectionOf(bybitClient(sim, lapsed).fetchBalance());
    expect([ccxtClass(expired), expired.message.includes('33004')]).toEqual(['AuthenticationError', true]);
    expect(sim.requests().map((r) => r.verdict)).toEqual(
      expect.arrayContaining(['bad-signature', 'unknown-key', 'revoked-key', 'expired-key']),
    );
  });

  it('refuses a key bound to other IPs (10010 → PermissionDenied) and a skewed clock (10002 → InvalidNonce)', async () => {
    const elsewhere = addBybit({ allowedIps: ['10.9.8.7'] });
    const ip = await rejectionOf(bybitClient(sim, elsewhere).fetchBalance());
    expect([ccxtClass(ip), ip.message.includes('10010')]).toEqual(['PermissionDenied', true]);
    const keys = addBybit();
    // ccxt signs with now − timeDifference: 10 s behind is outside the 5 s recv window…
    const behind = await rejectionOf(bybitClient(sim, keys, { timeDifference: 10_000 }).fetchBalance());
    expect(ccxtClass(behind)).toBe('InvalidNonce');
    // …and more than 1 s ahead of Bybit's clock is refused too; 1 s behind passes
    const ahead = await rejectionOf(bybitClient(sim, keys, { timeDifference: -2_000 }).fetchBalance());
    expect(ccxtClass(ahead)).toBe('InvalidNonce');
    await expect(bybitClient(sim, keys, { timeDifference: 1_000 }).fetchBalance()).resolves.toBeDefined();
  });

  it('serves its time publicly, for clock-offset measurement', async () => {
    const ex = bybitClient(sim, { apiKey: '', secret: '' });
    const time = await ex.fetchTime();
    expect(Math.abs(Number(time) - Date.now())).toBeLessThan(2_000);
  });
});
