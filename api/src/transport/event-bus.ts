// The api's side of the cross-process events (@keyport/events/topics): typed by topic, validated when published
// and when received; a payload that is not its topic's event is dropped and logged, never handed to a resolver.
import { channelOf, decodeEvent, type EventOf, encodeEvent, type Topic } from '@keyport/events/topics';
import { filter, map, type PubSub, pipe } from 'graphql-yoga';
import type { Logger } from 'pino';

export interface EventBus {
  publish<T extends Topic>(topic: T, event: EventOf<T>): void;
  /** The events of `topic` sent to the channel of `key` (an owner, a token, a session). */
  subscribe<T extends Topic>(topic: T, key: string): AsyncIterable<EventOf<T>>;
}

/** Channel name → the JSON a channel carries, as yoga's Redis event target delivers it. */
export type RawPubSub = PubSub<Record<string, [unknown]>>;

export function createEventBus(pubsub: RawPubSub, prefix: string, logger: Logger): EventBus {
  return {
    publish(topic, event) {
      const { channel } = encodeEvent(prefix, topic, event);
      pubsub.publish(channel, event);
    },
    subscribe<T extends Topic>(topic: T, key: string) {
      return pipe(
        pubsub.subscribe(channelOf(prefix, topic, key)),
        map((payload: unknown) => {
          const event = decodeEvent(topic, payload);
          if (!event) logger.warn({ topic }, 'dropped an event that is not its topic’s');
          return event;
        }),
        filter((event): event is EventOf<T> => event !== null),
      );
    },
  };
}
