-- The SQL m20261122_090000_create_configurations runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "configurations" ( "id" uuid NOT NULL, "tenant_id" uuid, "namespace" text NOT NULL, "key" text NOT NULL, "value" jsonb NOT NULL, "description" text, "version" bigint NOT NULL DEFAULT (1), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_configurations" PRIMARY KEY ("id"), CONSTRAINT "fk_configurations_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_configurations_namespace_not_blank" CHECK (length(trim(namespace)) > 0), CONSTRAINT "ck_configurations_key_not_blank" CHECK (length(trim(key)) > 0), CONSTRAINT "ck_configurations_version_positive" CHECK (version > 0), CONSTRAINT "ck_configurations_namespace_length" CHECK (length("namespace") <= 100), CONSTRAINT "ck_configurations_key_length" CHECK (length("key") <= 200) );
-- @statement
CREATE UNIQUE INDEX "uq_configurations_tenant_id_namespace_key" ON "configurations" ("tenant_id", "namespace", "key") NULLS NOT DISTINCT;
-- @statement
CREATE INDEX "idx_configurations_tenant_id" ON "configurations" ("tenant_id");
-- @statement
ALTER TABLE "configurations" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "configurations" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "configurations" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "configurations" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "configurations" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "configurations" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_configurations_updated_at" BEFORE UPDATE ON "configurations" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "configurations" IS 'One setting, namespace + key → value. Mixes global defaults (tenant_id NULL, readable by every tenant) and a tenant''s overrides, which win over the default of the same key. Unique by (tenant_id, namespace, key) with NULL counted as one tenant.';
-- @statement
COMMENT ON COLUMN "configurations"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "configurations"."namespace" IS 'The area the setting belongs to, for example reports or deployment.';
-- @statement
COMMENT ON COLUMN "configurations"."value" IS 'The setting''s value, any JSON; its shape depends on namespace and key.';
-- @statement
COMMENT ON COLUMN "configurations"."version" IS 'Incremented on every change of value (optimistic concurrency).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "configurations";

-- @sqlite up
-- @statement
CREATE TABLE "configurations" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "namespace" text NOT NULL, "key" text NOT NULL, "value" jsonb_text NOT NULL, "description" text, "version" integer NOT NULL DEFAULT (1), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_configurations" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_configurations_namespace_not_blank" CHECK (length(trim(namespace)) > 0), CONSTRAINT "ck_configurations_key_not_blank" CHECK (length(trim(key)) > 0), CONSTRAINT "ck_configurations_version_positive" CHECK (version > 0), CONSTRAINT "ck_configurations_namespace_length" CHECK (length("namespace") <= 100), CONSTRAINT "ck_configurations_key_length" CHECK (length("key") <= 200) );
-- @statement
CREATE UNIQUE INDEX "uq_configurations_tenant_id_namespace_key" ON "configurations" (ifnull(tenant_id, ''), "namespace", "key");
-- @statement
CREATE INDEX "idx_configurations_tenant_id" ON "configurations" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "configurations";
