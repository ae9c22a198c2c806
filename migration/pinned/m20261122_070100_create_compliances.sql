-- The SQL m20261122_070100_create_compliances runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "compliance_framework" AS ENUM ('soc2', 'iso27001', 'gdpr', 'hipaa', 'pci_dss');
-- @statement
CREATE TYPE "compliance_status" AS ENUM ('not_started', 'in_progress', 'compliant', 'non_compliant');
-- @statement
CREATE TABLE "compliances" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "framework" compliance_framework NOT NULL, "status" compliance_status NOT NULL DEFAULT ('not_started'), "last_assessed_at" timestamp with time zone, "next_review_at" timestamp with time zone, "evidence" jsonb NOT NULL DEFAULT ('[]'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_compliances" PRIMARY KEY ("id"), CONSTRAINT "fk_compliances_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_compliances_assessed_when_result" CHECK (status NOT IN ('compliant', 'non_compliant') OR last_assessed_at IS NOT NULL), CONSTRAINT "ck_compliances_review_after_assessment" CHECK (next_review_at IS NULL OR last_assessed_at IS NULL OR next_review_at > last_assessed_at) );
-- @statement
CREATE UNIQUE INDEX "uq_compliances_tenant_id_framework" ON "compliances" ("tenant_id", "framework");
-- @statement
ALTER TABLE "compliances" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "compliances" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "compliances" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_compliances_updated_at" BEFORE UPDATE ON "compliances" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "compliances" IS 'Where a tenant stands against one compliance framework (SOC 2, GDPR, …): the result of its last assessment, the evidence, and when it is next reviewed. One row per (tenant, framework).';
-- @statement
COMMENT ON COLUMN "compliances"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "compliances"."evidence" IS 'Documents, links and the like; shape not fixed by the model.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "compliances";
-- @statement
DROP TYPE "compliance_status";
-- @statement
DROP TYPE "compliance_framework";

-- @sqlite up
-- @statement
CREATE TABLE "compliances" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "framework" text NOT NULL, "status" text NOT NULL DEFAULT ('not_started'), "last_assessed_at" timestamp_with_timezone_text, "next_review_at" timestamp_with_timezone_text, "evidence" jsonb_text NOT NULL DEFAULT ('[]'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_compliances" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_compliances_assessed_when_result" CHECK (status NOT IN ('compliant', 'non_compliant') OR last_assessed_at IS NOT NULL), CONSTRAINT "ck_compliances_review_after_assessment" CHECK (next_review_at IS NULL OR last_assessed_at IS NULL OR next_review_at > last_assessed_at), CONSTRAINT "ck_compliances_framework" CHECK ("framework" IN ('soc2', 'iso27001', 'gdpr', 'hipaa', 'pci_dss')), CONSTRAINT "ck_compliances_status" CHECK ("status" IN ('not_started', 'in_progress', 'compliant', 'non_compliant')) );
-- @statement
CREATE UNIQUE INDEX "uq_compliances_tenant_id_framework" ON "compliances" ("tenant_id", "framework");

-- @sqlite down
-- @statement
DROP TABLE "compliances";
