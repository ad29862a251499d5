import { REFRESH_BALANCES_QUEUE, type RefreshBalancesPayload } from '@keyport/queue/refresh-balances';
import {
  EXCHANGE_BACKOFF,
  VERIFY_CONNECTION_QUEUE,
  type VerifyConnectionPayload,
} from '@keyport/queue/verify-connection';
import { Worker } from 'bullmq';
import type { JobsDeps } from './deps';
import { startExpiredCredentialsSweeper } from './expired-credentials-sweeper';
import { startSnapshotter } from './portfolio-snapshotter';
import { startPriceRefresher } from './price-refresher';
import { defaultShare, ExchangeShares } from './processors/exchange-shares';
import { ExchangeLanes } from './processors/lanes';
import { type RefreshResult, refreshBalances } from './processors/refresh-balances';
import { retryDelay } from './processors/retryable-verification-error';
import { type VerifyResult, verifyConnection } from './processors/verify-connection';
import { startReconciler } from './reconciler';
import { startRefreshSweeper } from './refresh-sweeper';

export interface RunningWorkers {
  verifyWorker: Worker<VerifyConnectionPayload, VerifyResult>;
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
  // a slow or failing exchange holds at most its share of the slots; the others keep serving the rest
  const verifyShares = new ExchangeShares(defaultShare(config.VERIFY_CONCURRENCY));
  const verifyWorker = new Worker<VerifyConnectionPayload, VerifyResult>(
    VERIFY_CONNECTION_QUEUE,
    (job, token) =>
      verifyConnection(job, deps, (exchangeId, task) => verifyShares.run(job, token, exchangeId, task)),
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
    if (error.name !== 'RetryableVerificationError')
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
    (job, token) =>
      refreshBalances(job, deps, lanes, (exchangeId, task) =>
        refreshShares.run(job, token, exchangeId, task),
      ),
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
