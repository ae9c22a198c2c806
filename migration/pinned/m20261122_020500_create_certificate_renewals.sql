-- The SQL m20261122_020500_create_certificate_renewals runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "certificate_renewal_status" AS ENUM ('scheduled', 'running', 'succeeded', 'failed');
-- @statement
CREATE TABLE "certificate_renewals" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "certificate_id" uuid NOT NULL, "status" certificate_renewal_status NOT NULL DEFAULT ('scheduled'), "scheduled_at" timestamp with time zone NOT NULL DEFAULT (now()), "attempted_at" timestamp with time zone, "completed_at" timestamp with time zone, "error" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_certificate_renewals" PRIMARY KEY ("id"), CONSTRAINT "fk_certificate_renewals_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_certificate_renewals_certificate_id" FOREIGN KEY ("certificate_id") REFERENCES "certificates" ("id") ON DELETE CASCADE, CONSTRAINT "ck_certificate_renewals_attempted_unless_scheduled" CHECK ((status = 'scheduled') = (attempted_at IS NULL)), CONSTRAINT "ck_certificate_renewals_completed_at_iff_finished" CHECK ((status IN ('succeeded', 'failed')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_certificate_renewals_completed_after_attempted" CHECK (completed_at IS NULL OR completed_at >= attempted_at), CONSTRAINT "ck_certificate_renewals_error_iff_failed" CHECK ((status = 'failed') = (error IS NOT NULL)) );
-- @statement
CREATE INDEX "idx_certificate_renewals_certificate_id_created_at" ON "certificate_renewals" ("certificate_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_certificate_renewals_tenant_id" ON "certificate_renewals" ("tenant_id");
-- @statement
ALTER TABLE "certificate_renewals" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "certificate_renewals" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "certificate_renewals" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_certificate_renewals_updated_at" BEFORE UPDATE ON "certificate_renewals" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "certificate_renewals" IS 'One attempt to renew a certificate, from scheduling to its outcome: attempted_at is set once it runs, completed_at exactly when it succeeded or failed, error exactly when it failed. Deleted with its certificate.';
-- @statement
COMMENT ON COLUMN "certificate_renewals"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "certificate_renewals"."scheduled_at" IS 'When the attempt is due to run.';
-- @statement
COMMENT ON COLUMN "certificate_renewals"."attempted_at" IS 'When the attempt started.';
-- @statement
COMMENT ON COLUMN "certificate_renewals"."error" IS 'Why the attempt failed.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "certificate_renewals";
-- @statement
DROP TYPE "certificate_renewal_status";

-- @sqlite up
-- @statement
CREATE TABLE "certificate_renewals" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "certificate_id" uuid_text NOT NULL, "status" text NOT NULL DEFAULT ('scheduled'), "scheduled_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "attempted_at" timestamp_with_timezone_text, "completed_at" timestamp_with_timezone_text, "error" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_certificate_renewals" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("certificate_id") REFERENCES "certificates" ("id") ON DELETE CASCADE, CONSTRAINT "ck_certificate_renewals_attempted_unless_scheduled" CHECK ((status = 'scheduled') = (attempted_at IS NULL)), CONSTRAINT "ck_certificate_renewals_completed_at_iff_finished" CHECK ((status IN ('succeeded', 'failed')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_certificate_renewals_completed_after_attempted" CHECK (completed_at IS NULL OR completed_at >= attempted_at), CONSTRAINT "ck_certificate_renewals_error_iff_failed" CHECK ((status = 'failed') = (error IS NOT NULL)), CONSTRAINT "ck_certificate_renewals_status" CHECK ("status" IN ('scheduled', 'running', 'succeeded', 'failed')) );
-- @statement
CREATE INDEX "idx_certificate_renewals_certificate_id_created_at" ON "certificate_renewals" ("certificate_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_certificate_renewals_tenant_id" ON "certificate_renewals" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "certificate_renewals";
