// Portfolio reads and history writes in plain SQL: they run for every user on every refresh or sweep.
import type { EntityManager } from '@mikro-orm/core';

export interface HoldingRow {
  connectionId: string;
  exchangeId: string;
  asset: string;
  /** Exact decimal string. */
  total: string;
}

/**
 * Every current balance of the owner's live connections, each exchange account's wallet counted once: when
 * two connections read the same account (keys of one exchange uid), the wallet comes from the one read last.
 */
export async function loadHoldings(em: EntityManager, ownerId: string): Promise<HoldingRow[]> {
  const rows = await em
    .getConnection()
    .execute<{ connection_id: string; exchange_id: string; asset: string; total: string }[]>(
      `select connection_id, exchange_id, asset, total from (
         select b.connection_id, c.exchange_id, b.asset, b.total::text as total, c.created_at,
                dense_rank() over (
                  partition by c.exchange_id, c.sandbox, coalesce(c.exchange_account_uid, c.id::text), b.account_type
                  order by c.last_synced_at desc nulls last, c.created_at desc, c.id
                ) as pick
           from balances b join exchange_connections c on c.id = b.connection_id
          where c.owner_id = ? and c.deleted_at is null
       ) held
       where pick = 1
       order by created_at, asset`,
      [ownerId],
    );
  return rows.map((r: { connection_id: string; exchange_id: string; asset: string; total: string }) => ({
    connectionId: r.connection_id,
    exchangeId: r.exchange_id,
    asset: r.asset,
    total: r.total,
  }));
}

/** Owners with at least one connected account: those whose portfolio history grows. */
export async function ownersWithConnectedAccounts(em: EntityManager): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ owner_id: string }[]>(
      "select distinct owner_id from exchange_connections where deleted_at is null and status = 'CONNECTED'",
    );
  return rows.map((r: { owner_id: string }) => r.owner_id);
}

export interface SnapshotValues {
  ownerId: string;
  takenAt: Date;
  valueUsd: string | null;
  valueEur: string | null;
  valueBtc: string | null;
  complete: boolean;
}

export async function insertSnapshot(em: EntityManager, s: SnapshotValues): Promise<void> {
  await em
    .getConnection()
    .execute(
      'insert into portfolio_snapshots (owner_id, taken_at, value_usd, value_eur, value_btc, complete) values (?, ?, ?, ?, ?, ?)',
      [s.ownerId, s.takenAt, s.valueUsd, s.valueEur, s.valueBtc, s.complete],
      'run',
    );
}

/**
 * Keeps history small as it ages: every point of the last day, one an hour (the first) up to 30 days,
 * one a day beyond.
 */
export async function downsampleSnapshots(em: EntityManager, now = new Date()): Promise<number> {
  const sql = (bucket: 'hour' | 'day', from: string, to: string | null) =>
    `delete from portfolio_snapshots s using (
       select id, row_number() over (partition by owner_id, date_trunc('${bucket}', taken_at) order by taken_at) as rn
       from portfolio_snapshots
       where taken_at < ?::timestamptz - interval '${from}' ${to ? `and taken_at >= ?::timestamptz - interval '${to}'` : ''}
     ) d where s.id = d.id and d.rn > 1`;
  const hourly = await em
    .getConnection()
    .execute<{ affectedRows: number }>(sql('hour', '1 day', '30 days'), [now, now], 'run');
  const daily = await em
    .getConnection()
    .execute<{ affectedRows: number }>(sql('day', '30 days', null), [now], 'run');
  return hourly.affectedRows + daily.affectedRows;
}

export type HistoryQuote = 'USD' | 'EUR' | 'BTC';
const COLUMN: Record<HistoryQuote, string> = { USD: 'value_usd', EUR: 'value_eur', BTC: 'value_btc' };

/** The owner's points since `since`, oldest first, in one quote. */
export async function loadHistory(
  em: EntityManager,
  ownerId: string,
  since: Date,
  quote: HistoryQuote,
): Promise<{ at: Date; value: string | null; complete: boolean }[]> {
  const rows = await em
    .getConnection()
    .execute<{ taken_at: string | Date; value: string | null; complete: boolean }[]>(
      `select taken_at, ${COLUMN[quote]}::text as value, complete from portfolio_snapshots
       where owner_id = ? and taken_at >= ? order by taken_at limit 2000`,
      [ownerId, since],
    );
  return rows.map((r: { taken_at: string | Date; value: string | null; complete: boolean }) => ({
    at: new Date(r.taken_at),
    value: r.value === null ? null : r.value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
    complete: r.complete,
  }));
}
