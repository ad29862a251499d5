// Master-key rotation while everything runs: every stored data key is re-wrapped to the active master key;
// the credential ciphertext itself is kept byte for byte (and authenticated first). Rows are claimed a
// batch at a time and written only if they still hold the envelope that was read, so a key replaced or
// erased meanwhile is left to its new state (a new seal is already under the active key).
import type { Orm } from '@keyport/db/orm';
import { type Envelope, isEnvelope, rewrapEnvelope } from '@keyport/vault/envelope';
import type { Keyring } from '@keyport/vault/keyring';

export interface RotationReport {
  rewrapped: number;
  /** Changed meanwhile (new keys, erased, deleted): nothing to do. */
  skipped: number;
  /** Could not be opened (a master key not held, a broken envelope): still under their old kid. */
  failed: { connectionId: string; kid: string; error: string }[];
}

interface Row {
  id: string;
  owner_id: string;
  credential_version: number;
  envelope: unknown;
}

const BATCH = 200;

/** Where a sealed key is kept: the connection's own keys, and keys staged to replace them (sealed for the next version). */
const SLOTS = [
  { envelope: 'credentials', kid: 'credential_kid', versionOffset: 0 },
  { envelope: 'staged_credentials', kid: 'staged_credential_kid', versionOffset: 1 },
] as const;

export async function rotateMasterKey(
  orm: Orm,
  keyring: Keyring,
  onProgress: (report: RotationReport) => void = () => {},
): Promise<RotationReport> {
  const report: RotationReport = { rewrapped: 0, skipped: 0, failed: [] };
  for (const slot of SLOTS) await rotateSlot(orm, keyring, slot, report, onProgress);
  return report;
}

async function rotateSlot(
  orm: Orm,
  keyring: Keyring,
  slot: (typeof SLOTS)[number],
  report: RotationReport,
  onProgress: (report: RotationReport) => void,
): Promise<void> {
  const sql = orm.em.fork().getConnection();
  const failedIds = new Set<string>();
  for (;;) {
    const rows = await sql.execute<Row[]>(
      `select id, owner_id, credential_version, ${slot.envelope} as envelope from exchange_connections
       where ${slot.envelope} is not null and ${slot.kid} is distinct from ? and not (id = any(?::uuid[]))
       order by id limit ?`,
      [keyring.activeKid, `{${[...failedIds].join(',')}}`, BATCH],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const kid = isEnvelope(row.envelope) ? row.envelope.kid : '?';
      let next: Envelope;
      try {
        if (!isEnvelope(row.envelope)) throw new Error('not a vault envelope');
        next = rewrapEnvelope(keyring, row.envelope, {
          connectionId: row.id,
          ownerId: row.owner_id,
          version: row.credential_version + slot.versionOffset,
        });
      } catch (error) {
        // vault errors name the connection and kid only, never key material
        report.failed.push({ connectionId: row.id, kid, error: (error as Error).message });
        failedIds.add(row.id);
        continue;
      }
      const written = await sql.execute<unknown[]>(
        `update exchange_connections set ${slot.envelope} = ?::jsonb, ${slot.kid} = ?
         where id = ? and credential_version = ? and ${slot.envelope} = ?::jsonb returning 1`,
        [JSON.stringify(next), next.kid, row.id, row.credential_version, JSON.stringify(row.envelope)],
      );
      if (written.length > 0) report.rewrapped += 1;
      else report.skipped += 1;
    }
    onProgress(report);
  }
}

/** Stored ciphertexts per master kid other than the active one: empty once a rotation is complete. */
export async function ciphertextsNotUnder(orm: Orm, activeKid: string): Promise<Record<string, number>> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ kid: string | null; n: string }[]>(
      `select kid, count(*) as n from (
         select credentials->>'kid' as kid from exchange_connections where credentials is not null
         union all
         select staged_credentials->>'kid' from exchange_connections where staged_credentials is not null
       ) sealed where kid is distinct from ? group by 1 order by 1`,
      [activeKid],
    );
  return Object.fromEntries(rows.map((row) => [row.kid ?? '?', Number(row.n)]));
}
