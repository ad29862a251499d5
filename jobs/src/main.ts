// Process entry: validated config → database → Redis → workers → graceful shutdown on SIGINT/SIGTERM.

import { ConfigError } from '@keyport/config/env';
import { openDatabase } from '@keyport/db/orm';
import { createLogger } from '@keyport/logging/logger';
import { createRedis } from '@keyport/queue/redis';
import { createRefreshQueue } from '@keyport/queue/refresh-balances';
import { createVerifyQueue } from '@keyport/queue/verify-connection';
import { SharedNonceSequencer } from '@keyport/rate-limits/shared-nonce-sequencer';
import { SharedRequestBudget } from '@keyport/rate-limits/shared-request-budget';
import { parseKeyring } from '@keyport/vault/keyring';
import { loadJobsConfig } from './config';
import type { JobsDeps } from './deps';
import { startWorkers } from './worker';

async function main(): Promise<void> {
  const config = loadJobsConfig();
  const logger = createLogger(config.LOG_LEVEL, 'jobs');
  const redisError = (error: Error) => logger.warn({ err: error.message }, 'Redis unreachable: retrying');
  const keyring = parseKeyring({
    publicKeys: config.KEYRING_PUBLIC,
    privateKeys: config.KEYRING_PRIVATE,
    activeKid: config.KEYRING_ACTIVE_KID,
  });
  const orm = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    poolSize: Math.min(20, config.VERIFY_CONCURRENCY + 2),
    onMigrationWait: (message) => logger.info(message),
  });
  const redis = createRedis(config.REDIS_URL, 'worker', redisError);
  const publisher = createRedis(config.REDIS_URL, 'worker', redisError);
  const deps: JobsDeps = {
    orm,
    keyring,
    redis,
    publisher,
    verifyQueue: createVerifyQueue(redis, config.REDIS_PREFIX),
    refreshQueue: createRefreshQueue(redis, config.REDIS_PREFIX),
    logger,
    budget: new SharedRequestBudget({
      redis,
      prefix: config.REDIS_PREFIX,
      egress: config.EGRESS_IP,
      limits: config.rateLimits,
      // the key's scope is logged as "key", never by its id
      onTrip: (exchangeId, ms, scope) =>
        logger.warn(
          { exchangeId, pauseMs: ms, scope: scope === 'ip' ? 'ip' : 'key' },
          scope === 'ip'
            ? 'exchange refused our IP for rate: every worker pauses this exchange'
            : 'exchange refused one key for rate: every worker pauses that key',
        ),
    }),
    // a turn outlives a request's timeout plus its wait for the budget; a dead worker's lapses after that
    sequencer: new SharedNonceSequencer({
      redis,
      prefix: config.REDIS_PREFIX,
      lockMs: config.EXCHANGE_TIMEOUT_MS + 25_000,
    }),
    config,
  };
  const workers = startWorkers(deps);
  logger.info({ concurrency: config.VERIFY_CONCURRENCY }, 'jobs worker started');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing running jobs');
    await workers.close();
    await deps.verifyQueue.close();
    await deps.refreshQueue.close();
    redis.disconnect();
    publisher.disconnect();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
