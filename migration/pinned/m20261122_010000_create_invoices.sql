-- The SQL m20261122_010000_create_invoices runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "invoice_status" AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');
-- @statement
CREATE TABLE "invoices" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "subscription_id" uuid, "number" text NOT NULL, "status" invoice_status NOT NULL DEFAULT ('draft'), "currency" text NOT NULL DEFAULT ('USD'), "subtotal_cents" bigint NOT NULL DEFAULT (0), "tax_cents" bigint NOT NULL DEFAULT (0), "total_cents" bigint NOT NULL DEFAULT (0), "line_items" jsonb NOT NULL DEFAULT ('[]'), "issued_at" timestamp with time zone, "due_at" timestamp with time zone, "paid_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_invoices" PRIMARY KEY ("id"), CONSTRAINT "fk_invoices_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_invoices_subscription_id" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions" ("id") ON DELETE SET NULL, CONSTRAINT "ck_invoices_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "ck_invoices_amounts_non_negative" CHECK (subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents >= 0), CONSTRAINT "ck_invoices_total_is_subtotal_plus_tax" CHECK (total_cents = subtotal_cents + tax_cents), CONSTRAINT "ck_invoices_issued_at_unless_draft" CHECK ((status = 'draft') = (issued_at IS NULL)), CONSTRAINT "ck_invoices_paid_at_iff_paid" CHECK ((status = 'paid') = (paid_at IS NOT NULL)), CONSTRAINT "ck_invoices_due_after_issued" CHECK (due_at IS NULL OR due_at >= issued_at), CONSTRAINT "ck_invoices_paid_after_issued" CHECK (paid_at IS NULL OR paid_at >= issued_at), CONSTRAINT "ck_invoices_number_length" CHECK (length("number") <= 50) );
-- @statement
CREATE UNIQUE INDEX "uq_invoices_number" ON "invoices" ("number");
-- @statement
CREATE INDEX "idx_invoices_tenant_id_status_created_at" ON "invoices" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_invoices_open_due_at" ON "invoices" ("due_at") WHERE status = 'open';
-- @statement
CREATE INDEX "idx_invoices_subscription_id" ON "invoices" ("subscription_id");
-- @statement
ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "invoices" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_invoices_updated_at" BEFORE UPDATE ON "invoices" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "invoices" IS 'A bill issued to a tenant: its line items, amounts and payment state. Lifecycle draft -> open -> paid | void | uncollectible; issued_at is set once it leaves draft and paid_at exactly when it is paid. It outlives the subscription it billed.';
-- @statement
COMMENT ON COLUMN "invoices"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "invoices"."subscription_id" IS 'The subscription billed, if any; cleared when that subscription is deleted.';
-- @statement
COMMENT ON COLUMN "invoices"."number" IS 'Human-facing invoice number, unique across the platform.';
-- @statement
COMMENT ON COLUMN "invoices"."currency" IS 'ISO 4217 code of every amount on the invoice.';
-- @statement
COMMENT ON COLUMN "invoices"."subtotal_cents" IS 'Sum of the line items'' amount_cents, in minor units of currency.';
-- @statement
COMMENT ON COLUMN "invoices"."tax_cents" IS 'Tax in minor units of currency.';
-- @statement
COMMENT ON COLUMN "invoices"."total_cents" IS 'subtotal_cents + tax_cents (checked).';
-- @statement
COMMENT ON COLUMN "invoices"."line_items" IS 'Typed: entity::json::InvoiceLineItems.';
-- @statement
COMMENT ON COLUMN "invoices"."issued_at" IS 'When the invoice left draft (was sent to the tenant).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "invoices";
-- @statement
DROP TYPE "invoice_status";

-- @sqlite up
-- @statement
CREATE TABLE "invoices" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "subscription_id" uuid_text, "number" text NOT NULL, "status" text NOT NULL DEFAULT ('draft'), "currency" text NOT NULL DEFAULT ('USD'), "subtotal_cents" integer NOT NULL DEFAULT (0), "tax_cents" integer NOT NULL DEFAULT (0), "total_cents" integer NOT NULL DEFAULT (0), "line_items" jsonb_text NOT NULL DEFAULT ('[]'), "issued_at" timestamp_with_timezone_text, "due_at" timestamp_with_timezone_text, "paid_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_invoices" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("subscription_id") REFERENCES "subscriptions" ("id") ON DELETE SET NULL, CONSTRAINT "ck_invoices_currency" CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'), CONSTRAINT "ck_invoices_amounts_non_negative" CHECK (subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents >= 0), CONSTRAINT "ck_invoices_total_is_subtotal_plus_tax" CHECK (total_cents = subtotal_cents + tax_cents), CONSTRAINT "ck_invoices_issued_at_unless_draft" CHECK ((status = 'draft') = (issued_at IS NULL)), CONSTRAINT "ck_invoices_paid_at_iff_paid" CHECK ((status = 'paid') = (paid_at IS NOT NULL)), CONSTRAINT "ck_invoices_due_after_issued" CHECK (due_at IS NULL OR due_at >= issued_at), CONSTRAINT "ck_invoices_paid_after_issued" CHECK (paid_at IS NULL OR paid_at >= issued_at), CONSTRAINT "ck_invoices_number_length" CHECK (length("number") <= 50), CONSTRAINT "ck_invoices_status" CHECK ("status" IN ('draft', 'open', 'paid', 'void', 'uncollectible')) );
-- @statement
CREATE UNIQUE INDEX "uq_invoices_number" ON "invoices" ("number");
-- @statement
CREATE INDEX "idx_invoices_tenant_id_status_created_at" ON "invoices" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_invoices_open_due_at" ON "invoices" ("due_at") WHERE status = 'open';
-- @statement
CREATE INDEX "idx_invoices_subscription_id" ON "invoices" ("subscription_id");

-- @sqlite down
-- @statement
DROP TABLE "invoices";
