import type { UnreadableWallet } from '@keyport/exchange/verify';
import type { JobsDeps } from '../deps';

/** A chosen wallet the key may not read is left out of the balances; say which and why. */
export function warnUnreadable(deps: JobsDeps, connectionId: string, wallets: UnreadableWallet[]): void {
  if (wallets.length === 0) return;
  deps.logger.warn({ connectionId, wallets }, 'some chosen wallets could not be read with this key');
}
