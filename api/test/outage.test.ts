// PostgreSQL and Redis going away under the real api and worker processes (a private cluster and redis-server,
// taken down and brought back): requests that need the lost service answer 503 SERVICE_UNAVAILABLE with
// Retry-After, within seconds; /readyz says not ready, /healthz stays up; both processes recover by themselves.
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiProcess, spawnApi, stopApi } from './api-process';
import {
  type ApiClient,
  CONNECT_MUTATION,
  type ConnectionView,
  signedUpClient,
  waitForStatus,
} from './client';
import { type Stack, startStack } from './harness';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres';
import { type PrivateRedis, startPrivateRedis } from './private-redis';
import { addBinanceAccount } from './sim-accounts';
import { spawnWorker, stopWorker, type WorkerProcess } from './worker-process';

let pg: PrivatePostgres;
let redis: PrivateRedis;
let stack: Stack;
let apiProcess: ApiProcess;
let worker: WorkerProcess;
let api: ApiClient;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
  // the sim and keyring the worker uses; its own database and Redis are not the ones under test
  stack = await startStack({ worker: false });
  const env = { DATABASE_URL: pg.url, REDIS_URL: redis.url };
  apiProcess = spawnApi({
    ...env,
    REDIS_PREFIX: stack.redisPrefix,
    KEYRING_PUBLIC: stack.keyringEnv.publicKeys,
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
  });
  await apiProcess.ready;
  worker = spawnWorker(stack, env);
  await worker.ready;
  api = await signedUpClient(apiProcess.url());
}, 120_000);

afterAll(async () => {
  await Promise.all([apiProcess && stopApi(apiProcess, 'SIGKILL'), worker && stopWorker(worker, 'SIGKILL')]);
  await stack?.close();
  await Promise.all([pg?.stop(), redis?.stop()]);
});

// a request that hangs through the outage fails the test here rather than at vitest's timeout
const ANSWER_WITHIN_MS = 15_000;

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
  code?: unknown;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions
      ?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, code };
}

function post(
  query: string,
  variables: Record<string, unknown> = {},
  accept = 'application/graphql-response+json',
) {
  return fetch(apiProcess.url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  }).then(answer);
}

function get(query: string) {
  const url = new URL(apiProcess.url());
  url.searchParams.set('query', query);
  return fetch(url, {
    headers: { accept: 'application/graphql-response+json', authorization: `Bearer ${api.token}` },
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  }).then(answer);
}

async function probe(path: '/readyz' | '/healthz'): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(path, apiProcess.url()), {
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  return { status: response.status, body: await response.text() };
}

/** Polls until `check` holds (what the api answers changes once the service is back). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What a graphql-ws subscriber hears first: an error message (its payload) or an event. */
function wsFirstMessage(query: string): Promise<unknown> {
  const client = createWsClient({
    url: apiProcess.url().replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.token}` },
    retryAttempts: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  return new Promise<unknown>((resolve) => {
    timer = setTimeout(() => resolve('no answer'), ANSWER_WITHIN_MS);
    client.subscribe(
      { query },
      {
        next: (value) => resolve(value),
        error: (error) => resolve(error),
        complete: () => resolve('complete'),
      },
    );
  }).finally(() => {
    clearTimeout(timer);
    void client.dispose();
  });
}

const UNAVAILABLE = { status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' };
const VIEWER = '{ viewer { id email } }';
const UPDATES = 'subscription { exchangeConnectionUpdated { id status } }';

async function connectBinance(label: string): Promise<string> {
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return connectExchange.data.id;
}

describe('PostgreSQL or Redis out of reach', () => {
  it('PostgreSQL down: 503 SERVICE_UNAVAILABLE with Retry-After for queries, mutations and new subscriptions; not ready; both processes recover', async () => {
    expect((await probe('/readyz')).status).toBe(200);
    await pg.kill();

    expect(await post(VIEWER)).toMatchObject(UNAVAILABLE);
    expect(await get(VIEWER)).toMatchObject(UNAVAILABLE);
    const signUp = await post(
      'mutation ($email: String!) { signUp(email: $email, password: "a long passphrase") { __typename } }',
      { email: `outage-${Date.now()}@example.test` },
    );
    expect(signUp).toMatchObject(UNAVAILABLE);
    // the masked 500's words never show: the client is told to come back
    expect(signUp.text).not.toContain('Unexpected error');
    const sse = await post(UPDATES, {}, 'text/event-stream');
    expect(sse).toMatchObject({ status: 503, retryAfter: '5' });
    expect(sse.text).toContain('SERVICE_UNAVAILABLE');
    expect(await wsFirstMessage(UPDATES)).toMatchObject([{ extensions: { code: 'SERVICE_UNAVAILABLE' } }]);

    const ready = await probe('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: false, postgres: 'down', redis: 'up' });
    expect(await probe('/healthz')).toEqual({ status: 200, body: 'ok' });

    await pg.start();
    await eventually(async () => (await post(VIEWER)).status === 200, 'answering again');
    await eventually(async () => (await probe('/readyz')).status === 200, 'ready again');
    // the worker too: a key connected now is verified
    const id = await connectBinance('after a PostgreSQL restart');
    await waitForStatus(api, id, (s) => s === 'CONNECTED', 60_000);
  }, 180_000);

  it('Redis down: what needs it answers 503 SERVICE_UNAVAILABLE, what does not still answers; not ready; both processes recover', async () => {
    // holdings whose value needs the tickers the workers keep in Redis
    const held = await connectBinance('valued from Redis');
    await waitForStatus(api, held, (s) => s === 'CONNECTED', 60_000);
    const PORTFOLIO = '{ portfolio { total } }';
    expect((await post(PORTFOLIO)).status).toBe(200);
    await redis.kill();

    expect(await post(PORTFOLIO)).toMatchObject(UNAVAILABLE);
    // reads from PostgreSQL go on (the request limits let requests through while Redis is away)
    const viewer = await post(VIEWER);
    expect(viewer.status).toBe(200);
    const ready = await probe('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: false, postgres: 'up', redis: 'down' });
    expect((await probe('/healthz')).status).toBe(200);

    await redis.start();
    await eventually(async () => (await post(PORTFOLIO)).status === 200, 'valuing again');
    await eventually(async () => (await probe('/readyz')).status === 200, 'ready again');
    // an empty Redis (no persistence) and the worker still takes new jobs
    const id = await connectBinance('after a Redis restart');
    await waitForStatus(api, id, (s) => s === 'CONNECTED', 60_000);
  }, 180_000);
});
