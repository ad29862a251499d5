import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Balance, ConnectionEvent, ExchangeConnection } from '../entities';
import { createTestDatabase, type TestDatabase } from '../testing';
import { hasConnectedBefore, loadWorkerConnection, writeWorkerChange } from './connection-change-sql';
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
  return { id: connection.id, credentialVersion: 2 };
}

const balancesOf = async (id: string) =>
  (await db.orm.em.fork().find(Balance, { connection: id }, { orderBy: { asset: 'asc' } })).map((b) => [
    b.asset,
    b.free,
    b.total,
  ]);
const eventsOf = async (id: string) =>
  (await db.orm.em.fork().find(ConnectionEvent, { connection: id }, { orderBy: { id: 'asc' } })).map((e) => [
    e.kind,
    e.fromStatus,
    e.toStatus,
    e.reasonCode,
    e.actorType,
  ]);

describe('writeWorkerChange', () => {
  it('changes status with its audit event and replaces balances exactly, in one statement', async () => {
    const c = await seed('replace');
    expect(
      await writeWorkerChange(db.orm.em.fork(), c, { kind: 'STATUS_CHANGED', status: 'VERIFYING' }),
    ).toEqual({
      status: 'VERIFYING',
      reasonCode: null,
      balancesChanged: false,
    });
    await writeWorkerChange(
      db.orm.em.fork(),
      c,
      { kind: 'STATUS_CHANGED', status: 'CONNECTED', reasonCode: null },
      { progressStep: 'DONE', permissions: { read: true } as never, lastVerifiedAt: new Date() },
      [
        { accountType: 'spot', asset: 'BTC', free: '0.5', used: '0', total: '0.5' },
        {
          accountType: 'spot',
          asset: 'ETH',
          free: '1.123456789012345678',
          used: '0',
          total: '1.123456789012345678',
        },
      ],
    );
    expect(await balancesOf(c.id)).toEqual([
      ['BTC', '0.500000000000000000', '0.500000000000000000'],
      ['ETH', '1.123456789012345678', '1.123456789012345678'],
    ]);
    // a second refresh: BTC changes, ETH is gone, USDT is new; the same status writes no status event
    await writeWorkerChange(
      db.orm.em.fork(),
      c,
      { kind: 'STATUS_CHANGED', status: 'CONNECTED', reasonCode: null },
      {},
      [
        { accountType: 'spot', asset: 'BTC', free: '0.25', used: '0.25', total: '0.5' },
        { accountType: 'spot', asset: 'USDT', free: '10', used: '0', total: '10' },
      ],
    );
    expect(await balancesOf(c.id)).toEqual([
      ['BTC', '0.250000000000000000', '0.500000000000000000'],
      ['USDT', '10.000000000000000000', '10.000000000000000000'],
    ]);
    expect(await eventsOf(c.id)).toEqual([
      ['STATUS_CHANGED', 'PENDING', 'VERIFYING', null, 'system'],
      ['STATUS_CHANGED', 'VERIFYING', 'CONNECTED', null, 'system'],
    ]);
    const row = await db.orm.em.fork().findOneOrFail(ExchangeConnection, c.id);
    expect([row.status, row.progressStep, row.permissions]).toEqual(['CONNECTED', 'DONE', { read: true }]);
    expect(await hasConnectedBefore(db.orm.em.fork(), c)).toBe(true);
  });

  it('says whether a refresh moved any balance, and rewrites none when nothing moved', async () => {
    const c = await seed('unchanged');
    const lines = [
      { accountType: 'spot', asset: 'BTC', free: '0.5', used: '0', total: '0.5' },
      { accountType: 'funding', asset: 'USDC', free: '42', used: '0', total: '42' },
    ];
    const write = (balances: typeof lines) =>
      writeWorkerChange(db.orm.em.fork(), c, undefined, { lastSyncedAt: new Date() }, balances);
    expect((await write(lines))?.balancesChanged).toBe(true);
    const stampsBefore = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ xmin: string }[]>('select xmin::text from balances where connection_id = ? order by asset', [
        c.id,
      ]);
    // the same amounts written differently ("0.50" is 0.5) are no change
    expect((await write([{ ...lines[0]!, free: '0.50' }, lines[1]!]))?.balancesChanged).toBe(false);
    const stampsAfter = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ xmin: string }[]>('select xmin::text from balances where connection_id = ? order by asset', [
        c.id,
      ]);
    expect(stampsAfter).toEqual(stampsBefore);
    expect((await write([lines[0]!]))?.balancesChanged).toBe(true); // USDC gone
    expect((await write([{ ...lines[0]!, used: '0.1', total: '0.6' }]))?.balancesChanged).toBe(true);
    expect(await write([])).toMatchObject({ balancesChanged: true });
    expect(await write([])).toMatchObject({ balancesChanged: false });
  });

  it('keeps the stored balances of a wallet that could not be read this time', async () => {
    const c = await seed('kept-wallet');
    const spot = { accountType: 'spot', asset: 'BTC', free: '1', used: '0', total: '1' };
    const swap = { accountType: 'swap', asset: 'USDT', free: '50', used: '0', total: '50' };
    await writeWorkerChange(db.orm.em.fork(), c, undefined, {}, [spot, swap]);
    await writeWorkerChange(
      db.orm.em.fork(),
      c,
      undefined,
      {},
      [{ ...spot, free: '2', total: '2' }],
      ['swap'],
    );
    expect(await balancesOf(c.id)).toEqual([
      ['BTC', '2.000000000000000000', '2.000000000000000000'],
      ['USDT', '50.000000000000000000', '50.000000000000000000'],
    ]);
    // read again and empty: now it goes
    await writeWorkerChange(db.orm.em.fork(), c, undefined, {}, [spot]);
    expect((await balancesOf(c.id)).map(([asset]) => asset)).toEqual(['BTC']);
  });

  it('erases the secret with an event of its own and no status change', async () => {
    const c = await seed('erase');
    await writeWorkerChange(
      db.orm.em.fork(),
      c,
      { kind: 'SECRET_ERASED', detail: { because: 'WITHDRAWALS_ENABLED' } },
      {
        credentials: null,
        credentialKid: null,
      },
    );
    const row = await db.orm.em.fork().findOneOrFail(ExchangeConnection, c.id);
    expect([row.credentials, row.credentialKid, row.status]).toEqual([null, null, 'PENDING']);
    expect(await eventsOf(c.id)).toEqual([['SECRET_ERASED', null, null, null, 'system']]);
    expect(await hasConnectedBefore(db.orm.em.fork(), c)).toBe(false);
  });

  it('records an erasure once when twin jobs (a stalled one and its re-run) both refuse the key', async () => {
    const c = await seed('twins');
    const refuse = () =>
      writeWorkerChange(
        db.orm.em.fork(),
        c,
        [
          { kind: 'SECRET_ERASED', detail: { because: 'WITHDRAWALS_ENABLED' } },
          { kind: 'STATUS_CHANGED', status: 'UNSAFE_PERMISSIONS', reasonCode: 'WITHDRAWALS_ENABLED' },
        ],
        { credentials: null, credentialKid: null },
      );
    await Promise.all([refuse(), refuse()]);
    await refuse();
    expect(await eventsOf(c.id)).toEqual([
      ['SECRET_ERASED', null, null, 'WITHDRAWALS_ENABLED', 'system'],
      ['STATUS_CHANGED', 'PENDING', 'UNSAFE_PERMISSIONS', 'WITHDRAWALS_ENABLED', 'system'],
    ]);
  });

  it('writes nothing once the connection holds other keys or is deleted', async () => {
    const c = await seed('moved-on');
    const stale = { id: c.id, credentialVersion: 1 };
    expect(
      await writeWorkerChange(
        db.orm.em.fork(),
        stale,
        { kind: 'STATUS_CHANGED', status: 'CONNECTED' },
        {},
        [],
      ),
    ).toBeNull();
    expect(await loadWorkerConnection(db.orm.em.fork(), c.id, 1)).toBeNull();
    await db.orm.em.fork().nativeUpdate(ExchangeConnection, { id: c.id }, { deletedAt: new Date() });
    expect(
      await writeWorkerChange(db.orm.em.fork(), c, { kind: 'STATUS_CHANGED', status: 'CONNECTED' }),
    ).toBeNull();
    expect(await loadWorkerConnection(db.orm.em.fork(), c.id, 2)).toBeNull();
    const row = await db.orm.em.fork().findOneOrFail(ExchangeConnection, c.id);
    expect(row.status).toBe('PENDING');
    expect(await eventsOf(c.id)).toEqual([]);
  });
});
