// Every api and worker process migrates at start-up; two migrators at once on one database collide on the
// catalog (`duplicate key … pg_type_typname_nsp_index`). A session advisory lock lets one migrate at a time;
// the others wait, then find nothing left to do.
import type { Orm } from './orm';

/** Advisory-lock key of Keyport's migrations (advisory locks are per database, so test databases never contend). */
export const MIGRATION_LOCK_KEY = 7_294_031_118;

interface LockClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Runs the pending migrations while holding the migration lock; `onWait` is told once if another process holds it. */
export async function migrateSerialised(
  orm: Orm,
  onWait: (message: string) => void = () => {},
): Promise<void> {
  const { client } = orm.em.getConnection().getKnex();
  // the lock lives on one connection of its own, held while the migrator works on others of the pool
  const lockConnection = (await client.acquireConnection()) as LockClient;
  try {
    const { rows } = await lockConnection.query('select pg_try_advisory_lock($1) as locked', [
      MIGRATION_LOCK_KEY,
    ]);
    if (rows[0]?.locked !== true) {
      onWait('another process is migrating the database: waiting for it to finish');
      await lockConnection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      await orm.getMigrator().up();
    } finally {
      await lockConnection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.releaseConnection(lockConnection);
  }
}
