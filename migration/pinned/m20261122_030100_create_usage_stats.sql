-- The SQL m20261122_030100_create_usage_stats runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "usage_stat_granularity" AS ENUM ('hour', 'day', 'month');
-- @statement
CREATE TABLE "usage_stats" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "metric" text NOT NULL, "granularity" usage_stat_granularity NOT NULL, "bucket_start" timestamp with time zone NOT NULL, "value" double precision NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_usage_stats" PRIMARY KEY ("id"), CONSTRAINT "fk_usage_stats_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_usage_stats_value_non_negative" CHECK (value >= 0), CONSTRAINT "ck_usage_stats_metric_length" CHECK (length("metric") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_usage_stats_tenant_id_metric_granularity_bucket_start" ON "usage_stats" ("tenant_id", "metric", "granularity", "bucket_start");
-- @statement
ALTER TABLE "usage_stats" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "usage_stats" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "usage_stats" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_usage_stats_updated_at" BEFORE UPDATE ON "usage_stats" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "usage_stats" IS 'A tenant''s total of one usage metric over one bucket (an hour, a day or a month starting at bucket_start, UTC). One row per (tenant, metric, granularity, bucket).';
-- @statement
COMMENT ON COLUMN "usage_stats"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "usage_stats"."metric" IS 'What is counted, for example api_calls or storage_bytes.';
-- @statement
COMMENT ON COLUMN "usage_stats"."bucket_start" IS 'Start of the bucket, truncated to the granularity in UTC.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "usage_stats";
-- @statement
DROP TYPE "usage_stat_granularity";

-- @sqlite up
-- @statement
CREATE TABLE "usage_stats" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "metric" text NOT NULL, "granularity" text NOT NULL, "bucket_start" timestamp_with_timezone_text NOT NULL, "value" double NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_usage_stats" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_usage_stats_value_non_negative" CHECK (value >= 0), CONSTRAINT "ck_usage_stats_metric_length" CHECK (length("metric") <= 100), CONSTRAINT "ck_usage_stats_granularity" CHECK ("granularity" IN ('hour', 'day', 'month')) );
-- @statement
CREATE UNIQUE INDEX "uq_usage_stats_tenant_id_metric_granularity_bucket_start" ON "usage_stats" ("tenant_id", "metric", "granularity", "bucket_start");

-- @sqlite down
-- @statement
DROP TABLE "usage_stats";
