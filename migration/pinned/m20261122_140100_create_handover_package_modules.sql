-- The SQL m20261122_140100_create_handover_package_modules runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "handover_package_modules" ( "handover_package_id" uuid NOT NULL, "module_installation_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_handover_package_modules" PRIMARY KEY ("handover_package_id", "module_installation_id"), CONSTRAINT "fk_handover_package_modules_handover_package_id" FOREIGN KEY ("handover_package_id") REFERENCES "handover_packages" ("id") ON DELETE CASCADE, CONSTRAINT "fk_handover_package_modules_module_installation_id" FOREIGN KEY ("module_installation_id") REFERENCES "module_installations" ("id") ON DELETE CASCADE, CONSTRAINT "fk_handover_package_modules_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_handover_package_modules_module_installation_id" ON "handover_package_modules" ("module_installation_id");
-- @statement
CREATE INDEX "idx_handover_package_modules_tenant_id" ON "handover_package_modules" ("tenant_id");
-- @statement
ALTER TABLE "handover_package_modules" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "handover_package_modules" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "handover_package_modules" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "handover_package_modules" IS 'A module installation covered by a handover package: one row per (package, installation). Replaces seed 001''s JSON array of installation ids with real foreign keys. The installation must belong to the package''s tenant (checked by the domain layer).';
-- @statement
COMMENT ON COLUMN "handover_package_modules"."tenant_id" IS 'The package''s tenant, repeated so that row-level security can scope the row.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "handover_package_modules";

-- @sqlite up
-- @statement
CREATE TABLE "handover_package_modules" ( "handover_package_id" uuid_text NOT NULL, "module_installation_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_handover_package_modules" PRIMARY KEY ("handover_package_id", "module_installation_id"), FOREIGN KEY ("handover_package_id") REFERENCES "handover_packages" ("id") ON DELETE CASCADE, FOREIGN KEY ("module_installation_id") REFERENCES "module_installations" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_handover_package_modules_module_installation_id" ON "handover_package_modules" ("module_installation_id");
-- @statement
CREATE INDEX "idx_handover_package_modules_tenant_id" ON "handover_package_modules" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "handover_package_modules";
