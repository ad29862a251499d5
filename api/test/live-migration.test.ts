// A migration that adds columns while an api keeps serving: the hot statements it prepared on its pooled
// connections name their columns, so PostgreSQL replans them with the same result type and every request goes on.
import { randomBytes } from 'node:crypto';
import { preparedFallbacks } from '@keyport/db/prepared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';

let stack: Stack;
let owner: ApiClient;
let script: ApiClient;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  owner = await signedUpClient(stack.apiUrl);
  const { createApiToken } = await owner.ok<{ createApiToken: { data?: { token: string } } }>(
    `mutation ($input: CreateApiTokenInput!) {
       createApiToken(input: $input) { ... on MutationCreateApiTokenSuccess { data { token } } }
     }`,
    { input: { name: 'script', scopes: ['CONNECTIONS_READ', 'CONNECTIONS_WRITE', 'PORTFOLIO_READ'] } },
  );
  if (!createApiToken.data) throw new Error('no token');
  script = new ApiClient(stack.apiUrl, createApiToken.data.token);
});
afterAll(async () => {
  await stack?.close();
});

const sql = (query: string) => stack.db.orm.em.fork().getConnection().execute(query);
const random = () => randomBytes(12).toString('hex');

// every statement runPrepared sends on a request: session and token lookups, viewer, the page, its loaders
const READ = `{
  viewer { id email }
  exchangeConnections(first: 50) {
    id label status keyHint balances { asset total } events(first: 5) { kind toStatus }
  }
}`;
const ONE = 'query ($id: ID!) { exchangeConnection(id: $id) { id label balances { asset } } }';

interface Read {
  viewer: { id: string };
  exchangeConnections: { id: string; label: string; balances: { asset: string }[] }[];
}

async function connect(client: ApiClient, label: string): Promise<string> {
  const { connectExchange } = await client.ok<{
    connectExchange: { __typename: string; data?: { id: string } };
  }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'binance',
      label,
      credentials: { apiKey: `bn${random()}`, secret: `bs${random()}` },
    },
  });
  if (!connectExchange.data) throw new Error(`connect failed: ${JSON.stringify(connectExchange)}`);
  return connectExchange.data.id;
}

/** The api's backends: the pooled connections its requests ran on. */
async function apiBackends(): Promise<number[]> {
  const rows = (await sql(
    'select pid from pg_stat_activity where datname = current_database() order by pid',
  )) as { pid: number }[];
  return rows.map((row) => row.pid);
}

/** Every request kind, `rounds` times at once on each client, so each pooled connection prepares the statements. */
async function serveEverything(rounds: number, ids: string[]): Promise<Read[]> {
  const reads = await Promise.all(
    Array.from({ length: rounds }, (_, round) => [
      owner.ok<Read>(READ),
      script.ok<Read>(READ),
      (round % 2 ? owner : script).ok(ONE, { id: ids[round % ids.length] }),
    ]).flat(),
  );
  return reads.filter((read): read is Read => 'exchangeConnections' in read);
}

describe('a migration applied while the api serves', () => {
  it('adds columns to every hot table, and the same pooled connections go on answering reads and connects', async () => {
    const ids = [await connect(owner, 'Before 1'), await connect(script, 'Before 2')];
    await sql(
      `insert into balances (connection_id, account_type, asset, free, used, total, updated_at)
       values ('${ids[0]}', 'spot', 'BTC', 1, 0, 1, now())`,
    );
    const fallbacksBefore = preparedFallbacks();
    await serveEverything(6, ids);
    const backends = await apiBackends();
    expect(backends.length).toBeGreaterThan(1);

    for (const table of [
      'exchange_connections',
      'balances',
      'connection_events',
      'sessions',
      'api_tokens',
      'users',
    ])
      await sql(`alter table ${table} add column added_by_migration text not null default 'new'`);

    const reads = await serveEverything(6, ids);
    const after = [await connect(owner, 'After 1'), await connect(script, 'After 2')];
    const { exchangeConnections } = await owner.ok<Read>(READ);

    expect(exchangeConnections.map((c) => c.label)).toEqual(['Before 1', 'Before 2', 'After 1', 'After 2']);
    expect(exchangeConnections.map((c) => c.id)).toEqual([...ids, ...after]);
    for (const read of reads)
      expect(read.exchangeConnections.find((c) => c.id === ids[0])?.balances).toEqual([
        { asset: 'BTC', total: '1' },
      ]);
    // the statements were replanned as they were, not run again unprepared; the connections that served are still open
    expect(preparedFallbacks()).toBe(fallbacksBefore);
    expect(await apiBackends()).toEqual(expect.arrayContaining(backends));
  });
});
