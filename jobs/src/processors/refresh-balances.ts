import type { BalanceRow, WorkerConnectionRow } from '@keyport/db/connection-change-sql';
import {
  deferRefreshes,
  loadStoredBalances,
  loadWorkerConnections,
  markRefreshed,
  type Refreshed,
  sameBalances,
} from '@keyport/db/refresh-batch-sql';
import { connectionUpdated, publishEvents } from '@keyport/events/topics';
import { refusalOf } from '@keyport/exchange/permissions';
import { readBalances } from '@keyport/exchange/read-balances';
import { isKeyRefused, type ReasonCode } from '@keyport/exchange/status';
import { tradingRight } from '@keyport/exchange/venue-of';
import { type RefreshBalancesPayload, refreshTargets } from '@keyport/queue/refresh-balances';
import type { EntityManager } from '@mikro-orm/core';
import type { Job } from 'bullmq';
import type { JobsDeps } from '../deps';
import { requeueAfterMs } from '../refresh-sweeper';
import { ConnectionWriter } from './connection-writer';
import { type ExchangeGate, openGate } from './exchange-gate';
import { exchangeInput, storedUnreadable } from './exchange-input';
import type { ExchangeLanes } from './lanes';
import { decrypt } from './open-stored-credentials';
import { refusal } from './refusal-write';
import { warnUnreadable } from './warn-unreadable-wallets';

type Outcome = 'skipped' | 'refreshed' | 'unchanged' | 'expired' | 'refused' | 'kept';
/** How many of the job's accounts ended which way (the job's return value, for logs and tests). */
export type RefreshResult = Record<Outcome, number>;

type AccountResult =
  | { outcome: 'unchanged'; refreshed: Refreshed }
  | { outcome: 'kept'; connectionId: string; reason: ReasonCode; retryAfterMs?: number }
  | { outcome: Exclude<Outcome, 'unchanged' | 'kept'> };

/**
 * Reads a batch of connected accounts' balances again. The accounts share one load and, when their balances
 * are as stored (most refreshes), one write and one round of notices; an account whose balances moved, whose
 * key is now refused or whose rights changed is written on its own, with its audit event. A transient
 * failure keeps the account connected with its last balances (see lastSyncedAt) until the exchange's wait
 * is over. Exchange requests wait for a lane of their exchange, shared by all of the worker's refresh jobs.
 */
export async function refreshBalances(
  job: Job<RefreshBalancesPayload>,
  deps: JobsDeps,
  lanes: ExchangeLanes,
  gate: ExchangeGate = openGate,
): Promise<RefreshResult> {
  const targets = refreshTargets(job.data);
  const em = deps.orm.em.fork();
  const live = (await loadWorkerConnections(em, targets)).filter(
    (c) => c.status === 'CONNECTED' && c.credentials,
  );
  // a batch is one exchange's accounts (the sweeper groups them so)
  const exchangeId = live[0]?.exchangeId;
  if (!exchangeId) return refreshLoaded(deps, em, lanes, targets, live);
  return gate(exchangeId, () => refreshLoaded(deps, em, lanes, targets, live));
}

async function refreshLoaded(
  deps: JobsDeps,
  em: EntityManager,
  lanes: ExchangeLanes,
  targets: readonly unknown[],
  live: WorkerConnectionRow[],
): Promise<RefreshResult> {
  const stored = await loadStoredBalances(
    em,
    live.map((c) => c.id),
  );
  const results = await Promise.all(
    live.map((connection) =>
      refreshAccount(deps, em, lanes, connection, stored.get(connection.id) ?? []).catch(
        (error: Error): AccountResult => {
          deps.logger.error({ connectionId: connection.id, err: error.message }, 'balance refresh failed');
          return { outcome: 'kept', connectionId: connection.id, reason: 'INTERNAL_ERROR' };
        },
      ),
    ),
  );
  const counts: RefreshResult = {
    skipped: targets.length - live.length,
    refreshed: 0,
    unchanged: 0,
    expired: 0,
    refused: 0,
    kept: 0,
  };
  for (const result of results) counts[result.outcome] += 1;
  // independent writes: one failing must not skip the other (the job then fails, and the sweep retries)
  const written = await Promise.allSettled([
    saveUnchanged(deps, em, results),
    deferFailed(deps, em, results),
  ]);
  const failed = written.find((w): w is PromiseRejectedResult => w.status === 'rejected');
  if (failed) throw failed.reason;
  return counts;
}

async function refreshAccount(
  deps: JobsDeps,
  em: EntityManager,
  lanes: ExchangeLanes,
  connection: WorkerConnectionRow,
  storedBalances: readonly BalanceRow[],
): Promise<AccountResult> {
  const writer = ConnectionWriter.of(deps, em, connection);

  // a key's rights can change after it was connected (withdrawals switched on): read them again daily
  const lastVerified = connection.lastVerifiedAt?.getTime() ?? 0;
  const recheckPermissions = Date.now() - lastVerified > deps.config.PERMISSION_RECHECK_MS;
  // the keys are opened only once a lane is free, and dropped with the request
  const outcome = await lanes.of(connection.exchangeId).run(async () => {
    const credentials = decrypt(deps, writer);
    return credentials
      ? readBalances({ ...exchangeInput(deps, connection, credentials), recheckPermissions })
      : null;
  });
  // not something a retry fixes soon (a keyring without the key): left for the re-queue timeout
  if (!outcome)
    return {
      outcome: 'kept',
      connectionId: connection.id,
      reason: 'CREDENTIALS_UNREADABLE',
      retryAfterMs: requeueAfterMs(deps.config.BALANCE_REFRESH_MS),
    };
  if (outcome.ok && outcome.permissions) {
    const refused = refusalOf(outcome.permissions, deps.config.EGRESS_IPS, {
      trading: connection.needsTrading,
      tradingRight: tradingRight(connection.exchangeId),
      allowWithdrawals: deps.config.ALLOW_WITHDRAWAL_KEYS,
      refuseUnknownWithdrawals: deps.config.UNKNOWN_WITHDRAWAL_RIGHTS === 'refuse',
    });
    if (refused) {
      const { changes, erased } = refusal(refused);
      await writer.save(changes, {
        ...erased,
        progressStep: 'DONE',
        retryAt: null,
        permissions: outcome.permissions,
        lastVerifiedAt: new Date(),
      });
      return { outcome: 'refused' };
    }
  }
  if (outcome.ok) {
    warnUnreadable(deps, connection.id, outcome.unreadableWallets);
    const unreadable = outcome.unreadableWallets.map((w) => w.wallet);
    if (!outcome.permissions && sameBalances(storedBalances, outcome.balances, unreadable)) {
      const refreshed = {
        connectionId: connection.id,
        credentialVersion: connection.credentialVersion,
        unreadableWallets: storedUnreadable(outcome.unreadableWallets),
        syncedText: connection.syncedText,
      };
      return { outcome: 'unchanged', refreshed };
    }
    const saved = await writer.save(
      undefined,
      {
        lastSyncedAt: new Date(),
        refreshQueuedAt: null,
        unreadableWallets: storedUnreadable(outcome.unreadableWallets),
        ...(outcome.permissions ? { permissions: outcome.permissions, lastVerifiedAt: new Date() } : {}),
      },
      outcome.balances,
      unreadable,
    );
    // a changed permission matrix alone leaves the amounts as they were: nothing to re-value then
    if (saved?.balancesChanged) await writer.publishPortfolio();
    return { outcome: saved ? 'refreshed' : 'skipped' };
  }
  // refused on an account that was connected: revoked, deleted or expired since
  if (isKeyRefused(outcome.reason)) {
    await writer.save(
      { kind: 'STATUS_CHANGED', status: 'EXPIRED', reasonCode: 'KEY_EXPIRED' },
      { progressStep: 'DONE', retryAt: null },
    );
    return { outcome: 'expired' };
  }
  // a paused exchange fails every refresh at once: the pause itself was logged once, when it began
  const level = outcome.reason === 'RATE_LIMITED' ? 'debug' : 'warn';
  deps.logger[level](
    { connectionId: connection.id, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs },
    'balances not refreshed; tried again after the exchange’s wait',
  );
  return {
    outcome: 'kept',
    connectionId: connection.id,
    reason: outcome.reason,
    retryAfterMs: outcome.retryAfterMs,
  };
}

/** The accounts read with the amounts already stored: synced in one statement, told in one round trip. */
async function saveUnchanged(deps: JobsDeps, em: EntityManager, results: AccountResult[]): Promise<void> {
  const unchanged = results.flatMap((r) => (r.outcome === 'unchanged' ? [r.refreshed] : []));
  const written = await markRefreshed(em, unchanged);
  const at = Date.now();
  await publishEvents(
    deps.publisher,
    deps.config.REDIS_PREFIX,
    'connection-updated',
    written.map((row) => connectionUpdated({ ...row, owner: row.ownerId }, at)),
  ).catch((error: Error) => deps.logger.warn({ err: error.message }, 'publish failed'));
}

/**
 * Accounts not refreshed are queued again once the exchange's wait is over (a 429's Retry-After, the open
 * circuit), else after a short pause: not on every sweep. Their claim is kept, dated back accordingly.
 */
async function deferFailed(deps: JobsDeps, em: EntityManager, results: AccountResult[]): Promise<void> {
  const every = deps.config.BALANCE_REFRESH_MS;
  const byPause = new Map<number, string[]>();
  for (const result of results) {
    if (result.outcome !== 'kept') continue;
    // whole seconds: a paused exchange's accounts share one statement, not one per millisecond of wait
    const pauseMs = Math.ceil((result.retryAfterMs ?? Math.min(every, 30_000)) / 1000) * 1000;
    byPause.set(pauseMs, [...(byPause.get(pauseMs) ?? []), result.connectionId]);
  }
  for (const [pauseMs, ids] of byPause) await deferRefreshes(em, ids, requeueAfterMs(every), pauseMs);
}
