-- The SQL m20261122_040100_create_incidents runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "incident_severity" AS ENUM ('low', 'medium', 'high', 'critical');
-- @statement
CREATE TYPE "incident_status" AS ENUM ('open', 'investigating', 'identified', 'monitoring', 'resolved');
-- @statement
CREATE TABLE "incidents" ( "id" uuid NOT NULL, "tenant_id" uuid, "title" text NOT NULL, "description" text, "severity" incident_severity NOT NULL, "status" incident_status NOT NULL DEFAULT ('open'), "started_at" timestamp with time zone NOT NULL DEFAULT (now()), "resolved_at" timestamp with time zone, "postmortem" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_incidents" PRIMARY KEY ("id"), CONSTRAINT "fk_incidents_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_incidents_resolved_at_iff_resolved" CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)), CONSTRAINT "ck_incidents_resolved_after_started" CHECK (resolved_at IS NULL OR resolved_at >= started_at), CONSTRAINT "ck_incidents_title_length" CHECK (length("title") <= 200) );
-- @statement
CREATE INDEX "idx_incidents_tenant_id_started_at" ON "incidents" ("tenant_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_incidents_unresolved_started_at" ON "incidents" ("started_at" DESC) WHERE status <> 'resolved';
-- @statement
ALTER TABLE "incidents" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "incidents" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "incidents" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "incidents" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "incidents" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "incidents" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_incidents_updated_at" BEFORE UPDATE ON "incidents" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "incidents" IS 'An outage or degradation, from its start to its resolution and postmortem. tenant_id NULL means a platform-wide incident (read-only to tenants); otherwise it concerns one tenant. resolved_at is set exactly when it is resolved.';
-- @statement
COMMENT ON COLUMN "incidents"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "incidents"."tenant_id" IS 'The tenant affected; NULL for a platform-wide incident.';
-- @statement
COMMENT ON COLUMN "incidents"."started_at" IS 'When the impact began (may precede when the row was created).';
-- @statement
COMMENT ON COLUMN "incidents"."postmortem" IS 'What happened and what will change, written after resolution.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "incidents";
-- @statement
DROP TYPE "incident_status";
-- @statement
DROP TYPE "incident_severity";

-- @sqlite up
-- @statement
CREATE TABLE "incidents" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "title" text NOT NULL, "description" text, "severity" text NOT NULL, "status" text NOT NULL DEFAULT ('open'), "started_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "resolved_at" timestamp_with_timezone_text, "postmortem" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_incidents" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_incidents_resolved_at_iff_resolved" CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)), CONSTRAINT "ck_incidents_resolved_after_started" CHECK (resolved_at IS NULL OR resolved_at >= started_at), CONSTRAINT "ck_incidents_title_length" CHECK (length("title") <= 200), CONSTRAINT "ck_incidents_severity" CHECK ("severity" IN ('low', 'medium', 'high', 'critical')), CONSTRAINT "ck_incidents_status" CHECK ("status" IN ('open', 'investigating', 'identified', 'monitoring', 'resolved')) );
-- @statement
CREATE INDEX "idx_incidents_tenant_id_started_at" ON "incidents" ("tenant_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_incidents_unresolved_started_at" ON "incidents" ("started_at" DESC) WHERE status <> 'resolved';

-- @sqlite down
-- @statement
DROP TABLE "incidents";
