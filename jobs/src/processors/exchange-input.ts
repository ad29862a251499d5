import type { WorkerConnectionRow } from '@keyport/db/connection-change-sql';
import type { Credentials } from '@keyport/exchange/client';
import type { UnreadableWallet, VerifyInput } from '@keyport/exchange/verify';
import type { JobsDeps } from '../deps';

/** What every exchange call of a job needs: the connection's exchange and wallets, this worker's settings. */
export function exchangeInput(
  deps: JobsDeps,
  connection: WorkerConnectionRow,
  credentials: Credentials,
): Omit<VerifyInput, 'onStep'> {
  return {
    exchangeId: connection.exchangeId,
    credentials,
    sandbox: connection.sandbox,
    accountTypes: connection.accountTypes,
    needsTrading: connection.needsTrading,
    throttle: deps.budget,
    sequencer: deps.sequencer,
    egressIps: deps.config.EGRESS_IPS,
    allowWithdrawals: deps.config.ALLOW_WITHDRAWAL_KEYS,
    refuseUnknownWithdrawals: deps.config.UNKNOWN_WITHDRAWAL_RIGHTS === 'refuse',
    urlOverrides: deps.config.urlOverrides,
    timeoutMs: deps.config.EXCHANGE_TIMEOUT_MS,
  };
}

/** The unreadable wallets as stored on the connection (null when none). */
export function storedUnreadable(wallets: UnreadableWallet[]): UnreadableWallet[] | null {
  return wallets.length > 0 ? wallets : null;
}
