-- The SQL m20261122_000900_create_roles runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "roles" ( "id" uuid NOT NULL, "tenant_id" uuid, "name" text NOT NULL, "description" text, "is_system" bool NOT NULL DEFAULT (FALSE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_roles" PRIMARY KEY ("id"), CONSTRAINT "fk_roles_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_roles_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_roles_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE INDEX "idx_roles_tenant_id" ON "roles" ("tenant_id");
-- @statement
CREATE UNIQUE INDEX "uq_roles_tenant_id_name" ON "roles" ("tenant_id", "name") NULLS NOT DISTINCT;
-- @statement
ALTER TABLE "roles" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "roles" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "roles" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "roles" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "roles" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "roles" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_roles_updated_at" BEFORE UPDATE ON "roles" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "roles" IS 'A set of permissions. Mixes platform rows (tenant_id NULL, readable by every tenant) and tenant rows. Unique by (tenant_id, name) with NULL counted as one tenant.';
-- @statement
COMMENT ON COLUMN "roles"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "roles"."is_system" IS 'Built in: not editable by tenants.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "roles";

-- @sqlite up
-- @statement
CREATE TABLE "roles" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "name" text NOT NULL, "description" text, "is_system" boolean NOT NULL DEFAULT (FALSE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_roles" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_roles_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_roles_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE INDEX "idx_roles_tenant_id" ON "roles" ("tenant_id");
-- @statement
CREATE UNIQUE INDEX "uq_roles_tenant_id_name" ON "roles" (ifnull(tenant_id, ''), "name");

-- @sqlite down
-- @statement
DROP TABLE "roles";
