-- The SQL m20261122_090100_create_feature_flags runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "feature_flags" ( "id" uuid NOT NULL, "key" text NOT NULL, "description" text, "default_enabled" bool NOT NULL DEFAULT (FALSE), "rollout_percentage" bigint NOT NULL DEFAULT (0), "rules" jsonb NOT NULL DEFAULT ('[]'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_feature_flags" PRIMARY KEY ("id"), CONSTRAINT "ck_feature_flags_key_not_blank" CHECK (length(trim(key)) > 0), CONSTRAINT "ck_feature_flags_rollout_percentage_range" CHECK (rollout_percentage BETWEEN 0 AND 100), CONSTRAINT "ck_feature_flags_key_length" CHECK (length("key") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_feature_flags_key" ON "feature_flags" ("key");
-- @statement
CREATE TRIGGER "trg_feature_flags_updated_at" BEFORE UPDATE ON "feature_flags" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "feature_flags" IS 'A feature switch of the platform (platform data: no tenant_id): on for rollout_percentage percent of tenants, or by default_enabled; a tenant''s own setting in tenant_features wins.';
-- @statement
COMMENT ON COLUMN "feature_flags"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "feature_flags"."key" IS 'Stable identifier used in code, for example new_report_builder.';
-- @statement
COMMENT ON COLUMN "feature_flags"."rollout_percentage" IS 'Share of tenants, 0 to 100, the feature is on for.';
-- @statement
COMMENT ON COLUMN "feature_flags"."rules" IS 'Targeting rules; shape not fixed by the model.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "feature_flags";

-- @sqlite up
-- @statement
CREATE TABLE "feature_flags" ( "id" uuid_text NOT NULL, "key" text NOT NULL, "description" text, "default_enabled" boolean NOT NULL DEFAULT (FALSE), "rollout_percentage" integer NOT NULL DEFAULT (0), "rules" jsonb_text NOT NULL DEFAULT ('[]'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_feature_flags" PRIMARY KEY ("id"), CONSTRAINT "ck_feature_flags_key_not_blank" CHECK (length(trim(key)) > 0), CONSTRAINT "ck_feature_flags_rollout_percentage_range" CHECK (rollout_percentage BETWEEN 0 AND 100), CONSTRAINT "ck_feature_flags_key_length" CHECK (length("key") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_feature_flags_key" ON "feature_flags" ("key");

-- @sqlite down
-- @statement
DROP TABLE "feature_flags";
