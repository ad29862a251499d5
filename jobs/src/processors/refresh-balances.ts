import { refusalOf } from '@keyport/exchange/permissions';
import { readBalances } from '@keyport/exchange/read-balances';
import { isKeyRefused, type ReasonCode, reasonSpec } from '@keyport/exchange/status';
import { type RefreshBalancesPayload, RefreshBalancesPayloadSchema } from '@keyport/queue/refresh-balances';
import type { Job } from 'bullmq';
import type { JobsDeps } from '../deps';
import { requeueAfterMs } from '../refresh-sweeper';
import { ConnectionWriter } from './connection-writer';
import { eraseUnsafeKey } from './erase-unsafe-key';
import { exchangeInput, storedUnreadable } from './exchange-input';
import { decrypt } from './open-stored-credentials';
import { warnUnreadable } from './warn-unreadable-wallets';

export type RefreshResult = {
  outcome: 'skipped' | 'refreshed' | 'expired' | 'refused' | 'kept';
  reason?: ReasonCode;
};

/**
 * Reads a connected account's balances again: one balance request, the balances replaced in one
 * statement, the owner's portfolio told. A key the exchange now refuses hands the connection to the
 * status machine (EXPIRED); a transient failure keeps it connected with its last balances (see
 * lastSyncedAt) until the next sweep.
 */
export async function refreshBalances(
  job: Job<RefreshBalancesPayload>,
  deps: JobsDeps,
): Promise<RefreshResult> {
  const payload = RefreshBalancesPayloadSchema.parse(job.data);
  const writer = await ConnectionWriter.load(deps, payload.connectionId, payload.credentialVersion);
  if (writer?.connection.status !== 'CONNECTED' || !writer.connection.credentials)
    return { outcome: 'skipped' };
  const { connection } = writer;
  const credentials = decrypt(deps, writer);
  if (!credentials) return { outcome: 'kept', reason: 'CREDENTIALS_UNREADABLE' };

  // a key's rights can change after it was connected (withdrawals switched on): read them again daily
  const lastVerified = connection.lastVerifiedAt?.getTime() ?? 0;
  const recheckPermissions = Date.now() - lastVerified > deps.config.PERMISSION_RECHECK_MS;
  const outcome = await readBalances({
    ...exchangeInput(deps, connection, credentials),
    recheckPermissions,
  });
  if (outcome.ok && outcome.permissions) {
    const refusal = refusalOf(outcome.permissions, deps.config.EGRESS_IPS);
    if (refusal) {
      if (refusal === 'WITHDRAWALS_ENABLED') await eraseUnsafeKey(writer, refusal);
      await writer.save(
        { kind: 'STATUS_CHANGED', status: reasonSpec(refusal).status, reasonCode: refusal },
        { progressStep: 'DONE', retryAt: null, permissions: outcome.permissions, lastVerifiedAt: new Date() },
      );
      return { outcome: 'refused', reason: refusal };
    }
  }
  if (outcome.ok) {
    warnUnreadable(deps, connection.id, outcome.unreadableWallets);
    const saved = await writer.save(
      undefined,
      {
        lastSyncedAt: new Date(),
        refreshQueuedAt: null,
        unreadableWallets: storedUnreadable(outcome.unreadableWallets),
        ...(outcome.permissions ? { permissions: outcome.permissions, lastVerifiedAt: new Date() } : {}),
      },
      outcome.balances,
      outcome.unreadableWallets.map((w) => w.wallet),
    );
    // most refreshes find the same amounts: nothing for portfolio views to re-value then
    if (saved?.balancesChanged) await writer.publishPortfolio();
    return { outcome: saved ? 'refreshed' : 'skipped' };
  }
  // refused on an account that was connected: revoked, deleted or expired since
  if (isKeyRefused(outcome.reason)) {
    await writer.save(
      { kind: 'STATUS_CHANGED', status: 'EXPIRED', reasonCode: 'KEY_EXPIRED' },
      { progressStep: 'DONE', retryAt: null },
    );
    return { outcome: 'expired', reason: outcome.reason };
  }
  // not refreshed: queued again once the exchange's wait (or a short pause) is over, not on every sweep
  await retryRefreshLater(deps, connection.id, outcome.retryAfterMs);
  // a paused exchange fails every refresh at once: the pause itself was logged once, when it began
  const level = outcome.reason === 'RATE_LIMITED' ? 'debug' : 'warn';
  deps.logger[level](
    { connectionId: connection.id, reason: outcome.reason },
    'balances not refreshed; the next sweep tries again',
  );
  return { outcome: 'kept', reason: outcome.reason };
}

async function retryRefreshLater(
  deps: JobsDeps,
  connectionId: string,
  retryAfterMs: number | undefined,
): Promise<void> {
  const every = deps.config.BALANCE_REFRESH_MS;
  // the exchange's own wait when it gave one (a 429's Retry-After, the open circuit), else a short pause
  const pauseMs = retryAfterMs ?? Math.min(every, 30_000);
  // the sweeper queues it again once the claim is older than requeueAfterMs: date it back accordingly
  await deps.orm.em
    .fork()
    .getConnection()
    .execute(
      `update exchange_connections set refresh_queued_at = now() - ? * interval '1 millisecond'
       where id = ?`,
      [requeueAfterMs(every) - pauseMs, connectionId],
    );
}
