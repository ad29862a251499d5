// A token's live views end with the token: revoked (told through Redis to every api instance) or expired.
import type { ApiDeps, Viewer } from '../../context';

export function tokenRevokedTopic(prefix: string, tokenId: string): string {
  return `${prefix}:token-revoked:${tokenId}`;
}

/** Tells every api instance to end the token's open subscriptions. */
export function announceRevocation(deps: ApiDeps, tokenId: string): void {
  deps.pubsub.publish(tokenRevokedTopic(deps.redisPrefix, tokenId), { tokenId, at: Date.now() });
}

const STOP = Symbol('stop');

/**
 * `source`, until the viewer's token is revoked or expires (sessions: unchanged). Ending returns the
 * source, so its Redis subscription is released too.
 */
export function untilRevoked<T>(source: AsyncIterable<T>, deps: ApiDeps, viewer: Viewer): AsyncIterable<T> {
  if (!viewer.tokenId) return source;
  const revoked = deps.pubsub
    .subscribe(tokenRevokedTopic(deps.redisPrefix, viewer.tokenId))
    [Symbol.asyncIterator]();
  const expiresIn = viewer.tokenExpiresAt ? viewer.tokenExpiresAt.getTime() - Date.now() : null;
  return (async function* () {
    const upstream = source[Symbol.asyncIterator]();
    let timer: NodeJS.Timeout | undefined;
    const stops: Promise<typeof STOP>[] = [revoked.next().then(() => STOP)];
    if (expiresIn !== null)
      stops.push(
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(STOP), Math.max(0, expiresIn));
        }),
      );
    // one reaction on the stop for the whole subscription: racing it anew per event would pile up a
    // callback per event on a promise that may never settle
    let wake: ((stop: typeof STOP) => void) | undefined;
    let stopped = false;
    void Promise.race(stops).then(() => {
      stopped = true;
      wake?.(STOP);
    });
    try {
      while (!stopped) {
        const next = await new Promise<IteratorResult<T> | typeof STOP>((resolve, reject) => {
          wake = resolve;
          upstream.next().then(resolve, reject);
        });
        wake = undefined;
        if (next === STOP || next.done) return;
        yield next.value;
      }
    } finally {
      clearTimeout(timer);
      await Promise.allSettled([upstream.return?.(), revoked.return?.()]);
    }
  })();
}
