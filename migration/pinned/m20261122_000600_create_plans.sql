-- The SQL m20261122_000600_create_plans runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "billing_cycle" AS ENUM ('monthly', 'yearly');
-- @statement
CREATE TABLE "plans" ( "id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "tier" tenant_tier NOT NULL, "price_cents" bigint NOT NULL, "currency" text NOT NULL DEFAULT ('USD'), "billing_cycle" billing_cycle NOT NULL, "features" jsonb NOT NULL DEFAULT ('[]'), "limits" jsonb NOT NULL DEFAULT ('{}'), "is_active" bool NOT NULL DEFAULT (TRUE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_plans" PRIMARY KEY ("id"), CONSTRAINT "ck_plans_code" CHECK (code ~ '^[a-z0-9-]{2,50}$'), CONSTRAINT "ck_plans_price_non_negative" CHECK (price_cents >= 0), CONSTRAINT "ck_plans_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "ck_plans_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_plans_code" ON "plans" ("code");
-- @statement
CREATE TRIGGER "trg_plans_updated_at" BEFORE UPDATE ON "plans" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "plans" IS 'A plan of the platform''s price list (platform data: no tenant_id).';
-- @statement
COMMENT ON COLUMN "plans"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "plans"."code" IS 'Stable identifier, for example pro-monthly.';
-- @statement
COMMENT ON COLUMN "plans"."price_cents" IS 'Price per billing cycle in minor units of currency.';
-- @statement
COMMENT ON COLUMN "plans"."currency" IS 'ISO 4217 code.';
-- @statement
COMMENT ON COLUMN "plans"."features" IS 'The feature keys the plan includes.';
-- @statement
COMMENT ON COLUMN "plans"."limits" IS 'Typed: entity::json::PlanLimits.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "plans";
-- @statement
DROP TYPE "billing_cycle";

-- @sqlite up
-- @statement
CREATE TABLE "plans" ( "id" uuid_text NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "tier" text NOT NULL, "price_cents" integer NOT NULL, "currency" text NOT NULL DEFAULT ('USD'), "billing_cycle" text NOT NULL, "features" jsonb_text NOT NULL DEFAULT ('[]'), "limits" jsonb_text NOT NULL DEFAULT ('{}'), "is_active" boolean NOT NULL DEFAULT (TRUE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_plans" PRIMARY KEY ("id"), CONSTRAINT "ck_plans_code" CHECK (length(code) BETWEEN 2 AND 50 AND code NOT GLOB '*[^a-z0-9-]*'), CONSTRAINT "ck_plans_price_non_negative" CHECK (price_cents >= 0), CONSTRAINT "ck_plans_currency" CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'), CONSTRAINT "ck_plans_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_plans_tier" CHECK ("tier" IN ('free', 'pro', 'enterprise')), CONSTRAINT "ck_plans_billing_cycle" CHECK ("billing_cycle" IN ('monthly', 'yearly')) );
-- @statement
CREATE UNIQUE INDEX "uq_plans_code" ON "plans" ("code");

-- @sqlite down
-- @statement
DROP TABLE "plans";
