import { Migration } from '@mikro-orm/migrations';

/**
 * Keys replacing a working key wait here, sealed, until they pass their check: the working key stays in use
 * and is only swapped for them once the exchange accepts them.
 */
export class Migration20261201200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exchange_connections"
      add column "staged_credentials" jsonb null,
      add column "staged_credential_kid" varchar(64) null,
      add column "staged_key_hint" varchar(32) null,
      add column "staged_key_fingerprint" varchar(64) null,
      add column "staged_serial" int not null default 0,
      add column "staged_reason_code" varchar(48) null,
      add column "staged_retry_at" timestamptz null,
      add column "staged_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exchange_connections"
      drop column "staged_credentials", drop column "staged_credential_kid", drop column "staged_key_hint",
      drop column "staged_key_fingerprint", drop column "staged_serial", drop column "staged_reason_code",
      drop column "staged_retry_at", drop column "staged_at";`);
  }
}
