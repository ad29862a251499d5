import { Migration } from '@mikro-orm/migrations';

/** The connection is for trading (a bot's): a key that may not trade is refused, naming the missing right. */
export class Migration20261201143000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "exchange_connections" add column "needs_trading" boolean not null default false;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections" drop column "needs_trading";`);
  }
}
