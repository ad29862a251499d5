import { enqueueRefresh } from '@keyport/queue/refresh-balances';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

const BATCH = 1000;

/**
 * Enqueues a balance refresh for every connected account whose balances are older than the cadence,
 * spread by a per-connection jitter (up to a fifth of the cadence) so accounts connected together do not
 * hit the exchange together. Job ids dedupe: a refresh still queued is not added twice.
 */
export async function sweepRefreshes(deps: JobsDeps): Promise<number> {
  const every = deps.config.BALANCE_REFRESH_MS;
  const rows = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; credential_version: number }[]>(
      `select id, credential_version from exchange_connections
       where deleted_at is null and credentials is not null and status = 'CONNECTED'
         and (last_synced_at is null
           or last_synced_at < now() - (? + mod(abs(hashtext(id::text)), ?)) * interval '1 millisecond')
       order by last_synced_at nulls first limit ?`,
      [every, Math.max(1, Math.floor(every / 5)), BATCH],
    );
  await enqueueRefresh(
    deps.refreshQueue,
    rows.map((row) => ({ connectionId: row.id, credentialVersion: row.credential_version })),
  );
  return rows.length;
}

export function startRefreshSweeper(deps: JobsDeps): { stop(): void; sweep(): Promise<number> } {
  const every = Math.max(250, Math.min(5000, deps.config.BALANCE_REFRESH_MS / 4));
  const periodic = startPeriodic(deps, 'refresh sweep', every, () => sweepRefreshes(deps));
  return { stop: periodic.stop, sweep: periodic.run };
}
