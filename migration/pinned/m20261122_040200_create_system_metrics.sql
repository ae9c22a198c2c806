-- The SQL m20261122_040200_create_system_metrics runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "system_metrics" ( "id" uuid NOT NULL, "metric" text NOT NULL, "value" double precision NOT NULL, "labels" jsonb NOT NULL DEFAULT ('{}'), "recorded_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_system_metrics" PRIMARY KEY ("id", "recorded_at"), CONSTRAINT "ck_system_metrics_metric_length" CHECK (length("metric") <= 100) ) PARTITION BY RANGE ("recorded_at");
-- @statement
CREATE INDEX "idx_system_metrics_metric_recorded_at" ON "system_metrics" ("metric", "recorded_at" DESC);
-- @statement
COMMENT ON TABLE "system_metrics" IS 'One sample of a platform metric (platform data: no tenant_id), such as a queue depth or request rate, with its labels. Append-only; on Postgres partitioned by month of recorded_at, which is therefore part of the primary key.';
-- @statement
COMMENT ON COLUMN "system_metrics"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "system_metrics"."metric" IS 'Metric name, for example http_requests_per_second.';
-- @statement
COMMENT ON COLUMN "system_metrics"."labels" IS 'Dimensions of the sample, for example the service or host (not typed).';
-- @statement
CREATE TABLE "system_metrics_default" PARTITION OF "system_metrics" DEFAULT;

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "system_metrics";

-- @sqlite up
-- @statement
CREATE TABLE "system_metrics" ( "id" uuid_text NOT NULL, "metric" text NOT NULL, "value" double NOT NULL, "labels" jsonb_text NOT NULL DEFAULT ('{}'), "recorded_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_system_metrics" PRIMARY KEY ("id", "recorded_at"), CONSTRAINT "ck_system_metrics_metric_length" CHECK (length("metric") <= 100) );
-- @statement
CREATE INDEX "idx_system_metrics_metric_recorded_at" ON "system_metrics" ("metric", "recorded_at" DESC);

-- @sqlite down
-- @statement
DROP TABLE "system_metrics";
