// The real stack for the browser tests: PostgreSQL (own database), Redis (own prefix), the exchange
// simulator, the api and a worker (as production runs them), and web/server.ts serving the built dashboard.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase } from '@keyport/db/testing';
import { simRateLimits, simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { startExchangeSim } from '@keyport/exchange-sim/server';
import { formatKeyring, generateMasterKey } from '@keyport/vault/keyring';
import { Redis } from 'ioredis';

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Addresses shown on the Add New Exchange page; documentation ranges, never used for traffic. */
export const E2E_EGRESS_IPS = '203.0.113.10,2001:db8::10';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(name: string, args: string[], env: Record<string, string>, cwd = repo('.')): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const quiet = !process.env.E2E_VERBOSE;
  const relay = (chunk: Buffer) => {
    if (!quiet || /"level":(40|50|60)|error/i.test(chunk.toString()))
      process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return child;
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering`);
    const ok = await fetch(url)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const db = await createTestDatabase();
  const prefix = `kpe2e-${randomBytes(4).toString('hex')}`;
  const sim = await startExchangeSim({
    // the browser tests drive flows, not volumes: the venues' documented limits have their own tests
    fixture: {
      accounts: [],
      tickers: { 'BTC/USDT': { last: '60000', open24h: '59000' } },
      venueLimits: 'off',
    },
  });
  const keyring = formatKeyring([generateMasterKey('e2e1')]);
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const common = {
    DATABASE_URL: db.databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    KEYRING_PUBLIC: keyring.publicKeys,
    LOG_LEVEL: 'warn',
  };
  const api = start('api', ['--import', tsxLoader, repo('api/src/server.ts')], {
    ...common,
    // not production: that would mark the session cookie Secure, which plain-http 127.0.0.1 cannot carry
    PORT: String(apiPort),
    EGRESS_IPS: E2E_EGRESS_IPS,
    // every browser test signs up from one address: the anonymous per-IP limit is not under test here
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
  });
  const worker = start('jobs', ['--import', tsxLoader, repo('jobs/src/main.ts')], {
    ...common,
    KEYRING_PRIVATE: keyring.privateKeys,
    EXCHANGE_URL_OVERRIDES: JSON.stringify(simUrlOverrides(sim.url)),
    // the sim has no rate limits: don't wait on the real venues' budgets
    EXCHANGE_RATE_LIMITS: JSON.stringify(simRateLimits()),
    RETRY_BASE_MS: '200',
    RECONCILE_INTERVAL_MS: '1000',
    PRICE_REFRESH_MS: '1000',
    SNAPSHOT_INTERVAL_MS: '1500',
  });
  // the dashboard's own server (next start, each request stamped with the browser's address), as compose runs it
  const web = start(
    'web',
    ['--import', tsxLoader, repo('web/server.ts')],
    {
      HOST: '127.0.0.1',
      PORT: String(webPort),
      KEYPORT_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    repo('web'),
  );

  const stop = async () => {
    for (const child of [web, worker, api]) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      [web, worker, api].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
    await sim.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db.drop();
  };

  try {
    await waitFor(`http://127.0.0.1:${apiPort}/healthz`, api, 'api');
    await waitFor(`http://127.0.0.1:${webPort}/en/sign-in`, web, 'web');
  } catch (error) {
    await stop();
    throw error;
  }
  process.env.E2E_BASE_URL = `http://127.0.0.1:${webPort}`;
  process.env.E2E_SIM_URL = sim.url;
  process.env.E2E_DATABASE_URL = db.databaseUrl;
  process.env.E2E_REDIS_PREFIX = prefix;
  process.env.E2E_API_URL = `http://127.0.0.1:${apiPort}/graphql`;
  return stop;
}
