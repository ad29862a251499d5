// Runs the real worker entry (jobs/src/main.ts) as a child process, as production does.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simRateLimits, simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import type { Stack } from './harness';

// tsx's loader inside one node process: the tsx CLI would add a parent that SIGKILL cannot see through
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const workerEntry = fileURLToPath(new URL('../../jobs/src/main.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves once the worker logged that it started. */
  ready: Promise<void>;
}

export function spawnWorker(stack: Stack, env: Record<string, string> = {}): WorkerProcess {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', tsxLoader, workerEntry], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: stack.db.databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
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
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('jobs worker started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before starting:\n${output.join('')}`)),
    );
  });
  return { child, output, ready };
}

export function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.child.once('exit', () => resolve());
    worker.child.kill(signal);
  });
}
