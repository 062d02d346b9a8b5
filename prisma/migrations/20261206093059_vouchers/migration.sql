-- Vouchers (issue 19, docs/vouchers.md, docs/decisions/0033): the council's voucher providers,
-- each voucher's code (sealed) from the provider's response, and the provider files imported
-- (previewed, then applied once). Tenant-owned: RLS ENABLE + FORCE, composite (tenantId, id) keys.

-- CreateEnum
CREATE TYPE "VoucherProviderKind" AS ENUM ('CASH', 'SUPERMARKET', 'ENERGY');

-- CreateEnum
CREATE TYPE "VoucherState" AS ENUM ('ISSUED', 'REDEEMED', 'EXPIRED', 'CANCELLED');

-- CreateTable
CREATE TABLE "VoucherProvider" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "VoucherProviderKind" NOT NULL,
    "capPence" BIGINT NOT NULL,
    "expiryDays" INTEGER NOT NULL,
    "channels" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoucherProvider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentVoucher" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "codeEnc" TEXT NOT NULL,
    "codeLast4" TEXT NOT NULL,
    "expiresOn" DATE NOT NULL,
    "state" "VoucherState" NOT NULL DEFAULT 'ISSUED',
    "issuedByImportId" UUID NOT NULL,
    "settledByImportId" UUID,
    "issuedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(6),

    CONSTRAINT "PaymentVoucher_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoucherImport" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "lines" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PREVIEWED',
    "summary" JSONB NOT NULL DEFAULT '{}',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedById" UUID,
    "appliedAt" TIMESTAMP(6),

    CONSTRAINT "VoucherImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoucherImportCode" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "codeEnc" TEXT NOT NULL,

    CONSTRAINT "VoucherImportCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VoucherImportCode_importId_lineNo_key" ON "VoucherImportCode"("importId", "lineNo");

-- CreateIndex
CREATE INDEX "VoucherImportCode_tenantId_importId_idx" ON "VoucherImportCode"("tenantId", "importId");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherProvider_tenantId_id_key" ON "VoucherProvider"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherProvider_tenantId_name_key" ON "VoucherProvider"("tenantId", "name");

-- CreateIndex
CREATE INDEX "PaymentVoucher_tenantId_paymentId_idx" ON "PaymentVoucher"("tenantId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentVoucher_tenantId_id_key" ON "PaymentVoucher"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentVoucher_tenantId_reference_key" ON "PaymentVoucher"("tenantId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentVoucher_paymentId_seq_key" ON "PaymentVoucher"("paymentId", "seq");

-- CreateIndex
CREATE INDEX "VoucherImport_tenantId_createdAt_idx" ON "VoucherImport"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherImport_tenantId_id_key" ON "VoucherImport"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherImport_tenantId_kind_sha256_key" ON "VoucherImport"("tenantId", "kind", "sha256");

-- AddForeignKey (by hand: the Payment model is the payments foundation's; these keep a voucher,
-- a payment's provider and a batch's provider inside one council)
ALTER TABLE "VoucherProvider" ADD CONSTRAINT "VoucherProvider_tenant_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT;
ALTER TABLE "PaymentVoucher" ADD CONSTRAINT "PaymentVoucher_payment_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT;
ALTER TABLE "PaymentVoucher" ADD CONSTRAINT "PaymentVoucher_issued_import_fkey" FOREIGN KEY ("tenantId", "issuedByImportId") REFERENCES "VoucherImport"("tenantId", "id") ON DELETE RESTRICT;
ALTER TABLE "PaymentVoucher" ADD CONSTRAINT "PaymentVoucher_settled_import_fkey" FOREIGN KEY ("tenantId", "settledByImportId") REFERENCES "VoucherImport"("tenantId", "id") ON DELETE RESTRICT;
ALTER TABLE "VoucherImportCode" ADD CONSTRAINT "VoucherImportCode_import_fkey" FOREIGN KEY ("tenantId", "importId") REFERENCES "VoucherImport"("tenantId", "id") ON DELETE CASCADE;
ALTER TABLE "VoucherImport" ADD CONSTRAINT "VoucherImport_tenant_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_voucher_provider_fkey" FOREIGN KEY ("tenantId", "voucherProviderId") REFERENCES "VoucherProvider"("tenantId", "id") ON DELETE RESTRICT;
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_voucher_provider_fkey" FOREIGN KEY ("tenantId", "voucherProviderId") REFERENCES "VoucherProvider"("tenantId", "id") ON DELETE RESTRICT;

-- A voucher's amount is within its provider's cap when ordered (lib/payments/voucher-files.ts);
-- here only what is always true.
ALTER TABLE "VoucherProvider" ALTER COLUMN "channels" SET NOT NULL;
ALTER TABLE "VoucherProvider" ADD CONSTRAINT "VoucherProvider_cap" CHECK ("capPence" BETWEEN 100 AND 100000000);
ALTER TABLE "VoucherProvider" ADD CONSTRAINT "VoucherProvider_expiry" CHECK ("expiryDays" BETWEEN 1 AND 730);
ALTER TABLE "VoucherProvider" ADD CONSTRAINT "VoucherProvider_channels" CHECK (cardinality("channels") >= 1 AND "channels" <@ ARRAY['SMS', 'EMAIL']::text[]);
ALTER TABLE "PaymentVoucher" ADD CONSTRAINT "PaymentVoucher_amount" CHECK ("amountPence" > 0 AND "seq" >= 1);
ALTER TABLE "VoucherImport" ADD CONSTRAINT "VoucherImport_kind" CHECK ("kind" IN ('codes', 'redemptions'));
ALTER TABLE "VoucherImport" ADD CONSTRAINT "VoucherImport_status" CHECK ("status" IN ('PREVIEWED', 'APPLIED'));

-- ===== Security (docs/decisions/0003) =====
-- Providers are changed (and deactivated, never deleted); vouchers change state; an import is
-- marked applied once. Nothing is deleted but a checked file's sealed codes, once applied (they then
-- live on their vouchers only).
GRANT SELECT, INSERT, UPDATE ON "VoucherProvider", "PaymentVoucher", "VoucherImport" TO moneyhub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "VoucherImportCode" TO moneyhub_app;

ALTER TABLE "VoucherProvider" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "VoucherProvider" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "VoucherProvider"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "PaymentVoucher" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentVoucher" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PaymentVoucher"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "VoucherImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "VoucherImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "VoucherImport"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "VoucherImportCode" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "VoucherImportCode" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "VoucherImportCode"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
