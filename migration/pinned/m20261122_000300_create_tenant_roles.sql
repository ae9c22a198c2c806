-- The SQL m20261122_000300_create_tenant_roles runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "tenant_roles" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "is_default" bool NOT NULL DEFAULT (FALSE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tenant_roles" PRIMARY KEY ("id"), CONSTRAINT "fk_tenant_roles_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_tenant_roles_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_tenant_roles_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_roles_tenant_id_name" ON "tenant_roles" ("tenant_id", "name");
-- @statement
ALTER TABLE "tenant_roles" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenant_roles" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "tenant_roles" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_tenant_roles_updated_at" BEFORE UPDATE ON "tenant_roles" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tenant_roles" IS 'A role inside one tenant (for example owner, admin, member), unique by name per tenant.';
-- @statement
COMMENT ON COLUMN "tenant_roles"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "tenant_roles"."is_default" IS 'Given to new members who are invited without a role.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tenant_roles";

-- @sqlite up
-- @statement
CREATE TABLE "tenant_roles" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "name" text NOT NULL, "description" text, "is_default" boolean NOT NULL DEFAULT (FALSE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tenant_roles" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_tenant_roles_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_tenant_roles_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_roles_tenant_id_name" ON "tenant_roles" ("tenant_id", "name");

-- @sqlite down
-- @statement
DROP TABLE "tenant_roles";
