-- The SQL m20261122_110200_create_backup_runs runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "backup_run_type" AS ENUM ('full_system', 'tenant_data', 'database', 'files', 'configuration');
-- @statement
CREATE TYPE "backup_run_method" AS ENUM ('automated', 'manual', 'scheduled');
-- @statement
CREATE TYPE "backup_run_format" AS ENUM ('compressed', 'uncompressed', 'encrypted');
-- @statement
CREATE TYPE "backup_run_status" AS ENUM ('pending', 'running', 'completed', 'failed', 'canceled');
-- @statement
CREATE TABLE "backup_runs" ( "id" uuid NOT NULL, "backup_schedule_id" uuid, "tenant_id" uuid, "backup_type" backup_run_type NOT NULL, "method" backup_run_method NOT NULL DEFAULT ('manual'), "format" backup_run_format NOT NULL DEFAULT ('compressed'), "status" backup_run_status NOT NULL DEFAULT ('pending'), "size_bytes" bigint, "duration_ms" bigint, "compression_ratio" double precision, "checksum" text, "storage_location" text, "error_message" text, "expires_at" timestamp with time zone, "started_at" timestamp with time zone, "completed_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_backup_runs" PRIMARY KEY ("id"), CONSTRAINT "fk_backup_runs_backup_schedule_id" FOREIGN KEY ("backup_schedule_id") REFERENCES "backup_schedules" ("id") ON DELETE SET NULL, CONSTRAINT "fk_backup_runs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_backup_runs_completed_at_iff_final" CHECK ((status IN ('completed', 'failed', 'canceled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_backup_runs_started_at_when_started" CHECK (status NOT IN ('running', 'completed') OR started_at IS NOT NULL), CONSTRAINT "ck_backup_runs_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_backup_runs_size_bytes_non_negative" CHECK (size_bytes >= 0), CONSTRAINT "ck_backup_runs_duration_ms_non_negative" CHECK (duration_ms >= 0), CONSTRAINT "ck_backup_runs_compression_ratio_positive" CHECK (compression_ratio > 0), CONSTRAINT "ck_backup_runs_tenant_data_has_tenant" CHECK (backup_type <> 'tenant_data' OR tenant_id IS NOT NULL), CONSTRAINT "ck_backup_runs_checksum_length" CHECK (length("checksum") <= 128) );
-- @statement
CREATE INDEX "idx_backup_runs_backup_schedule_id_created_at" ON "backup_runs" ("backup_schedule_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_backup_runs_tenant_id_created_at" ON "backup_runs" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_backup_runs_expires_at" ON "backup_runs" ("expires_at") WHERE expires_at IS NOT NULL;
-- @statement
ALTER TABLE "backup_runs" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "backup_runs" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "backup_runs" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "backup_runs" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "backup_runs" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "backup_runs" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_backup_runs_updated_at" BEFORE UPDATE ON "backup_runs" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "backup_runs" IS 'One execution of a backup: of one tenant''s data (tenant_id set) or of the platform (tenant_id NULL), started by a schedule or by hand, with where its output is stored, its size, duration and checksum. completed_at is set exactly when the run has ended (completed, failed or canceled).';
-- @statement
COMMENT ON COLUMN "backup_runs"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "backup_runs"."backup_schedule_id" IS 'The schedule that started the run; NULL for a manual run or once the schedule is deleted.';
-- @statement
COMMENT ON COLUMN "backup_runs"."tenant_id" IS 'The tenant backed up; NULL for a platform backup.';
-- @statement
COMMENT ON COLUMN "backup_runs"."size_bytes" IS 'Size of the stored backup, in bytes.';
-- @statement
COMMENT ON COLUMN "backup_runs"."duration_ms" IS 'How long the run took, in milliseconds.';
-- @statement
COMMENT ON COLUMN "backup_runs"."compression_ratio" IS 'Original size divided by stored size.';
-- @statement
COMMENT ON COLUMN "backup_runs"."checksum" IS 'Checksum of the stored backup, as algorithm:hex (for example sha256:…).';
-- @statement
COMMENT ON COLUMN "backup_runs"."storage_location" IS 'Where the backup is stored, for example an object storage URL.';
-- @statement
COMMENT ON COLUMN "backup_runs"."error_message" IS 'Why the run failed.';
-- @statement
COMMENT ON COLUMN "backup_runs"."expires_at" IS 'When the backup is due for deletion under its retention.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "backup_runs";
-- @statement
DROP TYPE "backup_run_status";
-- @statement
DROP TYPE "backup_run_format";
-- @statement
DROP TYPE "backup_run_method";
-- @statement
DROP TYPE "backup_run_type";

-- @sqlite up
-- @statement
CREATE TABLE "backup_runs" ( "id" uuid_text NOT NULL, "backup_schedule_id" uuid_text, "tenant_id" uuid_text, "backup_type" text NOT NULL, "method" text NOT NULL DEFAULT ('manual'), "format" text NOT NULL DEFAULT ('compressed'), "status" text NOT NULL DEFAULT ('pending'), "size_bytes" integer, "duration_ms" integer, "compression_ratio" double, "checksum" text, "storage_location" text, "error_message" text, "expires_at" timestamp_with_timezone_text, "started_at" timestamp_with_timezone_text, "completed_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_backup_runs" PRIMARY KEY ("id"), FOREIGN KEY ("backup_schedule_id") REFERENCES "backup_schedules" ("id") ON DELETE SET NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_backup_runs_completed_at_iff_final" CHECK ((status IN ('completed', 'failed', 'canceled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_backup_runs_started_at_when_started" CHECK (status NOT IN ('running', 'completed') OR started_at IS NOT NULL), CONSTRAINT "ck_backup_runs_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_backup_runs_size_bytes_non_negative" CHECK (size_bytes >= 0), CONSTRAINT "ck_backup_runs_duration_ms_non_negative" CHECK (duration_ms >= 0), CONSTRAINT "ck_backup_runs_compression_ratio_positive" CHECK (compression_ratio > 0), CONSTRAINT "ck_backup_runs_tenant_data_has_tenant" CHECK (backup_type <> 'tenant_data' OR tenant_id IS NOT NULL), CONSTRAINT "ck_backup_runs_checksum_length" CHECK (length("checksum") <= 128), CONSTRAINT "ck_backup_runs_backup_type" CHECK ("backup_type" IN ('full_system', 'tenant_data', 'database', 'files', 'configuration')), CONSTRAINT "ck_backup_runs_method" CHECK ("method" IN ('automated', 'manual', 'scheduled')), CONSTRAINT "ck_backup_runs_format" CHECK ("format" IN ('compressed', 'uncompressed', 'encrypted')), CONSTRAINT "ck_backup_runs_status" CHECK ("status" IN ('pending', 'running', 'completed', 'failed', 'canceled')) );
-- @statement
CREATE INDEX "idx_backup_runs_backup_schedule_id_created_at" ON "backup_runs" ("backup_schedule_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_backup_runs_tenant_id_created_at" ON "backup_runs" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_backup_runs_expires_at" ON "backup_runs" ("expires_at") WHERE expires_at IS NOT NULL;

-- @sqlite down
-- @statement
DROP TABLE "backup_runs";
