-- Suppliers paid directly and second-person bank-details changes (issue 19, docs/suppliers.md,
-- ADR 0035): Supplier (bank details sealed, checked by a second person before use) and
-- PaymentBankChange (a READY payment's new bank details, applied only when a second person
-- approves). The four-eyes rules are CHECKs; a trigger keeps a payment with a pending change, or a
-- supplier payment without a checked supplier, out of every batch whoever writes the batch.
-- Tenant-owned: RLS ENABLE + FORCE, composite (tenantId, id) keys.

-- CreateEnum
CREATE TYPE "SupplierKind" AS ENUM ('LANDLORD', 'ENERGY', 'RETAILER', 'OTHER');

-- CreateEnum
CREATE TYPE "SupplierStatus" AS ENUM ('PENDING_CHECK', 'CHECKED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PaymentBankChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Supplier" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SupplierKind" NOT NULL,
    "bankDetailsEnc" TEXT NOT NULL,
    "bankLast4" TEXT NOT NULL,
    "status" "SupplierStatus" NOT NULL DEFAULT 'PENDING_CHECK',
    "addedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedById" UUID,
    "checkedAt" TIMESTAMP(6),
    "withdrawnById" UUID,
    "withdrawnAt" TIMESTAMP(6),
    "withdrawnReason" TEXT,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBankChange" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "bankDetailsEnc" TEXT NOT NULL,
    "bankLast4" TEXT NOT NULL,
    "previousLast4" TEXT,
    "reason" TEXT NOT NULL,
    "status" "PaymentBankChangeStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(6),
    "decisionNote" TEXT,

    CONSTRAINT "PaymentBankChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Supplier_tenantId_status_name_idx" ON "Supplier"("tenantId", "status", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_tenantId_id_key" ON "Supplier"("tenantId", "id");

-- CreateIndex
CREATE INDEX "PaymentBankChange_tenantId_paymentId_idx" ON "PaymentBankChange"("tenantId", "paymentId");

-- CreateIndex
CREATE INDEX "PaymentBankChange_tenantId_status_idx" ON "PaymentBankChange"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBankChange_tenantId_id_key" ON "PaymentBankChange"("tenantId", "id");


-- AddForeignKey
ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A payment's supplier is one of its own council's (the key carries the tenant).
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_tenantId_supplierId_fkey" FOREIGN KEY ("tenantId", "supplierId") REFERENCES "Supplier"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT;
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_checkedById_fkey" FOREIGN KEY ("checkedById") REFERENCES "User"("id") ON DELETE RESTRICT;
ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT;
ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT;

-- Four eyes: whoever entered a supplier's bank details cannot be the one who checks them; whoever
-- asked for a payment's bank details to change cannot approve or reject it.
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_second_person" CHECK ("checkedById" IS NULL OR "checkedById" <> "addedById");
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_checked" CHECK (status = 'PENDING_CHECK' OR status = 'WITHDRAWN' OR ("checkedById" IS NOT NULL AND "checkedAt" IS NOT NULL));
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_withdrawn" CHECK (status <> 'WITHDRAWN' OR ("withdrawnById" IS NOT NULL AND "withdrawnAt" IS NOT NULL));
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_name" CHECK (length(btrim(name)) BETWEEN 1 AND 120);
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_last4" CHECK ("bankLast4" ~ '^[0-9]{4}$');
-- One supplier of a name in use per council (a withdrawn one may be added again).
CREATE UNIQUE INDEX "Supplier_tenantId_name_live_key" ON "Supplier"("tenantId", lower(name)) WHERE status <> 'WITHDRAWN';

ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_second_person"
  CHECK (status NOT IN ('APPROVED', 'REJECTED') OR ("decidedById" IS NOT NULL AND "decidedAt" IS NOT NULL AND "decidedById" <> "requestedById"));
ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_last4" CHECK ("bankLast4" ~ '^[0-9]{4}$');
ALTER TABLE "PaymentBankChange" ADD CONSTRAINT "PaymentBankChange_reason" CHECK (length(btrim(reason)) BETWEEN 1 AND 500);
-- At most one change waiting per payment.
CREATE UNIQUE INDEX "PaymentBankChange_one_pending" ON "PaymentBankChange"("tenantId", "paymentId") WHERE status = 'PENDING';

-- The resident's account reference with the supplier goes in the Bacs reference field: at most
-- 18 of the characters Bacs allows (lib/payments/supplier-schemas.ts says the rest).
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_supplier_account_ref" CHECK ("supplierAccountRef" IS NULL OR "supplierAccountRef" ~ '^[A-Z0-9 .&/-]{1,18}$');

-- ===== Nothing unchecked leaves in a batch =====
-- Whoever writes a batch (lib/payments/batches.ts, one payment or 50,000 at once), a payment
-- cannot go READY → IN_BATCH while a change of its bank details waits for a second person, nor
-- a supplier payment without a CHECKED supplier and the resident's account reference.
-- SECURITY INVOKER: it reads under the same council scope as the update.
CREATE FUNCTION payment_batch_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "PaymentBankChange" c WHERE c."tenantId" = NEW."tenantId" AND c."paymentId" = NEW.id AND c.status = 'PENDING') THEN
    RAISE EXCEPTION 'payment % has a bank details change waiting for a second person', NEW.reference
      USING ERRCODE = 'check_violation', CONSTRAINT = 'Payment_no_batch_with_pending_bank_change';
  END IF;
  IF NEW.method = 'SUPPLIER' AND (NEW."supplierAccountRef" IS NULL OR NOT EXISTS (
      SELECT 1 FROM "Supplier" s WHERE s."tenantId" = NEW."tenantId" AND s.id = NEW."supplierId" AND s.status = 'CHECKED')) THEN
    RAISE EXCEPTION 'supplier payment % has no checked supplier and account reference', NEW.reference
      USING ERRCODE = 'check_violation', CONSTRAINT = 'Payment_supplier_checked_before_batch';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_batch_guard BEFORE UPDATE OF status ON "Payment"
  FOR EACH ROW WHEN (OLD.status = 'READY' AND NEW.status = 'IN_BATCH') EXECUTE FUNCTION payment_batch_guard();

-- ===== Security (docs/decisions/0003) =====
-- Suppliers are withdrawn, never deleted (payments point at them); changes are decided, never deleted.
GRANT SELECT, INSERT, UPDATE ON "Supplier", "PaymentBankChange" TO moneyhub_app;

ALTER TABLE "Supplier" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Supplier" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Supplier"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "PaymentBankChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentBankChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PaymentBankChange"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
