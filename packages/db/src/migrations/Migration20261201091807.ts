import { Migration } from '@mikro-orm/migrations';

/** Portfolio history: one valued total per user and moment, downsampled as it ages. */
export class Migration20261201091807 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "portfolio_snapshots" ("id" bigserial primary key, "owner_id" uuid not null, "taken_at" timestamptz not null, "value_usd" numeric(38,8) null, "value_eur" numeric(38,8) null, "value_btc" numeric(38,18) null, "complete" boolean not null);`,
    );
    this.addSql(
      `create index "portfolio_snapshots_owner_id_taken_at_index" on "portfolio_snapshots" ("owner_id", "taken_at");`,
    );
    this.addSql(
      `alter table "portfolio_snapshots" add constraint "portfolio_snapshots_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "portfolio_snapshots" cascade;`);
  }
}
