-- The SQL m20261122_140000_create_handover_packages runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "handover_package_type" AS ENUM ('complete', 'partial', 'update');
-- @statement
CREATE TYPE "handover_package_delivery_status" AS ENUM ('pending', 'preparing', 'ready', 'delivering', 'delivered', 'failed');
-- @statement
CREATE TYPE "handover_package_delivery_method" AS ENUM ('email', 'portal', 'download', 'api');
-- @statement
CREATE TABLE "handover_packages" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "workflow_run_id" uuid, "name" text NOT NULL, "package_type" handover_package_type NOT NULL DEFAULT ('complete'), "delivery_status" handover_package_delivery_status NOT NULL DEFAULT ('pending'), "delivery_method" handover_package_delivery_method, "delivered_at" timestamp with time zone, "delivery_confirmation" jsonb, "module_configurations" jsonb NOT NULL DEFAULT ('{}'), "sop_documents" jsonb NOT NULL DEFAULT ('[]'), "tutorial_videos" jsonb NOT NULL DEFAULT ('[]'), "admin_credentials" text, "metadata" jsonb NOT NULL DEFAULT ('{}'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_handover_packages" PRIMARY KEY ("id"), CONSTRAINT "fk_handover_packages_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_handover_packages_workflow_run_id" FOREIGN KEY ("workflow_run_id") REFERENCES "workflow_runs" ("id") ON DELETE SET NULL, CONSTRAINT "ck_handover_packages_delivered_at_iff_delivered" CHECK ((delivery_status = 'delivered') = (delivered_at IS NOT NULL)), CONSTRAINT "ck_handover_packages_delivery_method_when_delivering" CHECK (delivery_status NOT IN ('delivering', 'delivered') OR delivery_method IS NOT NULL), CONSTRAINT "ck_handover_packages_delivery_confirmation_when_delivered" CHECK (delivery_confirmation IS NULL OR delivery_status = 'delivered'), CONSTRAINT "ck_handover_packages_name_length" CHECK (length("name") <= 255) );
-- @statement
CREATE INDEX "idx_handover_packages_tenant_id_open" ON "handover_packages" ("tenant_id", "created_at" DESC) WHERE delivery_status <> 'delivered';
-- @statement
CREATE INDEX "idx_handover_packages_tenant_id" ON "handover_packages" ("tenant_id");
-- @statement
CREATE INDEX "idx_handover_packages_workflow_run_id" ON "handover_packages" ("workflow_run_id");
-- @statement
ALTER TABLE "handover_packages" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "handover_packages" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "handover_packages" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_handover_packages_updated_at" BEFORE UPDATE ON "handover_packages" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "handover_packages" IS 'A handover package for a tenant, usually assembled by a workflow run: its documents and videos, module configurations and sealed administrator credentials, and its delivery. delivered_at is set exactly when delivered. The modules and configurations it covers are in handover_package_modules and handover_package_configurations; that they belong to the package''s tenant is checked by the domain layer.';
-- @statement
COMMENT ON COLUMN "handover_packages"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "handover_packages"."workflow_run_id" IS 'The workflow run that assembled the package; NULL if made by hand or the run is deleted.';
-- @statement
COMMENT ON COLUMN "handover_packages"."delivery_method" IS 'Chosen by the time delivery starts.';
-- @statement
COMMENT ON COLUMN "handover_packages"."delivery_confirmation" IS 'Typed: entity::json::DeliveryConfirmation. NULL until the tenant confirms receipt.';
-- @statement
COMMENT ON COLUMN "handover_packages"."module_configurations" IS 'Snapshot of each included module''s settings at packaging time, by app key.';
-- @statement
COMMENT ON COLUMN "handover_packages"."sop_documents" IS 'Typed: entity::json::SopDocuments.';
-- @statement
COMMENT ON COLUMN "handover_packages"."tutorial_videos" IS 'Typed: entity::json::TutorialVideos.';
-- @statement
COMMENT ON COLUMN "handover_packages"."admin_credentials" IS 'SEALED: the tenant administrator credentials handed over, as JSON encrypted with AES-256-GCM under an application key, stored with the id of that key and the nonce. Never plaintext; NULL when the package hands over no credentials.';
-- @statement
COMMENT ON COLUMN "handover_packages"."metadata" IS 'Free-form details of the package.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "handover_packages";
-- @statement
DROP TYPE "handover_package_delivery_method";
-- @statement
DROP TYPE "handover_package_delivery_status";
-- @statement
DROP TYPE "handover_package_type";

-- @sqlite up
-- @statement
CREATE TABLE "handover_packages" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "workflow_run_id" uuid_text, "name" text NOT NULL, "package_type" text NOT NULL DEFAULT ('complete'), "delivery_status" text NOT NULL DEFAULT ('pending'), "delivery_method" text, "delivered_at" timestamp_with_timezone_text, "delivery_confirmation" jsonb_text, "module_configurations" jsonb_text NOT NULL DEFAULT ('{}'), "sop_documents" jsonb_text NOT NULL DEFAULT ('[]'), "tutorial_videos" jsonb_text NOT NULL DEFAULT ('[]'), "admin_credentials" text, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_handover_packages" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("workflow_run_id") REFERENCES "workflow_runs" ("id") ON DELETE SET NULL, CONSTRAINT "ck_handover_packages_delivered_at_iff_delivered" CHECK ((delivery_status = 'delivered') = (delivered_at IS NOT NULL)), CONSTRAINT "ck_handover_packages_delivery_method_when_delivering" CHECK (delivery_status NOT IN ('delivering', 'delivered') OR delivery_method IS NOT NULL), CONSTRAINT "ck_handover_packages_delivery_confirmation_when_delivered" CHECK (delivery_confirmation IS NULL OR delivery_status = 'delivered'), CONSTRAINT "ck_handover_packages_name_length" CHECK (length("name") <= 255), CONSTRAINT "ck_handover_packages_package_type" CHECK ("package_type" IN ('complete', 'partial', 'update')), CONSTRAINT "ck_handover_packages_delivery_status" CHECK ("delivery_status" IN ('pending', 'preparing', 'ready', 'delivering', 'delivered', 'failed')), CONSTRAINT "ck_handover_packages_delivery_method" CHECK ("delivery_method" IN ('email', 'portal', 'download', 'api')) );
-- @statement
CREATE INDEX "idx_handover_packages_tenant_id_open" ON "handover_packages" ("tenant_id", "created_at" DESC) WHERE delivery_status <> 'delivered';
-- @statement
CREATE INDEX "idx_handover_packages_tenant_id" ON "handover_packages" ("tenant_id");
-- @statement
CREATE INDEX "idx_handover_packages_workflow_run_id" ON "handover_packages" ("workflow_run_id");

-- @sqlite down
-- @statement
DROP TABLE "handover_packages";
