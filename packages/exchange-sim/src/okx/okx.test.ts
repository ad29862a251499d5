import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDecimals, normalizeDecimal } from '../decimal';
import { type ExchangeSim, startExchangeSim } from '../server';
import { ccxtClass, okxClient, rejectionOf, TEST_KEYS, testFixture } from '../test-clients';

const { okxLive, okxDemo, okxWrongIp } = TEST_KEYS;

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: testFixture() });
});
afterEach(async () => {
  await sim.close();
});

type Detail = {
  ccy: string;
  eq: string;
  cashBal: string;
  availBal: string;
  frozenBal: string;
  eqUsd: string;
};

describe('okx via real ccxt', () => {
  it('returns the fixture balances for a valid live key', async () => {
    const balance = await okxClient(sim, okxLive).fetchBalance();

    const fixture = testFixture().accounts[1]!.balances;
    const info = balance.info as { code: string; data: { totalEq: string; details: Detail[] }[] };
    expect(info.code).toBe('0');
    const details = info.data[0]!.details;
    expect(details.map((d) => [d.ccy, d.availBal, d.frozenBal, d.cashBal, d.eq])).toEqual(
      Object.entries(fixture).map(([ccy, b]) => [
        ccy,
        normalizeDecimal(b.free),
        normalizeDecimal(b.locked),
        addDecimals(b.free, b.locked),
        addDecimals(b.free, b.locked),
      ]),
    );
    expect(details[0]).toHaveProperty('uTime');
    expect(Object.keys(details[0]!)).toHaveLength(44); // same field set as the recorded OKX response
    expect(info.data[0]!.totalEq).toBe('50500.5'); // 0.8 BTC * 60000 + 2500.5 USDT
    for (const [ccy, b] of Object.entries(fixture)) {
      expect(balance[ccy]?.free).toBe(Number(b.free));
      expect(balance[ccy]?.total).toBe(Number(addDecimals(b.free, b.locked)));
    }
    expect(sim.requests()).toMatchObject([
      { exchange: 'okx', path: '/api/v5/account/balance', verdict: 'ok' },
    ]);
  });

  it('refuses a wrong secret with 50113 -> AuthenticationError', async () => {
    const error = await rejectionOf(okxClient(sim, { ...okxLive, secret: 'WRONG' }).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('50113');
    expect(sim.requests()[0]).toMatchObject({ verdict: 'bad-signature', status: 401 });
  });

  it('refuses a wrong passphrase with 50105 -> AuthenticationError', async () => {
    const error = await rejectionOf(okxClient(sim, { ...okxLive, password: 'nope' }).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('50105');
    expect(sim.requests()[0]?.verdict).toBe('bad-passphrase');
  });

  it('refuses unknown and revoked keys with 50111 -> AuthenticationError', async () => {
    const unknown = await rejectionOf(okxClient(sim, { ...okxLive, apiKey: 'no-such-key' }).fetchBalance());
    expect(unknown).toBeInstanceOf(ccxt.AuthenticationError);
    expect(unknown.message).toContain('"code":"50111"');
    const ex = okxClient(sim, okxLive);
    await ex.fetchBalance();
    sim.revokeKey(okxLive.apiKey);
    const revoked = await rejectionOf(ex.fetchBalance());
    expect(ccxtClass(revoked)).toBe('AuthenticationError');
    expect(sim.requests().map((r) => r.verdict)).toEqual(['unknown-key', 'ok', 'revoked-key']);
  });

  it('keeps demo and live keys apart with 50101 on x-simulated-trading mismatch', async () => {
    const demoWithoutHeader = await rejectionOf(okxClient(sim, okxDemo).fetchBalance());
    expect(demoWithoutHeader).toBeInstanceOf(ccxt.AuthenticationError);
    expect(demoWithoutHeader.message).toContain('50101');
    const liveWithHeader = await rejectionOf(okxClient(sim, okxLive, { demo: true }).fetchBalance());
    expect(liveWithHeader.message).toContain('50101');
    const demo = await okxClient(sim, okxDemo, { demo: true }).fetchBalance();
    expect(demo.BTC?.total).toBe(0.8);
    expect(sim.requests().map((r) => r.verdict)).toEqual(['wrong-environment', 'wrong-environment', 'ok']);
  });

  it('refuses a key whose IP whitelist misses 127.0.0.1 with 50110 -> PermissionDenied', async () => {
    const error = await rejectionOf(okxClient(sim, okxWrongIp).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.PermissionDenied);
    expect(error.message).toContain('50110');
    expect(sim.requests()[0]?.verdict).toBe('ip-not-allowed');
  });

  it('reports per-key permissions on /api/v5/account/config', async () => {
    const live = await okxClient(sim, okxLive).privateGetAccountConfig();
    expect(live.code).toBe('0');
    expect(live.data[0]).toMatchObject({
      uid: '600000000000000042',
      mainUid: '600000000000000001',
      type: '1',
      perm: 'read_only,trade,withdraw',
      ip: '',
      label: 'live trade',
    });
    const demo = await okxClient(sim, okxDemo, { demo: true }).privateGetAccountConfig();
    expect(demo.data[0]).toMatchObject({ perm: 'read_only', label: 'demo' });
  });

  it('answers public time in the OKX envelope', async () => {
    const res = await fetch(`${sim.url}/api/v5/public/time`);
    const body = (await res.json()) as { code: string; msg: string; data: { ts: string }[] };
    expect(body.code).toBe('0');
    expect(Math.abs(Number(body.data[0]!.ts) - Date.now())).toBeLessThan(1000);
    const viaCcxt = await okxClient(sim, okxLive).fetchTime();
    expect(Math.abs(Number(viaCcxt) - Date.now())).toBeLessThan(1000);
  });
});
