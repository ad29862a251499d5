import { Migration } from '@mikro-orm/migrations';

/**
 * A connection's revision grows by one with every change of its row, whichever process writes it and however
 * (unit of work or hand-written SQL): live events carry it, so a client can drop a stale or repeated one.
 */
export class Migration20261207130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections" add column "revision" int not null default 0;`);
    this.addSql(`create function exchange_connections_next_revision() returns trigger language plpgsql as $$
      begin new.revision := old.revision + 1; return new; end $$;`);
    this.addSql(`create trigger exchange_connections_revision before update on "exchange_connections"
      for each row execute function exchange_connections_next_revision();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger exchange_connections_revision on "exchange_connections";`);
    this.addSql(`drop function exchange_connections_next_revision();`);
    this.addSql(`alter table "exchange_connections" drop column "revision";`);
  }
}
