// SIGTERM on the real api process drains it: no new connections, the request in flight finishes, SSE and
// graphql-ws subscriptions complete properly, then it exits 0; what outlives the grace period is cut.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiProcess, spawnApi, stopApi } from './api-process';
import { type ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';

let stack: Stack;
const apis: ApiProcess[] = [];

beforeAll(async () => {
  // its database, Redis prefix and keyring serve the api processes; no worker needed
  stack = await startStack({ worker: false });
});
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => stopApi(api, 'SIGKILL')));
});
afterAll(async () => {
  await stack?.close();
});

async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  const api = spawnApi({
    DATABASE_URL: stack.db.databaseUrl,
    REDIS_PREFIX: stack.redisPrefix,
    KEYRING_PUBLIC: stack.keyringEnv.publicKeys,
    ...env,
  });
  apis.push(api);
  await api.ready;
  return api;
}

function exited(api: ApiProcess): Promise<number | null> {
  if (api.child.exitCode !== null) return Promise.resolve(api.child.exitCode);
  return new Promise((resolve) => api.child.once('exit', (code) => resolve(code)));
}

/** A POST whose body arrives in two parts: in flight from its headers until `finish` sends the rest. */
function slowRequest(
  url: string,
  token: string,
  query: string,
): { started: Promise<void>; finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ query });
  const half = Math.floor(body.length / 2);
  const req = httpRequest(url, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
      // the server answers 100 Continue once it has read the headers: from then on the request is its own
      expect: '100-continue',
    },
  });
  const started = new Promise<void>((resolve) =>
    req.once('continue', () => req.write(body.slice(0, half), () => resolve())),
  );
  req.flushHeaders();
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.once('error', reject);
    });
  });
  return { started, finish: () => req.end(body.slice(half)), response };
}

/** An SSE subscription read to its end: `live` once the first event came, `text` all the stream said. */
function sseSubscription(url: string, token: string, query: string) {
  let seen = '';
  let onEvent = () => {};
  const live = new Promise<void>((resolve) => {
    onEvent = resolve;
  });
  const text = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query }),
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      seen += decoder.decode(chunk, { stream: true });
      if (seen.includes('event: next')) onEvent();
    }
    return seen;
  })();
  return { live, text };
}

/** A graphql-ws subscription: `live` once the first event came, `ended` how it ended. */
function wsSubscription(url: string, token: string, query: string) {
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let onEvent = () => {};
  const live = new Promise<void>((resolve) => {
    onEvent = resolve;
  });
  const ended = new Promise<string>((resolve) => {
    client.subscribe(
      { query },
      {
        next: () => onEvent(),
        error: (error) => resolve(`error: ${JSON.stringify(error)}`),
        complete: () => resolve('complete'),
      },
    );
  });
  return { live, ended, dispose: () => void client.dispose() };
}

/** Resolves once a new TCP connection to the api is refused. */
async function refusesConnections(url: string): Promise<void> {
  for (;;) {
    const refused = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(5_000) }).then(
      () => false,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const UPDATES = 'subscription { exchangeConnectionUpdated { id status } }';

async function connectOne(api: ApiClient): Promise<void> {
  const keys = addBinanceAccount(stack.sim);
  await api.ok(CONNECT_MUTATION, {
    input: {
      exchangeId: 'binance',
      label: `drain ${keys.apiKey.slice(-6)}`,
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    },
  });
}

describe('graceful shutdown', () => {
  it('SIGTERM: new connections refused, the request in flight answers 200, SSE and WS subscriptions complete, exit 0', async () => {
    // a grace far longer than the test needs: the request must end because it finished, not because it was cut
    const server = await startApi({ SHUTDOWN_GRACE_MS: '60000' });
    const url = server.url();
    const client = await signedUpClient(url);
    const token = client.token ?? '';
    expect((await fetch(new URL('/readyz', url))).status).toBe(200);

    const sse = sseSubscription(url, token, UPDATES);
    const ws = wsSubscription(url, token, UPDATES);
    // both subscriptions are live once each has heard of a new connection
    await connectOne(client);
    await Promise.all([sse.live, ws.live]);
    const inFlight = slowRequest(url, token, '{ viewer { email } }');
    await inFlight.started;

    server.child.kill('SIGTERM');
    await refusesConnections(url);
    // subscriptions end with a proper completion, not a cut socket
    expect(await sse.text).toMatch(/event: complete\n/);
    expect(await ws.ended).toBe('complete');
    ws.dispose();
    // still waiting for the request in flight
    expect(server.child.exitCode).toBeNull();

    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { viewer: { email: expect.any(String) } } });
    expect(await exited(server)).toBe(0);
    expect(server.output.join('')).toContain('shut down');
    expect(server.output.join('')).not.toContain('were cut');
  }, 90_000);

  it('a request still running when the grace period ends is cut, and the process still exits 0', async () => {
    const server = await startApi({ SHUTDOWN_GRACE_MS: '300' });
    const client = await signedUpClient(server.url());
    const stuck = slowRequest(server.url(), client.token ?? '', '{ viewer { email } }');
    await stuck.started;

    server.child.kill('SIGTERM');
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await exited(server)).toBe(0);
    expect(server.output.join('')).toContain('were cut');
  }, 60_000);
});
