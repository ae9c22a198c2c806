-- The SQL m20261122_000700_create_subscriptions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "subscription_status" AS ENUM ('trialing', 'active', 'past_due', 'canceled', 'expired');
-- @statement
CREATE TABLE "subscriptions" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "status" subscription_status NOT NULL DEFAULT ('trialing'), "billing_cycle" billing_cycle NOT NULL, "seats" bigint NOT NULL DEFAULT (1), "current_period_start" timestamp with time zone NOT NULL, "current_period_end" timestamp with time zone NOT NULL, "trial_ends_at" timestamp with time zone, "canceled_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_subscriptions" PRIMARY KEY ("id"), CONSTRAINT "fk_subscriptions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_subscriptions_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_subscriptions_seats_positive" CHECK (seats >= 1), CONSTRAINT "ck_subscriptions_period_end_after_start" CHECK (current_period_end > current_period_start), CONSTRAINT "ck_subscriptions_canceled_at_when_canceled" CHECK (status <> 'canceled' OR canceled_at IS NOT NULL), CONSTRAINT "ck_subscriptions_trial_ends_at_when_trialing" CHECK (status <> 'trialing' OR trial_ends_at IS NOT NULL) );
-- @statement
CREATE INDEX "idx_subscriptions_tenant_id" ON "subscriptions" ("tenant_id");
-- @statement
CREATE UNIQUE INDEX "uq_subscriptions_tenant_id" ON "subscriptions" ("tenant_id") WHERE status NOT IN ('canceled', 'expired');
-- @statement
CREATE INDEX "idx_subscriptions_plan_id" ON "subscriptions" ("plan_id");
-- @statement
ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "subscriptions" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "subscriptions" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_subscriptions_updated_at" BEFORE UPDATE ON "subscriptions" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "subscriptions" IS 'A tenant''s subscription to a plan. At most one per tenant has not ended (canceled or expired).';
-- @statement
COMMENT ON COLUMN "subscriptions"."id" IS 'UUIDv7 assigned by the application (time-ordered).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "subscriptions";
-- @statement
DROP TYPE "subscription_status";

-- @sqlite up
-- @statement
CREATE TABLE "subscriptions" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "plan_id" uuid_text NOT NULL, "status" text NOT NULL DEFAULT ('trialing'), "billing_cycle" text NOT NULL, "seats" integer NOT NULL DEFAULT (1), "current_period_start" timestamp_with_timezone_text NOT NULL, "current_period_end" timestamp_with_timezone_text NOT NULL, "trial_ends_at" timestamp_with_timezone_text, "canceled_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_subscriptions" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_subscriptions_seats_positive" CHECK (seats >= 1), CONSTRAINT "ck_subscriptions_period_end_after_start" CHECK (current_period_end > current_period_start), CONSTRAINT "ck_subscriptions_canceled_at_when_canceled" CHECK (status <> 'canceled' OR canceled_at IS NOT NULL), CONSTRAINT "ck_subscriptions_trial_ends_at_when_trialing" CHECK (status <> 'trialing' OR trial_ends_at IS NOT NULL), CONSTRAINT "ck_subscriptions_status" CHECK ("status" IN ('trialing', 'active', 'past_due', 'canceled', 'expired')), CONSTRAINT "ck_subscriptions_billing_cycle" CHECK ("billing_cycle" IN ('monthly', 'yearly')) );
-- @statement
CREATE INDEX "idx_subscriptions_tenant_id" ON "subscriptions" ("tenant_id");
-- @statement
CREATE UNIQUE INDEX "uq_subscriptions_tenant_id" ON "subscriptions" ("tenant_id") WHERE status NOT IN ('canceled', 'expired');
-- @statement
CREATE INDEX "idx_subscriptions_plan_id" ON "subscriptions" ("plan_id");

-- @sqlite down
-- @statement
DROP TABLE "subscriptions";
