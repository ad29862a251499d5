import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConnection } from './connections/seed-connection';
import { Balance, ConnectionEvent, ExchangeConnection, User } from './entities';
import { plainRows, selectColumns } from './plain-rows';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('plainRows', () => {
  it('reads every entity property as the ORM does, from the columns selectColumns names: names, dates, jsonb, exact decimals, bigint ids', async () => {
    const { owner, connection } = await seedConnection(db.orm, 'plain');
    const em = db.orm.em.fork();
    await em.nativeUpdate(
      ExchangeConnection,
      { id: connection.id },
      {
        permissions: { read: true, withdraw: false, allowedIps: ['203.0.113.7'] } as never,
        exchangeAccountUid: 'uid-1',
        lastSyncedAt: new Date('2026-11-30T12:00:00.123Z'),
        clockOffsetMs: -1500,
      },
    );
    em.create(Balance, {
      connection: connection.id,
      accountType: 'spot',
      asset: 'BTC',
      free: '12345678901234567890.123456789012345678',
      used: '0.000000000000000001',
      total: '12345678901234567890.123456789012345679',
    });
    em.create(ConnectionEvent, {
      connection: connection.id,
      ownerId: owner.id,
      kind: 'status',
      fromStatus: 'PENDING',
      toStatus: 'CONNECTED',
      actorType: 'system',
      credentialVersion: 1,
      detail: { attempts: 2, note: 'x' },
    });
    await em.flush();

    const sql = db.orm.em.getConnection();
    for (const [entity, table, where] of [
      [ExchangeConnection, 'exchange_connections', connection.id],
      [Balance, 'balances', connection.id],
      [ConnectionEvent, 'connection_events', connection.id],
      [User, 'users', owner.id],
    ] as const) {
      const column = table === 'exchange_connections' || table === 'users' ? 'id' : 'connection_id';
      const rows = await sql.execute<Record<string, unknown>[]>(
        `select * from ${table} where ${column} = ?`,
        [where],
      );
      expect(rows.length).toBe(1);
      const managed = db.orm.em.fork().map(entity as never, rows[0] as never) as Record<string, unknown>;
      // the hot reads select the entity's columns by name: those must be all the ORM maps
      const listed = await sql.execute<Record<string, unknown>[]>(
        `select ${selectColumns(db.orm.em, entity, 't')} from ${table} t where ${column} = ?`,
        [where],
      );
      const [plain] = plainRows<Record<string, unknown>>(db.orm.em, entity, listed);
      // every property the ORM maps from a column, hidden ones included, with the same value and type
      const columnProps = db.orm
        .getMetadata()
        .get(entity.meta.className)
        .props.filter((prop) => prop.fieldNames?.length === 1 && prop.kind !== '1:m' && prop.kind !== 'm:n')
        .map((prop) => prop.name);
      expect(Object.keys(listed[0] ?? {}).length, table).toBe(columnProps.length);
      expect(Object.keys(plain ?? {}).sort(), table).toEqual([...columnProps].sort());
      expect(plain, table).toEqual(Object.fromEntries(columnProps.map((name) => [name, managed[name]])));
    }
  });
});
