// A worker's write to one connection as a single SQL statement: lock the row while it still holds the
// job's key version, apply the columns, write the audit event, replace the balances. One round trip
// and ~1 ms of CPU, where the unit of work spent ~3–5 ms per save (begin, lock, diff, flush, commit).
// The rules are recordChange's: an audit event per change, a status event only when status or reason moves.
import type { KeyPermissions } from '@keyport/exchange/permissions';
import type { EntityManager } from '@mikro-orm/core';
import type { SealedCredentials } from '../entities/exchange-connection.entity';
import { runPrepared } from '../prepared';
import type { ConnectionEventKind } from './record-change';

export interface WorkerConnectionRow {
  id: string;
  owner: string;
  exchangeId: string;
  sandbox: boolean;
  /** The wallets the user chose to read. */
  accountTypes: string[];
  /** For trading: a key that may not trade is refused. */
  needsTrading: boolean;
  status: string;
  reasonCode: string | null;
  progressStep: string | null;
  credentials: SealedCredentials | null;
  credentialVersion: number;
  /** Keys waiting to replace working ones (sealed for credentialVersion + 1), and which staging they are. */
  stagedCredentials: SealedCredentials | null;
  stagedSerial: number;
  stagedKeyHint: string | null;
  permissions: KeyPermissions | null;
  exchangeAccountUid: string | null;
  lastVerifiedAt: Date | null;
  /** The sweeper's claim (refresh_queued_at) and the last sync, as PostgreSQL prints them: compared, not read. */
  claim: string | null;
  syncedText: string | null;
}

/** Columns a worker may set; anything left out stays as it is. */
export interface WorkerColumns {
  progressStep?: string | null;
  /** Cleared by a refresh that read the balances, so the sweeper queues the account again when due. */
  refreshQueuedAt?: null;
  retryAt?: Date | null;
  permissions?: KeyPermissions | null;
  unreadableWallets?: { wallet: string; reason: string }[] | null;
  exchangeAccountUid?: string | null;
  previousAccountUid?: string | null;
  clockOffsetMs?: number | null;
  /** verified | reported | unknown: how the verification knew whether the key may trade. */
  tradeCheck?: string | null;
  lastVerifiedAt?: Date | null;
  lastSyncedAt?: Date | null;
  /** Only ever erased by a worker, never written. */
  credentials?: null;
  credentialKid?: null;
  /** The staged keys erased (refused), with why. */
  stagedCredentials?: null;
  stagedCredentialKid?: null;
  stagedKeyFingerprint?: null;
  stagedReasonCode?: string | null;
  /** The exchange could not be asked: the staged keys are kept and checked again then. */
  stagedRetryAt?: Date | null;
  /** The staged keys become the connection's keys: version + 1, hint and fingerprint theirs, staging cleared. */
  promoteStaged?: true;
}

export interface SystemChange {
  kind: ConnectionEventKind;
  status?: string;
  reasonCode?: string | null;
  /** The reason the event records when it is not the connection's own (the staged keys' refusal). */
  eventReasonCode?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface BalanceRow {
  accountType: string;
  asset: string;
  free: string;
  used: string;
  total: string;
}

const COLUMNS: Record<Exclude<keyof WorkerColumns, 'promoteStaged'>, { column: string; json?: true }> = {
  progressStep: { column: 'progress_step' },
  refreshQueuedAt: { column: 'refresh_queued_at' },
  retryAt: { column: 'retry_at' },
  permissions: { column: 'permissions', json: true },
  unreadableWallets: { column: 'unreadable_wallets', json: true },
  exchangeAccountUid: { column: 'exchange_account_uid' },
  previousAccountUid: { column: 'previous_account_uid' },
  clockOffsetMs: { column: 'clock_offset_ms' },
  tradeCheck: { column: 'trade_check' },
  lastVerifiedAt: { column: 'last_verified_at' },
  lastSyncedAt: { column: 'last_synced_at' },
  credentials: { column: 'credentials', json: true },
  credentialKid: { column: 'credential_kid' },
  stagedCredentials: { column: 'staged_credentials', json: true },
  stagedCredentialKid: { column: 'staged_credential_kid' },
  stagedKeyFingerprint: { column: 'staged_key_fingerprint' },
  stagedReasonCode: { column: 'staged_reason_code' },
  stagedRetryAt: { column: 'staged_retry_at' },
};

// right-hand sides read the row as it was: the staged keys move into place and the staging is emptied
const PROMOTE_STAGED = [
  'credentials = c.staged_credentials',
  'credential_kid = c.staged_credential_kid',
  'key_hint = c.staged_key_hint',
  'key_fingerprint = c.staged_key_fingerprint',
  'credential_version = c.credential_version + 1',
  'staged_credentials = null',
  'staged_credential_kid = null',
  'staged_key_hint = null',
  'staged_key_fingerprint = null',
  'staged_reason_code = null',
  'staged_retry_at = null',
  'staged_at = null',
];

export interface WorkerRowRecord {
  id: string;
  owner_id: string;
  exchange_id: string;
  sandbox: boolean;
  account_types: string[];
  needs_trading: boolean;
  status: string;
  reason_code: string | null;
  progress_step: string | null;
  credentials: SealedCredentials | null;
  credential_version: number;
  staged_credentials: SealedCredentials | null;
  staged_serial: number;
  staged_key_hint: string | null;
  permissions: KeyPermissions | null;
  exchange_account_uid: string | null;
  last_verified_at: Date | null;
  deleted_at: string | null;
  claim: string | null;
  synced: string | null;
}

export const WORKER_COLUMNS =
  'id, owner_id, exchange_id, sandbox, account_types, needs_trading, status, reason_code, progress_step, credentials, credential_version, staged_credentials, staged_serial, staged_key_hint, permissions, exchange_account_uid, last_verified_at, deleted_at, refresh_queued_at::text as claim, last_synced_at::text as synced';

/** The row as a job sees it, or null when it is deleted or holds other keys than the job's. */
export function toWorkerRow(row: WorkerRowRecord, credentialVersion: number): WorkerConnectionRow | null {
  if (row.deleted_at || row.credential_version !== credentialVersion) return null;
  return {
    id: row.id,
    owner: row.owner_id,
    exchangeId: row.exchange_id,
    sandbox: row.sandbox,
    accountTypes: row.account_types,
    needsTrading: row.needs_trading,
    status: row.status,
    reasonCode: row.reason_code,
    progressStep: row.progress_step,
    credentials: row.credentials,
    credentialVersion: row.credential_version,
    stagedCredentials: row.staged_credentials,
    stagedSerial: row.staged_serial,
    stagedKeyHint: row.staged_key_hint,
    permissions: row.permissions,
    exchangeAccountUid: row.exchange_account_uid,
    lastVerifiedAt: row.last_verified_at ? new Date(row.last_verified_at) : null,
    claim: row.claim,
    syncedText: row.synced,
  };
}

/** The row a job works on, or null when it is gone, deleted, or holds other keys than the job's. */
export async function loadWorkerConnection(
  em: EntityManager,
  id: string,
  credentialVersion: number,
): Promise<WorkerConnectionRow | null> {
  const {
    rows: [row],
  } = await runPrepared<WorkerRowRecord>(
    em,
    `select ${WORKER_COLUMNS} from exchange_connections where id = ?`,
    [id],
  );
  return row ? toWorkerRow(row, credentialVersion) : null;
}

/**
 * Applies `set`, records `change` (one event, or several in their order: an unsafe key's SECRET_ERASED with its
 * final status) and replaces the balances (when given) in one statement, only while the connection is live and
 * still on `connection.credentialVersion`. Returns the status and reason it now has and whether any balance
 * moved, or null when it moved on (deleted, new keys) and nothing was written.
 */
export async function writeWorkerChange(
  em: EntityManager,
  /**
   * With `whileStaged`: only while the staged keys are still those of that staging (its staged_serial); with
   * `whileStatusIn`: only while the status is one of those (a job that lost a race to its own twin writes nothing).
   */
  connection: Pick<WorkerConnectionRow, 'id' | 'credentialVersion'> & {
    whileStaged?: number;
    whileStatusIn?: readonly string[];
  },
  change: SystemChange | readonly SystemChange[] | undefined,
  set: WorkerColumns = {},
  balances?: readonly BalanceRow[],
  /** Wallets not read this time: their stored balances stay as they are. */
  keepWallets: readonly string[] = [],
): Promise<{ status: string; reasonCode: string | null; balancesChanged: boolean } | null> {
  const now = new Date();
  const changes: readonly SystemChange[] = change === undefined ? [] : 'kind' in change ? [change] : change;
  const statusChange = changes.find((c) => c.status !== undefined);
  const params: unknown[] = [connection.id, connection.credentialVersion];
  if (connection.whileStaged !== undefined) params.push(connection.whileStaged);
  // an array literal, not an array: inside a transaction the driver would spread an array into a list
  if (connection.whileStatusIn) params.push(`{${connection.whileStatusIn.join(',')}}`);
  const assignments: string[] = [];
  if (statusChange?.status !== undefined) {
    const reason = statusChange.reasonCode ?? null;
    assignments.push(
      'status = ?',
      'reason_code = ?',
      'status_changed_at = case when cur.status is distinct from ? or cur.reason_code is distinct from ? then ? else c.status_changed_at end',
    );
    params.push(statusChange.status, reason, statusChange.status, reason, now);
  }
  for (const [key, value] of Object.entries(set) as [keyof WorkerColumns, unknown][]) {
    if (value === undefined) continue;
    if (key === 'promoteStaged') {
      assignments.push(...PROMOTE_STAGED);
      continue;
    }
    const spec = COLUMNS[key];
    assignments.push(spec.json ? `${spec.column} = ?::jsonb` : `${spec.column} = ?`);
    params.push(spec.json && value !== null ? JSON.stringify(value) : value);
  }
  assignments.push('updated_at = ?');
  params.push(now);

  let sql = `with cur as (
      select id, status, reason_code, credentials is not null as had_credentials from exchange_connections
      where id = ? and credential_version = ? and deleted_at is null${connection.whileStaged !== undefined ? ' and staged_serial = ? and staged_credentials is not null' : ''}${connection.whileStatusIn ? ' and status = any(?::text[])' : ''} for update
    ), upd as (
      update exchange_connections c set ${assignments.join(', ')} from cur where c.id = cur.id
      returning c.id, c.owner_id, c.credential_version, c.status, c.reason_code,
        (c.status is distinct from cur.status or c.reason_code is distinct from cur.reason_code) as changed,
        cur.status as from_status, cur.had_credentials
    )`;
  if (changes.length > 0) {
    // one insert, rows in the changes' order (event ids are the audit trail's order); the from/to statuses go
    // on the change that set the status, and a STATUS_CHANGED that changed nothing is not recorded
    const rows = changes.map(() => '(?::int, ?::text, ?::boolean, ?::text, ?::jsonb)').join(', ');
    sql += `, ev as (
      insert into connection_events (connection_id, owner_id, kind, from_status, to_status, reason_code, actor_type, actor_id, credential_version, detail, created_at)
      select upd.id, upd.owner_id, v.kind, case when changed and v.sets_status then from_status end,
        case when changed and v.sets_status then upd.status end, coalesce(v.reason, upd.reason_code), 'system', null,
        upd.credential_version, v.detail, ?::timestamptz
      from upd, (values ${rows}) as v(ord, kind, sets_status, reason, detail)
      -- an erasure is recorded once: a twin of a stalled job that erases keys already gone records nothing
      where (changed or v.kind <> 'STATUS_CHANGED') and (v.kind <> 'SECRET_ERASED' or had_credentials)
      order by v.ord
    )`;
    params.push(now);
    for (const [ord, c] of changes.entries())
      params.push(
        ord,
        c.kind,
        c === statusChange,
        c.eventReasonCode ?? null,
        c.detail ? JSON.stringify(c.detail) : null,
      );
  }
  if (balances) {
    if (balances.length > 0) {
      const values = balances.map(() => '(?, ?, ?::numeric, ?::numeric, ?::numeric)').join(', ');
      sql += `, bal_up as (
        insert into balances (connection_id, account_type, asset, free, used, total, updated_at)
        select upd.id, v.account_type, v.asset, v.free, v.used, v.total, ? from upd,
          (values ${values}) as v(account_type, asset, free, used, total)
        on conflict (connection_id, account_type, asset)
          do update set free = excluded.free, used = excluded.used, total = excluded.total, updated_at = excluded.updated_at
          -- an unchanged amount is not rewritten: most refreshes find nothing new, and a rewrite is a dead tuple
          where (balances.free, balances.used, balances.total) is distinct from (excluded.free, excluded.used, excluded.total)
        returning 1
      )`;
      params.push(now);
      for (const b of balances) params.push(b.accountType, b.asset, b.free, b.used, b.total);
    }
    const kept = balances.map(() => '(?, ?)').join(', ');
    sql += `, bal_del as (
      delete from balances b using upd where b.connection_id = upd.id
      ${balances.length > 0 ? `and (b.account_type, b.asset) not in (values ${kept})` : ''}
      ${keepWallets.length > 0 ? `and b.account_type not in (${keepWallets.map(() => '?').join(', ')})` : ''}
      returning 1
    )`;
    for (const b of balances) params.push(b.accountType, b.asset);
    params.push(...keepWallets);
  }
  const moved = balances
    ? `(select count(*) from bal_del)${balances.length > 0 ? ' + (select count(*) from bal_up)' : ''} > 0`
    : 'false';
  sql += ` select status, reason_code, ${moved} as balances_changed from upd`;
  const {
    rows: [row],
  } = await runPrepared<{ status: string; reason_code: string | null; balances_changed: boolean }>(
    em,
    sql,
    params,
  );
  return row
    ? { status: row.status, reasonCode: row.reason_code, balancesChanged: row.balances_changed }
    : null;
}

type KeysOf = Pick<WorkerConnectionRow, 'id' | 'credentialVersion'>;

/** Whether the audit trail of these keys (this key version) holds an event matching `condition`. */
async function keysHaveEvent(em: EntityManager, connection: KeysOf, condition: string): Promise<boolean> {
  const rows = await em
    .getConnection()
    .execute<unknown[]>(
      `select 1 from connection_events where connection_id = ? and credential_version = ? and (${condition}) limit 1`,
      [connection.id, connection.credentialVersion],
    );
  return rows.length > 0;
}

/**
 * Whether these keys (this key version) ever passed a check, reaching CONNECTED or, staged, replacing a working
 * key (the workers' CREDENTIALS_REPLACED): a refusal then means expired, not mistyped.
 */
export function hasConnectedBefore(em: EntityManager, connection: KeysOf): Promise<boolean> {
  return keysHaveEvent(
    em,
    connection,
    "to_status = 'CONNECTED' or (kind = 'CREDENTIALS_REPLACED' and actor_type = 'system')",
  );
}

/** Whether these keys (this key version) were erased for being able to withdraw. */
export function wasSecretErased(em: EntityManager, connection: KeysOf): Promise<boolean> {
  return keysHaveEvent(em, connection, "kind = 'SECRET_ERASED'");
}
