// A refresh job's reads and writes for all its accounts at once. On this kind of machine every statement
// costs more in socket writes and parsing than in work (measured: two statements per refresh were ~40% of the
// worker's CPU and most of PostgreSQL's), so a batch of accounts shares one load and one write.
import type { EntityManager } from '@mikro-orm/core';
import {
  type BalanceRow,
  toWorkerRow,
  WORKER_COLUMNS,
  type WorkerConnectionRow,
  type WorkerRowRecord,
} from './connection-change-sql';

export interface RefreshRef {
  connectionId: string;
  credentialVersion: number;
  /** The sweeper's claim the job was queued with; none for a "refresh now". */
  claim?: string;
}

/**
 * The rows of `refs` still live on the job's key version, in one query; the others are left out, and so is
 * a row claimed again since the job was queued (a newer job has it).
 */
export async function loadWorkerConnections(
  em: EntityManager,
  refs: readonly RefreshRef[],
): Promise<WorkerConnectionRow[]> {
  if (refs.length === 0) return [];
  const rows: WorkerRowRecord[] = await em
    .getConnection()
    .execute<WorkerRowRecord[]>(`select ${WORKER_COLUMNS} from exchange_connections where id in (?)`, [
      refs.map((r) => r.connectionId),
    ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return refs.flatMap((ref) => {
    const row = byId.get(ref.connectionId);
    const live = row ? toWorkerRow(row, ref.credentialVersion) : null;
    if (ref.claim !== undefined && live?.claim !== ref.claim) return [];
    return live ? [live] : [];
  });
}

/** The stored balances of these connections, by connection id, amounts without trailing zeros. */
export async function loadStoredBalances(
  em: EntityManager,
  connectionIds: readonly string[],
): Promise<Map<string, BalanceRow[]>> {
  const stored = new Map<string, BalanceRow[]>();
  if (connectionIds.length === 0) return stored;
  const rows = await em.getConnection().execute<
    {
      connection_id: string;
      account_type: string;
      asset: string;
      free: string;
      used: string;
      total: string;
    }[]
  >(
    'select connection_id, account_type, asset, free::text, used::text, total::text from balances where connection_id in (?)',
    [connectionIds],
  );
  for (const row of rows) {
    const list = stored.get(row.connection_id) ?? [];
    list.push({
      accountType: row.account_type,
      asset: row.asset,
      free: plainDecimal(row.free),
      used: plainDecimal(row.used),
      total: plainDecimal(row.total),
    });
    stored.set(row.connection_id, list);
  }
  return stored;
}

/**
 * Whether `read` holds exactly the stored amounts of the wallets it read (wallets in `kept` were not read and
 * are left out of the comparison). Exact text after trimming zeros: anything it cannot tell apart this way
 * (more than 18 decimals, say) counts as changed and goes through the full write, which compares numerically.
 */
export function sameBalances(
  stored: readonly BalanceRow[],
  read: readonly BalanceRow[],
  kept: readonly string[] = [],
): boolean {
  const compared = stored.filter((b) => !kept.includes(b.accountType));
  if (compared.length !== read.length) return false;
  const byKey = new Map(compared.map((b) => [`${b.accountType}\u0000${b.asset}`, b]));
  return read.every((b) => {
    const s = byKey.get(`${b.accountType}\u0000${b.asset}`);
    return (
      s !== undefined &&
      s.free === plainDecimal(b.free) &&
      s.used === plainDecimal(b.used) &&
      s.total === plainDecimal(b.total)
    );
  });
}

export interface Refreshed {
  connectionId: string;
  credentialVersion: number;
  /** last_synced_at as loaded: a refresh written meanwhile (with other amounts) wins over this one. */
  syncedText: string | null;
  unreadableWallets: { wallet: string; reason: string }[] | null;
}

export interface RefreshedRow {
  id: string;
  ownerId: string;
  status: string;
  progressStep: string | null;
}

/**
 * Marks accounts read with unchanged balances: synced now, claim cleared, unreadable wallets noted; one
 * statement, each row only while it is live on the job's key version and no other refresh was written since
 * it was loaded. Returns the rows it wrote.
 */
export async function markRefreshed(em: EntityManager, items: readonly Refreshed[]): Promise<RefreshedRow[]> {
  if (items.length === 0) return [];
  const now = new Date();
  const rows: { id: string; owner_id: string; status: string; progress_step: string | null }[] = await em
    .getConnection()
    .execute(
      `update exchange_connections c
     set last_synced_at = ?, updated_at = ?, refresh_queued_at = null, unreadable_wallets = v.unreadable
     from jsonb_to_recordset(?::jsonb) as v(id uuid, version int, unreadable jsonb, synced timestamptz)
     where c.id = v.id and c.credential_version = v.version and c.deleted_at is null
       and c.last_synced_at is not distinct from v.synced
     returning c.id, c.owner_id, c.status, c.progress_step`,
      [
        now,
        now,
        JSON.stringify(
          items.map((i) => ({
            id: i.connectionId,
            version: i.credentialVersion,
            unreadable: i.unreadableWallets,
            synced: i.syncedText,
          })),
        ),
      ],
    );
  return rows.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    status: r.status,
    progressStep: r.progress_step,
  }));
}

/**
 * Leaves these accounts claimed so the sweeper queues them again `pauseMs` from now, not on its next pass:
 * their claim is dated back to `requeueAfterMs - pauseMs` ago.
 */
export async function deferRefreshes(
  em: EntityManager,
  connectionIds: readonly string[],
  requeueAfterMs: number,
  pauseMs: number,
): Promise<void> {
  if (connectionIds.length === 0) return;
  await em.getConnection().execute(
    `update exchange_connections set refresh_queued_at = now() - ? * interval '1 millisecond'
       where id in (?)`,
    [requeueAfterMs - pauseMs, connectionIds],
  );
}

/** "0.500000000000000000" → "0.5", "2.000" → "2": the text a balance read gives for the same amount. */
function plainDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
