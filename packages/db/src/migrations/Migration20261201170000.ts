import { Migration } from '@mikro-orm/migrations';

/** How the last verification knew whether the key may trade: verified (test order), reported, unknown. */
export class Migration20261201170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "trade_check" varchar(16) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "trade_check";`);
  }
}
