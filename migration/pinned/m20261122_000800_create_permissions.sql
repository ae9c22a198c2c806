-- The SQL m20261122_000800_create_permissions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "permissions" ( "id" uuid NOT NULL, "code" text NOT NULL, "resource" text NOT NULL, "action" text NOT NULL, "description" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_permissions" PRIMARY KEY ("id"), CONSTRAINT "ck_permissions_resource_action" CHECK (resource ~ '^[a-z][a-z0-9_]{0,49}$' AND action ~ '^[a-z][a-z0-9_]{0,49}$'), CONSTRAINT "ck_permissions_code_is_resource_dot_action" CHECK (code = resource || '.' || action) );
-- @statement
CREATE UNIQUE INDEX "uq_permissions_code" ON "permissions" ("code");
-- @statement
CREATE TRIGGER "trg_permissions_updated_at" BEFORE UPDATE ON "permissions" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "permissions" IS 'An action on a resource that roles grant; code is always ''<resource>.<action>''.';
-- @statement
COMMENT ON COLUMN "permissions"."id" IS 'UUIDv7 assigned by the application (time-ordered).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "permissions";

-- @sqlite up
-- @statement
CREATE TABLE "permissions" ( "id" uuid_text NOT NULL, "code" text NOT NULL, "resource" text NOT NULL, "action" text NOT NULL, "description" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_permissions" PRIMARY KEY ("id"), CONSTRAINT "ck_permissions_resource_action" CHECK (resource GLOB '[a-z]*' AND resource NOT GLOB '*[^a-z0-9_]*' AND length(resource) <= 50 AND action GLOB '[a-z]*' AND action NOT GLOB '*[^a-z0-9_]*' AND length(action) <= 50), CONSTRAINT "ck_permissions_code_is_resource_dot_action" CHECK (code = resource || '.' || action) );
-- @statement
CREATE UNIQUE INDEX "uq_permissions_code" ON "permissions" ("code");

-- @sqlite down
-- @statement
DROP TABLE "permissions";
