-- The SQL m20261122_001200_create_api_keys runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "api_keys" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_by_user_id" uuid, "name" text NOT NULL, "key_prefix" text NOT NULL, "key_hash" text NOT NULL, "scopes" jsonb NOT NULL DEFAULT ('[]'), "last_used_at" timestamp with time zone, "expires_at" timestamp with time zone, "revoked_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"), CONSTRAINT "fk_api_keys_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_api_keys_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_api_keys_key_hash" CHECK (key_hash ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_api_keys_key_prefix_length" CHECK (length(key_prefix) BETWEEN 6 AND 16), CONSTRAINT "ck_api_keys_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_api_keys_key_prefix" ON "api_keys" ("key_prefix");
-- @statement
CREATE INDEX "idx_api_keys_tenant_id" ON "api_keys" ("tenant_id");
-- @statement
CREATE INDEX "idx_api_keys_created_by_user_id" ON "api_keys" ("created_by_user_id");
-- @statement
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "api_keys" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_api_keys_updated_at" BEFORE UPDATE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "api_keys" IS 'An API key of a tenant. The key itself is shown once at creation; only its visible prefix and the SHA-256 of the whole key are stored.';
-- @statement
COMMENT ON COLUMN "api_keys"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "api_keys"."key_prefix" IS 'The first characters of the key, shown in listings and used for lookup.';
-- @statement
COMMENT ON COLUMN "api_keys"."key_hash" IS 'Lower-case hex SHA-256 of the whole key.';
-- @statement
COMMENT ON COLUMN "api_keys"."scopes" IS 'Permission codes the key is limited to.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "api_keys";

-- @sqlite up
-- @statement
CREATE TABLE "api_keys" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "created_by_user_id" uuid_text, "name" text NOT NULL, "key_prefix" text NOT NULL, "key_hash" text NOT NULL, "scopes" jsonb_text NOT NULL DEFAULT ('[]'), "last_used_at" timestamp_with_timezone_text, "expires_at" timestamp_with_timezone_text, "revoked_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_api_keys_key_hash" CHECK (length(key_hash) = 64 AND key_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_api_keys_key_prefix_length" CHECK (length(key_prefix) BETWEEN 6 AND 16), CONSTRAINT "ck_api_keys_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_api_keys_key_prefix" ON "api_keys" ("key_prefix");
-- @statement
CREATE INDEX "idx_api_keys_tenant_id" ON "api_keys" ("tenant_id");
-- @statement
CREATE INDEX "idx_api_keys_created_by_user_id" ON "api_keys" ("created_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "api_keys";
