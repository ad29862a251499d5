'use client';

import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { type ReactNode, useState } from 'react';
import { Client, cacheExchange, fetchExchange, mapExchange, Provider, subscriptionExchange } from 'urql';
import { liveStatus } from '../lib/live-status';

let sse: SseClient | undefined;

// Created in the browser only, on first use: the server never opens a stream.
function sseClient(): SseClient {
  sse ??= createSseClient({
    url: '/graphql',
    credentials: 'same-origin',
    retryAttempts: Number.POSITIVE_INFINITY,
    // 1 s, 2 s, 4 s … capped at 15 s, with jitter so a restarted API is not hit by every tab at once
    retry: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(15_000, 1000 * 2 ** retries) * (0.5 + Math.random())),
      ),
  });
  return sse;
}

type Sink = { next(value: unknown): void; error(error: unknown): void; complete(): void };

// Live links to restart when the browser comes back online: a stream that died with the network may
// never report it (SSE pings are not surfaced), so each one is reopened and its view re-queries.
const restarts = new Set<() => void>();
if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => liveStatus.lost());
  window.addEventListener('online', () => {
    for (const restart of restarts) restart();
  });
}

function liveSubscription(request: { query: string; variables?: Record<string, unknown> }, sink: Sink) {
  let generation = 0;
  let cancel: () => void = () => {};
  const open = (reopened: boolean) => {
    const mine = ++generation;
    const current = () => mine === generation;
    cancel = sseClient().subscribe(
      request,
      {
        next: (value) => current() && sink.next(value),
        error: (error) => {
          if (!current()) return;
          liveStatus.lost();
          sink.error(error);
        },
        complete: () => current() && sink.complete(),
      },
      {
        connecting: (reconnecting) => current() && liveStatus.connecting(reconnecting || reopened),
        connected: () => current() && liveStatus.connected(),
      },
    );
  };
  const restart = () => {
    const previous = cancel;
    open(true);
    previous();
  };
  liveStatus.opened();
  open(false);
  restarts.add(restart);
  return () => {
    restarts.delete(restart);
    generation += 1;
    cancel();
    liveStatus.closed();
  };
}

function createApiClient(): Client {
  return new Client({
    url: '/graphql',
    // the API only takes POST (cookie sessions + CSRF safety)
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      // a session that ended (signed out elsewhere, expired) sends the user to sign in again
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
            const locale = window.location.pathname.split('/')[1] || 'en';
            window.location.assign(`/${locale}/sign-in`);
          }
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (operation) => ({
          subscribe: (sink) => ({
            unsubscribe: liveSubscription(
              { ...operation, query: operation.query ?? '' },
              sink as unknown as Sink,
            ),
          }),
        }),
      }),
    ],
  });
}

/** The one urql client of the dashboard (queries, mutations, SSE subscriptions) on the same origin. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createApiClient);
  return <Provider value={client}>{children}</Provider>;
}
