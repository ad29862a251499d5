// Staging replacement keys on a working connection, as one conditional statement: a deletion or a key
// change that commits between the request's read and its write wins, and nothing is staged on top of it.
import type { EntityManager } from '@mikro-orm/core';

export interface KeysToStage {
  /** Sealed for the connection's key version + 1. */
  credentials: Record<string, unknown>;
  credentialKid: string;
  keyHint: string;
  keyFingerprint: string | null;
}

/**
 * Stages `keys` (replacing any staged before) with their KEYS_STAGED event while the connection is live and
 * still holds key version `credentialVersion`. Returns the row as staged (its staged_serial names the
 * staging), or null when it moved on.
 */
export async function stageKeys(
  em: EntityManager,
  connection: { id: string; credentialVersion: number },
  keys: KeysToStage,
  userId: string,
): Promise<Record<string, unknown> | null> {
  const now = new Date();
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `with upd as (
       update exchange_connections set staged_credentials = ?::jsonb, staged_credential_kid = ?, staged_key_hint = ?,
         staged_key_fingerprint = ?, staged_serial = staged_serial + 1, staged_reason_code = null,
         staged_retry_at = null, staged_at = ?, updated_at = ?
       where id = ? and credential_version = ? and deleted_at is null
       returning *
     ), ev as (
       insert into connection_events (connection_id, owner_id, kind, from_status, to_status, reason_code, actor_type, actor_id, credential_version, detail, created_at)
       select id, owner_id, 'KEYS_STAGED', null, null, reason_code, 'user', ?, credential_version, ?::jsonb, ? from upd
     )
     select * from upd`,
    [
      JSON.stringify(keys.credentials),
      keys.credentialKid,
      keys.keyHint,
      keys.keyFingerprint,
      now,
      now,
      connection.id,
      connection.credentialVersion,
      userId,
      JSON.stringify({ keyHint: keys.keyHint }),
      now,
    ],
  );
  return rows[0] ?? null;
}
