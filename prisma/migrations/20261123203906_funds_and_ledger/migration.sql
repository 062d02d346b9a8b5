-- CreateEnum
CREATE TYPE "FundStatus" AS ENUM ('ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "LedgerAccountKind" AS ENUM ('FUNDER', 'UNALLOCATED', 'AVAILABLE', 'COMMITTED', 'SPENT');

-- CreateEnum
CREATE TYPE "LedgerTransactionKind" AS ENUM ('FUND', 'RETURN', 'ALLOCATE', 'MOVE', 'COMMIT', 'RELEASE', 'DISBURSE', 'REVERSE');

-- CreateTable
CREATE TABLE "Fund" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "funder" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "allocationPence" BIGINT NOT NULL,
    "adminCapBasisPoints" INTEGER,
    "status" "FundStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pot" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ownerOrganisationId" UUID,
    "maxSingleAwardPence" BIGINT,
    "eligibleNeeds" TEXT[],
    "eligibleHouseholdTypes" TEXT[],
    "accessRoutes" TEXT[],
    "maxAwardsPerHousehold" INTEGER,
    "repeatWindowDays" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerAccount" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "potId" UUID,
    "kind" "LedgerAccountKind" NOT NULL,
    "balancePence" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTransaction" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "kind" "LedgerTransactionKind" NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "potId" UUID,
    "toPotId" UUID,
    "idempotencyKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorUserId" UUID,
    "awardRef" TEXT,
    "paymentRef" TEXT,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerPosting" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerPosting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Fund_tenantId_idx" ON "Fund"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Fund_tenantId_name_key" ON "Fund"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Pot_tenantId_fundId_idx" ON "Pot"("tenantId", "fundId");

-- CreateIndex
CREATE UNIQUE INDEX "Pot_tenantId_fundId_name_key" ON "Pot"("tenantId", "fundId", "name");

-- CreateIndex
CREATE INDEX "LedgerAccount_tenantId_idx" ON "LedgerAccount"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerAccount_fundId_potId_kind_key" ON "LedgerAccount"("fundId", "potId", "kind");

-- CreateIndex
CREATE INDEX "LedgerTransaction_tenantId_fundId_createdAt_idx" ON "LedgerTransaction"("tenantId", "fundId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTransaction_tenantId_idempotencyKey_key" ON "LedgerTransaction"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "LedgerPosting_accountId_createdAt_idx" ON "LedgerPosting"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerPosting_transactionId_idx" ON "LedgerPosting"("transactionId");

-- AddForeignKey
ALTER TABLE "Pot" ADD CONSTRAINT "Pot_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pot" ADD CONSTRAINT "Pot_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerAccount" ADD CONSTRAINT "LedgerAccount_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerAccount" ADD CONSTRAINT "LedgerAccount_potId_fkey" FOREIGN KEY ("potId") REFERENCES "Pot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_potId_fkey" FOREIGN KEY ("potId") REFERENCES "Pot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_toPotId_fkey" FOREIGN KEY ("toPotId") REFERENCES "Pot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "LedgerTransaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LedgerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ===== Security and invariants for funds and the ledger (docs/decisions/0006-ledger-in-the-database.md) =====

-- Funds and pots: tenant-owned, edited by managers through the app.
GRANT SELECT, INSERT, UPDATE ON "Fund", "Pot" TO moneyhub_app;
ALTER TABLE "Fund" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Fund" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Fund"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
ALTER TABLE "Pot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Pot" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Pot"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

-- Ledger: the app may read, and may open an account (its balance starts at zero: no grant on
-- the balance column). Balances, transactions and postings change only through
-- post_ledger_transaction() below, which runs as the owner.
GRANT SELECT ON "LedgerAccount", "LedgerTransaction", "LedgerPosting" TO moneyhub_app;
GRANT INSERT ("id", "tenantId", "fundId", "potId", "kind") ON "LedgerAccount" TO moneyhub_app;
ALTER TABLE "LedgerAccount" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LedgerAccount" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LedgerAccount"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
ALTER TABLE "LedgerTransaction" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LedgerTransaction" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LedgerTransaction"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
ALTER TABLE "LedgerPosting" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LedgerPosting" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LedgerPosting"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

-- Invariants that hold whoever writes.
ALTER TABLE "Fund" ADD CONSTRAINT fund_period_ordered CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "Fund" ADD CONSTRAINT fund_allocation_not_negative CHECK ("allocationPence" >= 0);
ALTER TABLE "Fund" ADD CONSTRAINT fund_admin_cap_range CHECK ("adminCapBasisPoints" IS NULL OR "adminCapBasisPoints" BETWEEN 0 AND 10000);
ALTER TABLE "Pot" ADD CONSTRAINT pot_max_award_positive CHECK ("maxSingleAwardPence" IS NULL OR "maxSingleAwardPence" > 0);
-- Only the funder's account goes below zero (it records what the funder has paid in).
ALTER TABLE "LedgerAccount" ADD CONSTRAINT ledger_balance_not_negative CHECK ("balancePence" >= 0 OR "kind" = 'FUNDER');
-- Fund-level accounts have no pot, pot accounts have one, and each exists once.
ALTER TABLE "LedgerAccount" ADD CONSTRAINT ledger_account_pot_matches_kind
  CHECK (("kind" IN ('FUNDER', 'UNALLOCATED')) = ("potId" IS NULL));
CREATE UNIQUE INDEX ledger_account_fund_level_once ON "LedgerAccount"("fundId", "kind") WHERE "potId" IS NULL;
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT ledger_amount_positive CHECK ("amountPence" > 0);
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT ledger_reason_given CHECK (length(btrim("reason")) > 0);

-- Append-only: no UPDATE, DELETE or TRUNCATE of transactions or postings, for any role.
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON "LedgerTransaction"
  FOR EACH ROW EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE OR DELETE ON "LedgerPosting"
  FOR EACH ROW EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER ledger_transaction_no_truncate BEFORE TRUNCATE ON "LedgerTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER ledger_posting_no_truncate BEFORE TRUNCATE ON "LedgerPosting"
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation();
-- Accounts are never deleted; their balance changes only together with a posting (below).
CREATE TRIGGER ledger_account_no_delete BEFORE DELETE ON "LedgerAccount"
  FOR EACH ROW EXECUTE FUNCTION forbid_mutation();

-- Every transaction balances: checked at commit, once its postings are all in.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  SELECT coalesce(sum("amountPence"), 0) INTO total FROM "LedgerPosting" WHERE "transactionId" = NEW."transactionId";
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance (sum of postings %)', NEW."transactionId", total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON "LedgerPosting"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- The one way money moves. One call = one balanced transaction of two postings, applied to
-- the balances in the same database transaction. The source balance is decremented with a
-- conditional UPDATE under a row lock, so concurrent commits against one pot can never take it
-- below zero. Replaying an idempotency key returns the first transaction and posts nothing.
-- p_at backdates a transaction; only owner-run scripts (seeding history) may use it.
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
    RAISE EXCEPTION 'The amount must be more than £0.00' USING ERRCODE = 'P0001', HINT = 'ledger:amount';
  END IF;
  IF p_idempotency_key IS NULL OR length(p_idempotency_key) = 0 THEN
    RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'P0001', HINT = 'ledger:key';
  END IF;
  IF p_reason IS NULL OR length(btrim(p_reason)) = 0 THEN
    RAISE EXCEPTION 'Enter a reason' USING ERRCODE = 'P0001', HINT = 'ledger:reason';
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
    RAISE EXCEPTION 'That fund does not exist in this council' USING ERRCODE = 'P0001', HINT = 'ledger:not-found';
  END IF;
  IF p_pot_id IS NOT NULL THEN
    SELECT p.name INTO v_pot_name FROM "Pot" p WHERE p.id = p_pot_id AND p."fundId" = p_fund_id AND p."tenantId" = v_tenant;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'That pot does not exist in this fund' USING ERRCODE = 'P0001', HINT = 'ledger:not-found';
    END IF;
  END IF;
  IF p_to_pot_id IS NOT NULL THEN
    SELECT p.name INTO v_to_pot_name FROM "Pot" p WHERE p.id = p_to_pot_id AND p."fundId" = p_fund_id AND p."tenantId" = v_tenant;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'That pot does not exist in this fund' USING ERRCODE = 'P0001', HINT = 'ledger:not-found';
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
        RAISE EXCEPTION 'Choose a different pot to move the money to' USING ERRCODE = 'P0001', HINT = 'ledger:same-pot';
      END IF;
    WHEN 'COMMIT' THEN v_from_kind := 'AVAILABLE'; v_to_kind := 'COMMITTED'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'RELEASE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'AVAILABLE'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'DISBURSE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'SPENT'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
    WHEN 'REVERSE' THEN v_from_kind := 'SPENT'; v_to_kind := 'AVAILABLE'; v_from_pot := p_pot_id; v_to_pot := p_pot_id;
  END CASE;
  IF (v_from_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_from_pot IS NULL)
     OR (v_to_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_to_pot IS NULL) THEN
    RAISE EXCEPTION 'Choose a pot' USING ERRCODE = 'P0001', HINT = 'ledger:pot-required';
  END IF;

  -- Awards are committed only inside the fund's period (UK dates).
  IF p_kind = 'COMMIT' THEN
    v_day := (v_at AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date;
    IF v_day < v_fund."periodStart" OR v_day > v_fund."periodEnd" THEN
      RAISE EXCEPTION '% runs from % to %: an award cannot be committed on %', v_fund.name,
        to_char(v_fund."periodStart", 'FMDD FMMonth YYYY'), to_char(v_fund."periodEnd", 'FMDD FMMonth YYYY'),
        to_char(v_day, 'FMDD FMMonth YYYY')
        USING ERRCODE = 'P0001', HINT = 'ledger:outside-period';
    END IF;
  END IF;

  SELECT a.id INTO v_from FROM "LedgerAccount" a
    WHERE a."fundId" = p_fund_id AND a.kind = v_from_kind AND a."potId" IS NOT DISTINCT FROM v_from_pot;
  SELECT a.id INTO v_to FROM "LedgerAccount" a
    WHERE a."fundId" = p_fund_id AND a.kind = v_to_kind AND a."potId" IS NOT DISTINCT FROM v_to_pot;
  IF v_from IS NULL OR v_to IS NULL THEN
    RAISE EXCEPTION 'ledger accounts missing for fund %', p_fund_id USING ERRCODE = 'P0001', HINT = 'ledger:not-found';
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
    IF v_from_kind = 'UNALLOCATED' THEN
      RAISE EXCEPTION 'insufficient funds in % (unallocated)', v_fund.name USING ERRCODE = 'P0001', HINT = 'ledger:insufficient';
    ELSIF v_from_kind = 'AVAILABLE' THEN
      RAISE EXCEPTION 'insufficient funds in %', v_pot_name USING ERRCODE = 'P0001', HINT = 'ledger:insufficient';
    ELSE
      RAISE EXCEPTION 'insufficient funds in % (% is only %)', v_pot_name, lower(v_from_kind::text),
        (SELECT '£' || to_char("balancePence" / 100.0, 'FM999,999,990.00') FROM "LedgerAccount" WHERE id = v_from)
        USING ERRCODE = 'P0001', HINT = 'ledger:insufficient';
    END IF;
  END IF;
  UPDATE "LedgerAccount" SET "balancePence" = "balancePence" + p_amount_pence WHERE id = v_to;

  RETURN QUERY SELECT v_id, false;
END $$;

-- A key may only be replayed for the same movement; reusing it for another is a bug to surface.
CREATE FUNCTION ledger_check_replay(t "LedgerTransaction", p_kind "LedgerTransactionKind", p_fund_id uuid,
  p_pot_id uuid, p_to_pot_id uuid, p_amount_pence bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF t.kind <> p_kind OR t."fundId" <> p_fund_id OR t."amountPence" <> p_amount_pence
     OR t."potId" IS DISTINCT FROM p_pot_id OR t."toPotId" IS DISTINCT FROM p_to_pot_id THEN
    RAISE EXCEPTION 'idempotency key % was already used for a different transaction', t."idempotencyKey"
      USING ERRCODE = 'P0001', HINT = 'ledger:key-reused';
  END IF;
END $$;

REVOKE ALL ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp) TO moneyhub_app;
