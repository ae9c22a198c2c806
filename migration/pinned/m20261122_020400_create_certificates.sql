-- The SQL m20261122_020400_create_certificates runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "certificate_status" AS ENUM ('pending', 'issued', 'expiring', 'expired', 'revoked', 'failed');
-- @statement
CREATE TABLE "certificates" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "domain_id" uuid NOT NULL, "common_name" text NOT NULL, "subject_alt_names" jsonb NOT NULL DEFAULT ('[]'), "issuer" text, "status" certificate_status NOT NULL DEFAULT ('pending'), "not_before" timestamp with time zone, "not_after" timestamp with time zone, "auto_renew" bool NOT NULL DEFAULT (TRUE), "fingerprint_sha256" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_certificates" PRIMARY KEY ("id"), CONSTRAINT "fk_certificates_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_certificates_domain_id" FOREIGN KEY ("domain_id") REFERENCES "domains" ("id") ON DELETE CASCADE, CONSTRAINT "ck_certificates_not_after_after_not_before" CHECK (not_after > not_before), CONSTRAINT "ck_certificates_validity_once_issued" CHECK (status IN ('pending', 'failed') OR (not_before IS NOT NULL AND not_after IS NOT NULL AND fingerprint_sha256 IS NOT NULL)), CONSTRAINT "ck_certificates_fingerprint_sha256" CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_certificates_common_name_length" CHECK (length("common_name") <= 253), CONSTRAINT "ck_certificates_issuer_length" CHECK (length("issuer") <= 255) );
-- @statement
CREATE INDEX "idx_certificates_renewal_due" ON "certificates" ("not_after") WHERE auto_renew AND status IN ('issued', 'expiring');
-- @statement
CREATE INDEX "idx_certificates_tenant_id" ON "certificates" ("tenant_id");
-- @statement
CREATE INDEX "idx_certificates_domain_id" ON "certificates" ("domain_id");
-- @statement
ALTER TABLE "certificates" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "certificates" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "certificates" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_certificates_updated_at" BEFORE UPDATE ON "certificates" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "certificates" IS 'A TLS certificate for a tenant''s domain: names covered, issuer, validity window and state. Once issued it has not_before, not_after and its SHA-256 fingerprint. Deleted with its domain; renewal attempts are in certificate_renewals.';
-- @statement
COMMENT ON COLUMN "certificates"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "certificates"."common_name" IS 'Subject CN, for example www.example.com.';
-- @statement
COMMENT ON COLUMN "certificates"."subject_alt_names" IS 'The DNS names the certificate covers besides common_name, as a JSON array of strings.';
-- @statement
COMMENT ON COLUMN "certificates"."issuer" IS 'Issuing CA, for example Let''s Encrypt R11; NULL until issued.';
-- @statement
COMMENT ON COLUMN "certificates"."auto_renew" IS 'Whether the platform renews it before not_after.';
-- @statement
COMMENT ON COLUMN "certificates"."fingerprint_sha256" IS 'Lower-case hex SHA-256 of the DER certificate.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "certificates";
-- @statement
DROP TYPE "certificate_status";

-- @sqlite up
-- @statement
CREATE TABLE "certificates" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "domain_id" uuid_text NOT NULL, "common_name" text NOT NULL, "subject_alt_names" jsonb_text NOT NULL DEFAULT ('[]'), "issuer" text, "status" text NOT NULL DEFAULT ('pending'), "not_before" timestamp_with_timezone_text, "not_after" timestamp_with_timezone_text, "auto_renew" boolean NOT NULL DEFAULT (TRUE), "fingerprint_sha256" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_certificates" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("domain_id") REFERENCES "domains" ("id") ON DELETE CASCADE, CONSTRAINT "ck_certificates_not_after_after_not_before" CHECK (not_after > not_before), CONSTRAINT "ck_certificates_validity_once_issued" CHECK (status IN ('pending', 'failed') OR (not_before IS NOT NULL AND not_after IS NOT NULL AND fingerprint_sha256 IS NOT NULL)), CONSTRAINT "ck_certificates_fingerprint_sha256" CHECK (length(fingerprint_sha256) = 64 AND fingerprint_sha256 NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_certificates_common_name_length" CHECK (length("common_name") <= 253), CONSTRAINT "ck_certificates_issuer_length" CHECK (length("issuer") <= 255), CONSTRAINT "ck_certificates_status" CHECK ("status" IN ('pending', 'issued', 'expiring', 'expired', 'revoked', 'failed')) );
-- @statement
CREATE INDEX "idx_certificates_renewal_due" ON "certificates" ("not_after") WHERE auto_renew AND status IN ('issued', 'expiring');
-- @statement
CREATE INDEX "idx_certificates_tenant_id" ON "certificates" ("tenant_id");
-- @statement
CREATE INDEX "idx_certificates_domain_id" ON "certificates" ("domain_id");

-- @sqlite down
-- @statement
DROP TABLE "certificates";
