import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionEvent, ExchangeConnection } from '../entities';
import { createTestDatabase, type TestDatabase } from '../testing';
import { writeWorkerChange } from './connection-change-sql';
import {
  deferRefreshes,
  loadStoredBalances,
  loadWorkerConnections,
  markRefreshed,
  sameBalances,
} from './refresh-batch-sql';
import { seedConnection } from './seed-connection';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function seed(label: string) {
  const { connection } = await seedConnection(db.orm, label, {
    credentials: { kid: 'k1', sealed: 'opaque' },
    credentialKid: 'k1',
    credentialVersion: 2,
  });
  return { connectionId: connection.id, credentialVersion: 2 };
}

const spot = (asset: string, total: string) => ({
  accountType: 'spot',
  asset,
  free: total,
  used: '0',
  total,
});

describe('refresh batch SQL', () => {
  it('loads the live rows of a batch in one query, leaving out deleted ones and other key versions', async () => {
    const [a, b, c] = [await seed('batch-a'), await seed('batch-b'), await seed('batch-c')];
    await db.orm.em
      .fork()
      .nativeUpdate(ExchangeConnection, { id: b.connectionId }, { deletedAt: new Date() });
    const stale = { ...c, credentialVersion: 1 };
    const missing = { connectionId: crypto.randomUUID(), credentialVersion: 1 };
    const rows = await loadWorkerConnections(db.orm.em.fork(), [a, b, stale, missing]);
    expect(rows.map((r) => r.id)).toEqual([a.connectionId]);
    expect(rows[0]).toMatchObject({ exchangeId: 'binance', credentialVersion: 2, accountTypes: ['spot'] });
  });

  it('tells stored balances from fresh ones exactly, whatever zeros PostgreSQL pads them with', async () => {
    const c = await seed('batch-compare');
    const ref = { id: c.connectionId, credentialVersion: 2 };
    await writeWorkerChange(db.orm.em.fork(), ref, undefined, {}, [
      spot('BTC', '0.5'),
      spot('USDT', '10'),
      { accountType: 'swap', asset: 'USDT', free: '3', used: '0', total: '3' },
    ]);
    const stored = (await loadStoredBalances(db.orm.em.fork(), [c.connectionId])).get(c.connectionId) ?? [];
    expect(stored).toContainEqual(spot('BTC', '0.5'));
    const read = [spot('BTC', '0.5'), spot('USDT', '10'), { ...spot('USDT', '3'), accountType: 'swap' }];
    expect(sameBalances(stored, read)).toBe(true);
    expect(sameBalances(stored, [spot('BTC', '0.50'), ...read.slice(1)])).toBe(true);
    expect(sameBalances(stored, [spot('BTC', '0.6'), ...read.slice(1)])).toBe(false);
    expect(sameBalances(stored, read.slice(0, 2))).toBe(false); // the swap wallet emptied
    expect(sameBalances(stored, read.slice(0, 2), ['swap'])).toBe(true); // … or could not be read
    expect(sameBalances(stored, [...read, spot('ETH', '1')])).toBe(false);
    expect(sameBalances([], [])).toBe(true);
  });

  it('marks a batch synced in one statement, only rows still on their keys, with no audit event', async () => {
    const [a, b] = [await seed('batch-mark-a'), await seed('batch-mark-b')];
    const before = await db.orm.em.fork().count(ConnectionEvent, {});
    await db.orm.em.fork().nativeUpdate(ExchangeConnection, { id: b.connectionId }, { credentialVersion: 3 });
    const written = await markRefreshed(db.orm.em.fork(), [
      { ...a, unreadableWallets: [{ wallet: 'swap', reason: 'READ_NOT_ALLOWED' }], syncedText: null },
      { ...b, unreadableWallets: null, syncedText: null },
    ]);
    expect(written.map((r) => [r.id, r.status])).toEqual([[a.connectionId, 'PENDING']]);
    const rowA = await db.orm.em.fork().findOneOrFail(ExchangeConnection, a.connectionId);
    const rowB = await db.orm.em.fork().findOneOrFail(ExchangeConnection, b.connectionId);
    expect(rowA.lastSyncedAt).toBeInstanceOf(Date);
    expect(rowA.unreadableWallets).toEqual([{ wallet: 'swap', reason: 'READ_NOT_ALLOWED' }]);
    expect(rowB.lastSyncedAt ?? null).toBeNull();
    expect(await db.orm.em.fork().count(ConnectionEvent, {})).toBe(before);
    // read again with every wallet readable: the warning goes
    const [loaded] = await loadWorkerConnections(db.orm.em.fork(), [a]);
    await markRefreshed(db.orm.em.fork(), [
      { ...a, unreadableWallets: null, syncedText: loaded!.syncedText },
    ]);
    const again = await db.orm.em.fork().findOneOrFail(ExchangeConnection, a.connectionId);
    expect(again.unreadableWallets ?? null).toBeNull();
  });

  it('leaves an account claimed again since the job was queued to the newer job', async () => {
    const c = await seed('batch-claim');
    const conn = db.orm.em.fork().getConnection();
    const [first] = await conn.execute<{ claim: string }[]>(
      'update exchange_connections set refresh_queued_at = now() where id = ? returning refresh_queued_at::text as claim',
      [c.connectionId],
    );
    expect(await loadWorkerConnections(db.orm.em.fork(), [{ ...c, claim: first!.claim }])).toHaveLength(1);
    await conn.execute(
      "update exchange_connections set refresh_queued_at = now() + interval '1 second' where id = ?",
      [c.connectionId],
    );
    expect(await loadWorkerConnections(db.orm.em.fork(), [{ ...c, claim: first!.claim }])).toEqual([]);
    // a "refresh now" holds no claim and always runs
    expect(await loadWorkerConnections(db.orm.em.fork(), [c])).toHaveLength(1);
  });

  it('does not mark an account synced over a refresh written since it was loaded', async () => {
    const c = await seed('batch-race');
    const [loaded] = await loadWorkerConnections(db.orm.em.fork(), [c]);
    // another job refreshes it meanwhile (with new amounts)
    await writeWorkerChange(db.orm.em.fork(), { id: c.connectionId, credentialVersion: 2 }, undefined, {
      lastSyncedAt: new Date(),
    });
    const written = await markRefreshed(db.orm.em.fork(), [
      { ...c, unreadableWallets: null, syncedText: loaded!.syncedText },
    ]);
    expect(written).toEqual([]);
  });

  it('dates a deferred claim back so that it is queued again after the pause, not before', async () => {
    const c = await seed('batch-defer');
    await deferRefreshes(db.orm.em.fork(), [c.connectionId], 120_000, 30_000);
    const [row] = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ age_ms: number }[]>(
        'select extract(epoch from now() - refresh_queued_at) * 1000 as age_ms from exchange_connections where id = ?',
        [c.connectionId],
      );
    // claimed 90 s ago: the sweeper re-queues claims older than 120 s, so in 30 s
    expect(Number(row?.age_ms)).toBeGreaterThan(89_000);
    expect(Number(row?.age_ms)).toBeLessThan(91_000);
  });
});
