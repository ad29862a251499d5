import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConnection } from '../connections/seed-connection';
import { createTestDatabase, type TestDatabase } from '../testing';
import { downsampleSnapshots, insertSnapshot, loadHistory, loadHoldings } from './portfolio-rows';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('portfolio history', () => {
  it('keeps the last day whole, one point an hour to 30 days, one a day beyond', async () => {
    const { owner } = await seedConnection(db.orm, 'history');
    const em = db.orm.em.fork();
    const times = [
      // within the last day: all kept
      ago(2 * HOUR + 10 * MIN),
      ago(2 * HOUR + 20 * MIN),
      ago(2 * HOUR + 30 * MIN),
      // 3 days ago, one hour: the first is kept
      ago(3 * DAY + 5 * MIN),
      ago(3 * DAY + 15 * MIN),
      ago(3 * DAY + 25 * MIN),
      // 40 days ago, one UTC day, several hours: the first is kept
      new Date('2026-10-22T01:00:00Z'),
      new Date('2026-10-22T05:00:00Z'),
      new Date('2026-10-22T09:00:00Z'),
    ];
    for (const [i, takenAt] of times.entries()) {
      await insertSnapshot(em, {
        ownerId: owner.id,
        takenAt,
        valueUsd: `${1000 + i}.5`,
        valueEur: null,
        valueBtc: '0.000000000000000001',
        complete: i !== 0,
      });
    }
    expect(await downsampleSnapshots(em, NOW)).toBe(4);
    const all = await loadHistory(em, owner.id, ago(365 * DAY), 'USD');
    expect(all.map((p) => [p.at.toISOString(), p.value])).toEqual([
      ['2026-10-22T01:00:00.000Z', '1006.5'],
      [ago(3 * DAY + 25 * MIN).toISOString(), '1005.5'],
      [ago(2 * HOUR + 30 * MIN).toISOString(), '1002.5'],
      [ago(2 * HOUR + 20 * MIN).toISOString(), '1001.5'],
      [ago(2 * HOUR + 10 * MIN).toISOString(), '1000.5'],
    ]);
    expect(all.at(-1)?.complete).toBe(false);
    expect((await loadHistory(em, owner.id, ago(DAY), 'BTC')).map((p) => p.value)).toEqual([
      '0.000000000000000001',
      '0.000000000000000001',
      '0.000000000000000001',
    ]);
    expect((await loadHistory(em, owner.id, ago(DAY), 'EUR')).every((p) => p.value === null)).toBe(true);
  });
});

describe('holdings', () => {
  it('counts an exchange account read by two connections once per wallet, from the connection read last', async () => {
    const { owner, connection: first } = await seedConnection(db.orm, 'same-account');
    const em = db.orm.em.fork();
    const sql = (query: string, params: unknown[]) => em.getConnection().execute(query, params, 'run');
    const connect = async (label: string, uid: string | null, syncedAgoMs: number) => {
      const id = crypto.randomUUID();
      await sql(
        `insert into exchange_connections (id, owner_id, exchange_id, label, sandbox, account_types, status, key_hint,
           credential_version, exchange_account_uid, last_synced_at, status_changed_at, created_at, updated_at)
         values (?, ?, 'binance', ?, false, '["spot"]', 'CONNECTED', 'k', 1, ?, ?, now(), now(), now())`,
        [id, owner.id, label, uid, ago(syncedAgoMs)],
      );
      return id;
    };
    const hold = (connectionId: string, accountType: string, asset: string, total: string) =>
      sql(
        `insert into balances (connection_id, account_type, asset, free, used, total, updated_at)
         values (?, ?, ?, ?, 0, ?, now())`,
        [connectionId, accountType, asset, total, total],
      );
    await sql(
      "update exchange_connections set exchange_account_uid = '111', last_synced_at = ? where id = ?",
      [ago(10 * MIN), first.id],
    );
    await hold(first.id, 'spot', 'BTC', '1.5');
    // a second key of the same account, read a minute ago: its spot wallet is the current one
    const second = await connect('same-account 2', '111', MIN);
    await hold(second, 'spot', 'BTC', '1.25');
    await hold(second, 'swap', 'USDT', '40');
    // another account, and a connection not verified yet (no uid): both their own
    const other = await connect('other account', '222', HOUR);
    await hold(other, 'spot', 'BTC', '2');
    const unknown = await connect('no uid yet', null, HOUR);
    await hold(unknown, 'spot', 'ETH', '3');

    const held = await loadHoldings(em, owner.id);
    expect(held.map((h) => [h.connectionId, h.asset, h.total]).sort()).toEqual(
      [
        [second, 'BTC', '1.250000000000000000'],
        [second, 'USDT', '40.000000000000000000'],
        [other, 'BTC', '2.000000000000000000'],
        [unknown, 'ETH', '3.000000000000000000'],
      ].sort(),
    );
  });
});
