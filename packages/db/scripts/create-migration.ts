// Writes a new migration from the difference between the entities and an empty (or current) database.
import { MikroORM } from '@mikro-orm/core';
import { ormConfig } from '../src/orm';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keyport_migrations';
const orm = await MikroORM.init({
  ...ormConfig({ databaseUrl }),
  migrations: {
    migrationsList: undefined,
    path: new URL('../src/migrations', import.meta.url).pathname,
    emit: 'ts',
    snapshot: false,
  },
});
const result = await orm.getMigrator().createMigration();
console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
await orm.close();
