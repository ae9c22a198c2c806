-- The SQL m20261122_010100_create_transactions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "transaction_kind" AS ENUM ('charge', 'refund', 'credit', 'adjustment');
-- @statement
CREATE TYPE "transaction_status" AS ENUM ('pending', 'succeeded', 'failed');
-- @statement
CREATE TABLE "transactions" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "invoice_id" uuid, "kind" transaction_kind NOT NULL, "status" transaction_status NOT NULL DEFAULT ('pending'), "amount_cents" bigint NOT NULL, "currency" text NOT NULL DEFAULT ('USD'), "provider" text, "provider_ref" text, "failure_reason" text, "occurred_at" timestamp with time zone NOT NULL DEFAULT (now()), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_transactions" PRIMARY KEY ("id"), CONSTRAINT "fk_transactions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_transactions_invoice_id" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE SET NULL, CONSTRAINT "ck_transactions_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "ck_transactions_amount_non_negative" CHECK (amount_cents >= 0), CONSTRAINT "ck_transactions_failure_reason_iff_failed" CHECK ((status = 'failed') = (failure_reason IS NOT NULL)), CONSTRAINT "ck_transactions_provider_ref_needs_provider" CHECK (provider_ref IS NULL OR provider IS NOT NULL), CONSTRAINT "ck_transactions_provider_length" CHECK (length("provider") <= 50), CONSTRAINT "ck_transactions_provider_ref_length" CHECK (length("provider_ref") <= 255) );
-- @statement
CREATE UNIQUE INDEX "uq_transactions_provider_ref" ON "transactions" ("provider_ref");
-- @statement
CREATE INDEX "idx_transactions_tenant_id_occurred_at" ON "transactions" ("tenant_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_transactions_pending_occurred_at" ON "transactions" ("occurred_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_transactions_invoice_id" ON "transactions" ("invoice_id");
-- @statement
ALTER TABLE "transactions" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "transactions" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "transactions" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_transactions_updated_at" BEFORE UPDATE ON "transactions" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "transactions" IS 'One movement of a tenant''s money (a charge, refund, credit or adjustment), usually against an invoice, as processed by a payment provider. failure_reason is set exactly when it failed.';
-- @statement
COMMENT ON COLUMN "transactions"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "transactions"."invoice_id" IS 'The invoice settled or refunded, if any (a credit may stand alone); cleared when the invoice is deleted.';
-- @statement
COMMENT ON COLUMN "transactions"."amount_cents" IS 'Amount in minor units of currency, never negative: kind gives the direction.';
-- @statement
COMMENT ON COLUMN "transactions"."currency" IS 'ISO 4217 code.';
-- @statement
COMMENT ON COLUMN "transactions"."provider" IS 'Payment provider that processed it, for example stripe; NULL when internal.';
-- @statement
COMMENT ON COLUMN "transactions"."provider_ref" IS 'The provider''s own id for the transaction, unique.';
-- @statement
COMMENT ON COLUMN "transactions"."occurred_at" IS 'When the money moved (or the attempt was made).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "transactions";
-- @statement
DROP TYPE "transaction_status";
-- @statement
DROP TYPE "transaction_kind";

-- @sqlite up
-- @statement
CREATE TABLE "transactions" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "invoice_id" uuid_text, "kind" text NOT NULL, "status" text NOT NULL DEFAULT ('pending'), "amount_cents" integer NOT NULL, "currency" text NOT NULL DEFAULT ('USD'), "provider" text, "provider_ref" text, "failure_reason" text, "occurred_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_transactions" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE SET NULL, CONSTRAINT "ck_transactions_currency" CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'), CONSTRAINT "ck_transactions_amount_non_negative" CHECK (amount_cents >= 0), CONSTRAINT "ck_transactions_failure_reason_iff_failed" CHECK ((status = 'failed') = (failure_reason IS NOT NULL)), CONSTRAINT "ck_transactions_provider_ref_needs_provider" CHECK (provider_ref IS NULL OR provider IS NOT NULL), CONSTRAINT "ck_transactions_provider_length" CHECK (length("provider") <= 50), CONSTRAINT "ck_transactions_provider_ref_length" CHECK (length("provider_ref") <= 255), CONSTRAINT "ck_transactions_kind" CHECK ("kind" IN ('charge', 'refund', 'credit', 'adjustment')), CONSTRAINT "ck_transactions_status" CHECK ("status" IN ('pending', 'succeeded', 'failed')) );
-- @statement
CREATE UNIQUE INDEX "uq_transactions_provider_ref" ON "transactions" ("provider_ref");
-- @statement
CREATE INDEX "idx_transactions_tenant_id_occurred_at" ON "transactions" ("tenant_id", "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_transactions_pending_occurred_at" ON "transactions" ("occurred_at") WHERE status = 'pending';
-- @statement
CREATE INDEX "idx_transactions_invoice_id" ON "transactions" ("invoice_id");

-- @sqlite down
-- @statement
DROP TABLE "transactions";
