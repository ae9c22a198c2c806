-- The SQL m20261122_140200_create_handover_package_configurations runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "handover_package_configurations" ( "handover_package_id" uuid NOT NULL, "configuration_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_handover_package_configurations" PRIMARY KEY ("handover_package_id", "configuration_id"), CONSTRAINT "fk_handover_package_configurations_handover_package_id" FOREIGN KEY ("handover_package_id") REFERENCES "handover_packages" ("id") ON DELETE CASCADE, CONSTRAINT "fk_handover_package_configurations_configuration_id" FOREIGN KEY ("configuration_id") REFERENCES "configurations" ("id") ON DELETE CASCADE, CONSTRAINT "fk_handover_package_configurations_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_handover_package_configurations_configuration_id" ON "handover_package_configurations" ("configuration_id");
-- @statement
CREATE INDEX "idx_handover_package_configurations_tenant_id" ON "handover_package_configurations" ("tenant_id");
-- @statement
ALTER TABLE "handover_package_configurations" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "handover_package_configurations" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "handover_package_configurations" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
COMMENT ON TABLE "handover_package_configurations" IS 'A configuration covered by a handover package: one row per (package, configuration). Replaces seed 001''s UUID[] of configuration ids with real foreign keys. The configuration is the package''s tenant''s own or a platform default (checked by the domain layer).';
-- @statement
COMMENT ON COLUMN "handover_package_configurations"."tenant_id" IS 'The package''s tenant, repeated so that row-level security can scope the row.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "handover_package_configurations";

-- @sqlite up
-- @statement
CREATE TABLE "handover_package_configurations" ( "handover_package_id" uuid_text NOT NULL, "configuration_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_handover_package_configurations" PRIMARY KEY ("handover_package_id", "configuration_id"), FOREIGN KEY ("handover_package_id") REFERENCES "handover_packages" ("id") ON DELETE CASCADE, FOREIGN KEY ("configuration_id") REFERENCES "configurations" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_handover_package_configurations_configuration_id" ON "handover_package_configurations" ("configuration_id");
-- @statement
CREATE INDEX "idx_handover_package_configurations_tenant_id" ON "handover_package_configurations" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "handover_package_configurations";
