import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type VerifyConnectionPayload, VerifyConnectionPayloadSchema } from './verify-connection';

/** Queue of "read these connected accounts' balances again" jobs; ids only, like verification. */
export const REFRESH_BALANCES_QUEUE = 'refresh-balances';
export const REFRESH_BALANCES_JOB = 'refresh';
/** Accounts per sweep job: one load, one write and one queue round trip serve them all. */
export const REFRESH_BATCH_MAX = 200;

/**
 * One account of a job. `claim` is the sweeper's claim on it (refresh_queued_at as PostgreSQL printed it): a job
 * whose claim was replaced by a newer one (the sweep queued the account again) leaves it to that newer job.
 */
const RefreshTargetSchema = VerifyConnectionPayloadSchema.extend({
  claim: z.string().max(40).optional(),
}).strict();
export type RefreshTarget = z.infer<typeof RefreshTargetSchema>;
export const RefreshBalancesPayloadSchema = z.union([
  z.object({ connections: z.array(RefreshTargetSchema).min(1).max(REFRESH_BATCH_MAX) }).strict(),
  // a job queued before batches existed: one account, read the same way
  VerifyConnectionPayloadSchema.transform((one) => ({ connections: [one as RefreshTarget] })),
]);
export type RefreshBalancesPayload = z.input<typeof RefreshBalancesPayloadSchema>;

/** The accounts a job is about, whichever shape it was queued in. */
export function refreshTargets(data: unknown): RefreshTarget[] {
  return RefreshBalancesPayloadSchema.parse(data).connections;
}

/** One pending "refresh now" per connection and key version: a click while one waits adds nothing. */
export function refreshJobId({ connectionId, credentialVersion }: VerifyConnectionPayload): string {
  return `refresh-${connectionId}-v${credentialVersion}`;
}

export const refreshJobOptions: JobsOptions = {
  // a failed refresh is not retried here: the next sweep reads the account again anyway
  attempts: 1,
  removeOnComplete: true,
  removeOnFail: true,
};

export function createRefreshQueue(connection: Redis, prefix: string): Queue<RefreshBalancesPayload> {
  return new Queue<RefreshBalancesPayload>(REFRESH_BALANCES_QUEUE, { connection, prefix });
}

/** Queues one account's refresh now (a user asked), deduplicated per key version; it holds no claim. */
export async function enqueueRefreshNow(
  queue: Queue<RefreshBalancesPayload>,
  target: VerifyConnectionPayload,
): Promise<void> {
  const one = VerifyConnectionPayloadSchema.parse(target);
  await queue.add(
    REFRESH_BALANCES_JOB,
    { connections: [one] },
    { ...refreshJobOptions, jobId: refreshJobId(one) },
  );
}

/**
 * Queues due accounts in jobs of `batchSize`, group by group (the sweeper groups them by exchange, so a slow
 * exchange holds up only its own jobs), all in one round trip: queued together or not at all.
 */
export async function enqueueRefreshBatches(
  queue: Queue<RefreshBalancesPayload>,
  groups: readonly (readonly RefreshTarget[])[],
  batchSize: number,
): Promise<number> {
  const size = Math.max(1, Math.min(REFRESH_BATCH_MAX, batchSize));
  const jobs = [];
  for (const targets of groups) {
    for (let start = 0; start < targets.length; start += size) {
      const connections = targets.slice(start, start + size).map((t) => RefreshTargetSchema.parse(t));
      jobs.push({ name: REFRESH_BALANCES_JOB, data: { connections }, opts: refreshJobOptions });
    }
  }
  if (jobs.length > 0) await queue.addBulk(jobs);
  return jobs.length;
}
