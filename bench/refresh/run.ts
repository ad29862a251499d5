// bench/refresh: balance refreshes per second and worker RSS with N connected sim accounts on one worker
// process, beside the floor: bare ccxt fetchBalance against the same sim at the same concurrency, in the same
// run, alternating with the worker. Not a test: it prints numbers and PASS/MISS against targets.
//
// Env: BENCH_REFRESH_N (10000) BENCH_REFRESH_N_A (1000) BENCH_CONCURRENCY (16) BENCH_REFRESH_WINDOW_A_MS (20000)
//      BENCH_REFRESH_WINDOW_MS (30000) BENCH_REFRESH_ROUNDS (2) BENCH_REFRESH_BARE both|reuse|new
//      BENCH_REFRESH_USERS (100) BENCH_REFRESH_CATCHUP_MS (120000) BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof")
//      REDIS_URL (redis://127.0.0.1:6379) DATABASE_URL (server for the throwaway database)
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { cpus } from 'node:os';
import type { Orm } from '@keyport/db/orm';
import { createTestDatabase } from '@keyport/db/testing';
import { createRedis } from '@keyport/queue/redis';
import { createRefreshQueue } from '@keyport/queue/refresh-balances';
import { formatKeyring, generateMasterKey, parseKeyring } from '@keyport/vault/keyring';
import { childEnv, intEnv, nodeArgsEnv, oneOf } from '../lib/env';
import { type FullGc, fullGcs } from '../lib/gc';
import { cpuTimeMatching, cpuTimeMs, cpuTimeOf, machineCpuMs, machineLine, readMemory } from '../lib/proc';
import { Child, Cleanup } from '../lib/processes';
import { deleteKeysWithPrefix } from '../lib/redis';
import { Launcher } from '../lib/runtime';
import { addSimAccounts, randomKey, type SimLogEntry, simRequests, startSim } from '../lib/sim';
import type { BareMode, BareSetup, BareWindow, BareWindowResult } from './bare-loop';
import { printReport } from './report';
import {
  connectionCounts,
  insertConnectedRows,
  installRefreshCounter,
  SPOT_BALANCES,
  sealRows,
  seedUsers,
} from './seed';

const bareChoice = oneOf('BENCH_REFRESH_BARE', ['both', 'reuse', 'new'] as const, 'both');
export const settings = {
  n: intEnv('BENCH_REFRESH_N', 10_000),
  nA: intEnv('BENCH_REFRESH_N_A', 1_000),
  concurrency: intEnv('BENCH_CONCURRENCY', 16),
  windowAMs: intEnv('BENCH_REFRESH_WINDOW_A_MS', 20_000, 1_000),
  windowBMs: intEnv('BENCH_REFRESH_WINDOW_MS', 30_000, 1_000),
  rounds: intEnv('BENCH_REFRESH_ROUNDS', 2),
  bareModes: (bareChoice === 'both' ? ['reuse', 'new'] : [bareChoice]) as BareMode[],
  users: intEnv('BENCH_REFRESH_USERS', 100),
  catchupMs: intEnv('BENCH_REFRESH_CATCHUP_MS', 120_000, 0),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  cores: cpus().length,
  workerNodeArgs: nodeArgsEnv('BENCH_WORKER_NODE_ARGS'),
  /** A file that receives the worker's stdout and stderr (e.g. with BENCH_WORKER_NODE_ARGS=--trace-gc). */
  workerLog: process.env.BENCH_WORKER_LOG || null,
  /** Run the worker with --trace-gc and report its V8 heap after each full GC (the memory it really keeps). */
  traceGc: oneOf('BENCH_REFRESH_TRACE_GC', ['1', '0'] as const, '1') === '1',
};
export type Settings = typeof settings;

const RSS_SAMPLE_MS = 500;
/** Unmeasured bare calls before each bare window (connections, JIT). */
const BARE_WARMUP_MS = 1_000;
/** After the worker is let go again, before its next window: the queue refills, the pool warms. */
const RESUME_SETTLE_MS = 2_000;
const MIN_WARMUP_MS = 3_000;
const PG_SERVER_PROCESS = /: (walwriter|checkpointer|background writer|autovacuum launcher)\s*$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface KeyportWindow {
  refreshes: number;
  wallMs: number;
  perSecond: number;
  rssSamplesMb: number[];
  /** CPU ms per refresh by process (and the machine's busy ms, all cores). */
  cpuPerRefresh: Record<string, number>;
  /** Venue requests the sim served per refresh, by "METHOD path"; total is exact (sequence numbers). */
  simPerRefresh: Record<string, number>;
  simTotalPerRefresh: number;
  simRefused: number;
}

export interface PhaseResult {
  name: string;
  connections: number;
  windowMs: number;
  warmup: { ms: number; refreshed: number; rssMb: number };
  keyport: KeyportWindow[];
  bare: BareWindowResult[];
  /** Connections whose balances were refreshed during the phase (warm-up included), by its end. */
  refreshedInPhase: number;
  byStatus: Record<string, number>;
  memoryAtEnd: { rssMb: number; hwmMb: number } | null;
  /** Full GCs of the worker after the warm-up (--trace-gc): heap used before and after, MB. */
  fullGcs: FullGc[];
}

interface Ctx {
  cleanup: Cleanup;
  orm: Orm;
  worker: Child;
  sim: { child: Child; url: string };
  bare: Child;
  databaseName: string;
  pauseWorker(): Promise<void>;
  resumeWorker(): Promise<void>;
  readRefreshes(): Promise<number>;
  guarded<T>(work: Promise<T>): Promise<T>;
}

function maxSeq(entries: readonly SimLogEntry[]): number {
  let max = 0;
  for (const entry of entries) if (entry.seq > max) max = entry.seq;
  return max;
}

async function keyportWindow(ctx: Ctx, windowMs: number): Promise<KeyportWindow> {
  const seq0 = maxSeq(await simRequests(ctx.sim.url));
  const pids = { worker: ctx.worker.pid, sim: ctx.sim.child.pid };
  const services = () => ({
    // the bench's own backends and autovacuum workers ("… keyport_test_x 127.0.0.1(…) idle", "… worker keyport_test_x")
    [`postgres (${ctx.databaseName})`]: cpuTimeOf('postgres', ` ${ctx.databaseName}`),
    'postgres (wal/checkpoint/bgwriter, shared)': cpuTimeMatching('postgres', (title) =>
      PG_SERVER_PROCESS.test(title),
    ),
    'redis-server (shared)': cpuTimeOf('redis-server'),
  });
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTimeMs(pid)]));
  const services0 = services();
  const self0 = process.cpuUsage();
  const machine0 = machineCpuMs().busy;
  const count0 = await ctx.readRefreshes();
  const started = performance.now();
  const startedAt = Date.now();
  const rssSamplesMb: number[] = [];
  const sample = () => {
    const memory = readMemory(ctx.worker.pid);
    if (memory) rssSamplesMb.push(memory.rssMb);
  };
  sample();
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  try {
    await ctx.guarded(sleep(windowMs));
  } finally {
    clearInterval(sampler);
  }
  sample();
  const count1 = await ctx.readRefreshes();
  const wallMs = performance.now() - started;
  const endedAt = Date.now();
  const self = process.cpuUsage(self0);
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) cpu[name] = cpuTimeMs(pid) - (cpu0[name] as number);
  for (const [name, ms] of Object.entries(services())) cpu[name] = ms - (services0[name] as number);
  cpu['bench (sampling)'] = (self.user + self.system) / 1000;
  cpu.machine = machineCpuMs().busy - machine0;
  // requests that arrived inside the window (the sim stamps arrival); sequence numbers count every request,
  // so the total stays exact when the log (its last 10,000 requests) no longer holds the window's first ones
  const all = await simRequests(ctx.sim.url);
  const arrival = (entry: SimLogEntry) => Date.parse(entry.at);
  const before = all.filter((entry) => arrival(entry) < startedAt);
  const log = all.filter((entry) => arrival(entry) >= startedAt && arrival(entry) < endedAt);
  const total = Math.max(0, maxSeq(log) - (before.length > 0 ? maxSeq(before) : seq0));
  const refreshes = count1 - count0;
  const per = (value: number) => value / Math.max(1, refreshes);
  const byPath: Record<string, number> = {};
  for (const entry of log) {
    const name = `${entry.method} ${entry.path}`;
    byPath[name] = (byPath[name] ?? 0) + 1;
  }
  return {
    refreshes,
    wallMs,
    perSecond: (refreshes * 1000) / wallMs,
    rssSamplesMb,
    cpuPerRefresh: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, per(ms)])),
    simPerRefresh: Object.fromEntries(
      Object.entries(byPath).map(([name, count]) => [name, per((count * total) / Math.max(1, log.length))]),
    ),
    simTotalPerRefresh: per(total),
    simRefused: log.filter((entry) => entry.verdict !== 'ok').length,
  };
}

async function bareWindow(ctx: Ctx, window: BareWindow): Promise<BareWindowResult> {
  const seen = ctx.bare.stdoutLines.length;
  ctx.bare.proc.stdin?.write(`${JSON.stringify({ window })}\n`);
  const line = await ctx.guarded(
    ctx.bare.waitForLine(
      (l) => l.startsWith('RESULT ') && ctx.bare.stdoutLines.indexOf(l) >= seen,
      window.warmupMs + window.windowMs + 60_000,
    ),
  );
  return JSON.parse(line.slice('RESULT '.length)) as BareWindowResult;
}

async function runPhase(
  ctx: Ctx,
  name: string,
  connections: number,
  windowMs: number,
  since: Date,
): Promise<PhaseResult> {
  // warm-up: until every connection of the phase has been refreshed once (so none is still untouched when
  // memory is read), at least a few seconds, at most BENCH_REFRESH_CATCHUP_MS
  const warmStarted = performance.now();
  let refreshed = 0;
  for (;;) {
    await ctx.guarded(sleep(1_000));
    refreshed = (await connectionCounts(ctx.orm, since)).refreshedSince;
    const elapsed = performance.now() - warmStarted;
    if ((refreshed >= connections && elapsed >= MIN_WARMUP_MS) || elapsed >= settings.catchupMs) break;
  }
  const warmup = {
    ms: performance.now() - warmStarted,
    refreshed,
    rssMb: readMemory(ctx.worker.pid)?.rssMb ?? Number.NaN,
  };
  console.log(
    `  warm-up ${(warmup.ms / 1000).toFixed(0)} s: ${refreshed}/${connections} connections refreshed once, ` +
      `worker RSS ${warmup.rssMb.toFixed(0)} MB`,
  );

  const gcLinesFrom = ctx.worker.stdoutLines.length;
  const keyport: KeyportWindow[] = [];
  const bare: BareWindowResult[] = [];
  const slice = Math.round(windowMs / settings.rounds);
  const runKeyport = async () => {
    const result = await keyportWindow(ctx, slice);
    keyport.push(result);
    console.log(
      `  keyport ${(slice / 1000).toFixed(1)} s: ${result.perSecond.toFixed(1)} refreshes/s, ` +
        `RSS ${Math.max(...result.rssSamplesMb).toFixed(0)} MB`,
    );
  };
  const runBare = async (modes: BareMode[]) => {
    await ctx.pauseWorker();
    try {
      for (const mode of modes) {
        const result = await bareWindow(ctx, {
          mode,
          keyCount: connections,
          warmupMs: BARE_WARMUP_MS,
          windowMs: slice,
        });
        bare.push(result);
        console.log(
          `  bare ${mode} ${(slice / 1000).toFixed(1)} s: ${result.callsPerSecond.toFixed(1)} calls/s`,
        );
      }
    } finally {
      await ctx.resumeWorker();
    }
  };
  // ABBA: keyport, bare…, then bare… (reversed), keyport, so a drift of the machine hits both sides alike
  for (let round = 0; round < settings.rounds; round += 1) {
    if (round % 2 === 0) {
      await runKeyport();
      await runBare(settings.bareModes);
    } else {
      await runBare([...settings.bareModes].reverse());
      await runKeyport();
    }
  }
  const counts = await connectionCounts(ctx.orm, since);
  const memory = readMemory(ctx.worker.pid);
  return {
    name,
    connections,
    windowMs,
    warmup,
    keyport,
    bare,
    refreshedInPhase: counts.refreshedSince,
    byStatus: counts.byStatus,
    memoryAtEnd: memory,
    fullGcs: fullGcs(ctx.worker.stdoutLines.slice(gcLinesFrom)),
  };
}

function countWarnings(child: Child): { count: number; first: string[] } {
  // pino JSON lines: level 40 = warn, 50 = error, 60 = fatal
  const lines = child.stdoutLines.filter((line) => /"level":\s*(4|5|6)0/.test(line));
  return { count: lines.length, first: lines.slice(0, 3).map((line) => line.slice(0, 300)) };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers();
  const runId = `kpb-${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  if (settings.nA > settings.n) throw new Error('BENCH_REFRESH_N_A must not exceed BENCH_REFRESH_N');
  console.log(
    `bench/refresh ${runId}: N=${settings.nA} then ${settings.n}, concurrency ${settings.concurrency}, ` +
      `windows ${settings.windowAMs / 1000} s / ${settings.windowBMs / 1000} s in ${settings.rounds} round(s), ` +
      `bare ${settings.bareModes.join(' + ')}`,
  );
  console.log(machineLine());

  try {
    const launcher = new Launcher('node', runId);
    cleanup.add('remove the compiled bundles', () => launcher.dispose());

    const sim = await startSim(launcher, cleanup);
    const keys = Array.from({ length: settings.n }, randomKey);
    const uidPrefix = 'bench-refresh-';
    const setupStarted = performance.now();
    await addSimAccounts(sim.url, keys, { uidPrefix, balances: SPOT_BALANCES, concurrency: 16 });
    console.log(
      `· exchange-sim on ${sim.url} with ${keys.length} binance accounts (random keys) ` +
        `in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    const db = await createTestDatabase();
    cleanup.add(`drop database ${db.name}`, () => db.drop());
    const redisPrefix = runId;
    const redis = createRedis(settings.redisUrl, 'worker');
    cleanup.add(`delete Redis keys ${redisPrefix}:*`, async () => {
      await deleteKeysWithPrefix(redis, redisPrefix);
      redis.disconnect();
    });
    const refreshQueue = createRefreshQueue(redis, redisPrefix);
    cleanup.add('close the refresh queue handle', () => refreshQueue.close());

    const master = formatKeyring([generateMasterKey('bench')]);
    const sealStarted = performance.now();
    // the api holds only the public keyring; the worker opens with the private one
    const owners = await seedUsers(db.orm, settings.users);
    const rows = sealRows(parseKeyring({ publicKeys: master.publicKeys }), keys, owners, uidPrefix);
    const readRefreshes = await installRefreshCounter(db.orm);
    await insertConnectedRows(db.orm, rows.slice(0, settings.nA));
    console.log(
      `· database ${db.name}: ${settings.users} users; ${rows.length} credentials sealed, ${settings.nA} ` +
        `CONNECTED connections inserted in ${((performance.now() - sealStarted) / 1000).toFixed(1)} s`,
    );

    const bareLaunch = await launcher.launch('bench/refresh/bare-loop.ts', 'bench');
    const bare = new Child({ name: 'bare-loop', ...bareLaunch, env: childEnv({}), cleanup, stdin: true });
    const setup: BareSetup = {
      simUrl: sim.url,
      simPid: sim.child.pid,
      concurrency: settings.concurrency,
      keys,
    };
    bare.proc.stdin?.write(`${JSON.stringify({ setup })}\n`);
    await bare.waitForLine((line) => line === 'READY', 30_000);
    cleanup.add('end the bare loop input', () => {
      bare.proc.stdin?.end();
    });

    const workerLaunch = await launcher.launch('jobs/src/main.ts', 'jobs');
    const day = String(24 * 3_600_000);
    const phaseAStart = new Date();
    const worker = new Child({
      name: 'worker',
      ...workerLaunch,
      args: [...(settings.traceGc ? ['--trace-gc'] : []), ...settings.workerNodeArgs, ...workerLaunch.args],
      env: childEnv({
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: settings.redisUrl,
        REDIS_PREFIX: redisPrefix,
        KEYRING_PUBLIC: master.publicKeys,
        KEYRING_PRIVATE: master.privateKeys,
        LOG_LEVEL: 'warn',
        EXCHANGE_URL_OVERRIDES: JSON.stringify({ binance: sim.url }),
        // the sim has no limits and the bare loop no limiter: the shared budget must not be what is measured
        EXCHANGE_RATE_LIMITS: JSON.stringify({ binance: { costPerSecond: 1e6 } }),
        VERIFY_CONCURRENCY: String(settings.concurrency),
        // the minimum cadence: the sweeper keeps the refresh queue full
        BALANCE_REFRESH_MS: '500',
        PRICE_REFRESH_MS: day,
        SNAPSHOT_INTERVAL_MS: day,
      }),
      cleanup,
    });
    if (settings.workerLog) {
      const log = createWriteStream(settings.workerLog);
      worker.proc.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
      worker.proc.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
      // runs after the SIGCONT below (last-in first-out), and only ends the file once the worker is gone
      cleanup.add('close the worker log', async () => {
        await worker.stop();
        await new Promise<void>((resolve) => log.end(resolve));
      });
    }
    let stopped = false;
    // runs before the worker's SIGTERM (cleanup is last-in first-out): a stopped process ignores SIGTERM
    cleanup.add('let the worker run again', () => {
      if (stopped && worker.running) process.kill(worker.pid, 'SIGCONT');
    });
    const watchdog = Promise.race([
      worker.unexpectedExit(),
      sim.child.unexpectedExit(),
      bare.unexpectedExit(),
    ]);
    watchdog.catch(() => undefined);
    const guarded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, watchdog]);

    const ctx: Ctx = {
      cleanup,
      orm: db.orm,
      worker,
      sim,
      bare,
      databaseName: db.name,
      readRefreshes,
      guarded,
      // the bare loop runs alone: no new jobs, the running ones finish, then the worker is frozen (its sweeper too)
      async pauseWorker() {
        await refreshQueue.pause();
        const deadline = Date.now() + 30_000;
        while ((await refreshQueue.getActiveCount()) > 0) {
          if (Date.now() > deadline)
            throw new Error('refresh jobs still active 30 s after pausing the queue');
          await sleep(20);
        }
        process.kill(worker.pid, 'SIGSTOP');
        stopped = true;
      },
      async resumeWorker() {
        if (worker.running) process.kill(worker.pid, 'SIGCONT');
        stopped = false;
        await refreshQueue.resume();
        await guarded(sleep(RESUME_SETTLE_MS));
      },
    };

    console.log(`· phase A: ${settings.nA} connections, one worker (esbuild bundle on plain node)`);
    const phaseA = await runPhase(ctx, 'A', settings.nA, settings.windowAMs, phaseAStart);

    const seedStarted = performance.now();
    const phaseBStart = new Date();
    await insertConnectedRows(db.orm, rows.slice(settings.nA));
    console.log(
      `· phase B: ${settings.n - settings.nA} more connections inserted in ` +
        `${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${settings.n} in all)`,
    );
    const phaseB = await runPhase(ctx, 'B', settings.n, settings.windowBMs, phaseBStart);

    const warnings = countWarnings(worker);
    const failed = printReport(settings, {
      phases: [phaseA, phaseB],
      workerWarnings: warnings,
      simMemoryMb: readMemory(sim.child.pid)?.rssMb ?? Number.NaN,
      elapsedS: (performance.now() - started) / 1000,
    });
    process.exitCode = failed ? 1 : 0;
  } catch (error) {
    console.error(`\nbench/refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
