-- The SQL m20261122_040000_create_health_checks runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "health_check_status" AS ENUM ('healthy', 'degraded', 'unhealthy');
-- @statement
CREATE TABLE "health_checks" ( "id" uuid NOT NULL, "service" text NOT NULL, "check_name" text NOT NULL, "status" health_check_status NOT NULL, "latency_ms" bigint, "details" jsonb NOT NULL DEFAULT ('{}'), "checked_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_health_checks" PRIMARY KEY ("id"), CONSTRAINT "ck_health_checks_latency_non_negative" CHECK (latency_ms IS NULL OR latency_ms >= 0), CONSTRAINT "ck_health_checks_service_length" CHECK (length("service") <= 100), CONSTRAINT "ck_health_checks_check_name_length" CHECK (length("check_name") <= 100) );
-- @statement
CREATE INDEX "idx_health_checks_service_check_name_checked_at" ON "health_checks" ("service", "check_name", "checked_at" DESC);
-- @statement
CREATE INDEX "idx_health_checks_checked_at" ON "health_checks" ("checked_at");
-- @statement
COMMENT ON TABLE "health_checks" IS 'One run of one health check of a platform service and its outcome (platform data: no tenant_id). Append-only: the latest row per (service, check_name) is the current state.';
-- @statement
COMMENT ON COLUMN "health_checks"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "health_checks"."service" IS 'The service checked, for example api or database.';
-- @statement
COMMENT ON COLUMN "health_checks"."check_name" IS 'The check within the service, for example connectivity.';
-- @statement
COMMENT ON COLUMN "health_checks"."latency_ms" IS 'How long the check took, in milliseconds; NULL if it timed out before answering.';
-- @statement
COMMENT ON COLUMN "health_checks"."details" IS 'Check-specific diagnostics (not typed).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "health_checks";
-- @statement
DROP TYPE "health_check_status";

-- @sqlite up
-- @statement
CREATE TABLE "health_checks" ( "id" uuid_text NOT NULL, "service" text NOT NULL, "check_name" text NOT NULL, "status" text NOT NULL, "latency_ms" integer, "details" jsonb_text NOT NULL DEFAULT ('{}'), "checked_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_health_checks" PRIMARY KEY ("id"), CONSTRAINT "ck_health_checks_latency_non_negative" CHECK (latency_ms IS NULL OR latency_ms >= 0), CONSTRAINT "ck_health_checks_service_length" CHECK (length("service") <= 100), CONSTRAINT "ck_health_checks_check_name_length" CHECK (length("check_name") <= 100), CONSTRAINT "ck_health_checks_status" CHECK ("status" IN ('healthy', 'degraded', 'unhealthy')) );
-- @statement
CREATE INDEX "idx_health_checks_service_check_name_checked_at" ON "health_checks" ("service", "check_name", "checked_at" DESC);
-- @statement
CREATE INDEX "idx_health_checks_checked_at" ON "health_checks" ("checked_at");

-- @sqlite down
-- @statement
DROP TABLE "health_checks";
