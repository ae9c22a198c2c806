-- The SQL m20261122_130100_create_module_installations runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "module_installation_status" AS ENUM ('pending', 'installing', 'active', 'failed', 'uninstalled');
-- @statement
CREATE TABLE "module_installations" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "marketplace_module_id" uuid NOT NULL, "version" text NOT NULL, "status" module_installation_status NOT NULL DEFAULT ('pending'), "config" jsonb NOT NULL DEFAULT ('{}'), "installed_by_user_id" uuid, "installed_at" timestamp with time zone, "uninstalled_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_module_installations" PRIMARY KEY ("id"), CONSTRAINT "fk_module_installations_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_module_installations_marketplace_module_id" FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE RESTRICT, CONSTRAINT "fk_module_installations_installed_by_user_id" FOREIGN KEY ("installed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_module_installations_installed_at_when_active" CHECK (status <> 'active' OR installed_at IS NOT NULL), CONSTRAINT "ck_module_installations_uninstalled_at_iff_uninstalled" CHECK ((status = 'uninstalled') = (uninstalled_at IS NOT NULL)), CONSTRAINT "ck_module_installations_uninstalled_after_installed" CHECK (uninstalled_at IS NULL OR uninstalled_at >= installed_at), CONSTRAINT "ck_module_installations_version_length" CHECK (length("version") <= 50) );
-- @statement
CREATE UNIQUE INDEX "uq_module_installations_tenant_id_marketplace_module_id" ON "module_installations" ("tenant_id", "marketplace_module_id") WHERE status = 'active';
-- @statement
CREATE INDEX "idx_module_installations_tenant_id" ON "module_installations" ("tenant_id");
-- @statement
CREATE INDEX "idx_module_installations_marketplace_module_id" ON "module_installations" ("marketplace_module_id");
-- @statement
CREATE INDEX "idx_module_installations_installed_by_user_id" ON "module_installations" ("installed_by_user_id");
-- @statement
ALTER TABLE "module_installations" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "module_installations" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "module_installations" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_module_installations_updated_at" BEFORE UPDATE ON "module_installations" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "module_installations" IS 'A marketplace module installed (or being installed) by a tenant, at a version and with its configuration. At most one active installation per (tenant, module); uninstalled_at is set exactly when uninstalled, and the row is kept as history.';
-- @statement
COMMENT ON COLUMN "module_installations"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "module_installations"."marketplace_module_id" IS 'The module installed; a module with installations cannot be deleted (deprecate it).';
-- @statement
COMMENT ON COLUMN "module_installations"."version" IS 'The module version installed.';
-- @statement
COMMENT ON COLUMN "module_installations"."config" IS 'The tenant''s settings for the module, in the module''s own schema.';
-- @statement
COMMENT ON COLUMN "module_installations"."installed_by_user_id" IS 'Who installed it.';
-- @statement
COMMENT ON COLUMN "module_installations"."installed_at" IS 'When it became active.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "module_installations";
-- @statement
DROP TYPE "module_installation_status";

-- @sqlite up
-- @statement
CREATE TABLE "module_installations" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "marketplace_module_id" uuid_text NOT NULL, "version" text NOT NULL, "status" text NOT NULL DEFAULT ('pending'), "config" jsonb_text NOT NULL DEFAULT ('{}'), "installed_by_user_id" uuid_text, "installed_at" timestamp_with_timezone_text, "uninstalled_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_module_installations" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE RESTRICT, FOREIGN KEY ("installed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_module_installations_installed_at_when_active" CHECK (status <> 'active' OR installed_at IS NOT NULL), CONSTRAINT "ck_module_installations_uninstalled_at_iff_uninstalled" CHECK ((status = 'uninstalled') = (uninstalled_at IS NOT NULL)), CONSTRAINT "ck_module_installations_uninstalled_after_installed" CHECK (uninstalled_at IS NULL OR uninstalled_at >= installed_at), CONSTRAINT "ck_module_installations_version_length" CHECK (length("version") <= 50), CONSTRAINT "ck_module_installations_status" CHECK ("status" IN ('pending', 'installing', 'active', 'failed', 'uninstalled')) );
-- @statement
CREATE UNIQUE INDEX "uq_module_installations_tenant_id_marketplace_module_id" ON "module_installations" ("tenant_id", "marketplace_module_id") WHERE status = 'active';
-- @statement
CREATE INDEX "idx_module_installations_tenant_id" ON "module_installations" ("tenant_id");
-- @statement
CREATE INDEX "idx_module_installations_marketplace_module_id" ON "module_installations" ("marketplace_module_id");
-- @statement
CREATE INDEX "idx_module_installations_installed_by_user_id" ON "module_installations" ("installed_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "module_installations";
