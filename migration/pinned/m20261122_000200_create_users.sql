-- The SQL m20261122_000200_create_users runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "user_status" AS ENUM ('pending_verification', 'active', 'locked', 'disabled');
-- @statement
CREATE TABLE "users" ( "id" uuid NOT NULL, "email" text NOT NULL, "username" text NOT NULL, "password_hash" text, "first_name" text NOT NULL, "last_name" text NOT NULL, "phone" text, "timezone" text NOT NULL DEFAULT ('UTC'), "locale" text NOT NULL DEFAULT ('en'), "status" user_status NOT NULL DEFAULT ('pending_verification'), "email_verified_at" timestamp with time zone, "last_login_at" timestamp with time zone, "failed_login_count" bigint NOT NULL DEFAULT (0), "preferences" jsonb NOT NULL DEFAULT ('{}'), "is_platform_admin" bool NOT NULL DEFAULT (FALSE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_users" PRIMARY KEY ("id"), CONSTRAINT "ck_users_email" CHECK (length(email) <= 320 AND email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'), CONSTRAINT "ck_users_username" CHECK (username ~ '^[a-zA-Z0-9_-]{3,30}$'), CONSTRAINT "ck_users_failed_login_count_non_negative" CHECK (failed_login_count >= 0), CONSTRAINT "ck_users_first_name_length" CHECK (length("first_name") <= 100), CONSTRAINT "ck_users_last_name_length" CHECK (length("last_name") <= 100), CONSTRAINT "ck_users_phone_length" CHECK (length("phone") <= 32), CONSTRAINT "ck_users_timezone_length" CHECK (length("timezone") <= 64), CONSTRAINT "ck_users_locale_length" CHECK (length("locale") <= 16) );
-- @statement
CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower(email));
-- @statement
CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username");
-- @statement
CREATE INDEX "idx_users_status" ON "users" ("status");
-- @statement
CREATE TRIGGER "trg_users_updated_at" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "users" IS 'A person who can sign in. Global: a user joins tenants through tenant_users.';
-- @statement
COMMENT ON COLUMN "users"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "users"."email" IS 'Unique case-insensitively (an index on lower(email)).';
-- @statement
COMMENT ON COLUMN "users"."username" IS '3 to 30 of a-z, A-Z, 0-9, ''_'' and ''-''.';
-- @statement
COMMENT ON COLUMN "users"."password_hash" IS 'Argon2id PHC string; NULL until the user sets a password.';
-- @statement
COMMENT ON COLUMN "users"."timezone" IS 'IANA time zone name.';
-- @statement
COMMENT ON COLUMN "users"."locale" IS 'BCP 47 language tag.';
-- @statement
COMMENT ON COLUMN "users"."preferences" IS 'Typed: entity::json::UserPreferences.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "users";
-- @statement
DROP TYPE "user_status";

-- @sqlite up
-- @statement
CREATE TABLE "users" ( "id" uuid_text NOT NULL, "email" text NOT NULL, "username" text NOT NULL, "password_hash" text, "first_name" text NOT NULL, "last_name" text NOT NULL, "phone" text, "timezone" text NOT NULL DEFAULT ('UTC'), "locale" text NOT NULL DEFAULT ('en'), "status" text NOT NULL DEFAULT ('pending_verification'), "email_verified_at" timestamp_with_timezone_text, "last_login_at" timestamp_with_timezone_text, "failed_login_count" integer NOT NULL DEFAULT (0), "preferences" jsonb_text NOT NULL DEFAULT ('{}'), "is_platform_admin" boolean NOT NULL DEFAULT (FALSE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_users" PRIMARY KEY ("id"), CONSTRAINT "ck_users_email" CHECK (length(email) <= 320 AND email NOT GLOB '*[^A-Za-z0-9._%+@-]*' AND email GLOB '?*@?*.[A-Za-z][A-Za-z]*' AND instr(substr(email, instr(email, '@') + 1), '@') = 0), CONSTRAINT "ck_users_username" CHECK (length(username) BETWEEN 3 AND 30 AND username NOT GLOB '*[^a-zA-Z0-9_-]*'), CONSTRAINT "ck_users_failed_login_count_non_negative" CHECK (failed_login_count >= 0), CONSTRAINT "ck_users_first_name_length" CHECK (length("first_name") <= 100), CONSTRAINT "ck_users_last_name_length" CHECK (length("last_name") <= 100), CONSTRAINT "ck_users_phone_length" CHECK (length("phone") <= 32), CONSTRAINT "ck_users_timezone_length" CHECK (length("timezone") <= 64), CONSTRAINT "ck_users_locale_length" CHECK (length("locale") <= 16), CONSTRAINT "ck_users_status" CHECK ("status" IN ('pending_verification', 'active', 'locked', 'disabled')) );
-- @statement
CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower(email));
-- @statement
CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username");
-- @statement
CREATE INDEX "idx_users_status" ON "users" ("status");

-- @sqlite down
-- @statement
DROP TABLE "users";
