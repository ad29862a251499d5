import { Migration } from '@mikro-orm/migrations';

/** How far our clock was from the exchange's when it kept refusing our request time (CLOCK_SKEW). */
export class Migration20261201140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "clock_offset_ms" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "clock_offset_ms";`);
  }
}
