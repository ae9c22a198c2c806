-- The SQL m20261122_050200_create_rate_limits runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "rate_limits" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "scope" text NOT NULL, "max_requests" bigint NOT NULL, "window_seconds" bigint NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_rate_limits" PRIMARY KEY ("id"), CONSTRAINT "fk_rate_limits_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_rate_limits_max_requests_positive" CHECK (max_requests > 0), CONSTRAINT "ck_rate_limits_window_seconds_positive" CHECK (window_seconds > 0), CONSTRAINT "ck_rate_limits_scope_length" CHECK (length("scope") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_rate_limits_tenant_id_scope" ON "rate_limits" ("tenant_id", "scope");
-- @statement
ALTER TABLE "rate_limits" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "rate_limits" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "rate_limits" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_rate_limits_updated_at" BEFORE UPDATE ON "rate_limits" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "rate_limits" IS 'A request limit of a tenant: at most max_requests in any window of window_seconds, for one scope. One row per (tenant, scope).';
-- @statement
COMMENT ON COLUMN "rate_limits"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "rate_limits"."scope" IS 'What the limit applies to, for example api or api:reports.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "rate_limits";

-- @sqlite up
-- @statement
CREATE TABLE "rate_limits" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "scope" text NOT NULL, "max_requests" integer NOT NULL, "window_seconds" integer NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_rate_limits" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_rate_limits_max_requests_positive" CHECK (max_requests > 0), CONSTRAINT "ck_rate_limits_window_seconds_positive" CHECK (window_seconds > 0), CONSTRAINT "ck_rate_limits_scope_length" CHECK (length("scope") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_rate_limits_tenant_id_scope" ON "rate_limits" ("tenant_id", "scope");

-- @sqlite down
-- @statement
DROP TABLE "rate_limits";
