// What the live (SSE) link is doing, for the header's indicator and for re-querying after a reconnect.
import { useSyncExternalStore } from 'react';

// idle: no view on this page holds a live stream, so there is nothing to be live or to wait for
export type LiveState = 'idle' | 'connecting' | 'live' | 'reconnecting';

let state: LiveState = 'idle';
let linkUps = 0;
let open = 0;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const liveStatus = {
  /** A view opened a live subscription. */
  opened() {
    open += 1;
    if (state === 'idle') state = 'connecting';
    emit();
  },
  /** A view closed its live subscription; the last one closed leaves nothing to report on. */
  closed() {
    open = Math.max(0, open - 1);
    if (open === 0) state = 'idle';
    emit();
  },
  connecting(reconnecting: boolean) {
    if (open === 0) return;
    state = reconnecting ? 'reconnecting' : state === 'live' ? 'live' : 'connecting';
    emit();
  },
  connected() {
    if (open === 0) return;
    state = 'live';
    // every link that comes up, the first included: what changed between the server render and the
    // stream opening was announced to nobody, so views fetch again
    linkUps += 1;
    emit();
  },
  lost() {
    if (open === 0) return;
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
    () => 'idle',
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
