import {
  type BalanceLine,
  balanceLines,
  type ExchangeFailure,
  fetchBalanceResyncingClock,
  type VerifyInput,
  withLeasedClient,
} from './verify-credentials';

export type BalancesOutcome = { ok: true; balances: BalanceLine[] } | ExchangeFailure;

/**
 * A refresh of an already verified key: one balance request, no permission probe. Never throws for
 * exchange failures; they come back as a precise reason for the status machine.
 */
export function readBalances(input: Omit<VerifyInput, 'onStep'>): Promise<BalancesOutcome> {
  return withLeasedClient(input, async ({ exchange }): Promise<BalancesOutcome> => {
    const balance = await fetchBalanceResyncingClock(exchange, input.exchangeId);
    if (!balance.info || typeof balance.info !== 'object')
      return { ok: false, reason: 'UNEXPECTED_RESPONSE' };
    return { ok: true, balances: balanceLines(balance, 'spot') };
  });
}
