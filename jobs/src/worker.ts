import { REFRESH_BALANCES_QUEUE, type RefreshBalancesPayload } from '@keyport/queue/refresh-balances';
import {
  EXCHANGE_BACKOFF,
  VERIFY_CONNECTION_QUEUE,
  type VerifyConnectionPayload,
} from '@keyport/queue/verify-connection';
import { DelayedError, Worker } from 'bullmq';
import type { JobsDeps } from './deps';
import { startExpiredCredentialsSweeper } from './expired-credentials-sweeper';
import { JobOutcomes, type VerifyOutcomeEntry } from './job-outcomes';
import { startSnapshotter } from './portfolio-snapshotter';
import { startPriceRefresher } from './price-refresher';
import { defaultShare, ExchangeShares } from './processors/exchange-shares';
import { ExchangeLanes } from './processors/lanes';
import { type RefreshResult, refreshBalances } from './processors/refresh-balances';
import { RetryableVerificationError, retryDelay } from './processors/retryable-verification-error';
import { type VerifyResult, verifyConnection } from './processors/verify-connection';
import { startReconciler } from './reconciler';
import { startRefreshSweeper } from './refresh-sweeper';

export interface RunningWorkers {
  verifyWorker: Worker<VerifyConnectionPayload, VerifyResult>;
  /** Jobs by outcome, exchange refusals by reason, retries: for a metrics endpoint (`outcomes.registry`). */
  outcomes: JobOutcomes;
  reconciler: ReturnType<typeof startReconciler>;
  prices: ReturnType<typeof startPriceRefresher>;
  refreshWorker: Worker<RefreshBalancesPayload, RefreshResult>;
  refreshes: ReturnType<typeof startRefreshSweeper>;
  snapshots: ReturnType<typeof startSnapshotter>;
  close(): Promise<void>;
}

const REFRESH_JOBS_AT_ONCE = 4;

/** What every queue's worker shares: Redis, prefix, concurrency, and how soon a dead worker's job moves on. */
function workerOptions(deps: JobsDeps) {
  const { config } = deps;
  return {
    connection: deps.redis,
    prefix: config.REDIS_PREFIX,
    concurrency: config.VERIFY_CONCURRENCY,
    lockDuration: config.LOCK_DURATION_MS,
    stalledInterval: config.STALLED_INTERVAL_MS,
  };
}

/** Starts the queue workers and the periodic sweeps; `close()` waits for running jobs to finish. */
export function startWorkers(deps: JobsDeps): RunningWorkers {
  const { config, logger } = deps;
  const outcomes = new JobOutcomes(logger);
  // a slow or failing exchange holds at most its share of the slots; the others keep serving the rest
  const verifyShares = new ExchangeShares(defaultShare(config.VERIFY_CONCURRENCY));
  const verifyWorker = new Worker<VerifyConnectionPayload, VerifyResult>(
    VERIFY_CONNECTION_QUEUE,
    async (job, token) => {
      const started = performance.now();
      let exchangeId: string | undefined;
      const entry = (outcome: VerifyOutcomeEntry['outcome'], reason: string | undefined) => ({
        job: job.data.stagedSerial ? ('verify-staged' as const) : ('verify' as const),
        connectionId: job.data.connectionId,
        exchangeId,
        attempt: job.attemptsMade + 1,
        outcome,
        reason,
        durationMs: performance.now() - started,
      });
      try {
        const result = await verifyConnection(job, deps, (id, task) => {
          exchangeId = id;
          return verifyShares.run(job, token, id, task);
        });
        outcomes.verify(entry(result.outcome, result.reason));
        return result;
      } catch (error) {
        // set back for its exchange's share: it runs again soon, no outcome yet
        if (error instanceof DelayedError) throw error;
        if (error instanceof RetryableVerificationError) outcomes.verify(entry('retrying', error.reason));
        else outcomes.verify(entry('error', 'INTERNAL_ERROR'));
        throw error;
      }
    },
    {
      ...workerOptions(deps),
      // a job whose worker died twice mid-run is given up; the reconciler enqueues it again from the database
      maxStalledCount: 2,
      settings: {
        backoffStrategy: (attemptsMade, type, error) =>
          type === EXCHANGE_BACKOFF
            ? retryDelay(attemptsMade, error, config.RETRY_BASE_MS, config.RETRY_MAX_MS)
            : 0,
      },
    },
  );
  verifyWorker.on('failed', (job, error) => {
    if (error.name !== 'RetryableVerificationError' && error.name !== 'DelayedError')
      logger.error({ jobId: job?.id, err: error.message }, 'verification job failed');
  });
  verifyWorker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));
  // a refresh job holds a batch of one exchange's accounts; each exchange's lanes keep the worker's requests
  // to it at VERIFY_CONCURRENCY, and several jobs at once let batches load and write while others read, and
  // a slow exchange's jobs not stop the others'
  const lanes = new ExchangeLanes(config.VERIFY_CONCURRENCY);
  const refreshShares = new ExchangeShares(defaultShare(REFRESH_JOBS_AT_ONCE));
  const refreshWorker = new Worker<RefreshBalancesPayload, RefreshResult>(
    REFRESH_BALANCES_QUEUE,
    async (job, token) => {
      const started = performance.now();
      let exchangeId: string | undefined;
      const accounts = await refreshBalances(job, deps, lanes, (id, task) => {
        exchangeId = id;
        return refreshShares.run(job, token, id, task);
      });
      outcomes.refresh({
        exchangeId,
        attempt: job.attemptsMade + 1,
        accounts,
        durationMs: performance.now() - started,
      });
      return accounts;
    },
    { ...workerOptions(deps), concurrency: REFRESH_JOBS_AT_ONCE },
  );
  refreshWorker.on('failed', (job, error) =>
    logger.error({ jobId: job?.id, err: error.message }, 'balance refresh job failed'),
  );
  refreshWorker.on('error', (error) => logger.error({ err: error.message }, 'refresh worker error'));
  const reconciler = startReconciler(deps);
  const prices = startPriceRefresher(deps);
  const refreshes = startRefreshSweeper(deps);
  const snapshots = startSnapshotter(deps);
  const expiredCredentials = startExpiredCredentialsSweeper(deps);
  return {
    verifyWorker,
    outcomes,
    reconciler,
    prices,
    refreshWorker,
    refreshes,
    snapshots,
    async close() {
      snapshots.stop();
      expiredCredentials.stop();
      reconciler.stop();
      prices.stop();
      refreshes.stop();
      await refreshWorker.close();
      await verifyWorker.close();
    },
  };
}
