-- Many movements of one kind within their pots, posted in one call (issue 19: a payment batch of
-- 50,000 disburses at once; docs/payments.md, docs/decisions/0032). post_ledger_transaction()
-- called once a row updates the same two account rows 50,000 times in one transaction, and each
-- update walks the chain of that transaction's earlier versions of the row: quadratic (10,000
-- payments took 70 s). This function writes exactly what those calls would (one transaction of two
-- postings per movement, each with its own idempotency key, replays posting nothing, a key reused
-- for another movement refused) and changes each account's balance ONCE by the sum, after locking
-- the accounts in id order and checking the money is there. One kind per call, and only kinds
-- that move money within a pot (DISBURSE, RECOMMIT, RELEASE, REVERSE): for one kind, "the sum is
-- there" is the same test as "each is there in turn". The refusals are ledger_refuse()'s codes.

CREATE FUNCTION post_ledger_transactions(
  p_kind "LedgerTransactionKind",
  p_fund_ids uuid[],
  p_pot_ids uuid[],
  p_amounts bigint[],
  p_keys text[],
  p_reasons text[],
  p_actor_user_id uuid,
  p_award_refs text[],
  p_payment_refs text[]
) RETURNS TABLE (posted integer, replayed integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant uuid := app_current_tenant();
  v_at timestamp := clock_timestamp() AT TIME ZONE 'UTC';
  v_from_kind "LedgerAccountKind";
  v_to_kind "LedgerAccountKind";
  v_n integer := coalesce(array_length(p_keys, 1), 0);
  v_row record;
  v_posted integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'no council in scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  CASE p_kind
    WHEN 'DISBURSE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'SPENT';
    WHEN 'RECOMMIT' THEN v_from_kind := 'SPENT'; v_to_kind := 'COMMITTED';
    WHEN 'RELEASE' THEN v_from_kind := 'COMMITTED'; v_to_kind := 'AVAILABLE';
    WHEN 'REVERSE' THEN v_from_kind := 'SPENT'; v_to_kind := 'AVAILABLE';
    ELSE RAISE EXCEPTION 'post_ledger_transactions: % does not move money within a pot; post it with post_ledger_transaction', p_kind;
  END CASE;
  IF coalesce(array_length(p_fund_ids, 1), 0) <> v_n OR coalesce(array_length(p_pot_ids, 1), 0) <> v_n OR coalesce(array_length(p_amounts, 1), 0) <> v_n
     OR coalesce(array_length(p_reasons, 1), 0) <> v_n OR coalesce(array_length(p_award_refs, 1), 0) <> v_n OR coalesce(array_length(p_payment_refs, 1), 0) <> v_n THEN
    RAISE EXCEPTION 'post_ledger_transactions: the arrays differ in length';
  END IF;
  IF v_n = 0 THEN
    RETURN QUERY SELECT 0, 0;
    RETURN;
  END IF;

  -- Each movement with what it needs, in one pass: whether its key was used before (and for
  -- what), its pot, and the two accounts it moves between.
  DROP TABLE IF EXISTS pg_temp.ledger_bulk;
  CREATE TEMP TABLE ledger_bulk ON COMMIT DROP AS
    SELECT u.ord, gen_random_uuid() AS tx_id, u.f AS fund_id, u.p AS pot_id, u.a AS amount, u.k AS key, btrim(u.r) AS reason, u.aw AS award_ref, u.pr AS payment_ref,
      t.id IS NOT NULL AS replay,
      (t.id IS NOT NULL AND (t.kind <> p_kind OR t."fundId" <> u.f OR t."amountPence" <> u.a OR t."potId" IS DISTINCT FROM u.p OR t."toPotId" IS NOT NULL)) AS reused,
      p.id IS NOT NULL AS pot_found, fa.id AS from_acc, ta.id AS to_acc
    FROM unnest(p_fund_ids, p_pot_ids, p_amounts, p_keys, p_reasons, p_award_refs, p_payment_refs) WITH ORDINALITY AS u(f, p, a, k, r, aw, pr, ord)
    LEFT JOIN "LedgerTransaction" t ON t."tenantId" = v_tenant AND t."idempotencyKey" = u.k
    LEFT JOIN "Pot" p ON p.id = u.p AND p."fundId" = u.f AND p."tenantId" = v_tenant
    LEFT JOIN "LedgerAccount" fa ON fa."fundId" = u.f AND fa."potId" = u.p AND fa.kind = v_from_kind
    LEFT JOIN "LedgerAccount" ta ON ta."fundId" = u.f AND ta."potId" = u.p AND ta.kind = v_to_kind;

  IF EXISTS (SELECT 1 FROM ledger_bulk WHERE amount IS NULL OR amount <= 0) THEN
    PERFORM ledger_refuse('amount', 'The amount must be more than £0.00', '{}');
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_bulk WHERE key IS NULL OR length(key) = 0) THEN
    PERFORM ledger_refuse('key', 'an idempotency key is required', '{}');
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_bulk WHERE reason IS NULL OR length(reason) = 0) THEN
    PERFORM ledger_refuse('reason', 'Enter a reason', '{}');
  END IF;
  SELECT key INTO v_row FROM ledger_bulk GROUP BY key HAVING count(*) > 1 LIMIT 1;
  IF FOUND THEN
    PERFORM ledger_refuse('key-reused', format('idempotency key %s is given twice', v_row.key), '{}');
  END IF;
  -- A replay posts nothing; a key used before for another movement is refused (as ledger_check_replay).
  SELECT key INTO v_row FROM ledger_bulk WHERE reused LIMIT 1;
  IF FOUND THEN
    PERFORM ledger_refuse('key-reused', format('idempotency key %s was already used for a different transaction', v_row.key), '{}');
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_bulk WHERE NOT replay AND NOT pot_found) THEN
    PERFORM ledger_refuse('not-found', 'That pot does not exist in this fund', jsonb_build_object('what', 'pot'));
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_bulk WHERE NOT replay AND (from_acc IS NULL OR to_acc IS NULL)) THEN
    PERFORM ledger_refuse('not-found', 'ledger accounts missing for a pot', jsonb_build_object('what', 'accounts'));
  END IF;

  -- Every account first, in id order, as post_ledger_transaction locks its two (no deadlock with it).
  PERFORM 1 FROM "LedgerAccount" a WHERE a.id IN (SELECT from_acc FROM ledger_bulk WHERE NOT replay UNION SELECT to_acc FROM ledger_bulk WHERE NOT replay)
    ORDER BY a.id FOR NO KEY UPDATE;

  -- The money must be there, account by account (locked above). ledger_balance_not_negative stands behind this.
  SELECT f.name AS fund, p.name AS pot, a."balancePence" AS balance INTO v_row
    FROM (SELECT from_acc, sum(amount) AS total FROM ledger_bulk WHERE NOT replay GROUP BY from_acc) s
    JOIN "LedgerAccount" a ON a.id = s.from_acc JOIN "Fund" f ON f.id = a."fundId" LEFT JOIN "Pot" p ON p.id = a."potId"
    WHERE a."balancePence" < s.total LIMIT 1;
  IF FOUND THEN
    PERFORM ledger_refuse('insufficient', format('insufficient funds in %s (%s)', coalesce(v_row.pot, v_row.fund), lower(v_from_kind::text)),
      jsonb_build_object('fund', v_row.fund, 'pot', v_row.pot, 'account', v_from_kind, 'balancePence', v_row.balance::text));
  END IF;

  -- Claim the keys, write two postings for each claimed, and move each account's balance once by
  -- their sum, in one statement. A key a concurrent call took meanwhile (it waited on the locks
  -- above) is not claimed here: a replay, with no postings and no balance change.
  WITH claimed AS (
    INSERT INTO "LedgerTransaction" (id, "tenantId", "fundId", kind, "amountPence", "potId", "toPotId",
        "idempotencyKey", reason, "actorUserId", "awardRef", "paymentRef", "createdAt")
      SELECT b.tx_id, v_tenant, b.fund_id, p_kind, b.amount, b.pot_id, NULL, b.key, b.reason, p_actor_user_id, b.award_ref, b.payment_ref, v_at
      FROM ledger_bulk b WHERE NOT b.replay ORDER BY b.ord
    ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
    RETURNING id, "amountPence"
  ), legs AS (
    SELECT b.tx_id, b.from_acc AS account, -c."amountPence" AS amount FROM claimed c JOIN ledger_bulk b ON b.tx_id = c.id
    UNION ALL
    SELECT b.tx_id, b.to_acc, c."amountPence" FROM claimed c JOIN ledger_bulk b ON b.tx_id = c.id
  ), postings AS (
    INSERT INTO "LedgerPosting" (id, "tenantId", "transactionId", "accountId", "amountPence", "createdAt")
      SELECT gen_random_uuid(), v_tenant, l.tx_id, l.account, l.amount, v_at FROM legs l
    RETURNING 1
  ), balances AS (
    UPDATE "LedgerAccount" a SET "balancePence" = a."balancePence" + s.delta
      FROM (SELECT account, sum(amount) AS delta FROM legs GROUP BY account) s
      WHERE a.id = s.account
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM claimed)::integer INTO v_posted
  FROM (SELECT (SELECT count(*) FROM postings) AS p, (SELECT count(*) FROM balances) AS b) touched;

  RETURN QUERY SELECT v_posted, v_n - v_posted;
END $$;

REVOKE ALL ON FUNCTION post_ledger_transactions("LedgerTransactionKind", uuid[], uuid[], bigint[], text[], text[], uuid, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION post_ledger_transactions("LedgerTransactionKind", uuid[], uuid[], bigint[], text[], text[], uuid, text[], text[]) TO moneyhub_app;
