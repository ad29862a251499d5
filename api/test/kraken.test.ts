// Kraken through the whole product, and its strict nonces: two worker processes sharing one key must never
// send a nonce at or below the key's last one.
import { createExchangeClient } from '@keyport/exchange/client';
import { simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { refreshedSince, seedConnected } from './seed-connected';
import { addKrakenAccount } from './sim-accounts';
import { withStack } from './with-stack';
import { spawnWorker, stopWorker, type WorkerProcess } from './worker-process';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

async function connect(label: string, keys: { apiKey: string; secret: string }) {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'kraken', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return connectExchange.data.id;
}

describe('Kraken', () => {
  it('connects a read-only key with its balances and rights; a withdraw key is refused naming Kraken’s switch', async () => {
    const keys = addKrakenAccount(stack.sim, { allowedIps: ['127.0.0.1'] });
    const id = await connect('Kraken main', keys);
    const c = await waitForStatus(api, id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(c.status).toBe('CONNECTED');
    expect(c.balances.map((b) => [b.accountType, b.asset, b.total])).toEqual([
      ['spot', 'BTC', '0.25'],
      ['spot', 'USD', '1500'],
    ]);
    expect(c.permissions).toMatchObject({
      read: true,
      spotTrade: false,
      withdraw: false,
      ipRestricted: true,
      allowedIps: ['127.0.0.1'],
    });

    const unsafe = addKrakenAccount(stack.sim, { permissions: { read: true, withdraw: true } });
    const refused = await waitForStatus(
      api,
      await connect('Kraken withdraw', unsafe),
      (s) => s === 'UNSAFE_PERMISSIONS',
    );
    expect([refused.hasCredentials, refused.statusReason?.code]).toEqual([false, 'WITHDRAWALS_ENABLED']);
    expect(refused.statusReason?.remedy).toContain('“Withdraw Funds”');
  });

  it('the sim catches senders racing on one key: concurrent clients without sequencing get invalid nonces', async () => {
    const keys = addKrakenAccount(stack.sim);
    const signedAt = Date.now();
    const clients = Array.from({ length: 12 }, (_, i) => {
      const { exchange } = createExchangeClient({
        exchangeId: 'kraken',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
        sandbox: false,
        urlOverrides: simUrlOverrides(stack.sim.url),
      });
      // twelve processes signing within a few ms, each clock a little behind the one before: a real race on a
      // loaded box may happen to arrive in nonce order; this one does only if the sim sees them in reverse
      exchange.nonce = () => signedAt - i;
      return exchange;
    });
    const results = await Promise.allSettled(clients.map((ex) => ex.fetchBalance()));
    const nonceErrors = results.filter(
      (r) => r.status === 'rejected' && (r.reason as Error).name === 'InvalidNonce',
    );
    expect(nonceErrors.length).toBeGreaterThan(0);
  });

  it('a key another program signs with (higher nonces) is said to be shared, with what to do: not a clock problem', async () => {
    const keys = addKrakenAccount(stack.sim);
    const { exchange: other } = createExchangeClient({
      exchangeId: 'kraken',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
      sandbox: false,
      urlOverrides: simUrlOverrides(stack.sim.url),
    });
    // a bot with microsecond nonces: every millisecond nonce after it is below the key's last one
    other.nonce = () => Date.now() * 1000;
    await other.fetchBalance();
    const id = await connect('Kraken shared', keys);
    const c = await waitForStatus(api, id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(c.status).toBe('ERROR');
    expect(c.statusReason).toMatchObject({
      code: 'NONCE_CONFLICT',
      retrying: true,
      guideSection: 'CHECKLIST',
    });
    expect(c.statusReason?.remedy).toMatch(/key of its own/);
  });

  it('two worker processes refreshing 40 connections of one key send no nonce twice or out of order', async () => {
    await stack.workers?.close();
    stack.workers = null;
    const owner = (await api.ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id;
    const keys = addKrakenAccount(stack.sim);
    const seededAt = new Date();
    const ids = await seedConnected(
      stack,
      owner,
      'kraken',
      Array.from({ length: 40 }, () => keys),
    );
    const workers: WorkerProcess[] = [];
    try {
      for (let i = 0; i < 2; i++)
        workers.push(
          spawnWorker(stack, {
            VERIFY_CONCURRENCY: '8',
            BALANCE_REFRESH_MS: '1000',
            REFRESH_BATCH_SIZE: '5',
            LOCK_DURATION_MS: '15000',
            STALLED_INTERVAL_MS: '5000',
          }),
        );
      await Promise.all(workers.map((w) => w.ready));
      const refreshed = (since: Date) => refreshedSince(stack, ids, since);
      await expect.poll(() => refreshed(seededAt), { timeout: 60_000, interval: 250 }).toBe(40);
      // and a second round at the 1 s cadence, both workers again competing for the key
      const firstRoundAt = new Date();
      await expect.poll(() => refreshed(firstRoundAt), { timeout: 60_000, interval: 250 }).toBe(40);
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w)));
    }
    const sent = stack.sim.requests().filter((r) => r.apiKey === keys.apiKey);
    expect(sent.length).toBeGreaterThanOrEqual(80);
    expect(sent.filter((r) => r.verdict !== 'ok')).toEqual([]);
    const [row] = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(
        "select count(*) as n from exchange_connections where id in (?) and status = 'CONNECTED'",
        [ids],
      );
    expect(Number(row?.n)).toBe(40);
  });
});
