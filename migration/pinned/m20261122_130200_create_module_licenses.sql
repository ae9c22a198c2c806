-- The SQL m20261122_130200_create_module_licenses runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "module_license_status" AS ENUM ('active', 'expired', 'revoked');
-- @statement
CREATE TABLE "module_licenses" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "marketplace_module_id" uuid NOT NULL, "license_key" text NOT NULL, "status" module_license_status NOT NULL DEFAULT ('active'), "issued_at" timestamp with time zone NOT NULL DEFAULT (now()), "expires_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_module_licenses" PRIMARY KEY ("id"), CONSTRAINT "fk_module_licenses_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_module_licenses_marketplace_module_id" FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_module_licenses_license_key_not_blank" CHECK (length(license_key) > 0), CONSTRAINT "ck_module_licenses_expires_after_issued" CHECK (expires_at IS NULL OR expires_at > issued_at), CONSTRAINT "ck_module_licenses_expires_at_when_expired" CHECK (status <> 'expired' OR expires_at IS NOT NULL) );
-- @statement
CREATE INDEX "idx_module_licenses_tenant_id_marketplace_module_id" ON "module_licenses" ("tenant_id", "marketplace_module_id");
-- @statement
CREATE INDEX "idx_module_licenses_marketplace_module_id" ON "module_licenses" ("marketplace_module_id");
-- @statement
ALTER TABLE "module_licenses" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "module_licenses" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "module_licenses" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_module_licenses_updated_at" BEFORE UPDATE ON "module_licenses" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "module_licenses" IS 'A tenant''s licence for a marketplace module: its key (stored sealed with AES-256-GCM, never in plaintext), when it was issued and when it expires.';
-- @statement
COMMENT ON COLUMN "module_licenses"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "module_licenses"."marketplace_module_id" IS 'The module licensed; a module with licences cannot be deleted (deprecate it).';
-- @statement
COMMENT ON COLUMN "module_licenses"."license_key" IS 'SEALED: the licence key encrypted with AES-256-GCM under an application key, stored with the id of that key and the nonce so it can be opened and keys rotated. Never plaintext.';
-- @statement
COMMENT ON COLUMN "module_licenses"."expires_at" IS 'When the licence lapses; NULL for a perpetual licence.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "module_licenses";
-- @statement
DROP TYPE "module_license_status";

-- @sqlite up
-- @statement
CREATE TABLE "module_licenses" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "marketplace_module_id" uuid_text NOT NULL, "license_key" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "issued_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "expires_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_module_licenses" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("marketplace_module_id") REFERENCES "marketplace_modules" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_module_licenses_license_key_not_blank" CHECK (length(license_key) > 0), CONSTRAINT "ck_module_licenses_expires_after_issued" CHECK (expires_at IS NULL OR expires_at > issued_at), CONSTRAINT "ck_module_licenses_expires_at_when_expired" CHECK (status <> 'expired' OR expires_at IS NOT NULL), CONSTRAINT "ck_module_licenses_status" CHECK ("status" IN ('active', 'expired', 'revoked')) );
-- @statement
CREATE INDEX "idx_module_licenses_tenant_id_marketplace_module_id" ON "module_licenses" ("tenant_id", "marketplace_module_id");
-- @statement
CREATE INDEX "idx_module_licenses_marketplace_module_id" ON "module_licenses" ("marketplace_module_id");

-- @sqlite down
-- @statement
DROP TABLE "module_licenses";
