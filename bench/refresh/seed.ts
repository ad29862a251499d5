// Connected accounts straight into PostgreSQL, in bulk: what verification would have left behind (status
// CONNECTED, permissions, uid, balances), with credentials sealed exactly as the api seals them (vault
// envelope to the public keyring, bound to connection id, owner and key version 1). Plus a refresh counter.
import { randomUUID } from 'node:crypto';
import type { Orm } from '@keyport/db/orm';
import { keyHint, sealCredentials } from '@keyport/vault/envelope';
import type { Keyring } from '@keyport/vault/keyring';
import type { SimKeyPair } from '../lib/sim';

/** Spot balances of every sim account, and the balance rows verification stored for it. */
export const SPOT_BALANCES = {
  BTC: { free: '0.5', locked: '0' },
  ETH: { free: '2', locked: '0.25' },
  USDT: { free: '1000', locked: '0' },
} as const;

const PERMISSIONS = {
  read: true,
  spotTrade: true,
  margin: false,
  futures: false,
  withdraw: false,
  internalTransfer: false,
  ipRestricted: false,
  allowedIps: null,
  expiresAt: null,
  accountKind: 'master',
};

type Sql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
const sqlOf =
  (orm: Orm): Sql =>
  (sql, params = []) =>
    orm.em.getConnection().execute<Record<string, unknown>[]>(sql, params);

/** `count` users owning the connections round-robin; returns their ids. */
export async function seedUsers(orm: Orm, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await sqlOf(orm)(
    `insert into users (id, email, password_hash, created_at)
     select id::uuid, 'bench-refresh-' || ord || '@example.com', 'not-a-password-hash', now()
       from jsonb_array_elements_text(?::jsonb) with ordinality as u(id, ord)`,
    [JSON.stringify(ids)],
  );
  return ids;
}

export interface SealedRow {
  id: string;
  owner_id: string;
  label: string;
  key_hint: string;
  credentials: Record<string, unknown>;
  kid: string;
  uid: string;
}

/** Seals each key for its connection as connectExchange does (public keyring only). */
export function sealRows(
  keyring: Keyring,
  keys: readonly SimKeyPair[],
  owners: readonly string[],
  uidPrefix: string,
): SealedRow[] {
  return keys.map((key, index) => {
    const id = randomUUID();
    const ownerId = owners[index % owners.length] as string;
    const envelope = sealCredentials(
      keyring,
      { apiKey: key.apiKey, secret: key.secret },
      { connectionId: id, ownerId, version: 1 },
    );
    return {
      id,
      owner_id: ownerId,
      label: `bench ${index}`,
      key_hint: keyHint(key.apiKey),
      credentials: { ...envelope },
      kid: envelope.kid,
      uid: `${uidPrefix}${index}`,
    };
  });
}

const BATCH = 2_000;

/**
 * Inserts the rows as CONNECTED (spot, verified and synced an hour ago) with their spot balance rows, a few
 * statements per 2,000 connections.
 */
export async function insertConnectedRows(orm: Orm, rows: readonly SealedRow[]): Promise<void> {
  const sql = sqlOf(orm);
  const balances = Object.entries(SPOT_BALANCES).map(([asset, b]) => ({
    asset,
    free: b.free,
    used: b.locked,
    total: String(Number(b.free) + Number(b.locked)),
  }));
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await sql(
      `insert into exchange_connections (id, owner_id, exchange_id, label, sandbox, account_types, status,
         reason_code, progress_step, key_hint, credentials, credential_version, credential_kid, permissions,
         exchange_account_uid, retry_at, last_verified_at, last_synced_at, next_check_at, status_changed_at,
         created_at, updated_at)
       select r.id, r.owner_id, 'binance', r.label, false, '["spot"]'::jsonb, 'CONNECTED',
         null, 'DONE', r.key_hint, r.credentials, 1, r.kid, ?::jsonb,
         r.uid, null, now() - interval '1 hour', now() - interval '1 hour', null, now() - interval '1 hour',
         now() - interval '1 hour', now() - interval '1 hour'
       from jsonb_to_recordset(?::jsonb) as r(id uuid, owner_id uuid, label text, key_hint text,
         credentials jsonb, kid text, uid text)`,
      [JSON.stringify(PERMISSIONS), JSON.stringify(batch)],
    );
    await sql(
      `insert into balances (connection_id, account_type, asset, free, used, total, updated_at)
       select c.id::uuid, 'spot', b.asset, b.free::numeric, b.used::numeric, b.total::numeric,
         now() - interval '1 hour'
       from jsonb_array_elements_text(?::jsonb) as c(id)
       cross join jsonb_to_recordset(?::jsonb) as b(asset text, free text, used text, total text)`,
      [JSON.stringify(batch.map((row) => row.id)), JSON.stringify(balances)],
    );
  }
  await sql('analyze exchange_connections, balances');
}

/**
 * Counts refreshes exactly and cheaply: a row trigger bumps a sequence whenever last_synced_at moves.
 * Sequences are not transactional, so 16 concurrent refreshes never wait on each other; reading it is one
 * tiny query from the bench's own connection, nothing runs in the worker.
 */
export async function installRefreshCounter(orm: Orm): Promise<() => Promise<number>> {
  const sql = sqlOf(orm);
  await sql('create sequence bench_refreshes');
  await sql(
    `create function bench_count_refresh() returns trigger language plpgsql as $$
     begin perform nextval('bench_refreshes'); return null; end $$`,
  );
  await sql(
    `create trigger bench_count_refresh after update of last_synced_at on exchange_connections
     for each row when (new.last_synced_at is distinct from old.last_synced_at)
     execute function bench_count_refresh()`,
  );
  return async () => {
    const [row] = await sql('select last_value, is_called from bench_refreshes');
    return row?.is_called ? Number(row.last_value) : 0;
  };
}

/** Connections whose balances were refreshed after `since`, and all live ones, by status. */
export async function connectionCounts(
  orm: Orm,
  since: Date,
): Promise<{ refreshedSince: number; byStatus: Record<string, number> }> {
  const rows = await sqlOf(orm)(
    `select status, count(*)::int as n, count(*) filter (where last_synced_at > ?)::int as refreshed
       from exchange_connections where deleted_at is null group by status`,
    [since],
  );
  const byStatus: Record<string, number> = {};
  let refreshedSince = 0;
  for (const row of rows) {
    byStatus[String(row.status)] = Number(row.n);
    refreshedSince += Number(row.refreshed);
  }
  return { refreshedSince, byStatus };
}
