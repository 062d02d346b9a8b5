-- The funder's management-information return (issue 20, docs/funder-returns.md, ADR 0038):
-- FunderMapping (the council's pots and needs → the funder's categories), FunderReturn (versions,
-- sign-off, frozen figures); each award keeps the household and route it was decided with; the
-- ledger's ADMIN kind (administration and evaluation spend, fund → its own SPENT account, with a
-- cost line, within the fund's admin cap). Tenant-owned: RLS ENABLE + FORCE.

-- CreateEnum
CREATE TYPE "FunderReturnStatus" AS ENUM ('DRAFT', 'SIGNED');

-- AlterEnum
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'ADMIN';

-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "accessRoute" TEXT,
ADD COLUMN     "householdTypes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "LedgerTransaction" ADD COLUMN     "costLine" TEXT;

-- CreateTable
CREATE TABLE "FunderMapping" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "potId" UUID NOT NULL,
    "needCategory" TEXT NOT NULL DEFAULT '*',
    "category" TEXT NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FunderMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FunderReturn" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "layout" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "FunderReturnStatus" NOT NULL DEFAULT 'DRAFT',
    "inputs" JSONB NOT NULL DEFAULT '{}',
    "snapshot" JSONB,
    "signedByName" TEXT,
    "signedByEmail" TEXT,
    "signedStatement" TEXT,
    "signedById" UUID,
    "signedAt" TIMESTAMP(6),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FunderReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FunderMapping_tenantId_fundId_idx" ON "FunderMapping"("tenantId", "fundId");

-- CreateIndex
CREATE UNIQUE INDEX "FunderMapping_tenantId_id_key" ON "FunderMapping"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FunderMapping_tenantId_potId_needCategory_key" ON "FunderMapping"("tenantId", "potId", "needCategory");

-- CreateIndex
CREATE INDEX "FunderReturn_tenantId_fundId_createdAt_idx" ON "FunderReturn"("tenantId", "fundId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FunderReturn_tenantId_id_key" ON "FunderReturn"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FunderReturn_tenantId_fundId_layout_periodStart_periodEnd_v_key" ON "FunderReturn"("tenantId", "fundId", "layout", "periodStart", "periodEnd", "version");

-- AddForeignKey
ALTER TABLE "FunderMapping" ADD CONSTRAINT "FunderMapping_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunderMapping" ADD CONSTRAINT "FunderMapping_tenantId_potId_fkey" FOREIGN KEY ("tenantId", "potId") REFERENCES "Pot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunderReturn" ADD CONSTRAINT "FunderReturn_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ===== Awards keep the household and route they were decided with =====
-- Backfilled from the application as submitted (lib/applications/policy.ts householdTypesOf, same rules).
UPDATE "Award" a SET
  "householdTypes" = CASE WHEN ap.data ? 'household' THEN array_remove(ARRAY[
      CASE WHEN coalesce((ap.data #>> '{household,children}')::numeric, 0) > 0 THEN 'families-with-children' ELSE 'single-adults' END,
      CASE WHEN (ap.data #>> '{household,pregnant}') = 'true' THEN 'pregnancy' END,
      CASE WHEN (ap.data #>> '{household,overPensionAge}') = 'true' THEN 'pension-age' END,
      CASE WHEN (ap.data #>> '{household,disabilityOrIllness}') = 'true' THEN 'disability' END,
      CASE WHEN (ap.data #>> '{income,noRecourseToPublicFunds}') = 'yes' THEN 'no-recourse' END
    ], NULL) ELSE ARRAY[]::text[] END,
  "accessRoute" = CASE c.channel WHEN 'REFERRAL_PORTAL' THEN 'REFERRAL' WHEN 'REFERRAL_API' THEN 'REFERRAL'
    WHEN 'PROACTIVE_INVITATION' THEN 'PROACTIVE' ELSE 'APPLICATION' END
FROM "Case" c JOIN "Application" ap ON ap.id = c."applicationId"
WHERE c.id = a."caseId";

-- ===== Every fund gets its own SPENT account (no pot) for administration spend =====
-- A fund-level account was FUNDER or UNALLOCATED only; SPENT may now be either (a pot's payments,
-- or the fund's administration). ledger_account_fund_level_once keeps one per fund.
ALTER TABLE "LedgerAccount" DROP CONSTRAINT ledger_account_pot_matches_kind;
ALTER TABLE "LedgerAccount" ADD CONSTRAINT ledger_account_pot_matches_kind
  CHECK (CASE WHEN "kind" IN ('FUNDER', 'UNALLOCATED') THEN "potId" IS NULL WHEN "kind" = 'SPENT' THEN true ELSE "potId" IS NOT NULL END);
INSERT INTO "LedgerAccount" (id, "tenantId", "fundId", "potId", kind)
SELECT gen_random_uuid(), f."tenantId", f.id, NULL, 'SPENT' FROM "Fund" f
WHERE NOT EXISTS (SELECT 1 FROM "LedgerAccount" a WHERE a."fundId" = f.id AND a."potId" IS NULL AND a.kind = 'SPENT');
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_cost_line" CHECK (("kind"::text = 'ADMIN') = ("costLine" IS NOT NULL));
CREATE INDEX "LedgerTransaction_tenantId_fundId_kind_idx" ON "LedgerTransaction"("tenantId", "fundId", kind, "createdAt");

ALTER TABLE "FunderReturn" ADD CONSTRAINT "FunderReturn_layout" CHECK (layout IN ('CRF', 'HSF'));
ALTER TABLE "FunderReturn" ADD CONSTRAINT "FunderReturn_period" CHECK ("periodStart" <= "periodEnd");
ALTER TABLE "FunderReturn" ADD CONSTRAINT "FunderReturn_signed" CHECK (status = 'DRAFT' OR (snapshot IS NOT NULL AND "signedByName" IS NOT NULL
  AND "signedByEmail" IS NOT NULL AND "signedStatement" IS NOT NULL AND "signedAt" IS NOT NULL));

-- A signed return is frozen: no change to any column, ever (a correction is a new version).
CREATE FUNCTION funder_return_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SIGNED' THEN
    RAISE EXCEPTION 'a signed return cannot change: draft a new version' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER funder_return_frozen BEFORE UPDATE OR DELETE ON "FunderReturn" FOR EACH ROW EXECUTE FUNCTION funder_return_frozen();

-- ===== Security (docs/decisions/0003) =====
GRANT SELECT, INSERT, UPDATE, DELETE ON "FunderMapping" TO moneyhub_app;
GRANT SELECT, INSERT, UPDATE ON "FunderReturn" TO moneyhub_app;

ALTER TABLE "FunderMapping" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FunderMapping" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FunderMapping"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "FunderReturn" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FunderReturn" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FunderReturn"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

-- ===== The ledger's ADMIN: UNALLOCATED → the fund's own SPENT, with a cost line, within the cap =====
-- The function as in 20261206092514_payments with one more kind and one more parameter
-- (p_cost_line, last, defaulted), so the old signature is dropped and the grants given again.
DROP FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp);
CREATE FUNCTION post_ledger_transaction(
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
  p_at timestamp DEFAULT NULL,
  p_cost_line text DEFAULT NULL
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
  v_cap bigint;
  v_used bigint;
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
    WHEN 'ADMIN' THEN
      v_from_kind := 'UNALLOCATED'; v_to_kind := 'SPENT';
      IF p_pot_id IS NOT NULL OR p_to_pot_id IS NOT NULL THEN
        PERFORM ledger_refuse('cost-line', 'administration spend is the fund''s, not a pot''s', '{}');
      END IF;
      IF p_cost_line IS NULL OR p_cost_line NOT IN ('crisis-admin', 'housing-admin', 'evaluation', 'admin') THEN
        PERFORM ledger_refuse('cost-line', 'Select what the administration spend was for', '{}');
      END IF;
  END CASE;
  IF p_kind <> 'ADMIN' AND ((v_from_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_from_pot IS NULL)
     OR (v_to_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_to_pot IS NULL)) THEN
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

  -- Administration spend stays within the fund's cap (basis points of its allocation), checked
  -- under the fund's accounts' lock so two at once cannot both take the last of it. Only for a
  -- new movement (a replay returned above).
  IF p_kind = 'ADMIN' AND v_fund."adminCapBasisPoints" IS NOT NULL THEN
    v_cap := (v_fund."allocationPence" * v_fund."adminCapBasisPoints") / 10000;
    SELECT coalesce(sum(t."amountPence"), 0) INTO v_used FROM "LedgerTransaction" t
      WHERE t."tenantId" = v_tenant AND t."fundId" = p_fund_id AND t.kind = 'ADMIN';
    IF v_used + p_amount_pence > v_cap THEN
      PERFORM ledger_refuse('admin-cap', format('%s caps administration at %s pence; %s pence is already recorded', v_fund.name, v_cap, v_used),
        jsonb_build_object('fund', v_fund.name, 'capPence', v_cap::text, 'usedPence', v_used::text));
    END IF;
  END IF;

  -- Claim the key. A concurrent call with the same key waited on the locks above for ours, and
  -- now finds it.
  INSERT INTO "LedgerTransaction" (id, "tenantId", "fundId", kind, "amountPence", "potId", "toPotId",
      "idempotencyKey", reason, "actorUserId", "awardRef", "paymentRef", "costLine", "createdAt")
    VALUES (gen_random_uuid(), v_tenant, p_fund_id, p_kind, p_amount_pence, p_pot_id, p_to_pot_id,
      p_idempotency_key, btrim(p_reason), p_actor_user_id, p_award_ref, p_payment_ref,
      CASE WHEN p_kind = 'ADMIN' THEN p_cost_line END, v_at)
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
REVOKE ALL ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp, text) TO moneyhub_app;
