// Live events across a Redis restart: pub/sub loses what is published while the api's subscriber link is
// down, so when it comes back every open subscription re-sends what it watches, read from PostgreSQL. Each
// event carries the connection's `version`; a subscriber keeps the highest per id.
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { type PrivateRedis, startPrivateRedis } from './private-redis';
import { addBinanceAccount } from './sim-accounts';

let redis: PrivateRedis;
let stack: Stack;

beforeAll(async () => {
  redis = await startPrivateRedis();
  stack = await startStack({ redisUrl: redis.url, worker: false });
});
afterAll(async () => {
  await redis?.start();
  await stack?.close();
  await redis?.stop();
});

const UPDATES = 'subscription { exchangeConnectionUpdated { id status label version } }';
interface Seen {
  id: string;
  status: string;
  label: string;
  version: number;
}
type Update = { exchangeConnectionUpdated: Seen };

/** What a subscriber holds: per connection, the event with the highest version. */
class Holder {
  readonly latest = new Map<string, Seen>();
  received = 0;
  readonly errors: unknown[] = [];

  take(event: Seen): void {
    this.received += 1;
    const held = this.latest.get(event.id);
    if (!held || event.version > held.version) this.latest.set(event.id, event);
  }
}

function sseSubscriber(api: ApiClient): { holder: Holder; close(): void } {
  const holder = new Holder();
  const subscription = api.subscribe<Update>(UPDATES);
  const poll = setInterval(() => {
    for (const event of subscription.events.splice(0)) holder.take(event.exchangeConnectionUpdated);
    holder.errors.push(...subscription.errors.splice(0));
  }, 20);
  return {
    holder,
    close: () => {
      clearInterval(poll);
      subscription.close();
    },
  };
}

function wsSubscriber(api: ApiClient): { holder: Holder; close(): void } {
  const holder = new Holder();
  const client = createWsClient({
    url: stack.apiUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.token}` },
    retryAttempts: 0,
  });
  client.subscribe<Update>(
    { query: UPDATES },
    {
      next: (value) => {
        if (value.data) holder.take((value.data as Update).exchangeConnectionUpdated);
        if (value.errors) holder.errors.push(...value.errors);
      },
      error: (error) => holder.errors.push(error),
      complete: () => {},
    },
  );
  return { holder, close: () => void client.dispose() };
}

async function connectMany(api: ApiClient, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const keys = addBinanceAccount(stack.sim);
    const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(
      CONNECT_MUTATION,
      {
        input: {
          exchangeId: 'binance',
          label: `${prefix} ${i}`,
          credentials: { apiKey: keys.apiKey, secret: keys.secret },
        },
      },
    );
    ids.push(connectExchange.data.id);
  }
  return ids;
}

async function current(ids: string[]): Promise<Map<string, Seen>> {
  const rows = await stack.db.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; status: string; label: string; revision: number }[]>(
      'select id, status, label, revision from exchange_connections where id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, status: r.status, label: r.label, version: r.revision }]),
  );
}

/** Connections whose state the holder does not have as the database has it now. */
async function staleIn(holder: Holder, ids: string[]): Promise<string[]> {
  const truth = await current(ids);
  return ids.filter((id) => {
    const held = holder.latest.get(id);
    const now = truth.get(id);
    return !held || held.status !== now?.status || held.label !== now.label;
  });
}

async function restartRedis(): Promise<void> {
  await redis.kill();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await redis.start();
}

describe('live events across a Redis restart', () => {
  it('re-sends every watched connection once the api is subscribed again, with what changed meanwhile', async () => {
    const api = await signedUpClient(stack.apiUrl);
    const workers = stack.startWorker();
    const ids = await connectMany(api, 3, 'Watched');
    await expect
      .poll(async () => [...(await current(ids)).values()].map((c) => c.status), { timeout: 30_000 })
      .toEqual(['CONNECTED', 'CONNECTED', 'CONNECTED']);
    await workers.close();
    stack.workers = null;
    const listening = stack.listeners('connection-updated');
    const subscribers = [sseSubscriber(api), wsSubscriber(api)];
    await listening.added(2);

    await redis.kill();
    // written while nobody could be told: another process's change whose notice was lost with Redis
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute("update exchange_connections set label = label || ' (renamed)' where id = ?", [ids[0]]);
    await redis.start();

    for (const { holder } of subscribers) {
      await expect.poll(() => staleIn(holder, ids), { timeout: 20_000 }).toEqual([]);
      expect(holder.latest.get(ids[0] as string)?.label).toMatch(/\(renamed\)$/);
      expect(holder.errors).toEqual([]);
    }
    for (const subscriber of subscribers) subscriber.close();
  });

  it('takes a connect while Redis is down and verifies it once Redis is back (the reconciler queues it)', async () => {
    const api = await signedUpClient(stack.apiUrl);
    if (!stack.workers) stack.startWorker();
    await redis.kill();
    const keys = addBinanceAccount(stack.sim);
    const answer = await api.ok<{
      connectExchange: { __typename: string; data: { id: string; status: string } };
    }>(CONNECT_MUTATION, {
      input: { exchangeId: 'binance', label: 'While Redis was down', credentials: keys },
    });
    expect(answer.connectExchange.__typename).toBe('MutationConnectExchangeSuccess');
    expect(answer.connectExchange.data.status).toBe('PENDING');
    await redis.start();
    const id = answer.connectExchange.data.id;
    await expect
      .poll(async () => (await current([id])).get(id)?.status, { timeout: 30_000 })
      .toBe('CONNECTED');
  });

  it('200 verifications with SSE and WebSocket subscribers, Redis killed and restarted midway: none left stale', async () => {
    const users = [await signedUpClient(stack.apiUrl), await signedUpClient(stack.apiUrl)];
    const listening = stack.listeners('connection-updated');
    const subscribers = users.flatMap((api) => [sseSubscriber(api), wsSubscriber(api)]);
    await listening.added(subscribers.length);
    const owned = [
      await connectMany(users[0] as ApiClient, 100, 'Busy'),
      await connectMany(users[1] as ApiClient, 100, 'Busy'),
    ];
    const all = owned.flat();
    // each exchange answer takes a while, so verifications are under way when Redis goes
    stack.sim.addFault({ kind: 'latency', delayMs: 100 });
    stack.startWorker();
    await expect
      .poll(async () => [...(await current(all)).values()].filter((c) => c.status === 'CONNECTED').length, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(40);
    await restartRedis();
    stack.sim.clearFaults();
    await expect
      .poll(async () => [...(await current(all)).values()].filter((c) => c.status !== 'CONNECTED').length, {
        timeout: 90_000,
      })
      .toBe(0);
    const stale: number[] = [];
    for (const [index, { holder }] of subscribers.entries()) {
      const ids = owned[Math.floor(index / 2)] as string[];
      await expect.poll(() => staleIn(holder, ids), { timeout: 20_000 }).toEqual([]);
      stale.push((await staleIn(holder, ids)).length);
      expect(holder.errors).toEqual([]);
    }
    console.info(
      `redis restart: ${stale.reduce((a, b) => a + b, 0)} stale final statuses across ${subscribers.length} subscribers`,
    );
    for (const subscriber of subscribers) subscriber.close();
  }, 240_000);
});
