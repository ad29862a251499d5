import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from './entities';
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
    pool: { min: 0, max: poolSize },
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    discovery: { warnWhenNoEntities: true },
  };
}

/** Connects and brings the schema up to date (migrations are idempotent and run in one transaction). */
export async function openDatabase(options: OrmOptions & { migrate?: boolean }): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(options));
  if (options.migrate !== false) await orm.getMigrator().up();
  return orm;
}
