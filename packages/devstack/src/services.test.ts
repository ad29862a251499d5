import { describe, expect, it } from 'vitest';
import { queryPostgres } from './postgres-probe';
import { pingRedis } from './redis-ping';
import { resolveRedis } from './redis-service';
import { ensureServices } from './services';
import { closedPort } from './test-ports';

describe('ensureServices', () => {
  it('refuses an unreachable DATABASE_URL, naming the variable, rather than falling back', async () => {
    const port = await closedPort();
    const databaseUrl = `postgresql://postgres:hunter2@127.0.0.1:${port}/postgres`;
    const attempt = ensureServices({ purpose: 'test', env: { DATABASE_URL: databaseUrl } });
    await expect(attempt).rejects.toThrow(
      `DATABASE_URL is set to postgresql://postgres:*****@127.0.0.1:${port}/postgres, but that PostgreSQL can't be used: connect ECONNREFUSED`,
    );
    await expect(attempt).rejects.not.toThrow('hunter2');
  });

  it('refuses a REDIS_URL that does not answer PING, naming the variable', async () => {
    const port = await closedPort();
    await expect(resolveRedis(`redis://127.0.0.1:${port}`, 'redis://127.0.0.1:1')).rejects.toThrow(
      `REDIS_URL is set to redis://127.0.0.1:${port}, but that Redis doesn't answer PING: connect ECONNREFUSED`,
    );
  });

  it('starts embedded PGlite and js-redis-server when nothing is configured or running locally', async () => {
    const services = await ensureServices({
      purpose: 'test',
      env: {},
      localPostgresUrl: `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`,
      localRedisUrl: `redis://127.0.0.1:${await closedPort()}`,
    });
    try {
      expect(services.notices.join('\n')).toContain('EMBEDDED DEVELOPMENT FALLBACK');
      await expect(pingRedis(services.redisUrl)).resolves.toBeUndefined();
      await expect(queryPostgres(services.databaseUrl, 'select 1 as one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await services.stop();
    }
  }, 60_000);
});
