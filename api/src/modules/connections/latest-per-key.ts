/**
 * Reads `source` eagerly and hands the consumer, per key, only the newest item not yet taken. A live view
 * re-reads the row on every notice, so notices that queued up for one connection while the consumer was
 * busy would all read the same latest row: keeping the last one loses nothing and saves the repeats.
 * Keys keep the place of their first waiting notice, so a busy connection cannot starve the others.
 */
export function latestPerKey<T>(
  source: AsyncIterable<T>,
  keyOf: (item: T) => string,
): AsyncIterableIterator<T> {
  const upstream = source[Symbol.asyncIterator]();
  const pending = new Map<string, T>();
  let waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;

  const settle = () => {
    if (!waiter) return;
    const oldest = pending.entries().next();
    const current = waiter;
    if (!oldest.done) {
      waiter = undefined;
      pending.delete(oldest.value[0]);
      current.resolve({ value: oldest.value[1], done: false });
    } else if (failure) {
      waiter = undefined;
      current.reject(failure.error);
    } else if (finished) {
      waiter = undefined;
      current.resolve({ value: undefined, done: true });
    }
  };

  void (async () => {
    try {
      for (;;) {
        const next = await upstream.next();
        if (next.done || finished) break;
        pending.set(keyOf(next.value), next.value);
        settle();
      }
    } catch (error) {
      if (!finished) failure = { error };
    } finally {
      finished = true;
      settle();
    }
  })();

  const stop = async (): Promise<IteratorResult<T>> => {
    const wasRunning = !finished;
    finished = true;
    pending.clear();
    settle();
    if (wasRunning) await upstream.return?.();
    return { value: undefined, done: true };
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (waiter) return Promise.reject(new Error('latestPerKey: one next() at a time'));
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiter = { resolve, reject };
        settle();
      });
    },
    return: stop,
    throw: async (error: unknown) => {
      await stop();
      throw error;
    },
  };
}
