import { Migration } from '@mikro-orm/migrations';

/** Balance refreshes: remember when each was queued, so a sweep adds a due account once, not every sweep. */
export class Migration20261201105000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "refresh_queued_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "refresh_queued_at";`);
  }
}
