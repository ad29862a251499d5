import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrateSerialised } from './migrate-serialised';
import { migrationsList } from './migrations/migrations-list';

export type Orm = MikroORM<PostgreSqlDriver>;

export interface OrmOptions {
  databaseUrl: string;
  poolSize?: number;
  debug?: boolean;
}

export function ormConfig({
  databaseUrl,
  poolSize = 10,
  debug = false,
}: OrmOptions): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    debug,
    // every unit of work forks its own EntityManager; the global one is a bug magnet
    allowGlobalContext: false,
    // while PostgreSQL is out of reach a request fails within seconds (a 503) instead of waiting a minute
    pool: { min: 0, max: poolSize, acquireTimeoutMillis: 10_000 },
    driverOptions: { connection: { connectionTimeoutMillis: 5_000 } },
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    discovery: { warnWhenNoEntities: true },
  };
}

/**
 * Connects and brings the schema up to date: one process at a time migrates (an advisory lock), in one
 * transaction; `onMigrationWait` hears when this process waits for another's migrations.
 */
export async function openDatabase(
  options: OrmOptions & { migrate?: boolean; onMigrationWait?: (message: string) => void },
): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(options));
  if (options.migrate !== false) {
    try {
      await migrateSerialised(orm, options.onMigrationWait);
    } catch (error) {
      await orm.close(true);
      throw error;
    }
  }
  return orm;
}
