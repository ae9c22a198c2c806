-- The SQL m20261122_020100_create_resource_usages runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "resource_usages" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "resource_id" uuid NOT NULL, "metric" text NOT NULL, "quantity" double precision NOT NULL, "unit" text NOT NULL, "period_start" timestamp with time zone NOT NULL, "period_end" timestamp with time zone NOT NULL, "recorded_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_resource_usages" PRIMARY KEY ("id"), CONSTRAINT "fk_resource_usages_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_resource_usages_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE, CONSTRAINT "ck_resource_usages_quantity_non_negative" CHECK (quantity >= 0), CONSTRAINT "ck_resource_usages_period_end_after_start" CHECK (period_end > period_start), CONSTRAINT "ck_resource_usages_metric_length" CHECK (length("metric") <= 100), CONSTRAINT "ck_resource_usages_unit_length" CHECK (length("unit") <= 20) );
-- @statement
CREATE INDEX "idx_resource_usages_resource_id_metric_period_start" ON "resource_usages" ("resource_id", "metric", "period_start" DESC);
-- @statement
CREATE INDEX "idx_resource_usages_tenant_id_period_start" ON "resource_usages" ("tenant_id", "period_start" DESC);
-- @statement
ALTER TABLE "resource_usages" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "resource_usages" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "resource_usages" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "resource_usages" IS 'How much of one metric a tenant''s resource used over one period, for example 12.5 cpu_hours between period_start and period_end. Append-only: a correction is a new row.';
-- @statement
COMMENT ON COLUMN "resource_usages"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "resource_usages"."metric" IS 'What was measured, for example cpu_hours or egress_bytes.';
-- @statement
COMMENT ON COLUMN "resource_usages"."quantity" IS 'The amount used, in unit.';
-- @statement
COMMENT ON COLUMN "resource_usages"."unit" IS 'The unit of quantity, for example hours or bytes.';
-- @statement
COMMENT ON COLUMN "resource_usages"."period_end" IS 'Exclusive end of the period measured.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "resource_usages";

-- @sqlite up
-- @statement
CREATE TABLE "resource_usages" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "resource_id" uuid_text NOT NULL, "metric" text NOT NULL, "quantity" double NOT NULL, "unit" text NOT NULL, "period_start" timestamp_with_timezone_text NOT NULL, "period_end" timestamp_with_timezone_text NOT NULL, "recorded_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_resource_usages" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE, CONSTRAINT "ck_resource_usages_quantity_non_negative" CHECK (quantity >= 0), CONSTRAINT "ck_resource_usages_period_end_after_start" CHECK (period_end > period_start), CONSTRAINT "ck_resource_usages_metric_length" CHECK (length("metric") <= 100), CONSTRAINT "ck_resource_usages_unit_length" CHECK (length("unit") <= 20) );
-- @statement
CREATE INDEX "idx_resource_usages_resource_id_metric_period_start" ON "resource_usages" ("resource_id", "metric", "period_start" DESC);
-- @statement
CREATE INDEX "idx_resource_usages_tenant_id_period_start" ON "resource_usages" ("tenant_id", "period_start" DESC);

-- @sqlite down
-- @statement
DROP TABLE "resource_usages";
