import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type VerifyConnectionPayload, VerifyConnectionPayloadSchema } from './verify-connection';

/** Queue of "read this connected account's balances again" jobs; same ids-only payload as verification. */
export const REFRESH_BALANCES_QUEUE = 'refresh-balances';
export const REFRESH_BALANCES_JOB = 'refresh';
export type RefreshBalancesPayload = VerifyConnectionPayload;
export const RefreshBalancesPayloadSchema = VerifyConnectionPayloadSchema;

/** One pending refresh per connection and key version: a sweep or a click while one waits adds nothing. */
export function refreshJobId({ connectionId, credentialVersion }: RefreshBalancesPayload): string {
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

export async function enqueueRefresh(
  queue: Queue<RefreshBalancesPayload>,
  payloads: readonly RefreshBalancesPayload[],
): Promise<void> {
  if (payloads.length === 0) return;
  await queue.addBulk(
    payloads.map((payload) => {
      const data = RefreshBalancesPayloadSchema.parse(payload);
      return { name: REFRESH_BALANCES_JOB, data, opts: { ...refreshJobOptions, jobId: refreshJobId(data) } };
    }),
  );
}
