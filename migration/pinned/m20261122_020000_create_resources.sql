-- The SQL m20261122_020000_create_resources runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "resource_kind" AS ENUM ('compute', 'storage', 'database', 'cache', 'cdn', 'queue');
-- @statement
CREATE TYPE "resource_status" AS ENUM ('provisioning', 'active', 'degraded', 'deprovisioned');
-- @statement
CREATE TABLE "resources" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "kind" resource_kind NOT NULL, "name" text NOT NULL, "region" text, "status" resource_status NOT NULL DEFAULT ('provisioning'), "capacity" jsonb NOT NULL DEFAULT ('{}'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_resources" PRIMARY KEY ("id"), CONSTRAINT "fk_resources_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_resources_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_resources_region_length" CHECK (length("region") <= 50) );
-- @statement
CREATE INDEX "idx_resources_tenant_id_kind" ON "resources" ("tenant_id", "kind");
-- @statement
ALTER TABLE "resources" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "resources" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "resources" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_resources_updated_at" BEFORE UPDATE ON "resources" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "resources" IS 'A piece of infrastructure provisioned for a tenant (a compute instance, a storage bucket, a database, …), with its region, state and capacity. Its metered use is in resource_usages.';
-- @statement
COMMENT ON COLUMN "resources"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "resources"."region" IS 'Provider region, for example eu-west-1; NULL for a global resource such as a CDN.';
-- @statement
COMMENT ON COLUMN "resources"."capacity" IS 'Provisioned capacity; its keys depend on kind (not typed).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "resources";
-- @statement
DROP TYPE "resource_status";
-- @statement
DROP TYPE "resource_kind";

-- @sqlite up
-- @statement
CREATE TABLE "resources" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "region" text, "status" text NOT NULL DEFAULT ('provisioning'), "capacity" jsonb_text NOT NULL DEFAULT ('{}'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_resources" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_resources_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_resources_region_length" CHECK (length("region") <= 50), CONSTRAINT "ck_resources_kind" CHECK ("kind" IN ('compute', 'storage', 'database', 'cache', 'cdn', 'queue')), CONSTRAINT "ck_resources_status" CHECK ("status" IN ('provisioning', 'active', 'degraded', 'deprovisioned')) );
-- @statement
CREATE INDEX "idx_resources_tenant_id_kind" ON "resources" ("tenant_id", "kind");

-- @sqlite down
-- @statement
DROP TABLE "resources";
