// A whole Keyport on real components for one test file: its own database, Redis prefix, keyring,
// exchange-sim, an api served over real HTTP and a worker in this process.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@keyport/db/testing';
import { type SimVenueLimitsMode, simRateLimits, simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { type ExchangeSim, startExchangeSim } from '@keyport/exchange-sim/server';
import type { JobsDeps } from '@keyport/jobs/deps';
import { type RunningWorkers, startWorkers } from '@keyport/jobs/worker';
import { createLogger } from '@keyport/logging/logger';
import { createRedis } from '@keyport/queue/redis';
import { createRefreshQueue } from '@keyport/queue/refresh-balances';
import { createVerifyQueue } from '@keyport/queue/verify-connection';
import { SharedNonceSequencer } from '@keyport/rate-limits/shared-nonce-sequencer';
import { SharedRequestBudget } from '@keyport/rate-limits/shared-request-budget';
import { formatKeyring, generateMasterKey, parseKeyring } from '@keyport/vault/keyring';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { ApiDeps } from '../src/context';
import { RequestRateLimits } from '../src/limits/request-rate';
import { SignInGuard } from '../src/limits/sign-in-guard';
import { parseTrustedProxies } from '../src/transport/client-address';
import { createEventBus } from '../src/transport/event-bus';
import { attachGraphqlWs } from '../src/transport/graphql-ws';
import { RedisResync } from '../src/transport/redis-resync';
import { createKeyportYoga } from '../src/yoga';
import { type ListenerWatch, listeningEventTarget, type TopicKind } from './listening-event-target';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Stack {
  apiUrl: string;
  sim: ExchangeSim;
  db: TestDatabase;
  redisPrefix: string;
  redis: Redis;
  keyringEnv: { publicKeys: string; privateKeys: string };
  apiDeps: ApiDeps;
  jobsDeps: JobsDeps;
  workers: RunningWorkers | null;
  /** Lines the api and worker loggers wrote, to scan for secrets. */
  logLines: string[];
  /** Start before subscribing; `added(n)` then resolves once n new api listeners are live in Redis. */
  listeners(kind: TopicKind): ListenerWatch;
  startWorker(): RunningWorkers;
  close(): Promise<void>;
}

export interface StackOptions {
  worker?: boolean;
  /** Master keys of the keyring, the first one active (default one, `test-1`). */
  masterKids?: string[];
  /** The workers' egress addresses (EGRESS_IPS): whitelisted keys must allow them all. */
  egressIps?: string[];
  /** Request and sign-in limits (default: far above any test). */
  limits?: {
    perMinute?: number;
    anonymousPerMinute?: number;
    failuresPerEmail?: number;
    failuresPerIp?: number;
  };
  /** ALLOW_WITHDRAWAL_KEYS: keys that can withdraw are flagged, not refused. */
  allowWithdrawalKeys?: boolean;
  /** UNKNOWN_WITHDRAWAL_RIGHTS (default 'warn', as in production). */
  unknownWithdrawalRights?: 'warn' | 'refuse';
  /** MAX_CONNECTIONS_PER_USER (default 200, as in production). */
  maxConnectionsPerUser?: number;
  retryBaseMs?: number;
  /** PRICE_REFRESH_MS (default 500 ms: tests see prices at once). */
  priceRefreshMs?: number;
  /** RETRY_MAX_MS (default 2 s: tests do not wait out real venues' pauses unless they are about them). */
  retryMaxMs?: number;
  exchangeTimeoutMs?: number;
  /** TRUST_PROXY: proxies whose X-Forwarded-For the api believes (default none). */
  trustProxy?: string;
  /** A Redis of the test's own (one it restarts); the machine's otherwise. */
  redisUrl?: string;
  /**
   * The sim's documented venue limits. Off by default: most tests drive load shapes no real account would
   * (40 connections of one Kraken key); the venue-limit tests turn them on with the client's own budgets.
   */
  venueLimits?: SimVenueLimitsMode;
  /** The worker's request budgets: the venues' own ('venue'), or far above anything the sim allows (default). */
  clientBudgets?: 'venue' | 'unlimited';
}

function pinoTo(stream: { write(line: string): void }, name: string) {
  return createLogger('debug', name, stream);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const logLines: string[] = [];
  const db = await createTestDatabase();
  const sim = await startExchangeSim({
    fixture: { accounts: [], venueLimits: options.venueLimits ?? 'off' },
  });
  const redisPrefix = `kpt-${randomBytes(4).toString('hex')}`;
  // the first kid is active; more are there for master-key rotation tests
  const masters = (options.masterKids ?? ['test-1']).map((kid) => generateMasterKey(kid));
  const keyringEnv = formatKeyring(masters);
  const activeKid = masters[0]?.kid;
  const redisUrl = options.redisUrl ?? REDIS_URL;
  // a test that restarts Redis expects its clients to lose it for a while
  const quiet = () => {};
  const producer = createRedis(redisUrl, 'producer', quiet);
  const publishClient = createRedis(redisUrl, 'subscriber', quiet);
  const subscribeClient = createRedis(redisUrl, 'subscriber', quiet);
  const redis = createRedis(redisUrl, 'worker', quiet);
  const publisher = createRedis(redisUrl, 'worker', quiet);
  const listening = listeningEventTarget(publishClient, subscribeClient);

  const apiLogger = pinoTo({ write: (line) => void logLines.push(line) }, 'api');
  const apiDeps: ApiDeps = {
    orm: db.orm,
    keyring: parseKeyring({ publicKeys: keyringEnv.publicKeys, activeKid }),
    verifyQueue: createVerifyQueue(producer, redisPrefix),
    refreshQueue: createRefreshQueue(producer, redisPrefix),
    events: createEventBus(createPubSub({ eventTarget: listening.eventTarget }), redisPrefix, apiLogger),
    redisPrefix,
    cache: producer,
    logger: apiLogger,
    sessionTtlDays: 30,
    cookieSecure: false,
    maxConnectionsPerUser: options.maxConnectionsPerUser ?? 200,
    resync: new RedisResync().track(subscribeClient),
    trustProxy: options.trustProxy ? parseTrustedProxies(options.trustProxy).proxies : undefined,
    // far above what a test sends, unless the test is about the limits
    limits: {
      requests: new RequestRateLimits(producer, redisPrefix, {
        perMinute: options.limits?.perMinute ?? 1_000_000,
        anonymousPerMinute: options.limits?.anonymousPerMinute ?? 1_000_000,
      }),
      signIn: new SignInGuard(producer, redisPrefix, {
        failuresPerEmail: options.limits?.failuresPerEmail ?? 1_000_000,
        failuresPerIp: options.limits?.failuresPerIp ?? 1_000_000,
      }),
    },
  };
  const jobsDeps: JobsDeps = {
    // the sim is not rate limited unless a test says so: don't wait on the real venues' budgets
    budget: new SharedRequestBudget({
      redis,
      prefix: redisPrefix,
      egress: 'test',
      limits: options.clientBudgets === 'venue' ? {} : simRateLimits(),
    }),
    sequencer: new SharedNonceSequencer({ redis, prefix: redisPrefix }),
    orm: db.orm,
    keyring: parseKeyring({ ...keyringEnv, activeKid }),
    redis,
    publisher,
    verifyQueue: createVerifyQueue(redis, redisPrefix),
    refreshQueue: createRefreshQueue(redis, redisPrefix),
    logger: pinoTo(
      {
        write: (line) => {
          logLines.push(line);
          if (process.env.DEBUG_LOGS) console.error(line);
        },
      },
      'jobs',
    ),
    config: {
      REDIS_PREFIX: redisPrefix,
      urlOverrides: simUrlOverrides(sim.url),
      EXCHANGE_TIMEOUT_MS: options.exchangeTimeoutMs ?? 1_500,
      VERIFY_CONCURRENCY: 8,
      RETRY_BASE_MS: options.retryBaseMs ?? 100,
      RETRY_MAX_MS: options.retryMaxMs ?? 2_000,
      RETRY_LATER_MS: 60_000,
      RECONCILE_INTERVAL_MS: 500,
      PRICE_REFRESH_MS: options.priceRefreshMs ?? 500,
      BALANCE_REFRESH_MS: 60_000,
      PERMISSION_RECHECK_MS: 24 * 3_600_000,
      REFRESH_BATCH_SIZE: 50,
      EGRESS_IPS: options.egressIps ?? [],
      ALLOW_WITHDRAWAL_KEYS: options.allowWithdrawalKeys ?? false,
      UNKNOWN_WITHDRAWAL_RIGHTS: options.unknownWithdrawalRights ?? 'warn',
      SNAPSHOT_INTERVAL_MS: 3_600_000,
      LOCK_DURATION_MS: 5_000,
      STALLED_INTERVAL_MS: 5_000,
    },
  };
  const yoga = createKeyportYoga(apiDeps);
  const server: Server = createServer(yoga);
  const ws = attachGraphqlWs(server, yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // the limits' client queues nothing while connecting (a limit that cannot count lets the request pass)
  if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const stack: Stack = {
    apiUrl,
    sim,
    db,
    redisPrefix,
    redis,
    keyringEnv,
    apiDeps,
    jobsDeps,
    workers: null,
    logLines,
    listeners: listening.watch,
    startWorker() {
      stack.workers = startWorkers(jobsDeps);
      return stack.workers;
    },
    async close() {
      await stack.workers?.close();
      await ws.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apiDeps.verifyQueue.close();
      await apiDeps.refreshQueue.close();
      await jobsDeps.verifyQueue.close();
      await jobsDeps.refreshQueue.close();
      const keys = await redis.keys(`${redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      for (const client of [producer, publishClient, subscribeClient, redis, publisher]) client.disconnect();
      await sim.close();
      await db.drop();
    },
  };
  if (options.worker !== false) stack.startWorker();
  return stack;
}
