// The denominators of bench/api: graphql-yoga with no plugins of ours (no auth, no limits) on node:http,
// answering `{ __typename }` and one subscription fed by @graphql-yoga/redis-event-target, as
// ../shared/research/baselines.md measured it; and, with BARE_DATABASE_URL, the same connections-and-balances read in
// two plain pg queries (the floor of any read that hits the database). Prints {"url": …} once it listens.
import { createServer } from 'node:http';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';
import pg from 'pg';

const topic = process.env.BARE_TOPIC ?? 'bench-bare:tick';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pubsub = createPubSub<{ [topic]: [string] }>({
  eventTarget: createRedisEventTarget({
    publishClient: new Redis(redisUrl),
    subscribeClient: new Redis(redisUrl),
  }),
});
// the api's pool size
const pool = process.env.BARE_DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 })
  : null;

type Row = Record<string, unknown>;

async function connectionsOf(owner: string): Promise<Row[]> {
  if (!pool) throw new Error('no BARE_DATABASE_URL');
  const { rows: connections } = await pool.query(
    `select id, label, exchange_id as "exchangeId", status, last_synced_at as "lastSyncedAt"
       from exchange_connections where owner_id = $1 and deleted_at is null order by created_at, id limit 100`,
    [owner],
  );
  const { rows: balances } = await pool.query(
    `select connection_id, account_type as "accountType", asset, free, used, total from balances
      where connection_id = any($1) order by connection_id, account_type, asset`,
    [connections.map((c) => c.id)],
  );
  const byConnection = new Map<string, Row[]>();
  for (const balance of balances) {
    const list = byConnection.get(String(balance.connection_id)) ?? [];
    list.push(balance);
    byConnection.set(String(balance.connection_id), list);
  }
  return connections.map((c) => ({
    ...c,
    lastSyncedAt: c.lastSyncedAt instanceof Date ? c.lastSyncedAt.toISOString() : null,
    balances: byConnection.get(String(c.id)) ?? [],
  }));
}

const yoga = createYoga({
  schema: createSchema({
    typeDefs: `
      type Balance { accountType: String! asset: String! free: String! used: String! total: String! }
      type Connection { id: ID! label: String! exchangeId: String! status: String! lastSyncedAt: String balances: [Balance!]! }
      type Query { ok: Boolean connections(owner: ID!): [Connection!]! }
      type Subscription { tick: String! }`,
    resolvers: {
      Query: { connections: (_root: unknown, { owner }: { owner: string }) => connectionsOf(owner) },
      Subscription: {
        tick: { subscribe: () => pubsub.subscribe(topic), resolve: (payload: string) => payload },
      },
    },
  }),
  logging: false,
  graphiql: false,
  landingPage: false,
});

const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
