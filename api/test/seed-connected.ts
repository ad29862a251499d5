// Connected accounts written straight to the database (sealed as the api seals them), for tests about
// what workers do with many connections, where verifying each one first is not the point.
import { randomUUID } from 'node:crypto';
import { keyHint, sealCredentials } from '@keyport/vault/envelope';
import type { Stack } from './harness';
import type { SimKeys } from './sim-accounts';

export async function seedConnected(
  stack: Stack,
  ownerId: string,
  exchangeId: string,
  accounts: SimKeys[],
): Promise<string[]> {
  const rows = accounts.map((keys, i) => {
    const id = randomUUID();
    const envelope = sealCredentials(
      stack.apiDeps.keyring,
      { apiKey: keys.apiKey, secret: keys.secret, ...(keys.passphrase ? { password: keys.passphrase } : {}) },
      { connectionId: id, ownerId, version: 1 },
    );
    return {
      id,
      label: `Seeded ${i} ${id.slice(0, 8)}`,
      key_hint: keyHint(keys.apiKey),
      credentials: envelope,
    };
  });
  // one statement, born CONNECTED: no worker ever sees these rows pending (the reconciler would verify them)
  await stack.db.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into exchange_connections (id, owner_id, exchange_id, label, sandbox, account_types, status,
         progress_step, key_hint, credentials, credential_version, credential_kid, status_changed_at,
         created_at, updated_at, last_verified_at, last_synced_at)
       select r.id, ?, ?, r.label, false, '["spot"]'::jsonb, 'CONNECTED', 'DONE', r.key_hint, r.credentials, 1,
         r.credentials->>'kid', now(), now(), now(), now() - interval '1 hour', now() - interval '1 hour'
       from jsonb_to_recordset(?::jsonb) as r(id uuid, label text, key_hint text, credentials jsonb)`,
      [ownerId, exchangeId, JSON.stringify(rows)],
    );
  return rows.map((row) => row.id);
}

/** How many of these connections a worker has refreshed since `since`. */
export async function refreshedSince(stack: Stack, ids: string[], since: Date): Promise<number> {
  const [row] = await stack.db.orm.em
    .fork()
    .getConnection()
    .execute<{ n: string }[]>(
      'select count(*) as n from exchange_connections where id in (?) and last_synced_at >= ?',
      [ids, since],
    );
  return Number(row?.n);
}
