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

type Row = Record<string, unknown>;
type Run = (sql: string) => Promise<Row[]>;

async function withAdmin<T>(work: (run: Run) => Promise<T>): Promise<T> {
  const admin = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: testServerUrl(),
    entities: [],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 1 },
  });
  try {
    return await work((sql) => admin.em.getConnection().execute<Row[]>(sql));
  } finally {
    await admin.close(true);
  }
}

/** A fresh database of its own, so test files can run in parallel and re-run; migrated unless `migrate: false`. */
export async function createTestDatabase({
  migrate = true,
}: {
  migrate?: boolean;
} = {}): Promise<TestDatabase> {
  const name = `keyport_test_${randomBytes(6).toString('hex')}`;
  const pglite = await withAdmin(async (run) => {
    // The embedded dev server (PGlite, packages/devstack) holds one database: `create database` only
    // adds a catalog row. It gives a connection to database X the schema X instead, so create both.
    const [row] = await run('select version() as version');
    const embedded = String(row?.version).includes('PGlite');
    if (embedded) await run(`create schema "${name}"`);
    await run(`create database "${name}"`);
    return embedded;
  });
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  // MikroORM would otherwise put its migrations table in the `public` schema every test file shares.
  if (pglite) url.searchParams.set('schema', name);
  const databaseUrl = url.toString();
  const dropDatabase = () =>
    withAdmin(async (run) => {
      if (pglite) await run(`drop schema if exists "${name}" cascade`);
      await run(`drop database if exists "${name}"${pglite ? '' : ' with (force)'}`);
    });
  const orm = await openIsolated(databaseUrl, name, pglite, migrate).catch(async (error: unknown) => {
    await dropDatabase();
    throw error;
  });
  return {
    orm,
    databaseUrl,
    name,
    async drop() {
      await orm.close(true);
      await dropDatabase();
    },
  };
}

async function openIsolated(
  databaseUrl: string,
  name: string,
  pglite: boolean,
  migrate: boolean,
): Promise<Orm> {
  const orm = await openDatabase({ databaseUrl, poolSize: 5, migrate: false });
  if (pglite) {
    // A plain pglite-server would put every test file in one shared schema: refuse rather than mix them.
    const [row] = await orm.em.getConnection().execute<Row[]>('select current_schema() as schema');
    if (row?.schema !== name) {
      await orm.close(true);
      throw new Error(
        `DATABASE_URL is a PGlite server that does not map databases to schemas (got schema ${String(row?.schema)}): ` +
          'use the embedded server of packages/devstack (`npm test` starts one) or a real PostgreSQL',
      );
    }
  }
  try {
    if (migrate) await orm.getMigrator().up();
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}
