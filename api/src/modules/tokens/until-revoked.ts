// Live views end with the token or session they were opened with: revoked (a token revoked, a session signed
// out, told through Redis to every api instance) or expired.
import type { ApiDeps, Viewer } from '../../context';

/** Tells every api instance to end the token's open subscriptions. */
export function announceRevocation(deps: ApiDeps, tokenId: string): void {
  deps.events.publish('token-revoked', { tokenId, at: Date.now() });
}

/** Tells every api instance to end the signed-out session's open subscriptions. */
export function announceSignOut(deps: ApiDeps, sessionId: string): void {
  deps.events.publish('session-revoked', { sessionId, at: Date.now() });
}

/** The events that end this viewer's streams, and when its credential expires (null: never). */
function endOf(
  deps: ApiDeps,
  viewer: Viewer,
): { revoked: AsyncIterable<unknown>; expiresAt: Date | null } | null {
  if (viewer.tokenId)
    return {
      revoked: deps.events.subscribe('token-revoked', viewer.tokenId),
      expiresAt: viewer.tokenExpiresAt ?? null,
    };
  if (viewer.sessionId)
    return {
      revoked: deps.events.subscribe('session-revoked', viewer.sessionId),
      expiresAt: viewer.sessionExpiresAt ?? null,
    };
  return null;
}

const STOP = Symbol('stop');
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `source`, until the viewer's token is revoked or expires, or its session is signed out or expires. Ending
 * returns the source, so its Redis subscription is released too.
 */
export function untilRevoked<T>(source: AsyncIterable<T>, deps: ApiDeps, viewer: Viewer): AsyncIterable<T> {
  const end = endOf(deps, viewer);
  if (!end) return source;
  const revoked = end.revoked[Symbol.asyncIterator]();
  const expiresAt = end.expiresAt?.getTime() ?? null;
  return (async function* () {
    const upstream = source[Symbol.asyncIterator]();
    let timer: NodeJS.Timeout | undefined;
    const stops: Promise<typeof STOP>[] = [revoked.next().then(() => STOP)];
    if (expiresAt !== null)
      stops.push(
        new Promise((resolve) => {
          // a timer fires at once past 2^31-1 ms (24.8 days, less than a session lasts): re-armed in steps
          const arm = () => {
            const left = expiresAt - Date.now();
            timer = left > 0 ? setTimeout(arm, Math.min(left, MAX_TIMER_MS)) : undefined;
            if (left <= 0) resolve(STOP);
          };
          arm();
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
