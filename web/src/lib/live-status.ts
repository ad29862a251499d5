// What the live (SSE) link is doing, for the header's indicator and for re-querying after a reconnect.
import { useSyncExternalStore } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

let state: LiveState = 'connecting';
let linkUps = 0;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const liveStatus = {
  connecting(reconnecting: boolean) {
    state = reconnecting ? 'reconnecting' : state === 'live' ? 'live' : 'connecting';
    emit();
  },
  connected() {
    state = 'live';
    // every link that comes up, the first included: what changed between the server render and the
    // stream opening was announced to nobody, so views fetch again
    linkUps += 1;
    emit();
  },
  lost() {
    state = 'reconnecting';
    emit();
  },
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => 'connecting',
  );
}

/** Grows by one each time a live link comes up (first time or after a break): views re-query what they may have missed. */
export function useReconnects(): number {
  return useSyncExternalStore(
    subscribe,
    () => linkUps,
    () => 0,
  );
}
