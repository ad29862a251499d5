import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type Orm, openDatabase } from './orm';

/** Server used by tests: the configured DATABASE_URL's server, else local PostgreSQL. */
export function testServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  orm: Orm;
  databaseUrl: string;
  name: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: testServerUrl(),
    entities: [],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.em.getConnection().execute(sql);
  } finally {
    await admin.close(true);
  }
}

/** A fresh, migrated database of its own, so test files can run in parallel and re-run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `keyport_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const orm = await openDatabase({ databaseUrl, poolSize: 5 });
  return {
    orm,
    databaseUrl,
    name,
    async drop() {
      await orm.close(true);
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}
