import { DelayedError, type Job } from 'bullmq';

/** How long a job set back for its exchange's full share waits before it is offered again. */
const SET_BACK_MS = 250;

/**
 * A bulkhead per exchange over one worker's job slots: an exchange's jobs may hold at most `share` of them at
 * once, so a slow or timing-out exchange leaves the other slots to the other exchanges' users. A job over its
 * exchange's share goes back to the queue (delayed, not failed, no attempt spent) instead of holding a slot.
 */
export class ExchangeShares {
  private readonly running = new Map<string, number>();

  constructor(readonly share: number) {}

  /** Runs `task` within the exchange's share, or sets the job back for a moment when the share is full. */
  async run<T>(job: Job, token: string | undefined, exchangeId: string, task: () => Promise<T>): Promise<T> {
    const held = this.running.get(exchangeId) ?? 0;
    if (held >= this.share) {
      await job.moveToDelayed(Date.now() + SET_BACK_MS + Math.floor(Math.random() * SET_BACK_MS), token);
      throw new DelayedError();
    }
    this.running.set(exchangeId, held + 1);
    try {
      return await task();
    } finally {
      const left = (this.running.get(exchangeId) ?? 1) - 1;
      if (left > 0) this.running.set(exchangeId, left);
      else this.running.delete(exchangeId);
    }
  }
}

/** Three quarters of the slots, rounded up: one exchange alone still gets nearly all, never every one. */
export function defaultShare(slots: number): number {
  return slots <= 1 ? 1 : Math.min(slots - 1, Math.ceil((slots * 3) / 4));
}
