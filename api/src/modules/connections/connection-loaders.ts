// Batched reads of what hangs off a connection. A list of N connections (or one event reaching N subscribers)
// asks for N things in the same event-loop turn; each loader answers them all with one plain-SQL query. They
// cache nothing, so no answer is older than the request or event it is for. Every key is a connection id the
// caller already holds as its owner's, so a batch mixing requests of several users leaks nothing.
import type { IBalance, IConnectionEvent, IExchangeConnection } from '@keyport/db/entities';
import { Balance, ConnectionEvent, ExchangeConnection } from '@keyport/db/entities';
import type { Orm } from '@keyport/db/orm';
import { plainRows, selectColumns } from '@keyport/db/plain-rows';
import { runPrepared } from '@keyport/db/prepared';
import { isUuid } from '@keyport/db/uuid';
import DataLoader from 'dataloader';

/** Page of a connection's audit trail: newest first, ids below `before`. */
export interface EventPage {
  connectionId: string;
  first: number;
  before: string | null;
}

export interface ConnectionLoaders {
  connection: DataLoader<string, IExchangeConnection | null>;
  balances: DataLoader<string, IBalance[]>;
  /** Labels of the owner's other live connections to the same exchange account. */
  sameAccountLabels: DataLoader<string, string[]>;
  events: DataLoader<EventPage, IConnectionEvent[]>;
}

type Row = Record<string, unknown>;

// one query per turn of the event loop, however deep in promise chains the loads were made
const BATCHING = {
  cache: false,
  batchScheduleFn: (run: () => void) => setImmediate(run),
  maxBatchSize: 1_000,
};

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function createLoaders(orm: Orm): ConnectionLoaders {
  // read for display only: plain rows, no entity manager
  const sql = async (query: string, params: unknown[]) =>
    (await runPrepared<Row>(orm.em, query, params)).rows;
  // a uuid[] parameter: PostgreSQL then knows how many ids there are and looks each up by index (a set-returning
  // function counts as 100 rows, which made it scan the whole table once it held ~20,000 connections)
  const idList = (ids: readonly string[]) => `{${[...new Set(ids)].filter((id) => isUuid(id)).join(',')}}`;
  const IDS = 'any(?::uuid[])';
  // columns by name, never `*`: a migration adding one would break these prepared statements for good
  const CONNECTION = selectColumns(orm.em, ExchangeConnection);
  const BALANCE = selectColumns(orm.em, Balance);
  const EVENT = selectColumns(orm.em, ConnectionEvent);

  return {
    connection: new DataLoader(async (ids) => {
      const rows = await sql(`select ${CONNECTION} from exchange_connections where id = ${IDS}`, [
        idList(ids),
      ]);
      const connections = plainRows<IExchangeConnection>(orm.em, ExchangeConnection, rows);
      const byId = new Map(connections.map((connection) => [connection.id, connection]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCHING),

    balances: new DataLoader(async (ids) => {
      const rows = await sql(
        `select ${BALANCE} from balances where connection_id = ${IDS} order by connection_id, account_type, asset`,
        [idList(ids)],
      );
      const groups = groupBy(plainRows<IBalance>(orm.em, Balance, rows), (balance) =>
        String(balance.connection),
      );
      return ids.map((id) => groups.get(id) ?? []);
    }, BATCHING),

    sameAccountLabels: new DataLoader(async (ids) => {
      const rows = await sql(
        `select c.id as connection_id, o.label from exchange_connections c
           join exchange_connections o on o.owner_id = c.owner_id and o.exchange_id = c.exchange_id
             and o.sandbox = c.sandbox and o.exchange_account_uid = c.exchange_account_uid
             and o.id <> c.id and o.deleted_at is null
          where c.id = ${IDS} order by o.label`,
        [idList(ids)],
      );
      const groups = groupBy(rows, (row) => String(row.connection_id));
      return ids.map((id) => (groups.get(id) ?? []).map((row) => String(row.label)));
    }, BATCHING),

    events: new DataLoader(async (pages) => {
      // pages asked with the same size and cursor share one windowed query
      const answers = new Map<EventPage, IConnectionEvent[]>();
      for (const group of groupBy(pages, (page) => `${page.first}:${page.before ?? ''}`).values()) {
        const { first, before } = group[0] as EventPage;
        const rows = await sql(
          `select ${EVENT} from (
               select ${EVENT}, row_number() over (partition by connection_id order by id desc) as page_rank
                 from connection_events
                where connection_id = ${IDS} ${before ? 'and id < ?' : ''}
             ) ranked where page_rank <= ? order by connection_id, id desc`,
          [idList(group.map((page) => page.connectionId)), ...(before ? [before] : []), first],
        );
        const events = groupBy(plainRows<IConnectionEvent>(orm.em, ConnectionEvent, rows), (event) =>
          String(event.connection),
        );
        for (const page of group) answers.set(page, events.get(page.connectionId) ?? []);
      }
      return pages.map((page) => answers.get(page) ?? []);
    }, BATCHING),
  };
}

const perOrm = new WeakMap<Orm, ConnectionLoaders>();

/** The loaders of one ORM (one per api process; tests have one each). */
export function connectionLoaders(orm: Orm): ConnectionLoaders {
  let loaders = perOrm.get(orm);
  if (!loaders) {
    loaders = createLoaders(orm);
    perOrm.set(orm, loaders);
  }
  return loaders;
}
