'use client';

import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { type ReactNode, useState } from 'react';
import { Client, cacheExchange, fetchExchange, Provider, subscriptionExchange } from 'urql';
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

function createApiClient(): Client {
  return new Client({
    url: '/graphql',
    // the API only takes POST (cookie sessions + CSRF safety)
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (operation) => ({
          subscribe: (sink) => ({
            unsubscribe: sseClient().subscribe(
              { ...operation, query: operation.query ?? '' },
              {
                next: (value) => sink.next(value as never),
                error: (error) => {
                  liveStatus.lost();
                  sink.error(error);
                },
                complete: () => sink.complete(),
              },
              {
                connecting: (reconnecting) => liveStatus.connecting(reconnecting),
                connected: (reconnected) => liveStatus.connected(reconnected),
              },
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
