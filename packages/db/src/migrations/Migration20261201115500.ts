import { Migration } from '@mikro-orm/migrations';

/** The exchange account the connection read before its keys were replaced by another account's. */
export class Migration20261201115500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "previous_account_uid" varchar(128) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "previous_account_uid";`);
  }
}
