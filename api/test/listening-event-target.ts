// The api's real Redis event target, counting listeners per topic kind once Redis has them, so a test
// waits for a stream to be listening instead of sleeping and hoping (a slow CI run lost events).
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';

export type TopicKind = 'connection-updated' | 'portfolio-updated' | 'token-revoked' | 'session-revoked';

export interface ListenerWatch {
  /** Resolves once `count` listeners of the kind were subscribed in Redis since the watch began. */
  added(count?: number, timeoutMs?: number): Promise<void>;
}

export function listeningEventTarget(publishClient: Redis, subscribeClient: Redis) {
  const target = createRedisEventTarget({ publishClient, subscribeClient });
  // listeners ever added, per kind: a watch compares against its start, so closing streams can't fool it
  const added = new Map<string, number>();
  const kindOf = (topic: string) => topic.split(':').at(-2) ?? topic;
  return {
    eventTarget: {
      ...target,
      addEventListener(...args: Parameters<typeof target.addEventListener>) {
        target.addEventListener(...args);
        const kind = kindOf(args[0]);
        // a PING answered on the subscriber connection comes after its SUBSCRIBE was applied
        void subscribeClient.ping().then(() => added.set(kind, (added.get(kind) ?? 0) + 1));
      },
    },
    watch(kind: TopicKind): ListenerWatch {
      const start = added.get(kind) ?? 0;
      return {
        async added(count = 1, timeoutMs = 20_000) {
          const deadline = Date.now() + timeoutMs;
          while ((added.get(kind) ?? 0) - start < count) {
            if (Date.now() > deadline)
              throw new Error(`no ${count} new ${kind} listeners in ${timeoutMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
      };
    },
  };
}
