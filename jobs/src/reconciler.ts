import { IN_PROGRESS_STATUSES, RETRYING_STATUSES } from '@keyport/exchange/status';
import { VERIFY_CONNECTION_JOB, verifyJobId, verifyJobOptions } from '@keyport/queue/verify-connection';
import type { JobsDeps } from './deps';
import { startPeriodic } from './periodic';

const BATCH = 500;

/**
 * PostgreSQL is the source of truth: every connection it says is waiting for a verification (or whose staged
 * replacement keys wait for their check) gets a job.
 * Job ids are deterministic, so a job still queued or running is not duplicated; one lost with Redis
 * (flushed, failed over) or never enqueued (Redis down during the request) is created again.
 */
export async function reconcile(deps: JobsDeps): Promise<number> {
  const rows = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; credential_version: number; staged_serial: number | null }[]>(
      `(select id, credential_version, null::int as staged_serial from exchange_connections
        -- with or without keys: a keyless one still waiting is settled by its job, never left waiting
        where deleted_at is null
          and (status in (?) or (status in (?) and retry_at <= now()))
        order by status_changed_at limit ?)
      union all
      -- keys staged to replace working ones wait for their check just the same
      (select id, credential_version, staged_serial from exchange_connections
        where deleted_at is null and staged_credentials is not null
          and (staged_retry_at is null or staged_retry_at <= now())
        order by staged_at limit ?)`,
      [[...IN_PROGRESS_STATUSES], [...RETRYING_STATUSES], BATCH, BATCH],
    );
  if (rows.length === 0) return 0;
  await deps.verifyQueue.addBulk(
    rows.map((row) => {
      const data = {
        connectionId: row.id,
        credentialVersion: row.credential_version,
        ...(row.staged_serial ? { stagedSerial: row.staged_serial } : {}),
      };
      return { name: VERIFY_CONNECTION_JOB, data, opts: { ...verifyJobOptions, jobId: verifyJobId(data) } };
    }),
  );
  return rows.length;
}

/** Runs the reconciler now and then on an interval, never two sweeps at once in this process. */
export function startReconciler(deps: JobsDeps): { stop(): void; sweep(): Promise<number> } {
  const periodic = startPeriodic(
    deps,
    'reconcile',
    deps.config.RECONCILE_INTERVAL_MS,
    () => reconcile(deps),
    {
      immediately: true,
    },
  );
  return { stop: periodic.stop, sweep: periodic.run };
}
