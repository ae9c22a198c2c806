-- The SQL m20261122_090200_create_tenant_features runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "tenant_features" ( "tenant_id" uuid NOT NULL, "feature_flag_id" uuid NOT NULL, "enabled" bool NOT NULL, "set_by_user_id" uuid, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tenant_features" PRIMARY KEY ("tenant_id", "feature_flag_id"), CONSTRAINT "fk_tenant_features_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_tenant_features_feature_flag_id" FOREIGN KEY ("feature_flag_id") REFERENCES "feature_flags" ("id") ON DELETE CASCADE, CONSTRAINT "fk_tenant_features_set_by_user_id" FOREIGN KEY ("set_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL );
-- @statement
CREATE INDEX "idx_tenant_features_feature_flag_id" ON "tenant_features" ("feature_flag_id");
-- @statement
CREATE INDEX "idx_tenant_features_set_by_user_id" ON "tenant_features" ("set_by_user_id");
-- @statement
ALTER TABLE "tenant_features" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenant_features" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "tenant_features" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_tenant_features_updated_at" BEFORE UPDATE ON "tenant_features" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tenant_features" IS 'A tenant''s own setting of a feature flag, which wins over the flag''s default and rollout. One row per (tenant, feature flag).';
-- @statement
COMMENT ON COLUMN "tenant_features"."set_by_user_id" IS 'Who set it; NULL once that user is deleted, or when set by the platform.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tenant_features";

-- @sqlite up
-- @statement
CREATE TABLE "tenant_features" ( "tenant_id" uuid_text NOT NULL, "feature_flag_id" uuid_text NOT NULL, "enabled" boolean NOT NULL, "set_by_user_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tenant_features" PRIMARY KEY ("tenant_id", "feature_flag_id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("feature_flag_id") REFERENCES "feature_flags" ("id") ON DELETE CASCADE, FOREIGN KEY ("set_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL );
-- @statement
CREATE INDEX "idx_tenant_features_feature_flag_id" ON "tenant_features" ("feature_flag_id");
-- @statement
CREATE INDEX "idx_tenant_features_set_by_user_id" ON "tenant_features" ("set_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "tenant_features";
