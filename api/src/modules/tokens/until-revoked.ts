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
    const stopped = Promise.race(stops);
    try {
      for (;;) {
        const next = await Promise.race([upstream.next(), stopped]);
        if (next === STOP || next.done) return;
        yield next.value;
      }
    } finally {
      clearTimeout(timer);
      await Promise.allSettled([upstream.return?.(), revoked.return?.()]);
    }
  })();
}
