import type { WorkerColumns, WorkerConnectionRow } from '@keyport/db/connection-change-sql';
import type { VerifyOutcome } from '@keyport/exchange/verify';
import { storedUnreadable } from './exchange-input';

/** What a passed check stores on the connection, whether its keys were in place or staged. */
export function connectedColumns(
  connection: WorkerConnectionRow,
  outcome: Extract<VerifyOutcome, { ok: true }>,
  now: Date,
): WorkerColumns {
  return {
    progressStep: 'DONE',
    permissions: outcome.permissions,
    unreadableWallets: storedUnreadable(outcome.unreadableWallets),
    exchangeAccountUid: outcome.accountUid ?? connection.exchangeAccountUid ?? null,
    // new keys of another exchange account: balances and history now are that account's, say so
    ...(accountChanged(connection.exchangeAccountUid, outcome.accountUid)
      ? { previousAccountUid: connection.exchangeAccountUid }
      : {}),
    lastVerifiedAt: now,
    lastSyncedAt: now,
    retryAt: null,
    clockOffsetMs: null,
    tradeCheck: outcome.tradeCheck,
  };
}

function accountChanged(before: string | null, now: string | null): boolean {
  return before !== null && now !== null && before !== now;
}
