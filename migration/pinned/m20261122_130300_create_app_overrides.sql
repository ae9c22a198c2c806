-- The SQL m20261122_130300_create_app_overrides runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "app_override_activation_status" AS ENUM ('pending', 'active', 'failed', 'deactivated');
-- @statement
CREATE TABLE "app_overrides" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "app_key" text NOT NULL, "enabled" bool NOT NULL DEFAULT (TRUE), "override_settings" jsonb NOT NULL DEFAULT ('{}'), "marketplace_module_id" uuid, "module_installation_id" uuid, "activation_status" app_override_activation_status NOT NULL DEFAULT ('pending'), "activation_metadata" jsonb NOT NULL DEFAULT ('{}'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_app_overrides" PRIMARY KEY ("id"), CONSTRAINT "fk_app_overrides_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_app_overrides_marketplace_module_id" FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE SET NULL, CONSTRAINT "fk_app_overrides_module_installation_id" FOREIGN KEY ("module_installation_id") REFERENCES "module_installations" ("id") ON DELETE CASCADE, CONSTRAINT "ck_app_overrides_app_key_length" CHECK (length("app_key") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_app_overrides_tenant_id_app_key" ON "app_overrides" ("tenant_id", "app_key");
-- @statement
CREATE INDEX "idx_app_overrides_marketplace_module_id" ON "app_overrides" ("marketplace_module_id");
-- @statement
CREATE INDEX "idx_app_overrides_module_installation_id" ON "app_overrides" ("module_installation_id");
-- @statement
ALTER TABLE "app_overrides" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "app_overrides" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "app_overrides" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_app_overrides_updated_at" BEFORE UPDATE ON "app_overrides" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "app_overrides" IS 'A tenant''s override for one app (seed 001 client_app_overrides): whether it is enabled, its settings, and the marketplace module and installation that provide it. Unique by (tenant_id, app_key).';
-- @statement
COMMENT ON COLUMN "app_overrides"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "app_overrides"."app_key" IS 'The app''s stable key within the platform.';
-- @statement
COMMENT ON COLUMN "app_overrides"."override_settings" IS 'Settings that replace the app''s defaults for this tenant.';
-- @statement
COMMENT ON COLUMN "app_overrides"."marketplace_module_id" IS 'The marketplace module behind the app; NULL for a built-in app or once the module is deleted.';
-- @statement
COMMENT ON COLUMN "app_overrides"."module_installation_id" IS 'The tenant''s installation behind the app; deleting the installation deletes the override.';
-- @statement
COMMENT ON COLUMN "app_overrides"."activation_metadata" IS 'Free-form details of the last activation attempt, such as its error.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "app_overrides";
-- @statement
DROP TYPE "app_override_activation_status";

-- @sqlite up
-- @statement
CREATE TABLE "app_overrides" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "app_key" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (TRUE), "override_settings" jsonb_text NOT NULL DEFAULT ('{}'), "marketplace_module_id" uuid_text, "module_installation_id" uuid_text, "activation_status" text NOT NULL DEFAULT ('pending'), "activation_metadata" jsonb_text NOT NULL DEFAULT ('{}'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_app_overrides" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE SET NULL, FOREIGN KEY ("module_installation_id") REFERENCES "module_installations" ("id") ON DELETE CASCADE, CONSTRAINT "ck_app_overrides_app_key_length" CHECK (length("app_key") <= 100), CONSTRAINT "ck_app_overrides_activation_status" CHECK ("activation_status" IN ('pending', 'active', 'failed', 'deactivated')) );
-- @statement
CREATE UNIQUE INDEX "uq_app_overrides_tenant_id_app_key" ON "app_overrides" ("tenant_id", "app_key");
-- @statement
CREATE INDEX "idx_app_overrides_marketplace_module_id" ON "app_overrides" ("marketplace_module_id");
-- @statement
CREATE INDEX "idx_app_overrides_module_installation_id" ON "app_overrides" ("module_installation_id");

-- @sqlite down
-- @statement
DROP TABLE "app_overrides";
