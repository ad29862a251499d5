// A refresh job carries a batch of accounts: each must still end its own way (unchanged, moved, revoked,
// deleted meanwhile), as if it had been refreshed alone, and a job queued before batches existed still works.
import {
  enqueueRefreshBatches,
  REFRESH_BALANCES_JOB,
  REFRESH_BALANCES_QUEUE,
} from '@keyport/queue/refresh-balances';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, CONNECTION_FIELDS, type ConnectionView, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { seedConnected } from './seed-connected';
import { addBinanceAccount, type SimKeys } from './sim-accounts';

let stack: Stack;
let api: ApiClient;
let ownerId: string;
let events: QueueEvents;

beforeAll(async () => {
  stack = await startStack();
  api = await signedUpClient(stack.apiUrl);
  ownerId = (await api.ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id;
  events = new QueueEvents(REFRESH_BALANCES_QUEUE, {
    connection: stack.redis.duplicate(),
    prefix: stack.redisPrefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await stack?.close();
});

const VIEW = `query ($id: ID!) { exchangeConnection(id: $id) { lastSyncedAt ${CONNECTION_FIELDS} } }`;
const view = async (id: string) =>
  (await api.ok<{ exchangeConnection: ConnectionView & { lastSyncedAt: string | null } }>(VIEW, { id }))
    .exchangeConnection;

/** Runs one job of exactly these accounts and returns what the worker counted. */
async function refreshInOneJob(ids: string[]): Promise<Record<string, number>> {
  const since = Date.now();
  await enqueueRefreshBatches(
    stack.jobsDeps.refreshQueue,
    [ids.map((connectionId) => ({ connectionId, credentialVersion: 1 }))],
    ids.length,
  );
  const [job] = (await stack.jobsDeps.refreshQueue.getJobs(['waiting', 'active', 'prioritized'])).filter(
    (j) => j.timestamp >= since,
  );
  if (!job) throw new Error('the batch was not queued');
  return job.waitUntilFinished(events, 20_000);
}

describe('batched balance refreshes', () => {
  let keys: SimKeys[];
  let ids: string[];

  beforeAll(async () => {
    keys = Array.from({ length: 4 }, () => addBinanceAccount(stack.sim, { BTC: { free: '1', locked: '0' } }));
    ids = await seedConnected(stack, ownerId, 'binance', keys);
    // not due for the sweeper (cadence 60 s): only the jobs this test queues read them
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('update exchange_connections set last_synced_at = now() where id in (?)', [ids]);
    stack.startWorker();
    // the first read stores every account's balances (none were stored): each written on its own
    expect(await refreshInOneJob(ids)).toMatchObject({ refreshed: 4, unchanged: 0 });
  });

  it('ends each account of one job its own way, and writes nothing for an account deleted meanwhile', async () => {
    const [same, moved, revoked, deleted] = ids as [string, string, string, string];
    const before = await view(same);
    stack.sim.setBalances('binance', keys[1]!.uid, { BTC: { free: '2', locked: '0.5' } });
    stack.sim.revokeKey(keys[2]!.apiKey);
    await api.ok('mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }', { id: deleted });

    expect(await refreshInOneJob(ids)).toEqual({
      unchanged: 1,
      refreshed: 1,
      expired: 1,
      skipped: 1,
      refused: 0,
      kept: 0,
    });
    const after = await view(same);
    expect(after.status).toBe('CONNECTED');
    expect(Date.parse(after.lastSyncedAt ?? '')).toBeGreaterThan(Date.parse(before.lastSyncedAt ?? ''));
    expect(after.balances).toEqual(before.balances);
    expect(after.events).toEqual(before.events); // a refresh that found nothing new is no audit event

    const movedView = await view(moved);
    expect(movedView.balances).toEqual([
      { accountType: 'spot', asset: 'BTC', free: '2', used: '0.5', total: '2.5' },
    ]);
    const revokedView = await view(revoked);
    expect([revokedView.status, revokedView.statusReason?.code]).toEqual(['EXPIRED', 'KEY_EXPIRED']);
    const gone = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>('select count(*)::text as n from balances where connection_id = ?', [
        deleted,
      ]);
    expect(gone[0]?.n).toBe('0');
  });

  it('still reads an account from a job queued in the one-account shape of earlier versions', async () => {
    const [same] = ids as [string];
    stack.sim.setBalances('binance', keys[0]!.uid, { BTC: { free: '7', locked: '0' } });
    const job = await stack.jobsDeps.refreshQueue.add(
      REFRESH_BALANCES_JOB,
      { connectionId: same, credentialVersion: 1 },
      { removeOnComplete: true, removeOnFail: true },
    );
    expect(await job.waitUntilFinished(events, 20_000)).toMatchObject({ refreshed: 1 });
    expect((await view(same)).balances.map((b) => b.total)).toEqual(['7']);
  });

  it('refuses a malformed job without touching any account', async () => {
    const job = await stack.jobsDeps.refreshQueue.add(
      REFRESH_BALANCES_JOB,
      { connections: [{ connectionId: 'not-a-uuid', credentialVersion: 1 }] } as never,
      { removeOnComplete: true, removeOnFail: true },
    );
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/uuid|Invalid/i);
  });
});
