-- The SQL m20261122_120500_create_execution_logs runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "execution_log_level" AS ENUM ('debug', 'info', 'warn', 'error');
-- @statement
CREATE TABLE "execution_logs" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "execution_id" uuid NOT NULL, "level" execution_log_level NOT NULL DEFAULT ('info'), "message" text NOT NULL, "logged_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_execution_logs" PRIMARY KEY ("id", "logged_at"), CONSTRAINT "fk_execution_logs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ) PARTITION BY RANGE ("logged_at");
-- @statement
CREATE INDEX "idx_execution_logs_execution_id_logged_at" ON "execution_logs" ("execution_id", "logged_at");
-- @statement
CREATE INDEX "idx_execution_logs_tenant_id" ON "execution_logs" ("tenant_id");
-- @statement
ALTER TABLE "execution_logs" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "execution_logs" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "execution_logs" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "execution_logs" IS 'One log line written by a report execution. Append-only; on Postgres partitioned by month of logged_at, which is therefore part of the primary key. execution_id names a report_executions row but is not a database foreign key: report_executions is partitioned, so its primary key is (id, started_at) and Postgres cannot reference its id alone; the domain layer enforces the reference.';
-- @statement
COMMENT ON COLUMN "execution_logs"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "execution_logs"."execution_id" IS 'The report_executions row that wrote the line (checked by the domain layer, not a foreign key).';
-- @statement
CREATE TABLE "execution_logs_default" PARTITION OF "execution_logs" DEFAULT;

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "execution_logs";
-- @statement
DROP TYPE "execution_log_level";

-- @sqlite up
-- @statement
CREATE TABLE "execution_logs" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "execution_id" uuid_text NOT NULL, "level" text NOT NULL DEFAULT ('info'), "message" text NOT NULL, "logged_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_execution_logs" PRIMARY KEY ("id", "logged_at"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_execution_logs_level" CHECK ("level" IN ('debug', 'info', 'warn', 'error')) );
-- @statement
CREATE INDEX "idx_execution_logs_execution_id_logged_at" ON "execution_logs" ("execution_id", "logged_at");
-- @statement
CREATE INDEX "idx_execution_logs_tenant_id" ON "execution_logs" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "execution_logs";
