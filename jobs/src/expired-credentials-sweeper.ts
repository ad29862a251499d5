import type { Orm } from '@keyport/db/orm';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

/**
 * How long a session or API token is kept once it expired or was revoked: the token list still shows an
 * expired token for its owner to notice, and an incident review can still see which sessions and tokens
 * were ended when (and a token's name, prefix and last use); after that the row serves no one.
 */
export const EXPIRED_CREDENTIALS_KEPT_DAYS = 30;
const SWEEP_EVERY_MS = 3_600_000;
// short statements: a year of sign-ins deleted at once would hold its locks for as long as it takes
const BATCH = 5_000;

type SweepDeps = Pick<JobsDeps, 'orm' | 'redis' | 'logger'> & {
  config: Pick<JobsDeps['config'], 'REDIS_PREFIX'>;
};

async function deleteEnded(orm: Orm, table: 'sessions' | 'api_tokens', before: Date): Promise<number> {
  const connection = orm.em.fork().getConnection();
  let deleted = 0;
  for (;;) {
    const { affectedRows } = await connection.execute<{ affectedRows: number }>(
      `delete from ${table} where id in (
         select id from ${table} where expires_at < ? or revoked_at < ? limit ?)`,
      [before, before, BATCH],
      'run',
    );
    deleted += affectedRows;
    if (affectedRows < BATCH) return deleted;
  }
}

/**
 * Deletes the sessions and API tokens that expired or were revoked more than the kept days before `now`;
 * live ones, and ended ones still within those days, stay. Idempotent: a second run finds nothing.
 */
export async function sweepExpiredCredentials(
  orm: Orm,
  now = new Date(),
): Promise<{ sessions: number; tokens: number }> {
  const before = new Date(now.getTime() - EXPIRED_CREDENTIALS_KEPT_DAYS * 86_400_000);
  return {
    sessions: await deleteEnded(orm, 'sessions', before),
    tokens: await deleteEnded(orm, 'api_tokens', before),
  };
}

/** Sweeps at start and hourly, one round an hour across all workers (a Redis claim). */
export function startExpiredCredentialsSweeper(deps: SweepDeps): { stop(): void; run(): Promise<number> } {
  const round = async () => {
    const claimed = await deps.redis.set(
      `${deps.config.REDIS_PREFIX}:expired-credentials-sweep`,
      '1',
      'PX',
      Math.floor(SWEEP_EVERY_MS * 0.9),
      'NX',
    );
    if (claimed !== 'OK') return 0;
    const { sessions, tokens } = await sweepExpiredCredentials(deps.orm);
    if (sessions + tokens > 0)
      deps.logger.info(
        { sessions, tokens },
        `deleted sessions and API tokens ended more than ${EXPIRED_CREDENTIALS_KEPT_DAYS} days ago`,
      );
    return sessions + tokens;
  };
  return startPeriodic(deps, 'expired sessions and tokens sweep', SWEEP_EVERY_MS, round, {
    immediately: true,
  });
}
