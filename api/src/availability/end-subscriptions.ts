// Ends every open subscription on demand (SSE and graphql-ws alike, both run through yoga's subscribe): on
// shutdown each stream completes properly instead of being cut with its socket.
import { isAsyncIterable, type Plugin, Repeater } from 'graphql-yoga';

export class OpenSubscriptions {
  private readonly open = new Set<() => void>();
  private ended = false;

  /** Completes every open subscription, and any started from now on. */
  endAll(): void {
    this.ended = true;
    for (const stop of [...this.open]) stop();
  }

  get size(): number {
    return this.open.size;
  }

  /** `source` until `endAll`; returning it (the client left) returns the source. */
  track<T>(source: AsyncIterable<T>): AsyncIterableIterator<T> {
    return new Repeater<T>(async (push, stop) => {
      const upstream = source[Symbol.asyncIterator]();
      let finished = this.ended;
      // one reaction on `stop` for the whole stream, not one per event
      let wake: (() => void) | undefined;
      void stop.then(() => {
        finished = true;
        wake?.();
      });
      this.open.add(stop);
      try {
        while (!finished) {
          const next = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
            wake = () => resolve(null);
            upstream.next().then(resolve, reject);
          });
          wake = undefined;
          if (!next || next.done) break;
          await push(next.value);
        }
      } finally {
        this.open.delete(stop);
        // not awaited: a generator waiting on its next event only returns after that event
        void upstream.return?.();
      }
    });
  }

  plugin(): Plugin {
    return {
      onSubscribe: () => ({
        onSubscribeResult: ({ result, setResult }) => {
          if (isAsyncIterable(result)) setResult(this.track(result));
        },
      }),
    };
  }
}
