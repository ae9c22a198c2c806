-- The SQL m20261201_145510_add_integration_event_sources runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TYPE "integration_event_source" ADD VALUE IF NOT EXISTS 'reporting' AFTER 'identity';
-- @statement
ALTER TYPE "integration_event_source" ADD VALUE IF NOT EXISTS 'support' AFTER 'reporting';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DO $$ BEGIN IF EXISTS (SELECT 1 FROM "integration_events" WHERE "source"::text = 'support') THEN RAISE EXCEPTION USING MESSAGE = 'cannot remove the value support from the enum type integration_event_source: rows of integration_events.source still hold it', HINT = 'update those rows to another value first (a backfill for a large table), then run this again'; END IF; END $$;
-- @statement
ALTER TYPE "integration_event_source" RENAME TO "integration_event_source__old";
-- @statement
CREATE TYPE "integration_event_source" AS ENUM ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity', 'reporting');
-- @statement
ALTER TABLE "integration_events" ALTER COLUMN "source" TYPE "integration_event_source" USING "source"::text::"integration_event_source";
-- @statement
DROP TYPE "integration_event_source__old";
-- @statement
DO $$ BEGIN IF EXISTS (SELECT 1 FROM "integration_events" WHERE "source"::text = 'reporting') THEN RAISE EXCEPTION USING MESSAGE = 'cannot remove the value reporting from the enum type integration_event_source: rows of integration_events.source still hold it', HINT = 'update those rows to another value first (a backfill for a large table), then run this again'; END IF; END $$;
-- @statement
ALTER TYPE "integration_event_source" RENAME TO "integration_event_source__old";
-- @statement
CREATE TYPE "integration_event_source" AS ENUM ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity');
-- @statement
ALTER TABLE "integration_events" ALTER COLUMN "source" TYPE "integration_event_source" USING "source"::text::"integration_event_source";
-- @statement
DROP TYPE "integration_event_source__old";

-- @sqlite up
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "integration_events__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "event_type" text NOT NULL, "source" text NOT NULL, "target" text, "payload" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp_with_timezone_text, "correlation_id" uuid_text, "causation_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100), CONSTRAINT "ck_integration_events_source" CHECK ("source" IN ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity', 'reporting')), CONSTRAINT "ck_integration_events_status" CHECK ("status" IN ('pending', 'processing', 'processed', 'failed')) );
-- @statement
INSERT INTO "integration_events__rebuild" ("id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at") SELECT "id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at" FROM "integration_events";
-- @statement
DROP TABLE "integration_events";
-- @statement
ALTER TABLE "integration_events__rebuild" RENAME TO "integration_events";
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "integration_events__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "event_type" text NOT NULL, "source" text NOT NULL, "target" text, "payload" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp_with_timezone_text, "correlation_id" uuid_text, "causation_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100), CONSTRAINT "ck_integration_events_source" CHECK ("source" IN ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity', 'reporting', 'support')), CONSTRAINT "ck_integration_events_status" CHECK ("status" IN ('pending', 'processing', 'processed', 'failed')) );
-- @statement
INSERT INTO "integration_events__rebuild" ("id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at") SELECT "id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at" FROM "integration_events";
-- @statement
DROP TABLE "integration_events";
-- @statement
ALTER TABLE "integration_events__rebuild" RENAME TO "integration_events";
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;

-- @sqlite down
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "integration_events__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "event_type" text NOT NULL, "source" text NOT NULL, "target" text, "payload" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp_with_timezone_text, "correlation_id" uuid_text, "causation_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100), CONSTRAINT "ck_integration_events_source" CHECK ("source" IN ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity', 'reporting')), CONSTRAINT "ck_integration_events_status" CHECK ("status" IN ('pending', 'processing', 'processed', 'failed')) );
-- @statement
INSERT INTO "integration_events__rebuild" ("id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at") SELECT "id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at" FROM "integration_events";
-- @statement
DROP TABLE "integration_events";
-- @statement
ALTER TABLE "integration_events__rebuild" RENAME TO "integration_events";
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "integration_events__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "event_type" text NOT NULL, "source" text NOT NULL, "target" text, "payload" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp_with_timezone_text, "correlation_id" uuid_text, "causation_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100), CONSTRAINT "ck_integration_events_source" CHECK ("source" IN ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity')), CONSTRAINT "ck_integration_events_status" CHECK ("status" IN ('pending', 'processing', 'processed', 'failed')) );
-- @statement
INSERT INTO "integration_events__rebuild" ("id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at") SELECT "id", "tenant_id", "event_type", "source", "target", "payload", "metadata", "status", "attempts", "processing_error", "processed_at", "correlation_id", "causation_id", "created_at", "updated_at" FROM "integration_events";
-- @statement
DROP TABLE "integration_events";
-- @statement
ALTER TABLE "integration_events__rebuild" RENAME TO "integration_events";
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
