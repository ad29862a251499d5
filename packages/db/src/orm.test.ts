import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConnection as seed } from './connections/seed-connection';
import { Balance, ExchangeConnection } from './entities';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const seedConnection = (label: string) => seed(db.orm, label);

describe('database schema', () => {
  it('keeps balance amounts exact to 18 decimals, never as floats', async () => {
    const { connection } = await seedConnection('exact');
    const em = db.orm.em.fork();
    const amount = '12345678901234567890.123456789012345678';
    em.create(Balance, {
      connection: connection.id,
      accountType: 'spot',
      asset: 'ETH',
      free: amount,
      used: '0',
      total: amount,
    });
    await em.flush();
    const row = await db.orm.em.fork().findOneOrFail(Balance, { connection: connection.id, asset: 'ETH' });
    expect(row.total).toBe(amount);
  });

  it('refuses a second live connection with the same label for one owner, case-insensitively', async () => {
    const { owner } = await seedConnection('main');
    const em = db.orm.em.fork();
    em.create(ExchangeConnection, {
      id: crypto.randomUUID(),
      owner: owner.id,
      exchangeId: 'okx',
      label: 'MAIN',
      accountTypes: ['spot'],
      status: 'PENDING',
      keyHint: 'x',
    });
    await expect(em.flush()).rejects.toThrow(/owner_label_live_unique/);
  });

  it('frees a label once its connection is deleted', async () => {
    const { owner, connection } = await seedConnection('reused');
    const em = db.orm.em.fork();
    await em.nativeUpdate(ExchangeConnection, { id: connection.id }, { deletedAt: new Date() });
    em.create(ExchangeConnection, {
      id: crypto.randomUUID(),
      owner: owner.id,
      exchangeId: 'okx',
      label: 'reused',
      accountTypes: ['spot'],
      status: 'PENDING',
      keyHint: 'x',
    });
    await expect(em.flush()).resolves.toBeUndefined();
  });

  it('reports no pending migration after start-up', async () => {
    expect(await db.orm.getMigrator().getPendingMigrations()).toEqual([]);
  });
});
