import { describe, expect, it } from 'vitest';
import { RetryableVerificationError, retryDelay } from './retryable-verification-error';

describe('retry delay between verification attempts', () => {
  it('doubles from the base delay', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, undefined, 1_000, 60_000))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('waits as long as the exchange asked with Retry-After', () => {
    expect(retryDelay(1, new RetryableVerificationError('RATE_LIMITED', 7_000), 1_000, 60_000)).toBe(7_000);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelay(20, undefined, 1_000, 60_000)).toBe(60_000);
    expect(retryDelay(1, new RetryableVerificationError('IP_BANNED', 3 * 86_400_000), 1_000, 300_000)).toBe(
      300_000,
    );
  });
});
