// Ended sessions and API tokens are deleted once kept for 30 days; live ones, and recently ended ones, stay;
// several workers sweep once per period between them.
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@keyport/db/testing';
import { createLogger } from '@keyport/logging/logger';
import { createRedis } from '@keyport/queue/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpiredCredentialsSweeper, sweepExpiredCredentials } from './expired-credentials-sweeper';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY = 86_400_000;

let db: TestDatabase;
let redis: Redis;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = createRedis(REDIS_URL, 'worker');
  userId = crypto.randomUUID();
  await db.orm.em
    .getConnection()
    .execute('insert into users (id, email, password_hash, created_at) values (?, ?, ?, now())', [
      userId,
      `${userId}@example.test`,
      'not a real hash',
    ]);
});
afterAll(async () => {
  redis?.disconnect();
  await db?.drop();
});

const ago = (days: number) => new Date(Date.now() - days * DAY);

/** A session row named by `label` (kept in its token hash's place, which is only ever compared). */
async function session(label: string, expiresAt: Date, revokedAt: Date | null = null): Promise<string> {
  const tokenHash = `${label}-${randomBytes(8).toString('hex')}`.padEnd(64, '0');
  await db.orm.em
    .getConnection()
    .execute(
      'insert into sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, revoked_at) values (?, ?, ?, now(), now(), ?, ?)',
      [crypto.randomUUID(), userId, tokenHash, expiresAt, revokedAt],
    );
  return tokenHash;
}

async function token(name: string, expiresAt: Date | null, revokedAt: Date | null = null): Promise<void> {
  await db.orm.em.getConnection().execute(
    `insert into api_tokens (id, user_id, name, prefix, token_hash, scopes, created_at, expires_at, revoked_at)
       values (?, ?, ?, 'kp_test', ?, '["connections:read"]', now(), ?, ?)`,
    [crypto.randomUUID(), userId, name, randomBytes(32).toString('hex'), expiresAt, revokedAt],
  );
}

async function sessionLabels(): Promise<string[]> {
  const rows = await db.orm.em
    .getConnection()
    .execute<{ token_hash: string }[]>('select token_hash from sessions');
  return rows.map((row) => row.token_hash.split('-')[0]!).sort();
}

async function tokenNames(): Promise<string[]> {
  const rows = await db.orm.em.getConnection().execute<{ name: string }[]>('select name from api_tokens');
  return rows.map((row) => row.name).sort();
}

async function clear(): Promise<void> {
  await db.orm.em.getConnection().execute('delete from sessions; delete from api_tokens');
}

describe('expired credentials sweeper', () => {
  it('deletes sessions and tokens ended more than 30 days ago, and keeps live and recently ended ones', async () => {
    await clear();
    await session('live', new Date(Date.now() + 10 * DAY));
    await session('expiredrecently', ago(29));
    await session('expiredlongago', ago(31));
    await session('signedoutrecently', new Date(Date.now() + 10 * DAY), ago(29));
    await session('signedoutlongago', new Date(Date.now() + 10 * DAY), ago(31));
    await token('live', null);
    await token('live until later', new Date(Date.now() + 10 * DAY));
    await token('expired recently', ago(29));
    await token('expired long ago', ago(31));
    await token('revoked recently', null, ago(29));
    await token('revoked long ago', null, ago(31));

    expect(await sweepExpiredCredentials(db.orm)).toEqual({ sessions: 2, tokens: 2 });
    expect(await sessionLabels()).toEqual(['expiredrecently', 'live', 'signedoutrecently']);
    expect(await tokenNames()).toEqual(['expired recently', 'live', 'live until later', 'revoked recently']);
    // nothing left to do: a second run (another worker) deletes nothing more
    expect(await sweepExpiredCredentials(db.orm)).toEqual({ sessions: 0, tokens: 0 });
    // two days on, the recently ended ones are past their 30 days too
    expect(await sweepExpiredCredentials(db.orm, new Date(Date.now() + 2 * DAY))).toEqual({
      sessions: 2,
      tokens: 2,
    });
    expect(await sessionLabels()).toEqual(['live']);
    expect(await tokenNames()).toEqual(['live', 'live until later']);
  });

  it('deletes more than one batch of ended sessions', async () => {
    await clear();
    await db.orm.em.getConnection().execute(
      `insert into sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
       select gen_random_uuid(), ?, md5(i::text) || md5((i + 1)::text), now(), now(), now() - interval '40 days'
       from generate_series(1, 12000) i`,
      [userId],
    );
    await session('live', new Date(Date.now() + 10 * DAY));
    expect(await sweepExpiredCredentials(db.orm)).toEqual({ sessions: 12_000, tokens: 0 });
    expect(await sessionLabels()).toEqual(['live']);
  });

  it('sweeps once per period across several workers', async () => {
    await clear();
    await session('expiredlongago', ago(31));
    await session('live', new Date(Date.now() + 10 * DAY));
    const deps = {
      orm: db.orm,
      redis,
      logger: createLogger('silent', 'jobs'),
      config: { REDIS_PREFIX: `kpt-${randomBytes(4).toString('hex')}` },
    };
    const workers = [startExpiredCredentialsSweeper(deps), startExpiredCredentialsSweeper(deps)];
    try {
      // both start a round at once: one claims it and sweeps, the other finds it claimed
      const deleted = await Promise.all(workers.map((worker) => worker.run()));
      expect(deleted.sort()).toEqual([0, 1]);
      expect(await sessionLabels()).toEqual(['live']);
      // within the period, no worker sweeps again
      await session('expiredlongago', ago(31));
      expect(await Promise.all(workers.map((worker) => worker.run()))).toEqual([0, 0]);
      expect(await sessionLabels()).toEqual(['expiredlongago', 'live']);
    } finally {
      for (const worker of workers) worker.stop();
      await redis.del(`${deps.config.REDIS_PREFIX}:expired-credentials-sweep`);
    }
  });
});
