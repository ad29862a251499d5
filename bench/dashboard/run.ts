// bench/dashboard: what the dashboard costs a user. (1) First-load JavaScript of the main routes of a
// production build (budget 200 kB gzip each). (2) Time from a status change being published on Redis (as the
// worker does) to the new status being painted on My Exchanges in Chromium, beside the time the same event
// takes to reach a bare SSE client of the API in the same run (target: p95 under 300 ms).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@keyport/db/orm';
import { connectionUpdated, publishEvents } from '@keyport/events/topics';
import startStack from '@keyport/web/e2e-stack';
import { createClient } from 'graphql-sse';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import { wallClockMs } from '../lib/clock';
import { percentile } from '../lib/stats';
import { firstLoadJs, type RouteWeight } from './first-load-js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 60);
const ROWS = Number(process.env.BENCH_ROWS ?? 20);
const BUDGET_KB = 200;
const TARGET_P95_MS = 300;
const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

function build(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD) return Promise.resolve();
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next', { paths: [webDir] });
  console.log('· next build (production)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [next, 'build'], {
      cwd: webDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`)),
    );
  });
}

async function gql<T>(url: string, token: string | null, query: string, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { response, body: (await response.json()) as { data: T } };
}

async function simAccount(simUrl: string) {
  const key = { apiKey: `BENCH${randomBytes(29).toString('hex')}`, secret: randomBytes(16).toString('hex') };
  await fetch(`${simUrl}/__sim/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      exchange: 'binance',
      uid: randomBytes(4).toString('hex'),
      canWithdraw: false,
      balances: { BTC: { free: '1', locked: '0' } },
      keys: [{ ...key, permissions: { read: true } }],
    }),
  });
  return key;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function main() {
  await build();
  console.log('· starting api, worker, exchange-sim and next start');
  const stop = await startStack();
  const base = process.env.E2E_BASE_URL ?? '';
  const apiUrl = process.env.E2E_API_URL ?? '';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const orm = await openDatabase({
    databaseUrl: process.env.E2E_DATABASE_URL ?? '',
    poolSize: 2,
    migrate: false,
  });
  let disposeSse = () => {};
  try {
    const signUp = await gql<{ signUp: { __typename: string } }>(
      apiUrl,
      null,
      'mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { __typename } }',
      { e: `bench-${randomBytes(4).toString('hex')}@example.com`, p: 'a long bench passphrase' },
    );
    const token = signUp.response.headers.get('set-cookie')?.match(/kp_session=([^;]+)/)?.[1] ?? '';
    const viewer = await gql<{ viewer: { id: string } }>(apiUrl, token, '{ viewer { id } }');
    const ownerId = viewer.body.data.viewer.id;

    console.log(`· ${ROWS} sim connections, verified by the worker`);
    const ids: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const key = await simAccount(process.env.E2E_SIM_URL ?? '');
      const made = await gql<{ connectExchange: { data?: { id: string } } }>(
        apiUrl,
        token,
        `mutation($input: ConnectExchangeInput!) { connectExchange(input: $input) {
          ... on MutationConnectExchangeSuccess { data { id } } } }`,
        { input: { exchangeId: 'binance', label: `Bench ${i + 1}`, credentials: key } },
      );
      ids.push(made.body.data.connectExchange.data?.id ?? '');
    }
    for (let tries = 0; tries < 120; tries++) {
      const list = await gql<{ exchangeConnections: { status: string }[] }>(
        apiUrl,
        token,
        '{ exchangeConnections { status } }',
      );
      if (list.body.data.exchangeConnections.every((c) => c.status === 'CONNECTED')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const anonymous = await browser.newContext();
    const signedIn = await browser.newContext();
    await signedIn.addCookies([{ name: 'kp_session', value: token, url: base }]);
    const weights: RouteWeight[] = [
      await firstLoadJs(anonymous, `${base}/en/sign-in`, '/[locale]/sign-in'),
      await firstLoadJs(signedIn, `${base}/en/exchanges`, '/[locale]/exchanges'),
      await firstLoadJs(signedIn, `${base}/en/exchanges/new`, '/[locale]/exchanges/new'),
      await firstLoadJs(signedIn, `${base}/en/exchanges/${ids[0]}`, '/[locale]/exchanges/[id]'),
      await firstLoadJs(signedIn, `${base}/en/portfolio`, '/[locale]/portfolio'),
    ];

    // the bare client: graphql-sse straight to the API, no proxy, no React, no paint
    const bare = new Map<string, number>();
    const sse = createClient({ url: apiUrl, headers: { authorization: `Bearer ${token}` } });
    const bareReady = new Promise<void>((resolve) => {
      disposeSse = sse.subscribe(
        { query: 'subscription { exchangeConnectionUpdated { id status } }' },
        {
          next: (value) => {
            const c = (value.data as { exchangeConnectionUpdated: { id: string; status: string } } | null)
              ?.exchangeConnectionUpdated;
            if (c) bare.set(`${c.id}:${c.status}`, wallClockMs());
          },
          error: () => {},
          complete: () => {},
        },
        { connected: () => resolve() },
      );
    });

    const page = await signedIn.newPage();
    await page.goto(`${base}/en/exchanges`);
    await page.locator('[data-live="live"]').waitFor({ timeout: 30_000 });
    await bareReady;
    // a paint is the second animation frame after the DOM change: the first one's frame has been drawn
    await page.evaluate(() => {
      const w = window as unknown as { paints: Map<string, number>; seen: Map<string, string> };
      w.paints = new Map();
      w.seen = new Map();
      const tbody = document.querySelector('table.connections tbody');
      if (!tbody) throw new Error('no connections table');
      new MutationObserver(() => {
        for (const row of tbody.querySelectorAll<HTMLElement>('tr[data-connection-id]')) {
          const id = row.dataset.connectionId ?? '';
          const status = row.querySelector<HTMLElement>('[data-status]')?.dataset.status ?? '';
          if (w.seen.get(id) === status) continue;
          w.seen.set(id, status);
          requestAnimationFrame(() =>
            requestAnimationFrame(() => w.paints.set(`${id}:${status}`, Date.now())),
          );
        }
      }).observe(tbody, { subtree: true, childList: true, attributes: true, characterData: true });
      for (const row of tbody.querySelectorAll<HTMLElement>('tr[data-connection-id]'))
        w.seen.set(
          row.dataset.connectionId ?? '',
          row.querySelector<HTMLElement>('[data-status]')?.dataset.status ?? '',
        );
    });

    console.log(`· ${EVENTS} status changes published on Redis, as the worker publishes them`);
    const paintMs: number[] = [];
    const bareMs: number[] = [];
    let missed = 0;
    const sql = orm.em.getConnection();
    for (let i = 0; i < EVENTS; i++) {
      const id = ids[i % ids.length] as string;
      const status = Math.floor(i / ids.length) % 2 === 0 ? 'ERROR' : 'CONNECTED';
      await sql.execute('update exchange_connections set status = ?, reason_code = ? where id = ?', [
        status,
        status === 'ERROR' ? 'INTERNAL_ERROR' : null,
        id,
      ]);
      const key = `${id}:${status}`;
      const published = wallClockMs();
      await publishEvents(redis, process.env.E2E_REDIS_PREFIX ?? '', 'connection-updated', [
        connectionUpdated({ id, owner: ownerId, status }),
      ]);
      const deadline = Date.now() + 5000;
      let painted: number | undefined;
      while (Date.now() < deadline) {
        painted = await page.evaluate(
          (k) => (window as unknown as { paints: Map<string, number> }).paints.get(k),
          key,
        );
        if (painted && bare.has(key)) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (!painted || !bare.has(key)) {
        missed += 1;
        continue;
      }
      paintMs.push(painted - published);
      bareMs.push((bare.get(key) as number) - published);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    console.log('\n=== bench/dashboard ===');
    console.log('first-load JavaScript (production build, every script of a fresh load, gzip level 6)');
    for (const w of weights) {
      const verdict = w.gzipBytes <= BUDGET_KB * 1024 ? 'PASS' : 'MISS';
      console.log(
        `  ${w.route.padEnd(26)} ${kb(w.gzipBytes).padStart(9)} gzip  (${kb(w.rawBytes)} raw, ${w.scripts} scripts)  budget ≤ ${BUDGET_KB} kB  ${verdict}` +
          (w.lazyGzipBytes > 0 ? `   + ${kb(w.lazyGzipBytes)} gzip loaded after the page (lazy)` : ''),
      );
    }
    const row = (name: string, values: number[]) =>
      `  ${name.padEnd(44)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(
        values,
        95,
      )
        .toFixed(1)
        .padStart(6)} ms   max ${Math.max(...values)
        .toFixed(1)
        .padStart(6)} ms`;
    console.log(
      `\nstatus change: Redis publish → seen (${paintMs.length} events, ${missed} missed, ${ROWS} rows)`,
    );
    console.log(row('Chromium: painted on My Exchanges', paintMs));
    console.log(row('bare graphql-sse client, straight to the API', bareMs));
    const p95 = percentile(paintMs, 95);
    console.log(
      `  target: painted p95 < ${TARGET_P95_MS} ms: ${p95.toFixed(1)} ms ${p95 < TARGET_P95_MS ? 'PASS' : 'MISS'}` +
        `; dashboard / bare p95 = ${(p95 / percentile(bareMs, 95)).toFixed(2)}×` +
        ` (+${(p95 - percentile(bareMs, 95)).toFixed(1)} ms: Next route, React render, two frames)`,
    );
    if (missed > 0) process.exitCode = 1;
  } finally {
    disposeSse();
    await browser.close();
    redis.disconnect();
    await orm.close(true);
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench/dashboard failed:', error);
  process.exit(1);
});
