-- The SQL m20261122_020300_create_dns_records runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "dns_record_type" AS ENUM ('a', 'aaaa', 'cname', 'mx', 'txt', 'ns', 'srv', 'caa');
-- @statement
CREATE TABLE "dns_records" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "domain_id" uuid NOT NULL, "record_type" dns_record_type NOT NULL, "name" text NOT NULL, "value" text NOT NULL, "ttl" bigint NOT NULL DEFAULT (3600), "priority" bigint, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_dns_records" PRIMARY KEY ("id"), CONSTRAINT "fk_dns_records_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_dns_records_domain_id" FOREIGN KEY ("domain_id") REFERENCES "domains" ("id") ON DELETE CASCADE, CONSTRAINT "ck_dns_records_ttl_range" CHECK (ttl BETWEEN 60 AND 86400), CONSTRAINT "ck_dns_records_priority_range" CHECK (priority IS NULL OR priority BETWEEN 0 AND 65535), CONSTRAINT "ck_dns_records_priority_iff_mx_or_srv" CHECK ((record_type IN ('mx', 'srv')) = (priority IS NOT NULL)), CONSTRAINT "ck_dns_records_name_length" CHECK (length("name") <= 253) );
-- @statement
CREATE INDEX "idx_dns_records_domain_id_name_record_type" ON "dns_records" ("domain_id", "name", "record_type");
-- @statement
CREATE INDEX "idx_dns_records_tenant_id" ON "dns_records" ("tenant_id");
-- @statement
ALTER TABLE "dns_records" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "dns_records" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "dns_records" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_dns_records_updated_at" BEFORE UPDATE ON "dns_records" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "dns_records" IS 'One DNS record of a tenant''s domain (type, name, value, TTL, and the priority MX and SRV records need). Deleted with its domain; the domain belongs to the same tenant (enforced by the domain layer).';
-- @statement
COMMENT ON COLUMN "dns_records"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "dns_records"."name" IS 'Owner name relative to the domain; @ for the domain itself.';
-- @statement
COMMENT ON COLUMN "dns_records"."value" IS 'Record data as written in a zone file.';
-- @statement
COMMENT ON COLUMN "dns_records"."ttl" IS 'Time to live in seconds, 60 to 86400.';
-- @statement
COMMENT ON COLUMN "dns_records"."priority" IS 'Preference of an MX or priority of an SRV record (0 to 65535); NULL for other types.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "dns_records";
-- @statement
DROP TYPE "dns_record_type";

-- @sqlite up
-- @statement
CREATE TABLE "dns_records" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "domain_id" uuid_text NOT NULL, "record_type" text NOT NULL, "name" text NOT NULL, "value" text NOT NULL, "ttl" integer NOT NULL DEFAULT (3600), "priority" integer, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_dns_records" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("domain_id") REFERENCES "domains" ("id") ON DELETE CASCADE, CONSTRAINT "ck_dns_records_ttl_range" CHECK (ttl BETWEEN 60 AND 86400), CONSTRAINT "ck_dns_records_priority_range" CHECK (priority IS NULL OR priority BETWEEN 0 AND 65535), CONSTRAINT "ck_dns_records_priority_iff_mx_or_srv" CHECK ((record_type IN ('mx', 'srv')) = (priority IS NOT NULL)), CONSTRAINT "ck_dns_records_name_length" CHECK (length("name") <= 253), CONSTRAINT "ck_dns_records_record_type" CHECK ("record_type" IN ('a', 'aaaa', 'cname', 'mx', 'txt', 'ns', 'srv', 'caa')) );
-- @statement
CREATE INDEX "idx_dns_records_domain_id_name_record_type" ON "dns_records" ("domain_id", "name", "record_type");
-- @statement
CREATE INDEX "idx_dns_records_tenant_id" ON "dns_records" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "dns_records";
