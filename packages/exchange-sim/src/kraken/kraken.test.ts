import { randomBytes } from 'node:crypto';
import type { Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimKey } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import { ccxtClass, krakenClient, rejectionOf } from '../test-clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim();
});
afterEach(async () => {
  await sim.close();
});

function addKraken(key: Partial<SimKey> = {}) {
  const keys = { apiKey: `kr${randomBytes(20).toString('hex')}`, secret: randomBytes(64).toString('base64') };
  sim.addAccount({
    exchange: 'kraken',
    uid: `AA${randomBytes(4).toString('hex').toUpperCase()}`,
    balances: {
      BTC: { free: '0.4', locked: '0.1' },
      USD: { free: '250', locked: '0' },
      SOL: { free: '3', locked: '0' },
    },
    keys: [{ ...keys, ...key }],
  });
  return keys;
}

type Json = Record<string, unknown>;
const keyInfo = async (ex: Exchange) =>
  (await (ex as unknown as Record<string, () => Promise<Json>>).privatePostGetApiKeyInfo?.())?.result as Json;

describe('kraken via real ccxt', () => {
  it('reads the extended balance under Kraken’s asset ids, which ccxt maps back (XXBT → BTC)', async () => {
    const balance = await krakenClient(sim, addKraken()).fetchBalance();
    expect([balance.BTC?.total, balance.BTC?.used, balance.BTC?.free]).toEqual([0.5, 0.1, 0.4]);
    expect([balance.USD?.total, balance.SOL?.total]).toEqual([250, 3]);
    expect(Object.keys((balance.info as { result: Json }).result)).toEqual(['XXBT', 'ZUSD', 'SOL']);
    expect(sim.requests()).toMatchObject([
      { exchange: 'kraken', path: '/0/private/BalanceEx', verdict: 'ok' },
    ]);
  });

  it('checks the SHA-512 signature over the path and the nonce-prefixed body', async () => {
    const keys = addKraken();
    const other = randomBytes(64).toString('base64');
    const wrong = await rejectionOf(krakenClient(sim, { ...keys, secret: other }).fetchBalance());
    // ccxt 4.5.84 leaves this one a plain ExchangeError; Keyport classifies it by the message
    expect([ccxtClass(wrong), wrong.message.includes('EAPI:Invalid signature')]).toEqual([
      'ExchangeError',
      true,
    ]);
    const unknown = await rejectionOf(krakenClient(sim, { ...keys, apiKey: 'nope' }).fetchBalance());
    expect(unknown.message).toContain('EAPI:Invalid key');
  });

  it('refuses a nonce not above the key’s last one: two clients of one key, the later one behind', async () => {
    const keys = addKraken();
    await krakenClient(sim, keys).fetchBalance();
    // a second process whose clock is 5 s behind signs with a smaller nonce
    const behind = await rejectionOf(krakenClient(sim, keys, { timeDifference: 5_000 }).fetchBalance());
    expect([ccxtClass(behind), behind.message]).toEqual([
      'InvalidNonce',
      expect.stringContaining('EAPI:Invalid nonce'),
    ]);
    expect(sim.requests().map((r) => r.verdict)).toEqual(['ok', 'timestamp']);
    // the key still works for a sender ahead of it
    await expect(krakenClient(sim, keys).fetchBalance()).resolves.toBeDefined();
  });

  it('describes the key: permissions, allowlist, expiry', async () => {
    const keys = addKraken({
      permissions: { read: true, spotTrade: true, withdraw: true },
      allowedIps: ['127.0.0.1'],
      expiresAt: Date.UTC(2027, 0, 1),
    });
    const info = await keyInfo(krakenClient(sim, keys));
    expect(info).toMatchObject({
      apiKey: keys.apiKey,
      ipAllowlist: ['127.0.0.1'],
      validUntil: String(Date.UTC(2027, 0, 1) / 1000),
    });
    expect(info.permissions).toEqual(
      expect.arrayContaining(['query-funds', 'modify-trades', 'withdraw-funds']),
    );
    const elsewhere = addKraken({ allowedIps: ['10.1.2.3'] });
    const refused = await rejectionOf(krakenClient(sim, elsewhere).fetchBalance());
    expect(ccxtClass(refused)).toBe('PermissionDenied');
  });

  it('serves its time publicly', async () => {
    const time = await krakenClient(sim, { apiKey: '', secret: '' }).fetchTime();
    expect(Math.abs(Number(time) - Date.now())).toBeLessThan(2_000);
  });
});
