import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison; hashing first makes lengths equal so the length does not leak either. */
export function timingSafeStringEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given === expected;
}
