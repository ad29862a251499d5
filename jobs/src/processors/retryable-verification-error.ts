/** Thrown to make BullMQ retry a verification; carries how long the exchange asked us to wait. */
export class RetryableVerificationError extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`verification will be retried: ${reason}`);
    this.name = 'RetryableVerificationError';
  }
}

/** Exponential backoff from a base, or the exchange's own Retry-After when it gave one; capped. */
export function retryDelay(
  attemptsMade: number,
  error: Error | undefined,
  baseMs: number,
  maxMs: number,
): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const asked = error instanceof RetryableVerificationError ? error.retryAfterMs : undefined;
  const delay = asked && asked > 0 ? asked : exponential;
  return Math.min(maxMs, Math.round(delay));
}
