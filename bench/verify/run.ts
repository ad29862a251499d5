// bench/verify: time from connectExchange to CONNECTED on the subscription, through the real stack (api,
// worker, PostgreSQL, Redis, exchange-sim, each its own process), next to the floor: bare ccxt fetchBalance
// against the same sim at the same concurrency. Not a test: it prints numbers and PASS/MISS against targets.
//
// Env: BENCH_N (500) BENCH_CONCURRENCY (16) BENCH_WARMUP (20) BENCH_REPEAT (3) BENCH_TIMEOUT_MS (60000)
//      BENCH_SINGLE_N (100: connections made one at a time after the batches, beside bare calls one at a time)
//      BENCH_RUNTIME node|tsx|both (both: measure on plain node, then repeat the keyport batch once under tsx
//      for its RSS) BENCH_INFLIGHT connected|response (what bounds the client's concurrency; see bench/README.md)
//      BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS: extra node flags for that process, e.g. "--cpu-prof"
//      REDIS_URL (redis://127.0.0.1:6379) DATABASE_URL (server for the throwaway database)
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import type { Orm } from '@keyport/db/orm';
import { createTestDatabase } from '@keyport/db/testing';
import { createRedis } from '@keyport/queue/redis';
import { formatKeyring, generateMasterKey } from '@keyport/vault/keyring';
import { childEnv, intEnv, oneOf } from '../lib/env';
import { type FullGc, fullGcs } from '../lib/gc';
import { freePort } from '../lib/net';
import { cpuTimeMs, cpuTimeOf, type Memory, machineCpuMs, machineLine, readMemory } from '../lib/proc';
import { Child, Cleanup, waitForHttpOk } from '../lib/processes';
import { deleteKeysWithPrefix } from '../lib/redis';
import { Launcher, type Runtime } from '../lib/runtime';
import { addSimAccounts, randomKey, type SimKeyPair, simRequests, startSim } from '../lib/sim';
import { type LatencySummary, median, runPool, summarize } from '../lib/stats';
import type { BareInput, BareMode, BareResult } from './bare-loop';
import { type ConnectTiming, KeyportClient } from './keyport-client';
import { printReport } from './report';

export const settings = {
  n: intEnv('BENCH_N', 500),
  concurrency: intEnv('BENCH_CONCURRENCY', 16),
  warmup: intEnv('BENCH_WARMUP', 20),
  single: intEnv('BENCH_SINGLE_N', 100),
  repeat: intEnv('BENCH_REPEAT', 3),
  timeoutMs: intEnv('BENCH_TIMEOUT_MS', 60_000),
  runtime: oneOf('BENCH_RUNTIME', ['node', 'tsx', 'both'] as const, 'both'),
  inflight: oneOf('BENCH_INFLIGHT', ['connected', 'response'] as const, 'connected'),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  cores: cpus().length,
  apiNodeArgs: (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  workerNodeArgs: (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
};
export type Settings = typeof settings;

const BARE_MODES: BareMode[] = ['new', 'new+probe', 'new+probe-unthrottled', 'reuse'];

type Key = SimKeyPair;

export interface KeyportRun {
  summary: LatencySummary;
  failures: string[];
  /** Medians over the batch's connections, ms. */
  phases: { mutation: number; toVerifying: number; verifyingToConnected: number };
  /** CPU ms per connection by process, and the machine's busy ms per connection (all cores). */
  cpuPerConnection: Record<string, number>;
  simRequestsPerConnection: Record<string, number>;
  simRefused: number;
  eventsPerConnection: number;
  /** PostgreSQL activity in the bench's database per connection (pg_stat_database deltas). */
  databasePerConnection: DatabaseStats;
}

type DatabaseStats = {
  transactions: number;
  inserted: number;
  updated: number;
  deleted: number;
  fetched: number;
};

async function databaseStats(orm: Orm): Promise<DatabaseStats> {
  const [row] = await orm.em.getConnection().execute<Record<string, string>[]>(
    `select xact_commit + xact_rollback as transactions, tup_inserted as inserted, tup_updated as updated,
            tup_deleted as deleted, tup_fetched as fetched
       from pg_stat_database where datname = current_database()`,
  );
  const value = (name: string) => Number(row?.[name] ?? Number.NaN);
  return {
    transactions: value('transactions'),
    inserted: value('inserted'),
    updated: value('updated'),
    deleted: value('deleted'),
    fetched: value('fetched'),
  };
}

/** One connection at a time (concurrency 1): the wait of a user connecting one account on an idle box. */
export interface SingleRun {
  keyport: LatencySummary;
  phases: KeyportRun['phases'];
  bare: LatencySummary;
  failures: string[];
}

export interface StackResult {
  runtime: Runtime;
  runs: KeyportRun[];
  bare: BareResult[];
  single: SingleRun | null;
  memory: { api: Memory | null; worker: Memory | null; sim: Memory | null };
  memoryAfterWarmup: { api: Memory | null; worker: Memory | null };
  /** The api's full GCs after the warm-up: the heap it keeps. */
  apiFullGcs: FullGc[];
  apiLoadsCcxt: boolean | null;
  logLines: { api: number; worker: number };
}

type SimLogEntry = { seq: number; path: string; verdict: string };

async function runBare(launcher: Launcher, cleanup: Cleanup, input: BareInput): Promise<BareResult> {
  const launch = await launcher.launch('bench/verify/bare-loop.ts', 'bench');
  const child = new Child({ name: 'bare-loop', ...launch, env: childEnv({}), cleanup, stdin: true });
  child.proc.stdin?.end(`${JSON.stringify(input)}\n`);
  const line = await child.waitForLine((l) => l.startsWith('RESULT '), 10 * 60_000);
  await child.wait();
  return JSON.parse(line.slice('RESULT '.length)) as BareResult;
}

function countWarnings(child: Child): number {
  // pino JSON lines: level 40 = warn, 50 = error, 60 = fatal
  return child.stdoutLines.filter((line) => /"level":\s*(4|5|6)0/.test(line)).length;
}

async function keyportBatch(
  client: KeyportClient,
  keys: Key[],
  labelPrefix: string,
  options: { concurrency: number; timeoutMs: number; inflight: 'connected' | 'response' },
): Promise<{ timings: ConnectTiming[]; wallMs: number }> {
  const settled: Promise<ConnectTiming>[] = [];
  await runPool(keys.length, options.concurrency, async (index) => {
    const { settled: done } = await client.connect(
      `${labelPrefix} ${index}`,
      keys[index] as Key,
      options.timeoutMs,
      options.inflight,
    );
    settled.push(done);
  });
  const timings = await Promise.all(settled);
  const first = Math.min(...timings.map((t) => t.sentAt));
  const last = Math.max(...timings.map((t) => t.connectedAt ?? t.respondedAt ?? t.sentAt));
  return { timings, wallMs: last - first };
}

interface Stack {
  api: Child;
  worker: Child;
  apiUrl: string;
  apiLoadsCcxt: boolean | null;
}

async function startStack(
  launcher: Launcher,
  cleanup: Cleanup,
  env: {
    databaseUrl: string;
    redisPrefix: string;
    keyring: { publicKeys: string; privateKeys: string };
    simUrl: string;
  },
): Promise<Stack> {
  const common = {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: settings.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    KEYRING_PUBLIC: env.keyring.publicKeys,
    LOG_LEVEL: 'warn',
  };
  const port = await freePort();
  const apiLaunch = await launcher.launch('api/src/server.ts', 'api');
  const api = new Child({
    name: `api (${launcher.runtime})`,
    ...apiLaunch,
    // full GCs printed, to report the heap the api keeps beside its RSS (which moves with GC timing)
    args: ['--trace-gc', '--trace-gc-ignore-scavenger', ...settings.apiNodeArgs, ...apiLaunch.args],
    env: childEnv({
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      // the bench is one client sending 500 connects at once: the per-user limit is not what is measured
      RATE_LIMIT_PER_MINUTE: '1000000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000000',
      // one bench user holds every connection of a batch
      MAX_CONNECTIONS_PER_USER: '1000000',
    }),
    cleanup,
  });
  const workerLaunch = await launcher.launch('jobs/src/main.ts', 'jobs');
  const worker = new Child({
    name: `worker (${launcher.runtime})`,
    ...workerLaunch,
    args: [...settings.workerNodeArgs, ...workerLaunch.args],
    env: childEnv({
      ...common,
      KEYRING_PRIVATE: env.keyring.privateKeys,
      EXCHANGE_URL_OVERRIDES: JSON.stringify({ binance: env.simUrl }),
      // the bare loop has no limiter and the sim no limits: the budget must not be what is measured
      EXCHANGE_RATE_LIMITS: JSON.stringify({ binance: { costPerSecond: 1e6 } }),
      VERIFY_CONCURRENCY: String(settings.concurrency),
      // this bench measures verification: no periodic balance refreshes or snapshots of earlier batches
      BALANCE_REFRESH_MS: String(24 * 3_600_000),
      SNAPSHOT_INTERVAL_MS: String(24 * 3_600_000),
    }),
    cleanup,
  });
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, api, 60_000);
  return {
    api,
    worker,
    apiUrl: `http://127.0.0.1:${port}/graphql`,
    apiLoadsCcxt: apiLaunch.externals ? apiLaunch.externals.includes('ccxt') : null,
  };
}

function analyse(
  timings: ConnectTiming[],
  wallMs: number,
  cpu: Record<string, number>,
  sim: SimLogEntry[],
  events: number,
  database: DatabaseStats,
): KeyportRun {
  const ok = timings.filter((t) => !t.failure && t.connectedAt !== null);
  const n = timings.length;
  const byPath: Record<string, number> = {};
  for (const entry of sim) byPath[entry.path] = (byPath[entry.path] ?? 0) + 1 / n;
  return {
    summary: summarize(
      ok.map((t) => (t.connectedAt as number) - t.sentAt),
      wallMs,
    ),
    failures: timings.filter((t) => t.failure).map((t) => `${t.label}: ${t.failure}`),
    phases: {
      mutation: median(ok.map((t) => (t.respondedAt as number) - t.sentAt)),
      toVerifying: median(
        ok.filter((t) => t.verifyingAt !== null).map((t) => (t.verifyingAt as number) - t.sentAt),
      ),
      verifyingToConnected: median(
        ok
          .filter((t) => t.verifyingAt !== null)
          .map((t) => (t.connectedAt as number) - (t.verifyingAt as number)),
      ),
    },
    cpuPerConnection: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms / n])),
    simRequestsPerConnection: byPath,
    simRefused: sim.filter((entry) => entry.verdict !== 'ok').length,
    eventsPerConnection: events / n,
    databasePerConnection: Object.fromEntries(
      Object.entries(database).map(([name, count]) => [name, count / n]),
    ) as DatabaseStats,
  };
}

async function oneAtATime(
  ctx: {
    cleanup: Cleanup;
    nodeLauncher: Launcher;
    sim: Child;
    simUrl: string;
    warmupKeys: Key[];
    singleKeys: Key[];
  },
  client: KeyportClient,
): Promise<SingleRun> {
  console.log(
    `· one at a time: bare ccxt new × ${ctx.singleKeys.length}, keyport × ${ctx.singleKeys.length}`,
  );
  const bare = await runBare(ctx.nodeLauncher, ctx.cleanup, {
    simUrl: ctx.simUrl,
    simPid: ctx.sim.pid,
    concurrency: 1,
    modes: ['new'],
    warmupKeys: ctx.warmupKeys,
    keys: ctx.singleKeys,
  });
  const options = { concurrency: 1, timeoutMs: settings.timeoutMs, inflight: 'connected' as const };
  const { timings, wallMs } = await keyportBatch(client, ctx.singleKeys, 'one at a time', options);
  const run = analyse(timings, wallMs, {}, [], 0, {
    transactions: 0,
    inserted: 0,
    updated: 0,
    deleted: 0,
    fetched: 0,
  });
  const floor = bare.modes[0];
  return {
    keyport: run.summary,
    phases: run.phases,
    bare: floor?.summary ?? summarize([], 0),
    failures: [...run.failures, ...(floor?.errors ?? []).map((e) => `bare: ${e}`)],
  };
}

async function measureStack(
  runtime: Runtime,
  reps: number,
  withBare: boolean,
  ctx: {
    cleanup: Cleanup;
    runId: string;
    nodeLauncher: Launcher;
    sim: Child;
    simUrl: string;
    databaseUrl: string;
    databaseName: string;
    orm: Orm;
    redisPrefix: string;
    keyring: { publicKeys: string; privateKeys: string };
    warmupKeys: Key[];
    keys: Key[];
    singleKeys: Key[];
  },
): Promise<StackResult> {
  const launcher = runtime === 'node' ? ctx.nodeLauncher : new Launcher('tsx', ctx.runId);
  console.log(
    `· starting api and worker (${runtime === 'node' ? 'esbuild bundle on plain node' : 'under tsx'})`,
  );
  const stack = await startStack(launcher, ctx.cleanup, ctx);
  // a crashed api or worker fails the run at once instead of after every connection's timeout
  const watchdog = Promise.race([
    stack.api.unexpectedExit(),
    stack.worker.unexpectedExit(),
    ctx.sim.unexpectedExit(),
  ]);
  watchdog.catch(() => undefined);
  const guarded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, watchdog]);
  // a user per batch: the same API key may back only one of a user's connections (DUPLICATE_KEY), and every
  // repetition connects the same sim accounts again
  const signedUpClient = async () => {
    const fresh = new KeyportClient(stack.apiUrl);
    ctx.cleanup.add('close the SSE client', () => fresh.close());
    await fresh.signUp(
      `bench-${randomBytes(6).toString('hex')}@example.com`,
      randomBytes(18).toString('base64url'),
    );
    await fresh.subscribe();
    return fresh;
  };
  let client = await signedUpClient();

  console.log(`· keyport warm-up: ${ctx.warmupKeys.length} connections`);
  const batchOptions = {
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    inflight: settings.inflight,
  };
  const warm = await guarded(keyportBatch(client, ctx.warmupKeys, `warm-up ${runtime}`, batchOptions));
  const warmFailures = warm.timings.filter((t) => t.failure);
  if (warmFailures.length > 0)
    throw new Error(`warm-up failed: ${warmFailures[0]?.label}: ${warmFailures[0]?.failure}`);
  const memoryAfterWarmup = { api: readMemory(stack.api.pid), worker: readMemory(stack.worker.pid) };
  const apiGcLinesFrom = stack.api.stdoutLines.length;

  const runs: KeyportRun[] = [];
  const bare: BareResult[] = [];
  for (let rep = 1; rep <= reps; rep += 1) {
    if (withBare) {
      console.log(`· [${rep}/${reps}] bare ccxt loop: ${BARE_MODES.join(', ')} × ${ctx.keys.length}`);
      bare.push(
        await runBare(ctx.nodeLauncher, ctx.cleanup, {
          simUrl: ctx.simUrl,
          simPid: ctx.sim.pid,
          concurrency: settings.concurrency,
          modes: BARE_MODES,
          warmupKeys: ctx.warmupKeys,
          keys: ctx.keys,
        }),
      );
    }
    console.log(`· [${rep}/${reps}] keyport batch (${runtime}): ${ctx.keys.length} connections`);
    if (rep > 1) client = await signedUpClient();
    const seqBefore = Math.max(0, ...(await simRequests(ctx.simUrl)).map((entry) => entry.seq));
    const pids = { api: stack.api.pid, worker: stack.worker.pid, sim: ctx.sim.pid };
    const cpu0 = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTimeMs(pid)]));
    const services = () => ({
      [`postgres (${ctx.databaseName} backends)`]: cpuTimeOf('postgres', ` ${ctx.databaseName} `),
      'redis-server (shared)': cpuTimeOf('redis-server'),
    });
    const services0 = services();
    const self0 = process.cpuUsage();
    const machine0 = machineCpuMs().busy;
    const events0 = client.eventsReceived;
    const database0 = await databaseStats(ctx.orm);
    const { timings, wallMs } = await guarded(
      keyportBatch(client, ctx.keys, `bench ${runtime} ${rep}`, batchOptions),
    );
    const self = process.cpuUsage(self0);
    const services1 = services();
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) cpu[name] = cpuTimeMs(pid) - (cpu0[name] as number);
    for (const [name, ms] of Object.entries(services1)) cpu[name] = ms - (services0[name] as number);
    cpu['bench client'] = (self.user + self.system) / 1000;
    cpu.machine = machineCpuMs().busy - machine0;
    const sim = (await simRequests(ctx.simUrl)).filter((entry) => entry.seq > seqBefore);
    // backends publish their statistics at most once a second, when idle
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const database1 = await databaseStats(ctx.orm);
    const database = Object.fromEntries(
      Object.entries(database1).map(([name, count]) => [
        name,
        count - database0[name as keyof DatabaseStats],
      ]),
    ) as DatabaseStats;
    runs.push(analyse(timings, wallMs, cpu, sim, client.eventsReceived - events0, database));
  }
  const single = withBare && ctx.singleKeys.length > 0 ? await guarded(oneAtATime(ctx, client)) : null;
  const memory = {
    api: readMemory(stack.api.pid),
    worker: readMemory(stack.worker.pid),
    sim: readMemory(ctx.sim.pid),
  };
  const result: StackResult = {
    runtime,
    runs,
    bare,
    single,
    memory,
    memoryAfterWarmup,
    apiFullGcs: fullGcs(stack.api.stdoutLines.slice(apiGcLinesFrom)),
    apiLoadsCcxt: stack.apiLoadsCcxt,
    logLines: { api: countWarnings(stack.api), worker: countWarnings(stack.worker) },
  };
  client.close();
  await stack.worker.stop();
  await stack.api.stop();
  return result;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers();
  const runId = `kpb-${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  console.log(
    `bench/verify ${runId}: N=${settings.n}, concurrency ${settings.concurrency}, warm-up ${settings.warmup}, ` +
      `${settings.repeat} repetition(s), runtime ${settings.runtime}`,
  );
  console.log(machineLine());

  try {
    const nodeLauncher = new Launcher('node', runId);
    cleanup.add('remove the compiled bundles', () => nodeLauncher.dispose());

    const { child: sim, url: simUrl } = await startSim(nodeLauncher, cleanup);
    const warmupKeys = Array.from({ length: settings.warmup }, randomKey);
    const keys = Array.from({ length: settings.n }, randomKey);
    const singleKeys = Array.from({ length: settings.single }, randomKey);
    await addSimAccounts(simUrl, [...warmupKeys, ...keys, ...singleKeys], {
      uidPrefix: 'bench-',
      balances: { BTC: { free: '0.5', locked: '0' } },
    });
    console.log(
      `· exchange-sim on ${simUrl} with ${warmupKeys.length + keys.length + singleKeys.length} binance accounts (random keys)`,
    );

    const db = await createTestDatabase();
    cleanup.add(`drop database ${db.name}`, () => db.drop());
    const redisPrefix = runId;
    const redis = createRedis(settings.redisUrl, 'worker');
    cleanup.add(`delete Redis keys ${redisPrefix}:*`, async () => {
      await deleteKeysWithPrefix(redis, redisPrefix);
      redis.disconnect();
    });
    const keyring = formatKeyring([generateMasterKey('bench')]);
    const ctx = {
      cleanup,
      runId,
      nodeLauncher,
      sim,
      simUrl,
      databaseUrl: db.databaseUrl,
      databaseName: db.name,
      orm: db.orm,
      redisPrefix,
      keyring,
      warmupKeys,
      keys,
      singleKeys,
    };

    const primary: Runtime = settings.runtime === 'tsx' ? 'tsx' : 'node';
    const measured = await measureStack(primary, settings.repeat, true, ctx);
    const underTsx = settings.runtime === 'both' ? await measureStack('tsx', 1, false, ctx) : null;
    const failed = printReport(settings, measured, underTsx, (performance.now() - started) / 1000);
    process.exitCode = failed ? 1 : 0;
  } catch (error) {
    console.error(`\nbench/verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
