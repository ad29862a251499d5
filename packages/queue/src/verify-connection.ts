import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Queue of "verify this connection's current credentials" (or the keys staged to replace them) jobs. */
export const VERIFY_CONNECTION_QUEUE = 'verify-connection';
export const VERIFY_CONNECTION_JOB = 'verify';
/** Custom backoff type, computed by the worker from the exchange's Retry-After or the failure kind. */
export const EXCHANGE_BACKOFF = 'exchange';

/** Ids only: BullMQ keeps job data in Redis in clear, so no secret may ever be in it. */
export const VerifyConnectionPayloadSchema = z
  .object({
    connectionId: z.uuid(),
    credentialVersion: z.number().int().positive(),
    /** Set for a check of the keys staged to replace working ones: which staging (staged_serial) it is for. */
    stagedSerial: z.number().int().positive().optional(),
  })
  .strict();
export type VerifyConnectionPayload = z.infer<typeof VerifyConnectionPayloadSchema>;

/** One job per connection and credential version (and staging): duplicates while one is queued or running are ignored. */
export function verifyJobId({
  connectionId,
  credentialVersion,
  stagedSerial,
}: VerifyConnectionPayload): string {
  return `verify-${connectionId}-v${credentialVersion}${stagedSerial ? `-s${stagedSerial}` : ''}`;
}

export const verifyJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: EXCHANGE_BACKOFF },
  // the database keeps the outcome; finished ids are freed so "Test again" can enqueue anew
  removeOnComplete: true,
  removeOnFail: true,
};

export function createVerifyQueue(connection: Redis, prefix: string): Queue<VerifyConnectionPayload> {
  return new Queue<VerifyConnectionPayload>(VERIFY_CONNECTION_QUEUE, { connection, prefix });
}

export async function enqueueVerification(
  queue: Queue<VerifyConnectionPayload>,
  payload: VerifyConnectionPayload,
): Promise<void> {
  const data = VerifyConnectionPayloadSchema.parse(payload);
  await queue.add(VERIFY_CONNECTION_JOB, data, { ...verifyJobOptions, jobId: verifyJobId(data) });
}
