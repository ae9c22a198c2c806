-- The SQL m20261122_050000_create_api_integrations runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "api_integration_auth_type" AS ENUM ('none', 'api_key', 'oauth2', 'basic');
-- @statement
CREATE TYPE "api_integration_status" AS ENUM ('active', 'paused', 'failing', 'disabled');
-- @statement
CREATE TABLE "api_integrations" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "name" text NOT NULL, "provider" text NOT NULL, "base_url" text NOT NULL, "auth_type" api_integration_auth_type NOT NULL DEFAULT ('none'), "status" api_integration_status NOT NULL DEFAULT ('active'), "config" jsonb NOT NULL DEFAULT ('{}'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_api_integrations" PRIMARY KEY ("id"), CONSTRAINT "fk_api_integrations_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_api_integrations_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_api_integrations_base_url_http" CHECK (base_url LIKE 'https://%' OR base_url LIKE 'http://%'), CONSTRAINT "ck_api_integrations_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_api_integrations_provider_length" CHECK (length("provider") <= 100) );
-- @statement
CREATE INDEX "idx_api_integrations_tenant_id" ON "api_integrations" ("tenant_id");
-- @statement
ALTER TABLE "api_integrations" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "api_integrations" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "api_integrations" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_api_integrations_updated_at" BEFORE UPDATE ON "api_integrations" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "api_integrations" IS 'A connection a tenant has configured to an outside API (a CRM, a payment provider, …): where it is, how the platform authenticates to it and whether it is working.';
-- @statement
COMMENT ON COLUMN "api_integrations"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "api_integrations"."name" IS 'The tenant''s name for the connection.';
-- @statement
COMMENT ON COLUMN "api_integrations"."provider" IS 'Who runs the API, for example stripe or salesforce.';
-- @statement
COMMENT ON COLUMN "api_integrations"."base_url" IS 'The API''s base URL (http or https).';
-- @statement
COMMENT ON COLUMN "api_integrations"."config" IS 'Provider-specific settings; shape not fixed by the model. Never holds a credential in plaintext.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "api_integrations";
-- @statement
DROP TYPE "api_integration_status";
-- @statement
DROP TYPE "api_integration_auth_type";

-- @sqlite up
-- @statement
CREATE TABLE "api_integrations" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "name" text NOT NULL, "provider" text NOT NULL, "base_url" text NOT NULL, "auth_type" text NOT NULL DEFAULT ('none'), "status" text NOT NULL DEFAULT ('active'), "config" jsonb_text NOT NULL DEFAULT ('{}'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_api_integrations" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_api_integrations_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_api_integrations_base_url_http" CHECK (base_url LIKE 'https://%' OR base_url LIKE 'http://%'), CONSTRAINT "ck_api_integrations_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_api_integrations_provider_length" CHECK (length("provider") <= 100), CONSTRAINT "ck_api_integrations_auth_type" CHECK ("auth_type" IN ('none', 'api_key', 'oauth2', 'basic')), CONSTRAINT "ck_api_integrations_status" CHECK ("status" IN ('active', 'paused', 'failing', 'disabled')) );
-- @statement
CREATE INDEX "idx_api_integrations_tenant_id" ON "api_integrations" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "api_integrations";
