// Both subscription transports on one endpoint, with real clients from npm: graphql-sse and graphql-ws get
// the same live events, signed in by session or API token, and nothing for the anonymous.
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashToken } from '../src/modules/accounts/session-token';
import { ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';

let stack: Stack;
let api: ApiClient;
let wsUrl: string;

beforeAll(async () => {
  stack = await startStack();
  api = await signedUpClient(stack.apiUrl);
  wsUrl = stack.apiUrl.replace(/^http/, 'ws');
});
afterAll(async () => {
  await stack?.close();
});

const UPDATES = 'subscription { exchangeConnectionUpdated { id status } }';
type Update = { exchangeConnectionUpdated: { id: string; status: string } };

function wsSubscribe(authorization: string | null, query = UPDATES) {
  const client = createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
  });
  const events: Update[] = [];
  const errors: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    client.subscribe<Update>(
      { query },
      {
        next: (value) => {
          if (value.data) events.push(value.data as Update);
          if (value.errors) errors.push(...value.errors);
        },
        error: (error) => {
          errors.push(error);
          resolve();
        },
        complete: resolve,
      },
    );
  });
  return { events, errors, done, close: () => client.dispose() };
}

describe('subscription transports', () => {
  it('delivers the same events over SSE and WebSocket, by session and by API token', async () => {
    const { createApiToken } = await api.ok<{ createApiToken: { data: { token: string } } }>(
      'mutation { createApiToken(input: { name: "ws", scopes: [CONNECTIONS_READ] }) { ... on MutationCreateApiTokenSuccess { data { token } } } }',
    );
    const listening = stack.listeners('connection-updated');
    const sse = api.subscribe<Update>(UPDATES);
    const bySession = wsSubscribe(`Bearer ${api.token}`);
    const byToken = wsSubscribe(`Bearer ${createApiToken.data.token}`);
    await listening.added(3);

    const keys = addBinanceAccount(stack.sim);
    const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(
      CONNECT_MUTATION,
      {
        input: {
          exchangeId: 'binance',
          label: 'Live twice',
          credentials: { apiKey: keys.apiKey, secret: keys.secret },
        },
      },
    );
    const id = connectExchange.data.id;
    await sse.waitFor((all) => all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'));
    await expect
      .poll(() =>
        [bySession, byToken].map((s) =>
          s.events.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'),
        ),
      )
      .toEqual([true, true]);
    const statuses = (events: Update[]) => [
      ...new Set(
        events
          .filter((e) => e.exchangeConnectionUpdated.id === id)
          .map((e) => e.exchangeConnectionUpdated.status),
      ),
    ];
    expect(statuses(bySession.events)).toEqual(statuses(sse.events));
    expect(statuses(byToken.events)).toEqual(statuses(sse.events));
    sse.close();
    await bySession.close();
    await byToken.close();
  });

  it('refuses an anonymous WebSocket subscription, and a token without the scope', async () => {
    const anonymous = wsSubscribe(null);
    await anonymous.done;
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
    await anonymous.close();

    const { createApiToken } = await api.ok<{ createApiToken: { data: { token: string } } }>(
      'mutation { createApiToken(input: { name: "portfolio only", scopes: [PORTFOLIO_READ] }) { ... on MutationCreateApiTokenSuccess { data { token } } } }',
    );
    const narrow = wsSubscribe(`Bearer ${createApiToken.data.token}`);
    await narrow.done;
    expect(JSON.stringify(narrow.errors)).toContain('FORBIDDEN');
    await narrow.close();
  });

  it('applies the same query limits over WebSocket', async () => {
    const deep = wsSubscribe(
      `Bearer ${api.token}`,
      `subscription { exchangeConnectionUpdated { ${'a { '.repeat(12)}id${' }'.repeat(12)} } }`,
    );
    await deep.done;
    expect(JSON.stringify(deep.errors)).toContain('QUERY_TOO_COMPLEX');
    await deep.close();
  });

  it('ends a token’s open subscriptions, over both transports, the moment it is revoked', async () => {
    const { createApiToken } = await api.ok<{
      createApiToken: { data: { token: string; apiToken: { id: string } } };
    }>(
      'mutation { createApiToken(input: { name: "live", scopes: [CONNECTIONS_READ, PORTFOLIO_READ] }) { ... on MutationCreateApiTokenSuccess { data { token apiToken { id } } } } }',
    );
    const { token, apiToken } = createApiToken.data;
    const tokenClient = new ApiClient(stack.apiUrl, token);
    const connectionListeners = stack.listeners('connection-updated');
    const portfolioListeners = stack.listeners('portfolio-updated');
    const revocationListeners = stack.listeners('token-revoked');
    const sse = tokenClient.subscribe<Update>(UPDATES);
    const overWs = wsSubscribe(`Bearer ${token}`, 'subscription { portfolioUpdated { total } }');
    const session = api.subscribe<Update>(UPDATES);
    await connectionListeners.added(2);
    await portfolioListeners.added();
    await revocationListeners.added(2);
    let ended = 0;
    void sse.done.then(() => (ended += 1));
    void overWs.done.then(() => (ended += 1));
    await api.ok('mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: apiToken.id });
    await expect.poll(() => ended, { timeout: 5_000 }).toBe(2);
    // the owner's own session stream goes on
    const keys = addBinanceAccount(stack.sim);
    await api.ok(CONNECT_MUTATION, {
      input: {
        exchangeId: 'binance',
        label: 'After revoke',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
      },
    });
    await session.waitFor((all) => all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'));
    session.close();
    await overWs.close();
  });

  it('ends a session’s open subscriptions, over both transports, when it signs out; other sessions go on', async () => {
    const leaving = await signedUpClient(stack.apiUrl);
    const connectionListeners = stack.listeners('connection-updated');
    const portfolioListeners = stack.listeners('portfolio-updated');
    const signOutListeners = stack.listeners('session-revoked');
    const sse = leaving.subscribe<Update>(UPDATES);
    const overWs = wsSubscribe(`Bearer ${leaving.token}`, 'subscription { portfolioUpdated { total } }');
    const staying = api.subscribe<Update>(UPDATES);
    await connectionListeners.added(2);
    await portfolioListeners.added();
    await signOutListeners.added(3);
    let ended = 0;
    void sse.done.then(() => (ended += 1));
    void overWs.done.then(() => (ended += 1));
    expect(await leaving.ok('mutation { signOut }')).toEqual({ signOut: true });
    await expect.poll(() => ended, { timeout: 5_000 }).toBe(2);
    expect(JSON.stringify(await leaving.request('{ viewer { id } }'))).toContain('"viewer":null');
    // another session's stream is not ended by it
    const keys = addBinanceAccount(stack.sim);
    await api.ok(CONNECT_MUTATION, {
      input: {
        exchangeId: 'binance',
        label: 'After sign-out',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
      },
    });
    await staying.waitFor((all) => all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'));
    staying.close();
    await overWs.close();
  });

  it('ends a session’s open subscription when the session expires', async () => {
    const brief = await signedUpClient(stack.apiUrl);
    // as if signed in 30 days ago: the session ends in a few seconds
    await stack.db.orm.em
      .getConnection()
      .execute(`update sessions set expires_at = now() + interval '3 seconds' where token_hash = ?`, [
        hashToken(brief.token!),
      ]);
    const listening = stack.listeners('connection-updated');
    const sse = brief.subscribe<Update>(UPDATES);
    let ended = false;
    void sse.done.then(() => (ended = true));
    await listening.added();
    expect(ended).toBe(false);
    await expect.poll(() => ended, { timeout: 9_000 }).toBe(true);
  });

  it('ends a token’s open subscription when the token expires, and still delivers events until then', async () => {
    const expiresAt = new Date(Date.now() + 5_000).toISOString();
    const { createApiToken } = await api.ok<{ createApiToken: { data: { token: string } } }>(
      `mutation ($expiresAt: DateTime) { createApiToken(input: { name: "short", scopes: [CONNECTIONS_READ], expiresAt: $expiresAt }) {
         ... on MutationCreateApiTokenSuccess { data { token } } } }`,
      { expiresAt },
    );
    const listening = stack.listeners('connection-updated');
    const sse = new ApiClient(stack.apiUrl, createApiToken.data.token).subscribe<Update>(UPDATES);
    let ended = false;
    void sse.done.then(() => (ended = true));
    await listening.added();
    const keys = addBinanceAccount(stack.sim);
    await api.ok(CONNECT_MUTATION, {
      input: {
        exchangeId: 'binance',
        label: 'Before expiry',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
      },
    });
    await sse.waitFor((all) => all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'));
    expect(ended).toBe(false);
    await expect.poll(() => ended, { timeout: 9_000 }).toBe(true);
  });
});
