-- The SQL m20261122_110100_create_backup_schedule_tenants runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "backup_schedule_tenants" ( "backup_schedule_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_backup_schedule_tenants" PRIMARY KEY ("backup_schedule_id", "tenant_id"), CONSTRAINT "fk_backup_schedule_tenants_backup_schedule_id" FOREIGN KEY ("backup_schedule_id") REFERENCES "backup_schedules" ("id") ON DELETE CASCADE, CONSTRAINT "fk_backup_schedule_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_backup_schedule_tenants_tenant_id" ON "backup_schedule_tenants" ("tenant_id");
-- @statement
ALTER TABLE "backup_schedule_tenants" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "backup_schedule_tenants" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "backup_schedule_tenants" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "backup_schedule_tenants" IS 'A tenant covered by a backup schedule whose target_scope is specific_tenants: one row per (schedule, tenant). Replaces an array of tenant ids.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "backup_schedule_tenants";

-- @sqlite up
-- @statement
CREATE TABLE "backup_schedule_tenants" ( "backup_schedule_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_backup_schedule_tenants" PRIMARY KEY ("backup_schedule_id", "tenant_id"), FOREIGN KEY ("backup_schedule_id") REFERENCES "backup_schedules" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_backup_schedule_tenants_tenant_id" ON "backup_schedule_tenants" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "backup_schedule_tenants";
