-- The SQL m20261122_130000_create_marketplace_modules runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "marketplace_module_pricing_model" AS ENUM ('free', 'one_time', 'subscription', 'usage');
-- @statement
CREATE TYPE "marketplace_module_status" AS ENUM ('draft', 'published', 'deprecated');
-- @statement
CREATE TABLE "marketplace_modules" ( "id" uuid NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "category" text NOT NULL, "description" text, "pricing_model" marketplace_module_pricing_model NOT NULL DEFAULT ('free'), "price_cents" bigint NOT NULL DEFAULT (0), "currency" text NOT NULL DEFAULT ('USD'), "publisher" text NOT NULL, "status" marketplace_module_status NOT NULL DEFAULT ('draft'), "rating_average" double precision NOT NULL DEFAULT (0), "install_count" bigint NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_marketplace_modules" PRIMARY KEY ("id"), CONSTRAINT "ck_marketplace_modules_slug" CHECK (slug ~ '^[a-z0-9-]+$'), CONSTRAINT "ck_marketplace_modules_price_non_negative" CHECK (price_cents >= 0), CONSTRAINT "ck_marketplace_modules_free_costs_nothing" CHECK (pricing_model <> 'free' OR price_cents = 0), CONSTRAINT "ck_marketplace_modules_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "ck_marketplace_modules_rating_average_range" CHECK (rating_average BETWEEN 0 AND 5), CONSTRAINT "ck_marketplace_modules_install_count_non_negative" CHECK (install_count >= 0), CONSTRAINT "ck_marketplace_modules_slug_length" CHECK (length("slug") <= 100), CONSTRAINT "ck_marketplace_modules_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_marketplace_modules_version_length" CHECK (length("version") <= 50), CONSTRAINT "ck_marketplace_modules_category_length" CHECK (length("category") <= 100), CONSTRAINT "ck_marketplace_modules_publisher_length" CHECK (length("publisher") <= 200) );
-- @statement
CREATE UNIQUE INDEX "uq_marketplace_modules_slug" ON "marketplace_modules" ("slug");
-- @statement
CREATE INDEX "idx_marketplace_modules_published_category" ON "marketplace_modules" ("category") WHERE status = 'published';
-- @statement
CREATE TRIGGER "trg_marketplace_modules_updated_at" BEFORE UPDATE ON "marketplace_modules" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "marketplace_modules" IS 'A module of the platform''s marketplace catalogue (platform data: no tenant_id): what it is, who publishes it, how it is priced, its average rating (0 to 5) and how often it has been installed.';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."slug" IS 'URL-safe unique handle: a-z, 0-9 and ''-''.';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."version" IS 'The current published version, for example 1.4.2.';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."price_cents" IS 'Price in minor units of currency: per purchase, per billing period or per unit by pricing model.';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."currency" IS 'ISO 4217 code.';
-- @statement
COMMENT ON COLUMN "marketplace_modules"."rating_average" IS 'Mean review rating, 0 to 5.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "marketplace_modules";
-- @statement
DROP TYPE "marketplace_module_status";
-- @statement
DROP TYPE "marketplace_module_pricing_model";

-- @sqlite up
-- @statement
CREATE TABLE "marketplace_modules" ( "id" uuid_text NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "category" text NOT NULL, "description" text, "pricing_model" text NOT NULL DEFAULT ('free'), "price_cents" integer NOT NULL DEFAULT (0), "currency" text NOT NULL DEFAULT ('USD'), "publisher" text NOT NULL, "status" text NOT NULL DEFAULT ('draft'), "rating_average" double NOT NULL DEFAULT (0), "install_count" integer NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_marketplace_modules" PRIMARY KEY ("id"), CONSTRAINT "ck_marketplace_modules_slug" CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*'), CONSTRAINT "ck_marketplace_modules_price_non_negative" CHECK (price_cents >= 0), CONSTRAINT "ck_marketplace_modules_free_costs_nothing" CHECK (pricing_model <> 'free' OR price_cents = 0), CONSTRAINT "ck_marketplace_modules_currency" CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'), CONSTRAINT "ck_marketplace_modules_rating_average_range" CHECK (rating_average BETWEEN 0 AND 5), CONSTRAINT "ck_marketplace_modules_install_count_non_negative" CHECK (install_count >= 0), CONSTRAINT "ck_marketplace_modules_slug_length" CHECK (length("slug") <= 100), CONSTRAINT "ck_marketplace_modules_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_marketplace_modules_version_length" CHECK (length("version") <= 50), CONSTRAINT "ck_marketplace_modules_category_length" CHECK (length("category") <= 100), CONSTRAINT "ck_marketplace_modules_publisher_length" CHECK (length("publisher") <= 200), CONSTRAINT "ck_marketplace_modules_pricing_model" CHECK ("pricing_model" IN ('free', 'one_time', 'subscription', 'usage')), CONSTRAINT "ck_marketplace_modules_status" CHECK ("status" IN ('draft', 'published', 'deprecated')) );
-- @statement
CREATE UNIQUE INDEX "uq_marketplace_modules_slug" ON "marketplace_modules" ("slug");
-- @statement
CREATE INDEX "idx_marketplace_modules_published_category" ON "marketplace_modules" ("category") WHERE status = 'published';

-- @sqlite down
-- @statement
DROP TABLE "marketplace_modules";
