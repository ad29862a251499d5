import { enqueueRefreshBatches, type RefreshTarget } from '@keyport/queue/refresh-balances';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

const BATCH = 1000;

/**
 * Enqueues a balance refresh for every connected account whose balances are older than the cadence,
 * spread by a per-connection jitter (up to a fifth of the cadence) so accounts connected together do not
 * hit the exchange together. Each due account is queued once (refresh_queued_at, cleared by the refresh),
 * not again on every sweep while it waits its turn: re-adding a queued job costs Redis as much as adding it. Rows are claimed
 * with SKIP LOCKED, so two workers sweeping at once split them; a job lost with Redis is queued again
 * after a while.
 */
export async function sweepRefreshes(deps: JobsDeps): Promise<number> {
  const every = deps.config.BALANCE_REFRESH_MS;
  const rows = await deps.orm.em
    .fork()
    .getConnection()
    .execute<
      { id: string; credential_version: number; exchange_id: string; sandbox: boolean; claim: string }[]
    >(
      `with due as (
         select id from exchange_connections
         where deleted_at is null and credentials is not null and status = 'CONNECTED'
           and (last_synced_at is null
             or last_synced_at < now() - (? + mod(abs(hashtext(id::text)), ?)) * interval '1 millisecond')
           and (refresh_queued_at is null or refresh_queued_at < now() - ? * interval '1 millisecond')
         order by last_synced_at nulls first
         limit ?
         for update skip locked
       )
       update exchange_connections c set refresh_queued_at = now() from due where c.id = due.id
       returning c.id, c.credential_version, c.exchange_id, c.sandbox, c.refresh_queued_at::text as claim`,
      [every, Math.max(1, Math.floor(every / 5)), requeueAfterMs(every), BATCH],
    );
  try {
    // one exchange per job: a slow or paused venue holds up its own accounts only
    const byVenue = new Map<string, RefreshTarget[]>();
    for (const row of rows) {
      const venue = `${row.exchange_id}:${row.sandbox}`;
      const targets = byVenue.get(venue) ?? [];
      targets.push({ connectionId: row.id, credentialVersion: row.credential_version, claim: row.claim });
      byVenue.set(venue, targets);
    }
    await enqueueRefreshBatches(deps.refreshQueue, [...byVenue.values()], deps.config.REFRESH_BATCH_SIZE);
  } catch (error) {
    // not queued: give the claims back so the next sweep tries, rather than after the re-queue timeout
    await deps.orm.em
      .fork()
      .getConnection()
      .execute('update exchange_connections set refresh_queued_at = null where id in (?)', [
        rows.map((r) => r.id),
      ])
      .catch(() => {});
    throw error;
  }
  return rows.length;
}

/** A claim this old is queued again: long enough for a backlog to drain, short enough that a flushed
 * Redis delays refreshes by minutes only. A refresh clears its claim when it has read the balances. */
export function requeueAfterMs(every: number): number {
  // a job still queued for an account claimed again since leaves it to the newer job (its claim no longer
  // matches): this only bounds how long a lost one is missed
  return Math.max(2 * every, 10_000);
}

export function startRefreshSweeper(deps: JobsDeps): { stop(): void; sweep(): Promise<number> } {
  const every = Math.max(250, Math.min(5000, deps.config.BALANCE_REFRESH_MS / 4));
  const periodic = startPeriodic(deps, 'refresh sweep', every, () => sweepRefreshes(deps));
  return { stop: periodic.stop, sweep: periodic.run };
}
