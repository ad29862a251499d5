// Runs the real worker entry (jobs/src/main.ts) as a child process, as production does.
import { fileURLToPath } from 'node:url';
import { simRateLimits, simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { type EntryProcess, spawnEntry, stopEntry } from './entry-process';
import type { Stack } from './harness';

const workerEntry = fileURLToPath(new URL('../../jobs/src/main.ts', import.meta.url));

export interface WorkerProcess extends Omit<EntryProcess, 'ready'> {
  /** Resolves once the worker logged that it started. */
  ready: Promise<void>;
}

export function spawnWorker(stack: Stack, env: Record<string, string> = {}): WorkerProcess {
  const process = spawnEntry(
    workerEntry,
    {
      DATABASE_URL: stack.db.databaseUrl,
      REDIS_URL: globalThis.process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: stack.redisPrefix,
      KEYRING_PUBLIC: stack.keyringEnv.publicKeys,
      KEYRING_PRIVATE: stack.keyringEnv.privateKeys,
      EXCHANGE_URL_OVERRIDES: JSON.stringify(simUrlOverrides(stack.sim.url)),
      // the sim is not rate limited unless a test says so: don't wait on the real venues' budgets
      EXCHANGE_RATE_LIMITS: JSON.stringify(simRateLimits()),
      LOCK_DURATION_MS: '1500',
      STALLED_INTERVAL_MS: '1000',
      RECONCILE_INTERVAL_MS: '500',
      RETRY_BASE_MS: '100',
      ...env,
    },
    /jobs worker started/,
  );
  return { ...process, ready: process.ready.then(() => {}) };
}

export const stopWorker = stopEntry;
