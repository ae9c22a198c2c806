-- The SQL m20261122_100200_create_campaigns runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "campaign_audience" AS ENUM ('all_users', 'users', 'admin_users', 'custom_list');
-- @statement
CREATE TYPE "campaign_status" AS ENUM ('draft', 'scheduled', 'sending', 'sent', 'paused', 'canceled');
-- @statement
CREATE TABLE "campaigns" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "notification_template_id" uuid NOT NULL, "name" text NOT NULL, "audience" campaign_audience NOT NULL DEFAULT ('all_users'), "status" campaign_status NOT NULL DEFAULT ('draft'), "scheduled_at" timestamp with time zone, "timezone" text NOT NULL DEFAULT ('UTC'), "ab_test" jsonb, "sent_count" bigint NOT NULL DEFAULT (0), "open_count" bigint NOT NULL DEFAULT (0), "click_count" bigint NOT NULL DEFAULT (0), "bounce_count" bigint NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_campaigns" PRIMARY KEY ("id"), CONSTRAINT "fk_campaigns_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_campaigns_notification_template_id" FOREIGN KEY ("notification_template_id") REFERENCES "notification_templates" ("id") ON DELETE NO ACTION, CONSTRAINT "ck_campaigns_counts_non_negative" CHECK (sent_count >= 0 AND open_count >= 0 AND click_count >= 0 AND bounce_count >= 0), CONSTRAINT "ck_campaigns_opens_and_clicks_within_sent" CHECK (open_count <= sent_count AND click_count <= sent_count), CONSTRAINT "ck_campaigns_bounces_within_sent" CHECK (bounce_count <= sent_count), CONSTRAINT "ck_campaigns_scheduled_at_when_scheduled" CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL), CONSTRAINT "ck_campaigns_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_campaigns_timezone_length" CHECK (length("timezone") <= 64) );
-- @statement
CREATE INDEX "idx_campaigns_tenant_id_status" ON "campaigns" ("tenant_id", "status");
-- @statement
CREATE INDEX "idx_campaigns_scheduled_due" ON "campaigns" ("scheduled_at") WHERE status = 'scheduled';
-- @statement
CREATE INDEX "idx_campaigns_notification_template_id" ON "campaigns" ("notification_template_id");
-- @statement
ALTER TABLE "campaigns" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "campaigns" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "campaigns" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_campaigns_updated_at" BEFORE UPDATE ON "campaigns" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "campaigns" IS 'A tenant''s bulk send of one notification template to an audience, optionally as an A/B test, with its delivery counters (opens and clicks never exceed sends).';
-- @statement
COMMENT ON COLUMN "campaigns"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "campaigns"."notification_template_id" IS 'The template sent (the tenant''s own or a platform one). A template in use by a campaign cannot be deleted; archive it instead.';
-- @statement
COMMENT ON COLUMN "campaigns"."scheduled_at" IS 'When sending starts; required once scheduled.';
-- @statement
COMMENT ON COLUMN "campaigns"."timezone" IS 'IANA time zone the schedule was written in, for example Europe/Berlin.';
-- @statement
COMMENT ON COLUMN "campaigns"."ab_test" IS 'Typed: entity::json::AbTestSettings. NULL when the campaign is not an A/B test.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "campaigns";
-- @statement
DROP TYPE "campaign_status";
-- @statement
DROP TYPE "campaign_audience";

-- @sqlite up
-- @statement
CREATE TABLE "campaigns" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "notification_template_id" uuid_text NOT NULL, "name" text NOT NULL, "audience" text NOT NULL DEFAULT ('all_users'), "status" text NOT NULL DEFAULT ('draft'), "scheduled_at" timestamp_with_timezone_text, "timezone" text NOT NULL DEFAULT ('UTC'), "ab_test" jsonb_text, "sent_count" integer NOT NULL DEFAULT (0), "open_count" integer NOT NULL DEFAULT (0), "click_count" integer NOT NULL DEFAULT (0), "bounce_count" integer NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_campaigns" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("notification_template_id") REFERENCES "notification_templates" ("id") ON DELETE NO ACTION, CONSTRAINT "ck_campaigns_counts_non_negative" CHECK (sent_count >= 0 AND open_count >= 0 AND click_count >= 0 AND bounce_count >= 0), CONSTRAINT "ck_campaigns_opens_and_clicks_within_sent" CHECK (open_count <= sent_count AND click_count <= sent_count), CONSTRAINT "ck_campaigns_bounces_within_sent" CHECK (bounce_count <= sent_count), CONSTRAINT "ck_campaigns_scheduled_at_when_scheduled" CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL), CONSTRAINT "ck_campaigns_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_campaigns_timezone_length" CHECK (length("timezone") <= 64), CONSTRAINT "ck_campaigns_audience" CHECK ("audience" IN ('all_users', 'users', 'admin_users', 'custom_list')), CONSTRAINT "ck_campaigns_status" CHECK ("status" IN ('draft', 'scheduled', 'sending', 'sent', 'paused', 'canceled')) );
-- @statement
CREATE INDEX "idx_campaigns_tenant_id_status" ON "campaigns" ("tenant_id", "status");
-- @statement
CREATE INDEX "idx_campaigns_scheduled_due" ON "campaigns" ("scheduled_at") WHERE status = 'scheduled';
-- @statement
CREATE INDEX "idx_campaigns_notification_template_id" ON "campaigns" ("notification_template_id");

-- @sqlite down
-- @statement
DROP TABLE "campaigns";
