// Redis pub/sub is at-most-once: while the api's subscriber connection is down (Redis restarted, failed over,
// the network cut), every notice published meanwhile is lost. When it is back, each open subscription re-sends
// the current state of what it watches, read from PostgreSQL, so no live view is left silently stale.
import { Repeater } from 'graphql-yoga';
import type { Redis } from 'ioredis';

export type ResyncListener = (lostAt: Date) => void;

export class RedisResync {
  readonly #listeners = new Set<ResyncListener>();
  #lostAt: Date | null = null;

  /** Watches the subscriber connection: once it is back and subscribed again, every listener hears it. */
  track(subscriber: Redis): this {
    subscriber.on('close', () => {
      this.#lostAt ??= new Date();
    });
    subscriber.on('ready', () => {
      const lostAt = this.#lostAt;
      if (!lostAt) return;
      // ioredis re-sends SUBSCRIBE before 'ready'; a PING answered after them means they are in place
      subscriber.ping().then(
        () => {
          if (this.#lostAt !== lostAt) return;
          this.#lostAt = null;
          for (const listener of this.#listeners) listener(lostAt);
        },
        () => {},
      );
    });
    return this;
  }

  /** Calls `listener` after each reconnection with when the link was lost; the returned function stops it. */
  onResync(listener: ResyncListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subscriptions open now (each registers one listener). */
  get listening(): number {
    return this.#listeners.size;
  }
}

/**
 * A stream of what `load` gives each time the subscriber connection came back: merged into a subscription's
 * notices, it makes the subscription re-send the current state of everything it watches.
 */
export function resentOnReconnect<T>(
  resync: RedisResync,
  load: (lostAt: Date) => Promise<readonly T[]>,
  onError: (error: Error) => void,
): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const off = resync.onResync((lostAt) => {
      load(lostAt).then(async (items) => {
        for (const item of items) await push(item);
      }, onError);
    });
    await stop;
    off();
  });
}
