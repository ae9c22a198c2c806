-- The SQL m20261122_050300_create_integration_events runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "integration_event_source" AS ENUM ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity');
-- @statement
CREATE TYPE "integration_event_status" AS ENUM ('pending', 'processing', 'processed', 'failed');
-- @statement
CREATE TABLE "integration_events" ( "id" uuid NOT NULL, "tenant_id" uuid, "event_type" text NOT NULL, "source" integration_event_source NOT NULL, "target" text, "payload" jsonb NOT NULL, "metadata" jsonb NOT NULL DEFAULT ('{}'), "status" integration_event_status NOT NULL DEFAULT ('pending'), "attempts" bigint NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp with time zone, "correlation_id" uuid, "causation_id" uuid, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), CONSTRAINT "fk_integration_events_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100) );
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_payload" ON "integration_events" USING gin ("payload");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");
-- @statement
ALTER TABLE "integration_events" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "integration_events" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "integration_events" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "integration_events" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "integration_events" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "integration_events" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_integration_events_updated_at" BEFORE UPDATE ON "integration_events" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "integration_events" IS 'The outbox: an event written in the same transaction as the state change it reports (a workflow run finishing, a module activated, an invoice paid, …), then delivered by a relay, oldest pending first. tenant_id is NULL for platform events.';
-- @statement
COMMENT ON COLUMN "integration_events"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "integration_events"."event_type" IS 'What happened, for example workflow_run.completed.';
-- @statement
COMMENT ON COLUMN "integration_events"."target" IS 'The subsystem the event is meant for; NULL for any subscriber.';
-- @statement
COMMENT ON COLUMN "integration_events"."payload" IS 'The event''s data; shape depends on event_type.';
-- @statement
COMMENT ON COLUMN "integration_events"."attempts" IS 'Delivery attempts so far.';
-- @statement
COMMENT ON COLUMN "integration_events"."processing_error" IS 'The error of the last failed attempt.';
-- @statement
COMMENT ON COLUMN "integration_events"."correlation_id" IS 'Shared by every event of one business operation.';
-- @statement
COMMENT ON COLUMN "integration_events"."causation_id" IS 'The id of the event or command that caused this one (not a foreign key).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "integration_events";
-- @statement
DROP TYPE "integration_event_status";
-- @statement
DROP TYPE "integration_event_source";

-- @sqlite up
-- @statement
CREATE TABLE "integration_events" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "event_type" text NOT NULL, "source" text NOT NULL, "target" text, "payload" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "processing_error" text, "processed_at" timestamp_with_timezone_text, "correlation_id" uuid_text, "causation_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_integration_events" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_integration_events_attempts_non_negative" CHECK (attempts >= 0), CONSTRAINT "ck_integration_events_processed_at_iff_processed" CHECK ((status = 'processed') = (processed_at IS NOT NULL)), CONSTRAINT "ck_integration_events_error_when_failed" CHECK (status <> 'failed' OR processing_error IS NOT NULL), CONSTRAINT "ck_integration_events_event_type_length" CHECK (length("event_type") <= 100), CONSTRAINT "ck_integration_events_target_length" CHECK (length("target") <= 100), CONSTRAINT "ck_integration_events_source" CHECK ("source" IN ('orchestration', 'marketplace', 'modules', 'handover', 'billing', 'identity')), CONSTRAINT "ck_integration_events_status" CHECK ("status" IN ('pending', 'processing', 'processed', 'failed')) );
-- @statement
CREATE INDEX "idx_integration_events_pending_created_at" ON "integration_events" ("created_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_integration_events_correlation_id" ON "integration_events" ("correlation_id");
-- @statement
CREATE INDEX "idx_integration_events_tenant_id" ON "integration_events" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "integration_events";
