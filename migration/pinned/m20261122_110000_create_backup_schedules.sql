-- The SQL m20261122_110000_create_backup_schedules runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "backup_schedule_frequency" AS ENUM ('daily', 'weekly', 'monthly', 'quarterly');
-- @statement
CREATE TYPE "backup_schedule_target_scope" AS ENUM ('all_tenants', 'specific_tenants', 'system_only');
-- @statement
CREATE TABLE "backup_schedules" ( "id" uuid NOT NULL, "name" text NOT NULL, "description" text, "frequency" backup_schedule_frequency NOT NULL, "target_scope" backup_schedule_target_scope NOT NULL DEFAULT ('all_tenants'), "timezone" text NOT NULL DEFAULT ('UTC'), "retention_days" bigint NOT NULL DEFAULT (30), "max_parallel_jobs" bigint NOT NULL DEFAULT (1), "notify_on_success" bool NOT NULL DEFAULT (FALSE), "notify_on_failure" bool NOT NULL DEFAULT (TRUE), "next_run_at" timestamp with time zone, "enabled" bool NOT NULL DEFAULT (TRUE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_backup_schedules" PRIMARY KEY ("id"), CONSTRAINT "ck_backup_schedules_retention_days_positive" CHECK (retention_days > 0), CONSTRAINT "ck_backup_schedules_max_parallel_jobs_positive" CHECK (max_parallel_jobs > 0), CONSTRAINT "ck_backup_schedules_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_backup_schedules_timezone_length" CHECK (length("timezone") <= 64) );
-- @statement
CREATE INDEX "idx_backup_schedules_enabled_next_run_at" ON "backup_schedules" ("next_run_at") WHERE enabled;
-- @statement
CREATE TRIGGER "trg_backup_schedules_updated_at" BEFORE UPDATE ON "backup_schedules" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "backup_schedules" IS 'A recurring backup the platform runs (platform data: no tenant_id): how often, of what scope, how long its backups are kept and whom it notifies. With target_scope specific_tenants, the tenants are listed in backup_schedule_tenants.';
-- @statement
COMMENT ON COLUMN "backup_schedules"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "backup_schedules"."timezone" IS 'IANA time zone the schedule''s run times are computed in.';
-- @statement
COMMENT ON COLUMN "backup_schedules"."retention_days" IS 'Days each backup is kept before it expires.';
-- @statement
COMMENT ON COLUMN "backup_schedules"."max_parallel_jobs" IS 'How many of its backup runs may run at once.';
-- @statement
COMMENT ON COLUMN "backup_schedules"."next_run_at" IS 'When the schedule next runs; NULL until computed.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "backup_schedules";
-- @statement
DROP TYPE "backup_schedule_target_scope";
-- @statement
DROP TYPE "backup_schedule_frequency";

-- @sqlite up
-- @statement
CREATE TABLE "backup_schedules" ( "id" uuid_text NOT NULL, "name" text NOT NULL, "description" text, "frequency" text NOT NULL, "target_scope" text NOT NULL DEFAULT ('all_tenants'), "timezone" text NOT NULL DEFAULT ('UTC'), "retention_days" integer NOT NULL DEFAULT (30), "max_parallel_jobs" integer NOT NULL DEFAULT (1), "notify_on_success" boolean NOT NULL DEFAULT (FALSE), "notify_on_failure" boolean NOT NULL DEFAULT (TRUE), "next_run_at" timestamp_with_timezone_text, "enabled" boolean NOT NULL DEFAULT (TRUE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_backup_schedules" PRIMARY KEY ("id"), CONSTRAINT "ck_backup_schedules_retention_days_positive" CHECK (retention_days > 0), CONSTRAINT "ck_backup_schedules_max_parallel_jobs_positive" CHECK (max_parallel_jobs > 0), CONSTRAINT "ck_backup_schedules_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_backup_schedules_timezone_length" CHECK (length("timezone") <= 64), CONSTRAINT "ck_backup_schedules_frequency" CHECK ("frequency" IN ('daily', 'weekly', 'monthly', 'quarterly')), CONSTRAINT "ck_backup_schedules_target_scope" CHECK ("target_scope" IN ('all_tenants', 'specific_tenants', 'system_only')) );
-- @statement
CREATE INDEX "idx_backup_schedules_enabled_next_run_at" ON "backup_schedules" ("next_run_at") WHERE enabled;

-- @sqlite down
-- @statement
DROP TABLE "backup_schedules";
