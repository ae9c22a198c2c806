-- The SQL m20261122_030000_create_tenant_stats runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "tenant_stats" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "day" date NOT NULL, "active_users" bigint NOT NULL DEFAULT (0), "reports_run" bigint NOT NULL DEFAULT (0), "storage_bytes" bigint NOT NULL DEFAULT (0), "api_calls" bigint NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tenant_stats" PRIMARY KEY ("id"), CONSTRAINT "fk_tenant_stats_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_tenant_stats_counters_non_negative" CHECK (active_users >= 0 AND reports_run >= 0 AND storage_bytes >= 0 AND api_calls >= 0) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_stats_tenant_id_day" ON "tenant_stats" ("tenant_id", "day");
-- @statement
ALTER TABLE "tenant_stats" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenant_stats" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "tenant_stats" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_tenant_stats_updated_at" BEFORE UPDATE ON "tenant_stats" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tenant_stats" IS 'A tenant''s activity on one UTC calendar day: active users, reports run, storage held and API calls. One row per (tenant, day), updated while the day is in progress.';
-- @statement
COMMENT ON COLUMN "tenant_stats"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "tenant_stats"."day" IS 'The UTC calendar day the figures cover.';
-- @statement
COMMENT ON COLUMN "tenant_stats"."active_users" IS 'Distinct members who signed in or made a request that day.';
-- @statement
COMMENT ON COLUMN "tenant_stats"."storage_bytes" IS 'Storage held at the end of the day (or now, for today).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tenant_stats";

-- @sqlite up
-- @statement
CREATE TABLE "tenant_stats" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "day" date_text NOT NULL, "active_users" integer NOT NULL DEFAULT (0), "reports_run" integer NOT NULL DEFAULT (0), "storage_bytes" integer NOT NULL DEFAULT (0), "api_calls" integer NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tenant_stats" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_tenant_stats_counters_non_negative" CHECK (active_users >= 0 AND reports_run >= 0 AND storage_bytes >= 0 AND api_calls >= 0) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_stats_tenant_id_day" ON "tenant_stats" ("tenant_id", "day");

-- @sqlite down
-- @statement
DROP TABLE "tenant_stats";
