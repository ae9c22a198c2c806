-- The SQL m20261122_100000_create_notification_templates runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "notification_channel" AS ENUM ('in_app', 'email', 'sms', 'push', 'webhook');
-- @statement
CREATE TYPE "notification_template_status" AS ENUM ('draft', 'active', 'archived');
-- @statement
CREATE TABLE "notification_templates" ( "id" uuid NOT NULL, "tenant_id" uuid, "code" text NOT NULL, "locale" text NOT NULL DEFAULT ('en'), "channel" notification_channel NOT NULL, "subject" text, "body" text NOT NULL, "variables" jsonb NOT NULL DEFAULT ('[]'), "test_data" jsonb NOT NULL DEFAULT ('{}'), "version" bigint NOT NULL DEFAULT (1), "status" notification_template_status NOT NULL DEFAULT ('draft'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_notification_templates" PRIMARY KEY ("id"), CONSTRAINT "fk_notification_templates_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_notification_templates_code_not_blank" CHECK (length(trim(code)) > 0), CONSTRAINT "ck_notification_templates_version_positive" CHECK (version > 0), CONSTRAINT "ck_notification_templates_code_length" CHECK (length("code") <= 100), CONSTRAINT "ck_notification_templates_locale_length" CHECK (length("locale") <= 35) );
-- @statement
CREATE UNIQUE INDEX "uq_notification_templates_tenant_id_code_locale_channel_version" ON "notification_templates" ("tenant_id", "code", "locale", "channel", "version") NULLS NOT DISTINCT;
-- @statement
CREATE INDEX "idx_notification_templates_tenant_id" ON "notification_templates" ("tenant_id");
-- @statement
ALTER TABLE "notification_templates" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "notification_templates" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "notification_templates" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "notification_templates" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "notification_templates" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "notification_templates" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_notification_templates_updated_at" BEFORE UPDATE ON "notification_templates" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "notification_templates" IS 'One version of a message template for one code, locale and channel. Mixes platform templates (tenant_id NULL, readable by every tenant) and a tenant''s own templates, which take precedence. Unique by (tenant_id, code, locale, channel, version) with NULL counted as one tenant.';
-- @statement
COMMENT ON COLUMN "notification_templates"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "notification_templates"."tenant_id" IS 'The owning tenant; NULL for a platform template.';
-- @statement
COMMENT ON COLUMN "notification_templates"."code" IS 'Stable key the application sends by, for example invoice.paid.';
-- @statement
COMMENT ON COLUMN "notification_templates"."locale" IS 'BCP 47 language tag, for example en or pt-BR.';
-- @statement
COMMENT ON COLUMN "notification_templates"."subject" IS 'Subject or title line; NULL for channels without one, such as SMS.';
-- @statement
COMMENT ON COLUMN "notification_templates"."body" IS 'The template text, with {{variable}} placeholders.';
-- @statement
COMMENT ON COLUMN "notification_templates"."variables" IS 'Typed: entity::json::TemplateVariables.';
-- @statement
COMMENT ON COLUMN "notification_templates"."test_data" IS 'Sample values by variable name, used to preview and validate the template.';
-- @statement
COMMENT ON COLUMN "notification_templates"."version" IS 'Version of this (tenant, code, locale, channel), from 1.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "notification_templates";
-- @statement
DROP TYPE "notification_template_status";
-- @statement
DROP TYPE "notification_channel";

-- @sqlite up
-- @statement
CREATE TABLE "notification_templates" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "code" text NOT NULL, "locale" text NOT NULL DEFAULT ('en'), "channel" text NOT NULL, "subject" text, "body" text NOT NULL, "variables" jsonb_text NOT NULL DEFAULT ('[]'), "test_data" jsonb_text NOT NULL DEFAULT ('{}'), "version" integer NOT NULL DEFAULT (1), "status" text NOT NULL DEFAULT ('draft'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_notification_templates" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_notification_templates_code_not_blank" CHECK (length(trim(code)) > 0), CONSTRAINT "ck_notification_templates_version_positive" CHECK (version > 0), CONSTRAINT "ck_notification_templates_code_length" CHECK (length("code") <= 100), CONSTRAINT "ck_notification_templates_locale_length" CHECK (length("locale") <= 35), CONSTRAINT "ck_notification_templates_channel" CHECK ("channel" IN ('in_app', 'email', 'sms', 'push', 'webhook')), CONSTRAINT "ck_notification_templates_status" CHECK ("status" IN ('draft', 'active', 'archived')) );
-- @statement
CREATE UNIQUE INDEX "uq_notification_templates_tenant_id_code_locale_channel_version" ON "notification_templates" (ifnull(tenant_id, ''), "code", "locale", "channel", "version");
-- @statement
CREATE INDEX "idx_notification_templates_tenant_id" ON "notification_templates" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "notification_templates";
