import { Migration } from '@mikro-orm/migrations';

/** The same API key cannot back two live connections of one user (SHA-256 fingerprint, never the key). */
export class Migration20261201113000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "key_fingerprint" varchar(64) null;`);
    this.addSql(
      `create unique index "exchange_connections_owner_key_live_unique" on "exchange_connections" ("owner_id", "exchange_id", "key_fingerprint") where "deleted_at" is null and "key_fingerprint" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "exchange_connections_owner_key_live_unique";`);
    this.addSql(`alter table "exchange_connections" drop column "key_fingerprint";`);
  }
}
