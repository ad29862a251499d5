// The denominator of bench/api: graphql-yoga with no plugins of ours (no auth, no limits, no database), on
// node:http, answering `{ __typename }` and one subscription fed by @graphql-yoga/redis-event-target, as
// research/baselines.md measured it. Prints {"url": …} once it listens.
import { createServer } from 'node:http';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';

const topic = process.env.BARE_TOPIC ?? 'bench-bare:tick';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pubsub = createPubSub<{ [topic]: [string] }>({
  eventTarget: createRedisEventTarget({
    publishClient: new Redis(redisUrl),
    subscribeClient: new Redis(redisUrl),
  }),
});

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { ok: Boolean } type Subscription { tick: String! }',
    resolvers: {
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
