// Bybit through the whole product: real ccxt against the sim's v5 API (signatures, recv window, key info).
import { describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  CONNECTION_FIELDS,
  type ConnectionView,
  waitForStatus,
} from './client';
import type { Stack } from './harness';
import { addBybitAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

type View = ConnectionView & { warnings: { code: string; detail: string | null }[] };
const VIEW = `query ($id: ID!) { exchangeConnection(id: $id) { ${CONNECTION_FIELDS} warnings { code detail } } }`;
const view = async (id: string) =>
  (await api.ok<{ exchangeConnection: View }>(VIEW, { id })).exchangeConnection;

async function connect(label: string, keys: { apiKey: string; secret: string }, accountTypes?: string[]) {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'bybit',
      label,
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
      accountTypes,
    },
  });
  return connectExchange.data.id;
}
const settled = (s: string) => s !== 'PENDING' && s !== 'VERIFYING';

describe('Bybit', () => {
  it('connects a read-only key: unified and funding balances, the key’s rights, owner and 90-day expiry', async () => {
    const keys = addBybitAccount(stack.sim, { funding: { USDC: { free: '42', locked: '0' } } });
    const id = await connect('Bybit main', keys, ['SPOT', 'FUNDING']);
    const connected = await waitForStatus(api, id, settled);
    expect(connected.status).toBe('CONNECTED');
    const c = await view(id);
    expect(c.balances.map((b) => [b.accountType, b.asset, b.free, b.used, b.total])).toEqual([
      ['funding', 'USDC', '42', '0', '42'],
      ['trading', 'BTC', '0.25', '0.05', '0.3'],
      ['trading', 'USDT', '500', '0', '500'],
    ]);
    expect(c.permissions).toMatchObject({
      read: true,
      spotTrade: false,
      withdraw: false,
      ipRestricted: false,
    });
    expect(c.exchangeAccountUid).toBe(keys.uid);
    // a key bound to no IP lapses after 90 days on Bybit: known, and not yet worth a warning
    const days = (Date.parse(String(c.permissions?.expiresAt)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(c.warnings.map((w) => w.code)).toEqual(['IP_UNRESTRICTED']);

    // a refresh is one request per wallet: no unified-account probe before each read
    const before = stack.sim.requests().length;
    const synced = async () =>
      (
        await api.ok<{ exchangeConnection: { lastSyncedAt: string | null } }>(
          'query ($id: ID!) { exchangeConnection(id: $id) { lastSyncedAt } }',
          { id },
        )
      ).exchangeConnection.lastSyncedAt;
    const syncedBefore = await synced();
    await api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    // every request of the refresh was made once it has stored what it read
    await expect.poll(synced, { timeout: 20_000 }).not.toBe(syncedBefore);
    const refresh = stack.sim
      .requests()
      .slice(before)
      .filter((r) => r.apiKey === keys.apiKey);
    expect(refresh.map((r) => r.path).sort()).toEqual([
      '/v5/account/wallet-balance',
      '/v5/asset/transfer/query-account-coins-balance',
    ]);
  });

  it('refuses a withdraw-enabled key, erases its ciphertext and names Bybit’s switch to turn off', async () => {
    const keys = addBybitAccount(stack.sim, { permissions: { read: true, spotTrade: true, withdraw: true } });
    const id = await connect('Bybit withdraw', keys);
    const c = await waitForStatus(api, id, (s) => s === 'UNSAFE_PERMISSIONS');
    expect([c.statusReason?.code, c.hasCredentials]).toEqual(['WITHDRAWALS_ENABLED', false]);
    expect(c.statusReason?.remedy).toContain('“Withdrawal (under Assets)”');
    expect(c.statusReason?.remedy).toContain('Bybit');
    const [row] = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('select credentials, credential_kid from exchange_connections where id = ?', [id]);
    expect(row).toEqual({ credentials: null, credential_kid: null });
  });

  it('refuses a key bound to other IPs, and expires a working key revoked on the exchange', async () => {
    const bound = addBybitAccount(stack.sim, { allowedIps: ['10.20.30.40'] });
    const elsewhere = await waitForStatus(api, await connect('Bybit other IP', bound), settled);
    expect([elsewhere.status, elsewhere.statusReason?.code]).toEqual([
      'IP_NOT_ALLOWED',
      'IP_NOT_WHITELISTED',
    ]);

    const keys = addBybitAccount(stack.sim);
    const id = await connect('Bybit revoked later', keys);
    await waitForStatus(api, id, (s) => s === 'CONNECTED');
    stack.sim.revokeKey(keys.apiKey);
    await api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    const expired = await waitForStatus(api, id, (s) => s === 'EXPIRED');
    expect(expired.statusReason?.code).toBe('KEY_EXPIRED');
  });

  it('warns on the subscription when a key is about to lapse', async () => {
    const keys = addBybitAccount(stack.sim, {
      allowedIps: ['127.0.0.1'],
      expiresAt: Date.now() + 3 * 86_400_000,
    });
    const listening = stack.listeners('connection-updated');
    const live = api.subscribe<{
      exchangeConnectionUpdated: { status: string; warnings: { code: string; detail: string }[] };
    }>('subscription { exchangeConnectionUpdated { status warnings { code detail } } }');
    await listening.added();
    await connect('Bybit lapsing', keys);
    const events = await live.waitFor((all) =>
      all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'),
    );
    live.close();
    const connected = events.find((e) => e.exchangeConnectionUpdated.status === 'CONNECTED');
    expect(connected?.exchangeConnectionUpdated.warnings).toEqual([
      { code: 'KEY_EXPIRES_SOON', detail: '3' },
    ]);
  });
});

describe('Bybit clock skew', () => {
  it('corrects a skewed exchange clock once and connects', async () => {
    const keys = addBybitAccount(stack.sim);
    stack.sim.addFault({ kind: 'clock-skew', exchange: 'bybit', offsetMs: 30_000 });
    try {
      const id = await connect('Bybit skewed', keys);
      await waitForStatus(api, id, (s) => s === 'CONNECTED');
      const verdicts = stack.sim
        .requests()
        .filter((r) => r.apiKey === keys.apiKey)
        .map((r) => r.verdict);
      // refused once, then the time was measured and every later request signed with the corrected clock
      expect(verdicts.filter((v) => v === 'timestamp')).toHaveLength(1);
      expect(verdicts.at(-1)).toBe('ok');
      expect((await view(id)).statusReason).toBeNull();
    } finally {
      stack.sim.clearFaults();
    }
  });

  it('reports a skew that resynchronising cannot fix as CLOCK_SKEW, with the offset Bybit saw', async () => {
    const keys = addBybitAccount(stack.sim);
    // only this key's signed requests meet the skewed clock: the public time endpoint cannot explain it
    stack.sim.addFault({ kind: 'clock-skew', apiKey: keys.apiKey, offsetMs: 120_000 });
    try {
      const id = await connect('Bybit persistent skew', keys);
      type Reason = { code: string; retrying: boolean; clockOffsetMs: number | null };
      // read status and reason together: between retries the connection is VERIFYING again, without a reason
      let reason: Reason | null = null;
      await expect
        .poll(
          async () => {
            const { exchangeConnection } = await api.ok<{
              exchangeConnection: { status: string; statusReason: Reason | null };
            }>(
              'query ($id: ID!) { exchangeConnection(id: $id) { status statusReason { code retrying clockOffsetMs } } }',
              {
                id,
              },
            );
            if (exchangeConnection.status === 'CLOCK_SKEW') reason = exchangeConnection.statusReason;
            return exchangeConnection.status;
          },
          { timeout: 20_000, interval: 50 },
        )
        .toBe('CLOCK_SKEW');
      const exchangeConnection = { statusReason: reason as unknown as Reason };
      expect(exchangeConnection.statusReason).toMatchObject({ code: 'CLOCK_SKEW', retrying: true });
      // our request was 120 s behind Bybit's clock (give or take the round trip)
      expect(exchangeConnection.statusReason.clockOffsetMs).toBeGreaterThan(-122_000);
      expect(exchangeConnection.statusReason.clockOffsetMs).toBeLessThan(-118_000);
    } finally {
      stack.sim.clearFaults();
    }
  });
});
