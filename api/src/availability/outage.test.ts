// What the real drivers throw when their server is gone counts as an outage; what a bug or a constraint throws
// does not (that stays a masked 500, or the typed error it is mapped to).
import { openDatabase } from '@keyport/db/orm';
import { createTestDatabase, type TestDatabase } from '@keyport/db/testing';
import { createRedis } from '@keyport/queue/redis';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/free-port';
import { isOutage } from './outage';

let db: TestDatabase;
let nobody: number;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  // a port no server listens on
  nobody = await freePort();
});
afterAll(async () => {
  await db?.drop();
});

async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('isOutage', () => {
  it('PostgreSQL refusing connections, as MikroORM reports it, and wrapped in a GraphQLError', async () => {
    const error = await thrownBy(() =>
      openDatabase({ databaseUrl: `postgresql://postgres@127.0.0.1:${nobody}/none`, migrate: false }).then(
        (orm) => orm.em.getConnection().execute('select 1'),
      ),
    );
    expect(isOutage(error)).toBe(true);
    expect(isOutage(new GraphQLError('masked', { originalError: error as Error }))).toBe(true);
  });

  it('a PostgreSQL session ended by the server (57P01) is one; a constraint violation or a syntax error is not', async () => {
    const em = db.orm.em.fork();
    const connection = em.getConnection();
    const terminated = await thrownBy(() =>
      em.transactional(async (tx) => {
        // the backend ends itself, as a restart of the server does
        await tx.getConnection().execute('select pg_terminate_backend(pg_backend_pid())');
      }),
    );
    expect(isOutage(terminated)).toBe(true);
    await connection.execute('create table if not exists outage_probe (id int primary key)');
    await connection.execute('insert into outage_probe values (1) on conflict do nothing');
    expect(isOutage(await thrownBy(() => connection.execute('insert into outage_probe values (1)')))).toBe(
      false,
    );
    expect(isOutage(await thrownBy(() => connection.execute('selec 1')))).toBe(false);
  });

  it('a fail-fast Redis client without a server is one; a Redis command error is not', async () => {
    const down = createRedis(`redis://127.0.0.1:${nobody}`, 'producer', () => {});
    try {
      expect(isOutage(await thrownBy(() => down.get('x')))).toBe(true);
    } finally {
      down.disconnect();
    }
    const up = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer', () => {});
    try {
      // a fail-fast client refuses commands until it is connected
      if (up.status !== 'ready') await new Promise((resolve) => up.once('ready', resolve));
      expect(isOutage(await thrownBy(() => up.call('no-such-command')))).toBe(false);
    } finally {
      up.disconnect();
    }
  });

  it('a bug is not', () => {
    expect(isOutage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(
      isOutage(new GraphQLError('Exchange connection not found', { extensions: { code: 'NOT_FOUND' } })),
    ).toBe(false);
    expect(isOutage(null)).toBe(false);
  });
});
