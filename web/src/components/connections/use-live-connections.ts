'use client';

import { useEffect, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import type { FragmentOf } from '../../graphql/graphql';
import { freshest } from '../../lib/freshest';
import { useReconnects } from '../../lib/live-status';
import {
  type ConnectionRowFragment,
  ConnectionRowUpdated,
  ConnectionsQuery,
} from './connection-row.fragment';

type Row = FragmentOf<typeof ConnectionRowFragment>;
// masked fragment data still carries the id at runtime; read it without unmasking the rest
const idOf = (row: Row) => (row as unknown as { id: string }).id;
const deleted = (row: Row) => Boolean((row as unknown as { deletedAt: string | null }).deletedAt);
const stamp = (row: Row) => (row as unknown as { updatedAt: string }).updatedAt;

/**
 * The viewer's connections as the server rendered them, kept current: each live event replaces its row
 * (or adds a new one, or drops a deleted one), and after a broken live link the list is fetched again.
 */
export function useLiveConnections(initial: readonly Row[]): Row[] {
  const [rows, setRows] = useState<Row[]>([...initial]);
  const client = useClient();
  const reconnects = useReconnects();

  useSubscription({ query: ConnectionRowUpdated }, (_previous, event) => {
    const row = event.exchangeConnectionUpdated;
    setRows((current) => {
      if (deleted(row)) return current.filter((r) => idOf(r) !== idOf(row));
      const index = current.findIndex((r) => idOf(r) === idOf(row));
      if (index === -1) return [...current, row];
      // a re-query answer can land after a newer live event: keep the row the server wrote last
      return current.with(index, freshest(current[index], row, stamp));
    });
    return event;
  });

  useEffect(() => {
    if (reconnects === 0) return;
    void client
      .query(ConnectionsQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        const fetched = result.data?.exchangeConnections;
        if (!fetched) return;
        // the list as the server has it now, each row kept as it is here when a live event brought a newer one
        setRows((current) =>
          fetched.map((row) => {
            const mine = current.find((r) => idOf(r) === idOf(row));
            return freshest(mine, row, stamp);
          }),
        );
      });
  }, [reconnects, client]);

  return rows;
}
