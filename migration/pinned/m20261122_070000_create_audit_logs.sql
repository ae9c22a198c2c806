-- The SQL m20261122_070000_create_audit_logs runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "audit_log_action" AS ENUM ('create', 'read', 'update', 'delete', 'login', 'logout', 'export');
-- @statement
CREATE TABLE "audit_logs" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "actor_user_id" uuid, "action" audit_log_action NOT NULL, "resource_type" text NOT NULL, "resource_id" uuid, "old_values" jsonb, "new_values" jsonb, "ip_address" text, "user_agent" text, "session_id" uuid, "occurred_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_audit_logs" PRIMARY KEY ("id", "occurred_at"), CONSTRAINT "fk_audit_logs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_audit_logs_actor_user_id" FOREIGN KEY ("actor_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_audit_logs_resource_type_not_blank" CHECK (length(trim(resource_type)) > 0), CONSTRAINT "ck_audit_logs_resource_type_length" CHECK (length("resource_type") <= 50), CONSTRAINT "ck_audit_logs_ip_address_length" CHECK (length("ip_address") <= 45) ) PARTITION BY RANGE ("occurred_at");
-- @statement
CREATE INDEX "idx_audit_logs_tenant_id_occurred_at" ON "audit_logs" ("tenant_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_audit_logs_resource_type_resource_id_occurred_at" ON "audit_logs" ("resource_type", "resource_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_audit_logs_old_values" ON "audit_logs" USING gin ("old_values");
-- @statement
CREATE INDEX "idx_audit_logs_new_values" ON "audit_logs" USING gin ("new_values");
-- @statement
CREATE INDEX "idx_audit_logs_actor_user_id" ON "audit_logs" ("actor_user_id");
-- @statement
ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "audit_logs" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "audit_logs" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "audit_logs" IS 'One audited action in a tenant: who (actor_user_id, NULL for the system or a deleted user) did what (action) to which resource, with the values before and after. Append-only; on Postgres partitioned by month of occurred_at, which is therefore part of the primary key.';
-- @statement
COMMENT ON COLUMN "audit_logs"."actor_user_id" IS 'Who acted; NULL for the system or once that user is deleted.';
-- @statement
COMMENT ON COLUMN "audit_logs"."resource_type" IS 'The kind of resource acted on: its table name, for example reports.';
-- @statement
COMMENT ON COLUMN "audit_logs"."resource_id" IS 'The resource''s id; NULL for actions on no single row (login, logout).';
-- @statement
COMMENT ON COLUMN "audit_logs"."old_values" IS 'The changed columns before the action; NULL for create, read, login, logout.';
-- @statement
COMMENT ON COLUMN "audit_logs"."new_values" IS 'The changed columns after the action; NULL for delete, read, login, logout.';
-- @statement
COMMENT ON COLUMN "audit_logs"."ip_address" IS 'IPv4 or IPv6 text, validated by the application.';
-- @statement
COMMENT ON COLUMN "audit_logs"."session_id" IS 'The session acted in; not a foreign key, so the log outlives the session.';
-- @statement
CREATE TABLE "audit_logs_default" PARTITION OF "audit_logs" DEFAULT;

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "audit_logs";
-- @statement
DROP TYPE "audit_log_action";

-- @sqlite up
-- @statement
CREATE TABLE "audit_logs" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "actor_user_id" uuid_text, "action" text NOT NULL, "resource_type" text NOT NULL, "resource_id" uuid_text, "old_values" jsonb_text, "new_values" jsonb_text, "ip_address" text, "user_agent" text, "session_id" uuid_text, "occurred_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_audit_logs" PRIMARY KEY ("id", "occurred_at"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("actor_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_audit_logs_resource_type_not_blank" CHECK (length(trim(resource_type)) > 0), CONSTRAINT "ck_audit_logs_resource_type_length" CHECK (length("resource_type") <= 50), CONSTRAINT "ck_audit_logs_ip_address_length" CHECK (length("ip_address") <= 45), CONSTRAINT "ck_audit_logs_action" CHECK ("action" IN ('create', 'read', 'update', 'delete', 'login', 'logout', 'export')) );
-- @statement
CREATE INDEX "idx_audit_logs_tenant_id_occurred_at" ON "audit_logs" ("tenant_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_audit_logs_resource_type_resource_id_occurred_at" ON "audit_logs" ("resource_type", "resource_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_audit_logs_actor_user_id" ON "audit_logs" ("actor_user_id");

-- @sqlite down
-- @statement
DROP TABLE "audit_logs";
