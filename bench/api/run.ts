// bench/api: what a third party's read costs, beside graphql-yoga with nothing of ours, in the same run.
// (1) requests/s and p99 of `viewer` + 20 connections with status and balances, authenticated by an API token,
// every limit on (depth, cost, aliases, tokens, body size, CSRF, rate limits counted in Redis), next to bare
// yoga answering `{ __typename }`, alternating; (2) SQL statements per request at 1, 20 and 100 connections,
// counted on the wire; (3) one event to 2,000 SSE subscribers, beside bare yoga's SSE + redis-event-target.
// Not a test: it prints numbers and PASS/MISS against targets.
//
// Env: BENCH_CONNECTIONS (20) BENCH_HTTP_CONNECTIONS (50) BENCH_DURATION_S (10) BENCH_REPEAT (3)
//      BENCH_SUBSCRIBERS (2000) BENCH_EVENTS (15) BENCH_PARTS (http,sql,fanout: which to run) BENCH_API_NODE_ARGS (e.g. "--cpu-prof") REDIS_URL DATABASE_URL
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@keyport/db/testing';
import { connectionUpdated, publishEvents } from '@keyport/events/topics';
import { formatKeyring, generateMasterKey, parseKeyring } from '@keyport/vault/keyring';
import { Redis } from 'ioredis';
import { childEnv, intEnv, nodeArgsEnv } from '../lib/env';
import { freePort } from '../lib/net';
import { machineLine } from '../lib/proc';
import { Child, Cleanup, waitForHttpOk } from '../lib/processes';
import { deleteKeysWithPrefix } from '../lib/redis';
import { Launcher } from '../lib/runtime';
import { randomKey } from '../lib/sim';
import { fmtMs, median } from '../lib/stats';
import { insertConnectedRows, sealRows } from '../refresh/seed';
import { KeyportClient } from '../verify/keyport-client';
import { type FanOutResult, fanOut } from './fan-out';
import { httpLoad, type LoadResult, type LoadTarget } from './http-load';
import { startSqlCounter } from './sql-counter';

const settings = {
  connections: intEnv('BENCH_CONNECTIONS', 20),
  httpConnections: intEnv('BENCH_HTTP_CONNECTIONS', 50),
  seconds: intEnv('BENCH_DURATION_S', 10),
  repeat: intEnv('BENCH_REPEAT', 3),
  subscribers: intEnv('BENCH_SUBSCRIBERS', 2_000),
  events: intEnv('BENCH_EVENTS', 15),
  pageSizes: [1, 20, 100],
  parts: new Set((process.env.BENCH_PARTS || 'http,sql,fanout').split(',').map((part) => part.trim())),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

const READ = `query Holdings {
  viewer { id email }
  exchangeConnections {
    id label exchangeId status statusReason { code } lastSyncedAt
    balances { accountType asset free used total }
  }
}`;
const UPDATES = 'subscription { exchangeConnectionUpdated { id label status } }';

interface Tenant {
  userId: string;
  token: string;
  connectionIds: string[];
}

async function startApi(
  launcher: Launcher,
  cleanup: Cleanup,
  name: string,
  env: Record<string, string>,
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const launch = await launcher.launch('api/src/server.ts', 'api');
  const child = new Child({
    name,
    ...launch,
    args: [...nodeArgsEnv('BENCH_API_NODE_ARGS'), ...launch.args],
    env: childEnv({
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // counted on every request as always; high enough that one client's load is never refused
      RATE_LIMIT_PER_MINUTE: '1000000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000000',
    }),
    cleanup,
  });
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, child, 60_000);
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

/** A user signed up through the API, with a read-only API token and `size` CONNECTED connections seeded. */
async function tenant(
  apiUrl: string,
  orm: Parameters<typeof insertConnectedRows>[0],
  keyring: ReturnType<typeof parseKeyring>,
  size: number,
): Promise<Tenant> {
  const session = new KeyportClient(apiUrl);
  await session.signUp(
    `bench-api-${randomBytes(6).toString('hex')}@example.com`,
    randomBytes(18).toString('base64url'),
  );
  const viewer = await session.request<{ viewer: { id: string } }>('{ viewer { id } }');
  const created = await session.request<{ createApiToken: { data?: { token: string } } }>(
    `mutation { createApiToken(input: { name: "bench", scopes: [CONNECTIONS_READ, PORTFOLIO_READ] }) {
       ... on MutationCreateApiTokenSuccess { data { token } } } }`,
  );
  const userId = viewer.data?.viewer.id;
  const token = created.data?.createApiToken.data?.token;
  if (!userId || !token) throw new Error(`could not set up a tenant: ${JSON.stringify(created)}`);
  const rows = sealRows(keyring, Array.from({ length: size }, randomKey), [userId], `bench-api-${size}-`);
  await insertConnectedRows(orm, rows);
  return { userId, token, connectionIds: rows.map((row) => row.id) };
}

/** The read answered as a client would check it: every connection, no errors. */
async function checkRead(apiUrl: string, tenantOf: Tenant): Promise<number> {
  const client = new KeyportClient(apiUrl);
  client.token = tenantOf.token;
  const answer = await client.request<{ exchangeConnections: { balances: unknown[] }[] }>(READ);
  const connections = answer.data?.exchangeConnections ?? [];
  if (answer.errors || connections.length !== tenantOf.connectionIds.length)
    throw new Error(`the read failed: ${JSON.stringify(answer).slice(0, 300)}`);
  return new TextEncoder().encode(JSON.stringify(answer)).length;
}

type Api = { child: Child; url: string };

/** Bare yoga and the keyport read, alternating so drift hits both alike. */
async function measureHttp(
  api: Api,
  barePid: number,
  bareUrl: string,
  main: Tenant,
  databaseName: string,
): Promise<{ bare: LoadResult; floor: LoadResult; keyport: LoadResult }[]> {
  const keyportTarget: LoadTarget = {
    url: api.url,
    body: JSON.stringify({ query: READ }),
    headers: { authorization: `Bearer ${main.token}`, accept: 'application/graphql-response+json' },
    serverPid: api.child.pid,
    databaseName,
  };
  const bareTarget: LoadTarget = {
    url: bareUrl,
    body: JSON.stringify({ query: '{ __typename }' }),
    headers: {},
    serverPid: barePid,
  };
  // the same data in two plain pg queries, no auth, no limits: what any read from the database costs here
  const floorTarget: LoadTarget = {
    url: bareUrl,
    body: JSON.stringify({
      query: `{ connections(owner: "${main.userId}") { id label exchangeId status lastSyncedAt balances { accountType asset free used total } } }`,
    }),
    headers: {},
    serverPid: barePid,
    databaseName,
  };
  console.log('· warm-up: 3 s each');
  await httpLoad(bareTarget, settings.httpConnections, 3);
  await httpLoad(floorTarget, settings.httpConnections, 3);
  await httpLoad(keyportTarget, settings.httpConnections, 3);
  const runs: { bare: LoadResult; floor: LoadResult; keyport: LoadResult }[] = [];
  for (let rep = 0; rep < settings.repeat; rep++) {
    const bareRun = await httpLoad(bareTarget, settings.httpConnections, settings.seconds);
    const floorRun = await httpLoad(floorTarget, settings.httpConnections, settings.seconds);
    const keyportRun = await httpLoad(keyportTarget, settings.httpConnections, settings.seconds);
    runs.push({ bare: bareRun, floor: floorRun, keyport: keyportRun });
    console.log(
      `  rep ${rep + 1}: bare ${bareRun.requestsPerSecond.toFixed(0)}/s p99 ${bareRun.p99} ms · floor ` +
        `${floorRun.requestsPerSecond.toFixed(0)}/s · keyport ` +
        `${keyportRun.requestsPerSecond.toFixed(0)}/s p99 ${keyportRun.p99} ms · ratio ` +
        `${ratio(keyportRun.requestsPerSecond, bareRun.requestsPerSecond).toFixed(2)}`,
    );
  }
  return runs;
}

/** SQL statements per read at each size, on an api whose database connections go through a counting proxy. */
async function measureSql(
  launcher: Launcher,
  cleanup: Cleanup,
  apiEnv: Record<string, string>,
  databaseUrl: string,
  tenants: Map<number, Tenant>,
  sizes: number[],
): Promise<Map<number, number>> {
  const dbUrl = new URL(databaseUrl);
  const counter = await startSqlCounter({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) });
  cleanup.add('stop the SQL counter', () => counter.close());
  const countedUrl = new URL(databaseUrl);
  countedUrl.hostname = '127.0.0.1';
  countedUrl.port = String(counter.port);
  const counted = await startApi(launcher, cleanup, 'api (SQL counted)', {
    ...apiEnv,
    DATABASE_URL: countedUrl.toString(),
  });
  const sqlPerRequest = new Map<number, number>();
  for (const size of sizes) {
    const client = new KeyportClient(counted.url);
    client.token = (tenants.get(size) as Tenant).token;
    await client.request(READ); // the token's once-a-minute last-used write is not what is counted
    const before = counter.statements();
    const requests = 50;
    for (let i = 0; i < requests; i++) await client.request(READ);
    sqlPerRequest.set(size, (counter.statements() - before) / requests);
  }
  await counted.child.stop();
  return sqlPerRequest;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers();
  const runId = `kpb-${randomBytes(4).toString('hex')}`;
  console.log(
    `bench/api: ${settings.connections} connections per read, ${settings.httpConnections} HTTP connections × ` +
      `${settings.seconds} s × ${settings.repeat}, ${settings.subscribers} SSE subscribers × ${settings.events} events`,
  );
  console.log(machineLine());
  try {
    const launcher = new Launcher('node', runId);
    cleanup.add('remove the compiled bundles', () => launcher.dispose());
    const db = await createTestDatabase();
    cleanup.add(`drop database ${db.name}`, () => db.drop());
    const redis = new Redis(settings.redisUrl);
    cleanup.add(`delete Redis keys ${runId}:*`, async () => {
      await deleteKeysWithPrefix(redis, runId);
      redis.disconnect();
    });
    const master = formatKeyring([generateMasterKey('bench')]);
    const keyring = parseKeyring({ publicKeys: master.publicKeys });
    const apiEnv = {
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: runId,
      KEYRING_PUBLIC: master.publicKeys,
    };
    const api = await startApi(launcher, cleanup, 'api', apiEnv);
    const bareLaunch = await launcher.launch('bench/api/bare-yoga.ts', 'bench');
    const bareTopic = `${runId}:tick`;
    const bare = new Child({
      name: 'bare yoga',
      ...bareLaunch,
      env: childEnv({
        BARE_TOPIC: bareTopic,
        REDIS_URL: settings.redisUrl,
        BARE_DATABASE_URL: db.databaseUrl,
        NODE_ENV: 'production',
      }),
      cleanup,
    });
    const bareUrl = (JSON.parse(await bare.waitForLine((l) => l.startsWith('{'), 30_000)) as { url: string })
      .url;

    const sizes = [...new Set([settings.connections, ...settings.pageSizes])].sort((a, b) => a - b);
    const tenants = new Map<number, Tenant>();
    for (const size of sizes) tenants.set(size, await tenant(api.url, db.orm, keyring, size));
    const main = tenants.get(settings.connections) as Tenant;
    const bytes = await checkRead(api.url, main);
    console.log(
      `· api and bare yoga on plain node; ${sizes.join(', ')}-connection tenants seeded (3 balances each); ` +
        `the read answers ${bytes} bytes`,
    );

    const runs = settings.parts.has('http') ? await measureHttp(api, bare.pid, bareUrl, main, db.name) : null;
    await api.child.stop();

    const sqlPerRequest = settings.parts.has('sql')
      ? await measureSql(launcher, cleanup, apiEnv, db.databaseUrl, tenants, sizes)
      : null;

    let fanOuts: { bare: FanOutResult; keyport: FanOutResult } | null = null;
    if (settings.parts.has('fanout')) {
      // a fresh api: its RSS before the subscribers is not the HTTP phase's garbage
      const fresh = await startApi(launcher, cleanup, 'api (fan-out)', apiEnv);
      const fanOutPlan = { count: settings.subscribers, events: settings.events, spacingMs: 1_000 };
      console.log(`· fan-out: ${settings.subscribers} SSE subscribers on bare yoga`);
      const bareFanOut = await fanOut(launcher, cleanup, {
        ...fanOutPlan,
        setup: { url: bareUrl, body: JSON.stringify({ query: 'subscription { tick }' }), headers: {} },
        serverPid: bare.pid,
        prepare: async () => {},
        publish: async (n) => {
          await redis.publish(bareTopic, JSON.stringify(`evt-${n}`));
        },
      });
      console.log(`· fan-out: ${settings.subscribers} SSE subscribers on the api (one user's API token)`);
      const target = main.connectionIds[0] as string;
      const sql = db.orm.em.getConnection();
      const keyportFanOut = await fanOut(launcher, cleanup, {
        ...fanOutPlan,
        setup: {
          url: fresh.url,
          body: JSON.stringify({ query: UPDATES }),
          headers: { authorization: `Bearer ${main.token}` },
        },
        serverPid: fresh.child.pid,
        // the event's mark goes into the row the api re-reads, as a rename would
        prepare: async (n) => {
          await sql.execute('update exchange_connections set label = ?, updated_at = now() where id = ?', [
            `evt-${n}`,
            target,
          ]);
        },
        publish: async () => {
          await publishEvents(redis, runId, 'connection-updated', [
            connectionUpdated({ id: target, owner: main.userId, status: 'CONNECTED' }),
          ]);
        },
      });
      fanOuts = { bare: bareFanOut, keyport: keyportFanOut };
    }

    report(runs, sqlPerRequest, fanOuts);
  } finally {
    await cleanup.run();
  }
}

function report(
  runs: { bare: LoadResult; floor: LoadResult; keyport: LoadResult }[] | null,
  sqlPerRequest: Map<number, number> | null,
  fanOuts: { bare: FanOutResult; keyport: FanOutResult } | null,
): void {
  console.log('\n=== bench/api ===');
  if (runs) {
    const pick = (side: 'bare' | 'floor' | 'keyport', key: keyof LoadResult) =>
      median(runs.map((run) => run[side][key]));
    const ratios = runs.map((run) => ratio(run.keyport.requestsPerSecond, run.bare.requestsPerSecond));
    const ratioMedian = median(ratios);
    console.log(
      `HTTP, ${settings.httpConnections} connections in flight, median of ${runs.length} × ${settings.seconds} s`,
    );
    const NAMES = {
      bare: 'bare yoga, { __typename }',
      floor: 'floor: bare yoga, same data, 2 pg queries',
      keyport: `keyport read (${settings.connections} connections)`,
    };
    for (const side of ['bare', 'floor', 'keyport'] as const) {
      const name = NAMES[side];
      console.log(
        `  ${name.padEnd(42)} ${pick(side, 'requestsPerSecond').toFixed(0).padStart(6)}/s  p50 ${pick(side, 'p50')} ms  ` +
          `p99 ${pick(side, 'p99')} ms  CPU per request: server ${pick(side, 'serverCpuPerRequest').toFixed(3)} ms, ` +
          `PostgreSQL ${pick(side, 'databaseCpuPerRequest').toFixed(3)} ms, machine ${pick(side, 'machineCpuPerRequest').toFixed(3)} ms  ` +
          `non-2xx ${pick(side, 'non2xx')}  errors ${pick(side, 'errors')}`,
      );
    }
    console.log(
      `  ratio keyport / bare: ${ratioMedian.toFixed(2)} (per rep ${ratios.map((r) => r.toFixed(2)).join(', ')})  ` +
        `target ≥ 0.5  ${verdict(ratioMedian >= 0.5)}`,
    );
    const floorRatios = runs.map((run) => ratio(run.keyport.requestsPerSecond, run.floor.requestsPerSecond));
    console.log(
      `  for reference: keyport / floor ${median(floorRatios).toFixed(2)} (auth, limits, scope checks, every field ` +
        `resolved by the schema); floor / bare ${median(runs.map((run) => ratio(run.floor.requestsPerSecond, run.bare.requestsPerSecond))).toFixed(2)} ` +
        '(what reading the database costs)',
    );
  }
  if (sqlPerRequest) {
    const counts = [...sqlPerRequest.values()];
    const constant = counts.every((count) => Math.abs(count - (counts[0] as number)) < 0.05);
    console.log(
      `SQL statements per read, counted on the wire: ${[...sqlPerRequest]
        .map(([size, count]) => `${size} connections → ${count.toFixed(2)}`)
        .join(' · ')}  constant ${verdict(constant)}`,
    );
  }
  if (fanOuts) {
    console.log(`SSE fan-out, one event to ${settings.subscribers} subscribers (publish → received)`);
    for (const [name, result] of [
      ['bare yoga + redis-event-target', fanOuts.bare],
      ['keyport exchangeConnectionUpdated', fanOuts.keyport],
    ] as const) {
      const perSubscriberKb = ((result.rssMb.connected - result.rssMb.before) * 1024) / settings.subscribers;
      console.log(
        `  ${name.padEnd(36)} p50 ${fmtMs(result.p50)}  p99 ${fmtMs(result.p99)}  per-event max median ` +
          `${fmtMs(median(result.perEventMax))} (max ${fmtMs(Math.max(...result.perEventMax))})  cold ${fmtMs(result.coldMax)}  ` +
          `server CPU ${fmtMs(result.serverCpuPerEvent)}/event  missed ${result.missed}  dropped ${result.dropped}  ` +
          `connect ${fmtMs(result.connectMs)}  RSS ${result.rssMb.before.toFixed(0)} → ` +
          `${result.rssMb.connected.toFixed(0)} → ${result.rssMb.after.toFixed(0)} MB (${perSubscriberKb.toFixed(1)} kB/subscriber)`,
      );
    }
    const { keyport, bare } = fanOuts;
    console.log(
      `  keyport p99 ${fmtMs(keyport.p99)}  target ≤ 250 ms  ${verdict(keyport.p99 <= 250 && keyport.missed === 0)}` +
        `  (ratio to bare p99 ${ratio(keyport.p99, bare.p99).toFixed(2)})`,
    );
  }
}

await main();
process.exit(0);
