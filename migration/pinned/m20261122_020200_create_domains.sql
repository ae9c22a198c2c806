-- The SQL m20261122_020200_create_domains runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "domain_verification_status" AS ENUM ('pending', 'verified', 'failed');
-- @statement
CREATE TABLE "domains" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "hostname" text NOT NULL, "verification_status" domain_verification_status NOT NULL DEFAULT ('pending'), "verified_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_domains" PRIMARY KEY ("id"), CONSTRAINT "fk_domains_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_domains_hostname" CHECK (hostname ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'), CONSTRAINT "ck_domains_verified_at_when_verified" CHECK (verification_status <> 'verified' OR verified_at IS NOT NULL), CONSTRAINT "ck_domains_hostname_length" CHECK (length("hostname") <= 253) );
-- @statement
CREATE UNIQUE INDEX "uq_domains_hostname" ON "domains" ("hostname");
-- @statement
CREATE INDEX "idx_domains_tenant_id" ON "domains" ("tenant_id");
-- @statement
ALTER TABLE "domains" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "domains" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "domains" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_domains_updated_at" BEFORE UPDATE ON "domains" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "domains" IS 'A DNS domain a tenant has added to the platform, and whether it has proved control of it. A hostname belongs to at most one tenant. Parent of its dns_records and certificates.';
-- @statement
COMMENT ON COLUMN "domains"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "domains"."hostname" IS 'Fully qualified host name, lower case, without a trailing dot.';
-- @statement
COMMENT ON COLUMN "domains"."verified_at" IS 'When control was last proved; set whenever verification_status is verified.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "domains";
-- @statement
DROP TYPE "domain_verification_status";

-- @sqlite up
-- @statement
CREATE TABLE "domains" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "hostname" text NOT NULL, "verification_status" text NOT NULL DEFAULT ('pending'), "verified_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_domains" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_domains_hostname" CHECK (hostname GLOB '*?.?*' AND hostname NOT GLOB '*[^a-z0-9.-]*' AND hostname NOT GLOB '.*' AND hostname NOT GLOB '*.' AND hostname NOT GLOB '*..*'), CONSTRAINT "ck_domains_verified_at_when_verified" CHECK (verification_status <> 'verified' OR verified_at IS NOT NULL), CONSTRAINT "ck_domains_hostname_length" CHECK (length("hostname") <= 253), CONSTRAINT "ck_domains_verification_status" CHECK ("verification_status" IN ('pending', 'verified', 'failed')) );
-- @statement
CREATE UNIQUE INDEX "uq_domains_hostname" ON "domains" ("hostname");
-- @statement
CREATE INDEX "idx_domains_tenant_id" ON "domains" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "domains";
