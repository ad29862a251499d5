import { connect } from 'node:net';
import { type Orm, openDatabase } from '@keyport/db/orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { queryPostgres } from './postgres-probe';
import { simpleQuery } from './wire-protocol';

let postgres: EmbeddedPostgres;
const orms: Orm[] = [];

async function openAs(database: string): Promise<Orm> {
  const url = new URL(postgres.url);
  url.pathname = `/${database}`;
  const orm = await openDatabase({ databaseUrl: url.toString(), poolSize: 5, migrate: false });
  orms.push(orm);
  return orm;
}

/** A client that says BEGIN and then drops the connection without a word. */
async function abandonOpenTransaction(): Promise<void> {
  const { port } = new URL(postgres.url);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  await new Promise((resolve) => socket.once('connect', resolve));
  const parameters = Buffer.from('user\0postgres\0database\0alpha\0\0');
  const startup = Buffer.alloc(8 + parameters.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196_608, 4);
  parameters.copy(startup, 8);
  socket.write(startup);
  socket.write(simpleQuery('begin'));
  socket.write(simpleQuery(`insert into t values ('abandoned')`));
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.destroy();
}

async function rowsOf(orm: Orm, sql: string): Promise<unknown[]> {
  return orm.em.getConnection().execute(sql);
}

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ dataDir: 'memory://', maxConnections: 20 });
  for (const name of ['alpha', 'beta']) {
    await queryPostgres(postgres.url, `create schema ${name}`);
    await queryPostgres(postgres.url, `create table ${name}.t (v text)`);
    await queryPostgres(postgres.url, `insert into ${name}.t values ('${name}')`);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(orms.map((orm) => orm.close(true)));
  await postgres?.stop();
});

describe('embedded PostgreSQL (PGlite behind one shared session)', () => {
  it('gives a connection to database X the tables of schema X, even when connections interleave', async () => {
    const [alpha, beta] = await Promise.all([openAs('alpha'), openAs('beta')]);
    const reads = Array.from({ length: 40 }, (_, i) => (i % 2 ? beta : alpha)).map(async (orm) => ({
      expected: orm === alpha ? 'alpha' : 'beta',
      rows: await rowsOf(orm, 'select v from t'),
    }));
    for (const { expected, rows } of await Promise.all(reads)) expect(rows).toEqual([{ v: expected }]);
  });

  it('keeps other connections out while one is inside a transaction', async () => {
    const [alpha, beta] = await Promise.all([openAs('alpha'), openAs('beta')]);
    const order: string[] = [];
    let outsider: Promise<unknown> | undefined;
    await alpha.em.getConnection().transactional(async (transaction) => {
      await alpha.em.getConnection().execute(`insert into t values ('inside')`, [], 'run', transaction);
      outsider = rowsOf(beta, 'select v from t').then(() => order.push('beta read'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('alpha commits');
    });
    await outsider;
    expect(order).toEqual(['alpha commits', 'beta read']);
    expect(await rowsOf(alpha, 'select v from t order by v')).toEqual([{ v: 'alpha' }, { v: 'inside' }]);
  });

  it('rolls back what a vanished connection left open, so the others carry on', async () => {
    await abandonOpenTransaction();
    const alpha = await openAs('alpha');
    const rows = await Promise.race([
      rowsOf(alpha, `select v from t where v = 'abandoned'`),
      new Promise((resolve) => setTimeout(() => resolve('still blocked'), 5_000)),
    ]);
    expect(rows).toEqual([]);
  });

  it('leaves a connection to `postgres` in the public schema', async () => {
    expect(await queryPostgres(postgres.url, 'select current_schema() as schema')).toEqual([
      { schema: 'public' },
    ]);
  });
});
