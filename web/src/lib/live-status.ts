// What the live (SSE) link is doing, for the header's indicator and for re-querying after a reconnect.
import { useSyncExternalStore } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

let state: LiveState = 'connecting';
let reconnects = 0;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const liveStatus = {
  connecting(reconnecting: boolean) {
    state = reconnecting ? 'reconnecting' : state === 'live' ? 'live' : 'connecting';
    emit();
  },
  connected(reconnected: boolean) {
    state = 'live';
    if (reconnected) reconnects += 1;
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

/** Grows by one each time a live link comes back after a break: views re-query what they may have missed. */
export function useReconnects(): number {
  return useSyncExternalStore(
    subscribe,
    () => reconnects,
    () => 0,
  );
}
