import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionEvent, ExchangeConnection } from '../entities';
import { createTestDatabase, type TestDatabase } from '../testing';
import { seedConnection } from './seed-connection';
import { stageKeys } from './stage-keys-sql';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const keys = (n: number) => ({
  credentials: { kid: 'k1', sealed: `opaque-${n}` },
  credentialKid: 'k1',
  keyHint: `new${n}…hint`,
  keyFingerprint: `${n}`.repeat(64).slice(0, 64),
});

async function seed(label: string) {
  const { connection } = await seedConnection(db.orm, label, {
    credentials: { kid: 'k1', sealed: 'current' },
    credentialKid: 'k1',
    credentialVersion: 3,
  });
  return connection;
}

describe('stageKeys', () => {
  it('stages keys with their event, each staging a new serial; the working keys stay as they are', async () => {
    const c = await seed('Stage twice');
    const stage = async (n: number) =>
      (await stageKeys(db.orm.em.fork(), { id: c.id, credentialVersion: 3 }, keys(n), c.owner))
        ?.staged_serial;
    expect(await stage(1)).toBe(1);
    expect(await stage(2)).toBe(2);
    const row = await db.orm.em.fork().findOneOrFail(ExchangeConnection, c.id);
    expect(row).toMatchObject({
      credentials: { sealed: 'current' },
      credentialVersion: 3,
      stagedCredentials: { sealed: 'opaque-2' },
      stagedKeyHint: 'new2…hint',
      stagedSerial: 2,
    });
    const events = await db.orm.em.fork().find(ConnectionEvent, { connection: c.id, kind: 'KEYS_STAGED' });
    expect(events.map((e) => [e.actorType, e.actorId, e.credentialVersion, e.detail])).toEqual([
      ['user', c.owner, 3, { keyHint: 'new1…hint' }],
      ['user', c.owner, 3, { keyHint: 'new2…hint' }],
    ]);
  });

  it('stages nothing on a connection deleted or given other keys since it was read', async () => {
    const deleted = await seed('Deleted meanwhile');
    await db.orm.em.fork().nativeUpdate(ExchangeConnection, { id: deleted.id }, { deletedAt: new Date() });
    expect(
      await stageKeys(db.orm.em.fork(), { id: deleted.id, credentialVersion: 3 }, keys(3), deleted.owner),
    ).toBeNull();

    const replaced = await seed('Replaced meanwhile');
    await db.orm.em.fork().nativeUpdate(ExchangeConnection, { id: replaced.id }, { credentialVersion: 4 });
    expect(
      await stageKeys(db.orm.em.fork(), { id: replaced.id, credentialVersion: 3 }, keys(4), replaced.owner),
    ).toBeNull();

    for (const id of [deleted.id, replaced.id]) {
      const row = await db.orm.em.fork().findOneOrFail(ExchangeConnection, id);
      expect([row.stagedCredentials, row.stagedSerial]).toEqual([null, 0]);
      expect(await db.orm.em.fork().count(ConnectionEvent, { connection: id, kind: 'KEYS_STAGED' })).toBe(0);
    }
  });
});
