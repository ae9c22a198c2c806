-- The SQL m20261122_000500_create_onboardings runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "onboarding_status" AS ENUM ('not_started', 'in_progress', 'completed', 'abandoned');
-- @statement
CREATE TABLE "onboardings" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "status" onboarding_status NOT NULL DEFAULT ('not_started'), "current_step" text, "steps_completed" jsonb NOT NULL DEFAULT ('[]'), "owner_user_id" uuid, "started_at" timestamp with time zone, "completed_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_onboardings" PRIMARY KEY ("id"), CONSTRAINT "fk_onboardings_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_onboardings_owner_user_id" FOREIGN KEY ("owner_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_onboardings_started_unless_not_started" CHECK ((status = 'not_started') = (started_at IS NULL)), CONSTRAINT "ck_onboardings_completed_at_iff_completed" CHECK ((status = 'completed') = (completed_at IS NOT NULL)), CONSTRAINT "ck_onboardings_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_onboardings_current_step_length" CHECK (length("current_step") <= 100) );
-- @statement
CREATE INDEX "idx_onboardings_tenant_id" ON "onboardings" ("tenant_id");
-- @statement
CREATE INDEX "idx_onboardings_owner_user_id" ON "onboardings" ("owner_user_id");
-- @statement
ALTER TABLE "onboardings" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "onboardings" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "onboardings" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_onboardings_updated_at" BEFORE UPDATE ON "onboardings" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "onboardings" IS 'A tenant''s progress through first-run setup: which steps are done, and who owns it.';
-- @statement
COMMENT ON COLUMN "onboardings"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "onboardings"."steps_completed" IS 'Typed: entity::json::OnboardingSteps.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "onboardings";
-- @statement
DROP TYPE "onboarding_status";

-- @sqlite up
-- @statement
CREATE TABLE "onboardings" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "status" text NOT NULL DEFAULT ('not_started'), "current_step" text, "steps_completed" jsonb_text NOT NULL DEFAULT ('[]'), "owner_user_id" uuid_text, "started_at" timestamp_with_timezone_text, "completed_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_onboardings" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("owner_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_onboardings_started_unless_not_started" CHECK ((status = 'not_started') = (started_at IS NULL)), CONSTRAINT "ck_onboardings_completed_at_iff_completed" CHECK ((status = 'completed') = (completed_at IS NOT NULL)), CONSTRAINT "ck_onboardings_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_onboardings_current_step_length" CHECK (length("current_step") <= 100), CONSTRAINT "ck_onboardings_status" CHECK ("status" IN ('not_started', 'in_progress', 'completed', 'abandoned')) );
-- @statement
CREATE INDEX "idx_onboardings_tenant_id" ON "onboardings" ("tenant_id");
-- @statement
CREATE INDEX "idx_onboardings_owner_user_id" ON "onboardings" ("owner_user_id");

-- @sqlite down
-- @statement
DROP TABLE "onboardings";
