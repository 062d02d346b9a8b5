-- Reversing an administration cost recorded in error (issue 20, docs/funder-returns.md,
-- docs/decisions/0042): a new ledger kind ADMIN_REVERSE moves the amount back from the fund's own
-- SPENT account to its UNALLOCATED money, through the one posting function, naming the ADMIN
-- transaction it reverses ("reversesId": once, never more than recorded, the same fund). It
-- carries the reversed cost's line, so a return's administration line nets by line; the fund's
-- admin cap counts administration net of reversals. A signed return keeps its snapshot.
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'ADMIN_REVERSE';

ALTER TABLE "LedgerTransaction" ADD COLUMN "reversesId" UUID;
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_tenantId_reversesId_fkey"
  FOREIGN KEY ("tenantId", "reversesId") REFERENCES "LedgerTransaction"("tenantId", id) ON DELETE RESTRICT ON UPDATE CASCADE;
-- One reversal per administration cost, ever.
CREATE UNIQUE INDEX "LedgerTransaction_tenantId_reversesId_key" ON "LedgerTransaction"("tenantId", "reversesId");
ALTER TABLE "LedgerTransaction" DROP CONSTRAINT "LedgerTransaction_cost_line";
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_cost_line" CHECK (("kind"::text IN ('ADMIN', 'ADMIN_REVERSE')) = ("costLine" IS NOT NULL));
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_reverses" CHECK (("kind"::text = 'ADMIN_REVERSE') = ("reversesId" IS NOT NULL));

-- The function as in 20261206093307_funder_returns with one more kind (its CASE branch) and one
-- more parameter (p_reverses_id, last, defaulted), so the old signature is dropped and the grants
-- given again.
DROP FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp, text);
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
  p_cost_line text DEFAULT NULL,
  p_reverses_id uuid DEFAULT NULL
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
  v_reversed "LedgerTransaction"%ROWTYPE;
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
    WHEN 'ADMIN_REVERSE' THEN
      -- An administration cost recorded in error, given back to the fund: the fund's own SPENT →
      -- UNALLOCATED, naming the ADMIN transaction it reverses (once: unique), never more than it.
      v_from_kind := 'SPENT'; v_to_kind := 'UNALLOCATED';
      IF p_pot_id IS NOT NULL OR p_to_pot_id IS NOT NULL THEN
        PERFORM ledger_refuse('cost-line', 'administration spend is the fund''s, not a pot''s', '{}');
      END IF;
      SELECT * INTO v_reversed FROM "LedgerTransaction" t
        WHERE t.id = p_reverses_id AND t."tenantId" = v_tenant AND t."fundId" = p_fund_id AND t.kind = 'ADMIN';
      IF NOT FOUND THEN
        PERFORM ledger_refuse('not-found', 'That administration cost does not exist in this fund', jsonb_build_object('what', 'admin-cost'));
      END IF;
      IF p_amount_pence > v_reversed."amountPence" THEN
        PERFORM ledger_refuse('amount', format('A reversal cannot be more than the %s pence recorded', v_reversed."amountPence"), '{}');
      END IF;
      IF EXISTS (SELECT 1 FROM "LedgerTransaction" t WHERE t."tenantId" = v_tenant AND t."reversesId" = p_reverses_id) THEN
        PERFORM ledger_refuse('key-reused', 'That administration cost has already been reversed', '{}');
      END IF;
  END CASE;
  IF p_kind NOT IN ('ADMIN', 'ADMIN_REVERSE') AND ((v_from_kind NOT IN ('FUNDER', 'UNALLOCATED') AND v_from_pot IS NULL)
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
    SELECT coalesce(sum(CASE WHEN t.kind = 'ADMIN' THEN t."amountPence" ELSE -t."amountPence" END), 0) INTO v_used FROM "LedgerTransaction" t
      WHERE t."tenantId" = v_tenant AND t."fundId" = p_fund_id AND t.kind IN ('ADMIN', 'ADMIN_REVERSE');
    IF v_used + p_amount_pence > v_cap THEN
      PERFORM ledger_refuse('admin-cap', format('%s caps administration at %s pence; %s pence is already recorded', v_fund.name, v_cap, v_used),
        jsonb_build_object('fund', v_fund.name, 'capPence', v_cap::text, 'usedPence', v_used::text));
    END IF;
  END IF;

  -- Claim the key. A concurrent call with the same key waited on the locks above for ours, and
  -- now finds it.
  INSERT INTO "LedgerTransaction" (id, "tenantId", "fundId", kind, "amountPence", "potId", "toPotId",
      "idempotencyKey", reason, "actorUserId", "awardRef", "paymentRef", "costLine", "reversesId", "createdAt")
    VALUES (gen_random_uuid(), v_tenant, p_fund_id, p_kind, p_amount_pence, p_pot_id, p_to_pot_id,
      p_idempotency_key, btrim(p_reason), p_actor_user_id, p_award_ref, p_payment_ref,
      CASE WHEN p_kind = 'ADMIN' THEN p_cost_line WHEN p_kind = 'ADMIN_REVERSE' THEN v_reversed."costLine" END,
      CASE WHEN p_kind = 'ADMIN_REVERSE' THEN p_reverses_id END, v_at)
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
REVOKE ALL ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION post_ledger_transaction("LedgerTransactionKind", uuid, uuid, uuid, bigint, text, text, uuid, text, text, timestamp, text, uuid) TO moneyhub_app;
