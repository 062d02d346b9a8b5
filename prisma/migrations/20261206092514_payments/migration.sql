-- Payments (issue 19, docs/payments.md): Payment (one attempt to pay one award line),
-- PaymentBatch and its frozen files, the council's PaymentSettings, and the ledger's RECOMMIT
-- (a returned, rejected or expired payment's money goes back to being committed to its award).
-- Tenant-owned: RLS ENABLE + FORCE, composite (tenantId, id) keys.

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('BANK_TRANSFER', 'CASH_VOUCHER', 'SUPERMARKET_VOUCHER', 'ENERGY_TOPUP', 'SUPPLIER');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('READY', 'IN_BATCH', 'SENT', 'PAID', 'RETURNED', 'REJECTED', 'ISSUED', 'REDEEMED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PaymentBatchStatus" AS ENUM ('CREATED', 'RELEASED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'RECOMMIT';

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "awardId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'READY',
    "amountPence" BIGINT NOT NULL,
    "bankDetailsEnc" TEXT,
    "bankLast4" TEXT,
    "supplierId" UUID,
    "supplierAccountRef" TEXT,
    "voucherProviderId" UUID,
    "deliverChannel" TEXT,
    "deliverTo" TEXT,
    "batchId" UUID,
    "outcomeReason" TEXT,
    "replacesPaymentId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(6),
    "settledAt" TIMESTAMP(6),

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBatch" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "voucherProviderId" UUID,
    "status" "PaymentBatchStatus" NOT NULL DEFAULT 'CREATED',
    "count" INTEGER NOT NULL,
    "totalPence" BIGINT NOT NULL,
    "processingDay" DATE,
    "fileSerial" INTEGER,
    "selection" JSONB NOT NULL DEFAULT '{}',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedById" UUID,
    "releasedAt" TIMESTAMP(6),

    CONSTRAINT "PaymentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBatchFile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentBatchFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentSettings" (
    "tenantId" UUID NOT NULL,
    "serviceUserNumber" TEXT,
    "serviceUserName" TEXT,
    "originatingSortCode" TEXT,
    "originatingAccountNumber" TEXT,
    "originatingAccountName" TEXT,
    "bankFileFormat" TEXT NOT NULL DEFAULT 'STANDARD18',
    "lastFileSerial" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Payment_tenantId_status_method_idx" ON "Payment"("tenantId", "status", "method");

-- CreateIndex
CREATE INDEX "Payment_tenantId_awardId_idx" ON "Payment"("tenantId", "awardId");

-- CreateIndex
CREATE INDEX "Payment_tenantId_batchId_idx" ON "Payment"("tenantId", "batchId");

-- CreateIndex
CREATE INDEX "Payment_tenantId_caseId_idx" ON "Payment"("tenantId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_tenantId_id_key" ON "Payment"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_tenantId_reference_key" ON "Payment"("tenantId", "reference");

-- CreateIndex
CREATE INDEX "PaymentBatch_tenantId_status_createdAt_idx" ON "PaymentBatch"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatch_tenantId_id_key" ON "PaymentBatch"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatch_tenantId_reference_key" ON "PaymentBatch"("tenantId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatchFile_tenantId_id_key" ON "PaymentBatchFile"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatchFile_batchId_kind_key" ON "PaymentBatchFile"("batchId", "kind");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_tenantId_awardId_fkey" FOREIGN KEY ("tenantId", "awardId") REFERENCES "Award"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_tenantId_batchId_fkey" FOREIGN KEY ("tenantId", "batchId") REFERENCES "PaymentBatch"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatchFile" ADD CONSTRAINT "PaymentBatchFile_tenantId_batchId_fkey" FOREIGN KEY ("tenantId", "batchId") REFERENCES "PaymentBatch"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- At most one live payment per award line; failed and cancelled ones stay as history.
CREATE UNIQUE INDEX "Payment_one_live_per_award" ON "Payment"("tenantId", "awardId")
  WHERE status NOT IN ('RETURNED', 'REJECTED', 'CANCELLED');
-- Ledger movements are found by the payment's reference (reconciliation, ledger:verify).
CREATE INDEX "LedgerTransaction_tenantId_paymentRef_idx" ON "LedgerTransaction"("tenantId", "paymentRef") WHERE "paymentRef" IS NOT NULL;
CREATE INDEX "LedgerTransaction_tenantId_awardRef_idx" ON "LedgerTransaction"("tenantId", "awardRef") WHERE "awardRef" IS NOT NULL;

ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amount" CHECK ("amountPence" > 0);
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reference" CHECK (length("reference") BETWEEN 1 AND 18);
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_in_batch" CHECK (status NOT IN ('IN_BATCH', 'SENT', 'PAID') OR "batchId" IS NOT NULL);
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_segregation_of_duties" CHECK ("releasedById" IS NULL OR "releasedById" <> "createdById");
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_counts" CHECK ("count" > 0 AND "totalPence" > 0);
ALTER TABLE "PaymentSettings" ADD CONSTRAINT "PaymentSettings_tenant_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT;

-- Every award approved before payments existed gets its payment, ready to send, with the bank
-- details it was decided with (still sealed: copied, never opened here).
INSERT INTO "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "bankDetailsEnc", "deliverChannel", "createdAt", "updatedAt")
SELECT gen_random_uuid(), a."tenantId", a.id, a."caseId",
  c.reference || '-' || row_number() OVER (PARTITION BY a."caseId" ORDER BY a."createdAt", a.id),
  (CASE a."paymentMethod"
     WHEN 'bank' THEN 'BANK_TRANSFER' WHEN 'cash-voucher' THEN 'CASH_VOUCHER' WHEN 'energy-topup' THEN 'ENERGY_TOPUP'
     WHEN 'supplier' THEN 'SUPPLIER' ELSE 'SUPERMARKET_VOUCHER' END)::"PaymentMethod",
  'READY', a."amountPence",
  CASE WHEN a."paymentMethod" = 'bank' THEN ap."bankDetailsEnc" END,
  CASE a."paymentMethod" WHEN 'voucher-sms' THEN 'SMS' WHEN 'voucher-email' THEN 'EMAIL' END,
  coalesce(a."approvedAt", a."updatedAt"), now()
FROM "Award" a JOIN "Case" c ON c.id = a."caseId" JOIN "Application" ap ON ap.id = c."applicationId"
WHERE a.status = 'APPROVED';

-- ===== Security (docs/decisions/0003) =====
-- Payments and batches change state (lib/payments/transition.ts, batches.ts); files are written
-- once; nothing is deleted.
GRANT SELECT, INSERT, UPDATE ON "Payment", "PaymentBatch", "PaymentSettings" TO moneyhub_app;
GRANT SELECT, INSERT ON "PaymentBatchFile" TO moneyhub_app;

ALTER TABLE "Payment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Payment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Payment"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "PaymentBatch" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentBatch" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PaymentBatch"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "PaymentBatchFile" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentBatchFile" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PaymentBatchFile"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "PaymentSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PaymentSettings"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

-- ===== The ledger's RECOMMIT: SPENT → COMMITTED, same pot =====
-- The function as in 20261124210000_ledger_refusal_codes with one more kind; nothing else changed.
CREATE OR REPLACE FUNCTION post_ledger_transaction(
  p_kind "LedgerTransactionKind",
  p_fund_id uuid,
  p_pot_id uuid,
  p_to_pot_id uuid,
  p_amount_pence bigint,
  p_idempotency_key text,
  p_reason text,
  p_actor_user_id uuid,
  p_award_ref text,
  p_payment_ref text,
  p_at timestamp DEFAULT NULL
) RETURNS TABLE (transaction_id uuid, replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant uuid := app_current_tenant();
  v_at timestamp := coalesce(p_at, clock_timestamp() AT TIME ZONE 'UTC');
  v_fund "Fund"%ROWTYPE;
  v_pot_name text;
  v_to_pot_name text;
  v_from_kind "LedgerAccountKind";
  v_to_kind "LedgerAccountKind";
  v_from_pot uuid;
  v_to_pot uuid;
  v_from uuid;
  v_to uuid;
  v_id uuid;
  v_existing "LedgerTransaction"%ROWTYPE;
  v_day date;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'no council in scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_at IS NOT NULL AND session_user = 'moneyhub_app' THEN
    RAISE EXCEPTION 'only owner scripts may backdate a ledger transaction' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_amount_pence IS NULL OR p_amount_pence <= 0 THEN
    PERFORM ledger_refuse('amount', 'The amount must be more than £0.00', '{}');
  END IF;
  IF p_idempotency_key IS NULL OR length(p_idempotency_key) = 0 THEN
    PERFORM ledger_refuse('key', 'an idempotency key is required', '{}');
  END IF;
  IF p_reason IS NULL OR length(btrim(p_reason)) = 0 THEN
    PERFORM ledger_refuse('reason', 'Enter a reason', '{}');
  END IF;

  -- A replay returns the first result (checked before anything is locked).
  SELECT * INTO v_existing FROM "LedgerTransaction" t
    WHERE t."tenantId" = v_tenant AND t."idempotencyKey" = p_idempotency_key;
  IF FOUND THEN
    PERFORM ledger_check_replay(v_existing, p_kind, p_fund_id, p_pot_id, p_to_pot_id, p_amount_pence);
    RETURN QUERY SELECT v_existing.id, true;
    RETURN;
  END IF;

  SELECT * INTO v_fund FROM "Fund" f WHERE f.id = p_fund_id AND f."tenantId" = v_tenant;
  IF NOT FOUND THEN
    PERFORM ledger_refuse('not-found', 'That fund does not exist in this council', jsonb_build_object('what', 'fund'));
  END IF;
  IF p_pot_id IS NOT NULL THEN
    SELECT p.name INTO v_pot_name FROM "Pot" p WHERE p.id = p_pot_id AND p."fundId" = p_fund_id AND p."tenantId" = v_tenant;
    IF NOT FOUND THEN
      PERFORM ledger_refuse('not-found', 'That pot does not exist in this fund', jsonb_build_object('what', 'pot'));
    END IF;
  END IF;
  IF p_to_pot_id IS NOT NULL THEN
    SELECT p.name INTO v_to_pot_name FROM "Pot" p WHERE p.id = p_to_pot_id AND p."fundId" = p_fund_id AND p."tenantId" = v_tenant;
    IF NOT FOUND THEN
      PERFORM ledger_refuse('not-found', 'That pot does not exist in this fund', jsonb_build_object('what', 'pot'));
    END IF;
  END IF;

  CASE p_kind
    WHEN 'FUND' THEN v_from_kind := 'FUNDER'; v_to_kind := 'UNALLOCATED';
    WHEN 'RETURN' THEN v_from_kind := 'UNALLOCATED'; v_to_kind := 'FUNDER';
    WHEN 'ALLOCATE' THEN v_from_kind := 'UNALLOCATED'; v_to_kind := 'AVAILABLE'; v_to_pot := p_to_pot_id;
    WHEN 'MOVE' THEN
      v_from_kind := 'AVAILABLE'; v_from_pot := p_pot_id;
      IF p_to_pot_id IS NULL THEN v_to_kind := 'UNALLOCATED'; ELSE v_to_kind := 'AVAILABLE'; v_to_pot := p_to_pot_id; END IF;
      IF p_pot_id = p_to_pot_id THEN
        PERFORM ledger_refuse('same-pot', 'Choose a different pot to move the money to', '{}');
      END IF;
    WHEN 'COMMIT' THEN v_from_kind := 'AVAILABLE'; v_to_kind := 'COMMITTED'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'RELEASE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'AVAILABLE'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'DISBURSE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'SPENT'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'REVERSE' THEN v_from_kind := 'SPENT'; v_to_kind := 'AVAILABLE'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'RECOMMIT' THEN v_from_kind := 'SPENT'; v_to_kind := 'COMMITTED'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
  END CASE;
  IF (v_from_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_from_pot IS NULL)
     OR (v_to_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_to_pot IS NULL) THEN
    PERFORM ledger_refuse('pot-required', 'Choose a pot', '{}');
  END IF;

  -- Awards are committed only inside the fund's period (UK dates).
  IF p_kind = 'COMMIT' THEN
    v_day := (v_at AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date;
    IF v_day < v_fund."periodStart" OR v_day > v_fund."periodEnd" THEN
      PERFORM ledger_refuse('outside-period', format('%s runs from %s to %s: an award cannot be committed on %s', v_fund.name,
          v_fund."periodStart", v_fund."periodEnd", v_day),
        jsonb_build_object('fund', v_fund.name, 'periodStart', v_fund."periodStart", 'periodEnd', v_fund."periodEnd", 'day', v_day));
    END IF;
  END IF;

  SELECT a.id INTO v_from FROM "LedgerAccount" a
    WHERE a."fundId" = p_fund_id AND a.kind = v_from_kind AND a."potId" IS NOT DISTINCT FROM v_from_pot;
  SELECT a.id INTO v_to FROM "LedgerAccount" a
    WHERE a."fundId" = p_fund_id AND a.kind = v_to_kind AND a."potId" IS NOT DISTINCT FROM v_to_pot;
  IF v_from IS NULL OR v_to IS NULL THEN
    PERFORM ledger_refuse('not-found', format('ledger accounts missing for fund %s', p_fund_id), jsonb_build_object('what', 'accounts'));
  END IF;

  -- Lock both accounts first, in a fixed order (no deadlock between, say, a commit and a release
  -- on one pot). First, so that callers queueing for a busy pot hold no other lock on its rows:
  -- were the postings written before this, their foreign-key checks would take KEY SHARE locks
  -- on these rows and the queue would degrade into a MultiXact herd (docs/bench-ledger.md).
  -- NO KEY UPDATE, not UPDATE: compatible with those foreign-key checks.
  PERFORM 1 FROM "LedgerAccount" a WHERE a.id IN (v_from, v_to) ORDER BY a.id FOR NO KEY UPDATE;

  -- Claim the key. A concurrent call with the same key waited on the locks above for ours, and
  -- now finds it.
  INSERT INTO "LedgerTransaction" (id, "tenantId", "fundId", kind, "amountPence", "potId", "toPotId",
      "idempotencyKey", reason, "actorUserId", "awardRef", "paymentRef", "createdAt")
    VALUES (gen_random_uuid(), v_tenant, p_fund_id, p_kind, p_amount_pence, p_pot_id, p_to_pot_id,
      p_idempotency_key, btrim(p_reason), p_actor_user_id, p_award_ref, p_payment_ref, v_at)
    ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
    RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT * INTO v_existing FROM "LedgerTransaction" t
      WHERE t."tenantId" = v_tenant AND t."idempotencyKey" = p_idempotency_key;
    PERFORM ledger_check_replay(v_existing, p_kind, p_fund_id, p_pot_id, p_to_pot_id, p_amount_pence);
    RETURN QUERY SELECT v_existing.id, true;
    RETURN;
  END IF;

  INSERT INTO "LedgerPosting" (id, "tenantId", "transactionId", "accountId", "amountPence", "createdAt") VALUES
    (gen_random_uuid(), v_tenant, v_id, v_from, -p_amount_pence, v_at),
    (gen_random_uuid(), v_tenant, v_id, v_to, p_amount_pence, v_at);

  -- Take the money out only if it is there (the accounts are locked above).
  UPDATE "LedgerAccount" SET "balancePence" = "balancePence" - p_amount_pence
    WHERE id = v_from AND ("balancePence" >= p_amount_pence OR kind = 'FUNDER');
  IF NOT FOUND THEN
    PERFORM ledger_refuse('insufficient', format('insufficient funds in %s (%s)', coalesce(v_pot_name, v_fund.name), lower(v_from_kind::text)),
      jsonb_build_object('fund', v_fund.name, 'pot', v_pot_name, 'account', v_from_kind,
        'balancePence', (SELECT "balancePence"::text FROM "LedgerAccount" WHERE id = v_from)));
  END IF;
  UPDATE "LedgerAccount" SET "balancePence" = "balancePence" + p_amount_pence WHERE id = v_to;

  RETURN QUERY SELECT v_id, false;
END $$;
