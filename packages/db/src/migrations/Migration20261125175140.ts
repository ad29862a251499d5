import { Migration } from '@mikro-orm/migrations';

export class Migration20261125175140 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users" ("id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "sessions" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "sessions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "exchange_connections" ("id" uuid not null, "owner_id" uuid not null, "exchange_id" varchar(64) not null, "label" varchar(64) not null, "sandbox" boolean not null default false, "account_types" jsonb not null, "status" varchar(32) not null, "reason_code" varchar(48) null, "progress_step" varchar(32) null, "key_hint" varchar(32) not null, "credentials" jsonb null, "credential_version" int not null default 1, "credential_kid" varchar(64) null, "permissions" jsonb null, "exchange_account_uid" varchar(128) null, "retry_at" timestamptz null, "last_verified_at" timestamptz null, "last_synced_at" timestamptz null, "next_check_at" timestamptz null, "status_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, constraint "exchange_connections_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "exchange_connections_owner_id_index" on "exchange_connections" ("owner_id");`);
    this.addSql(`create index "exchange_connections_status_index" on "exchange_connections" ("status");`);
    this.addSql(
      `create index "exchange_connections_next_check_at_index" on "exchange_connections" ("next_check_at");`,
    );

    this.addSql(
      `create table "connection_events" ("id" bigserial primary key, "connection_id" uuid not null, "owner_id" uuid not null, "kind" varchar(32) not null, "from_status" varchar(32) null, "to_status" varchar(32) null, "reason_code" varchar(48) null, "actor_type" varchar(16) not null, "actor_id" uuid null, "credential_version" int not null, "detail" jsonb null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "connection_events_owner_id_index" on "connection_events" ("owner_id");`);
    this.addSql(
      `create index "connection_events_connection_id_id_index" on "connection_events" ("connection_id", "id");`,
    );

    this.addSql(
      `create table "balances" ("id" bigserial primary key, "connection_id" uuid not null, "account_type" varchar(16) not null, "asset" varchar(32) not null, "free" numeric(38,18) not null, "used" numeric(38,18) not null, "total" numeric(38,18) not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "balances" add constraint "balances_connection_id_account_type_asset_unique" unique ("connection_id", "account_type", "asset");`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "exchange_connections" add constraint "exchange_connections_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "connection_events" add constraint "connection_events_connection_id_foreign" foreign key ("connection_id") references "exchange_connections" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "balances" add constraint "balances_connection_id_foreign" foreign key ("connection_id") references "exchange_connections" ("id") on update cascade on delete cascade;`,
    );
    // a label is unique per owner among live connections; deleted ones keep theirs for the audit trail
    this.addSql(
      `create unique index "exchange_connections_owner_label_live_unique" on "exchange_connections" ("owner_id", lower("label")) where "deleted_at" is null;`,
    );
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(
      `alter table "exchange_connections" drop constraint "exchange_connections_owner_id_foreign";`,
    );

    this.addSql(`alter table "connection_events" drop constraint "connection_events_connection_id_foreign";`);

    this.addSql(`alter table "balances" drop constraint "balances_connection_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`drop table if exists "exchange_connections" cascade;`);

    this.addSql(`drop table if exists "connection_events" cascade;`);

    this.addSql(`drop table if exists "balances" cascade;`);
  }
}
