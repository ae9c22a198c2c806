-- The SQL m20261122_001300_create_sessions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "sessions" ( "id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_id" uuid, "token_hash" text NOT NULL, "ip_address" text, "user_agent" text, "last_seen_at" timestamp with time zone, "expires_at" timestamp with time zone NOT NULL, "revoked_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_sessions" PRIMARY KEY ("id"), CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "fk_sessions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_sessions_token_hash" CHECK (token_hash ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_sessions_expires_after_created" CHECK (expires_at > created_at), CONSTRAINT "ck_sessions_ip_address_length" CHECK (length("ip_address") <= 45) );
-- @statement
CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash");
-- @statement
CREATE INDEX "idx_sessions_user_id" ON "sessions" ("user_id");
-- @statement
CREATE INDEX "idx_sessions_tenant_id" ON "sessions" ("tenant_id");
-- @statement
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "sessions" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "sessions" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "sessions" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "sessions" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_sessions_updated_at" BEFORE UPDATE ON "sessions" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "sessions" IS 'A signed-in session of a user, optionally inside one tenant. Only the SHA-256 of the session token is stored.';
-- @statement
COMMENT ON COLUMN "sessions"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "sessions"."token_hash" IS 'Lower-case hex SHA-256 of the session token.';
-- @statement
COMMENT ON COLUMN "sessions"."ip_address" IS 'IPv4 or IPv6 text, validated by the application.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "sessions";

-- @sqlite up
-- @statement
CREATE TABLE "sessions" ( "id" uuid_text NOT NULL, "user_id" uuid_text NOT NULL, "tenant_id" uuid_text, "token_hash" text NOT NULL, "ip_address" text, "user_agent" text, "last_seen_at" timestamp_with_timezone_text, "expires_at" timestamp_with_timezone_text NOT NULL, "revoked_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_sessions" PRIMARY KEY ("id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_sessions_token_hash" CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_sessions_expires_after_created" CHECK (expires_at > created_at), CONSTRAINT "ck_sessions_ip_address_length" CHECK (length("ip_address") <= 45) );
-- @statement
CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash");
-- @statement
CREATE INDEX "idx_sessions_user_id" ON "sessions" ("user_id");
-- @statement
CREATE INDEX "idx_sessions_tenant_id" ON "sessions" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "sessions";
