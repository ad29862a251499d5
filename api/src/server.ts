// Process entry: validated config → database → Redis → yoga on node:http (/healthz, /readyz) → graceful shutdown.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { ConfigError } from '@keyport/config/env';
import { openDatabase } from '@keyport/db/orm';
import { createLogger } from '@keyport/logging/logger';
import { createRedis } from '@keyport/queue/redis';
import { createRefreshQueue } from '@keyport/queue/refresh-balances';
import { createVerifyQueue } from '@keyport/queue/verify-connection';
import { parseKeyring } from '@keyport/vault/keyring';
import { createPubSub } from 'graphql-yoga';
import { drainHttp } from './availability/drain-http';
import { OpenSubscriptions } from './availability/end-subscriptions';
import { Readiness } from './availability/readiness';
import { loadApiConfig } from './config';
import type { ApiDeps } from './context';
import { RequestRateLimits } from './limits/request-rate';
import { SignInGuard } from './limits/sign-in-guard';
import { createEventBus } from './transport/event-bus';
import { attachGraphqlWs } from './transport/graphql-ws';
import { RedisResync } from './transport/redis-resync';
import { createKeyportYoga } from './yoga';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const redisError = (error: Error) => logger.warn({ err: error.message }, 'Redis unreachable: retrying');
  // only the public half: this process can seal credentials, never open them
  const keyring = parseKeyring({ publicKeys: config.KEYRING_PUBLIC, activeKid: config.KEYRING_ACTIVE_KID });
  const orm = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    onMigrationWait: (message) => logger.info(message),
  });
  const producer = createRedis(config.REDIS_URL, 'producer', redisError);
  // counted on every request: on its own connection, not queued behind job adds and cache reads
  const limitsClient = createRedis(config.REDIS_URL, 'producer', redisError);
  const publishClient = createRedis(config.REDIS_URL, 'subscriber', redisError);
  const subscribeClient = createRedis(config.REDIS_URL, 'subscriber', redisError);
  const deps: ApiDeps = {
    orm,
    keyring,
    verifyQueue: createVerifyQueue(producer, config.REDIS_PREFIX),
    refreshQueue: createRefreshQueue(producer, config.REDIS_PREFIX),
    events: createEventBus(
      createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) }),
      config.REDIS_PREFIX,
      logger,
    ),
    redisPrefix: config.REDIS_PREFIX,
    cache: producer,
    logger,
    sessionTtlDays: config.SESSION_TTL_DAYS,
    egressIps: config.EGRESS_IPS,
    cookieSecure: config.COOKIE_SECURE || config.NODE_ENV === 'production',
    limits: {
      requests: new RequestRateLimits(limitsClient, config.REDIS_PREFIX, {
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      }),
      signIn: new SignInGuard(limitsClient, config.REDIS_PREFIX, {
        failuresPerEmail: config.SIGN_IN_FAILURES_PER_EMAIL,
        failuresPerIp: config.SIGN_IN_FAILURES_PER_IP,
      }),
    },
    trustProxy: config.TRUST_PROXY,
    maxConnectionsPerUser: config.MAX_CONNECTIONS_PER_USER,
    resync: new RedisResync().track(subscribeClient),
  };
  const subscriptions = new OpenSubscriptions();
  const yoga = createKeyportYoga(deps, {
    graphiql: config.GRAPHIQL || config.NODE_ENV !== 'production',
    corsOrigin: config.CORS_ORIGIN,
    subscriptions,
  });
  const readiness = new Readiness(orm, limitsClient);
  const server = createServer((req, res) => {
    // liveness: the process runs, whatever PostgreSQL and Redis do
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.url === '/readyz') {
      void readiness.answer(res);
      return;
    }
    yoga(req, res);
  });
  // WebSocket (graphql-ws) on the same /graphql endpoint as HTTP and SSE
  const ws = attachGraphqlWs(server, yoga);
  // PORT=0 picks a free port: the line says which one
  server.listen(config.PORT, config.HOST, () =>
    logger.info(`api listening on http://${config.HOST}:${(server.address() as AddressInfo).port}/graphql`),
  );

  // not ready at once; no new connections; subscriptions complete; requests in flight finish (bounded)
  const shutdown = async (signal: string) => {
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: draining');
    readiness.shuttingDown();
    const drained = drainHttp(server, config.SHUTDOWN_GRACE_MS);
    subscriptions.endAll();
    await ws.close();
    const { cut } = await drained;
    if (cut) logger.warn('requests still running after the grace period were cut');
    await Promise.allSettled([deps.verifyQueue.close(), deps.refreshQueue.close()]);
    for (const client of [producer, limitsClient, publishClient, subscribeClient]) client.disconnect();
    await orm.close();
    logger.info('shut down');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
