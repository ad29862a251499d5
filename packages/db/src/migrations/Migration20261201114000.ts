import { Migration } from '@mikro-orm/migrations';

/** Wallets the key could not read at its last check (e.g. futures on a key without futures rights). */
export class Migration20261201114000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "unreadable_wallets" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "unreadable_wallets";`);
  }
}
