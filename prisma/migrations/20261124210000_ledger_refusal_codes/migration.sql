-- The ledger reports its refusals as stable codes, not English sentences (docs/decisions/0010).
-- Every refusal is raised by ledger_refuse(): SQLSTATE 'ML001' (our own class "ML", money ledger),
-- HINT 'ledger:<code>' and DETAIL a JSON object of the facts the words need (pot, fund, dates,
-- balance). lib/ledger/refusals.ts reads the code and facts from the driver's error fields and the
-- message files give the words. The MESSAGE stays an English sentence for people reading logs;
-- nothing parses it. Same signature and grants; everything else in the function is unchanged.

CREATE FUNCTION ledger_refuse(p_code text, p_message text, p_facts jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'ML001', MESSAGE = p_message, HINT = 'ledger:' || p_code, DETAIL = p_facts::text;
END $$;

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

-- A key may only be replayed for the same movement; reusing it for another is a bug to surface.
CREATE OR REPLACE FUNCTION ledger_check_replay(t "LedgerTransaction", p_kind "LedgerTransactionKind", p_fund_id uuid,
  p_pot_id uuid, p_to_pot_id uuid, p_amount_pence bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF t.kind <> p_kind OR t."fundId" <> p_fund_id OR t."amountPence" <> p_amount_pence
     OR t."potId" IS DISTINCT FROM p_pot_id OR t."toPotId" IS DISTINCT FROM p_to_pot_id THEN
    PERFORM ledger_refuse('key-reused', format('idempotency key %s was already used for a different transaction', t."idempotencyKey"), '{}');
  END IF;
END $$;
