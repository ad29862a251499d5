import { Migration } from '@mikro-orm/migrations';

/** The client addresses an API token may be used from; null: anywhere. */
export class Migration20261201160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_tokens" add column "allowed_ips" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_tokens" drop column "allowed_ips";`);
  }
}
