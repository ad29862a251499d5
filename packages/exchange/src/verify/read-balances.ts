import type { ClientLease } from '../client/client-pool';
import type { ReasonCode } from '../status/statuses';
import { classifyError } from './classify-error';
import {
  type BalanceLine,
  balanceLines,
  fetchBalanceResyncingClock,
  knownOffset,
  processPool,
  type VerifyInput,
} from './verify-credentials';

export type BalancesOutcome =
  | { ok: true; balances: BalanceLine[] }
  | { ok: false; reason: ReasonCode; retryAfterMs?: number };

/**
 * A refresh of an already verified key: one balance request, no permission probe. Never throws for
 * exchange failures; they come back as a precise reason for the status machine.
 */
export async function readBalances(input: Omit<VerifyInput, 'onStep'>): Promise<BalancesOutcome> {
  let lease: ClientLease;
  try {
    lease = (input.pool ?? processPool).lease({ ...input, timeDifference: knownOffset(input.exchangeId) });
  } catch (error) {
    return { ok: false, ...classifyError(error) };
  }
  const { exchange, trace } = lease;
  try {
    const balance = await fetchBalanceResyncingClock(exchange, input.exchangeId);
    if (!balance.info || typeof balance.info !== 'object')
      return { ok: false, reason: 'UNEXPECTED_RESPONSE' };
    return { ok: true, balances: balanceLines(balance, 'spot') };
  } catch (error) {
    return { ok: false, ...classifyError(error, trace.status, trace.retryAfterMs) };
  } finally {
    lease.release();
  }
}
