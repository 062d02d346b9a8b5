-- Households, not applications (ADR 0044, amended): a household that applies again makes a new
-- case, and an officer links the two as the same person or household (CaseMatch
-- LINKED_SAME_PERSON / LINKED_SAME_HOUSEHOLD, lib/duplicates). Help days — and so "households
-- helped" and "helped on more than one day", on the dashboard and in the funder's return — now
-- belong to the household: the cases joined by such links, keyed by the lowest case id among them
-- (ReportHousehold; a case with no links is its own household and has no row).
--
-- A link made or undone regroups the help days of the households it touches, under an exclusive
-- advisory lock of the council's key; the ledger's trigger holds it shared (restated below), so no
-- payment reads a household while it changes. Backfilled from the links there are.

-- CreateTable
CREATE TABLE "ReportHousehold" (
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "householdId" UUID NOT NULL,

    CONSTRAINT "ReportHousehold_pkey" PRIMARY KEY ("tenantId","caseId")
);

-- CreateIndex
CREATE INDEX "ReportHousehold_tenantId_householdId_idx" ON "ReportHousehold"("tenantId", "householdId");

-- The lock key of a council's household links (report_households_relink holds it exclusively, payments shared).
CREATE FUNCTION report_links_lock_key(tenant uuid) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT hashtextextended('report-links:' || tenant::text, 0) $$;

-- Every paid award of a council (or of one fund), its household's key in place of its case.
CREATE FUNCTION report_paid_awards_by_household(p_tenant uuid, p_fund uuid) RETURNS report_help_award[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT array_agg(ROW(p."tenantId", coalesce(h."householdId", p."caseId"), p."awardId", p."fundId", p."potId", p."needCategory", p."householdGroup", p."paidOn", 1)::report_help_award)
  FROM "ReportAwardPaid" p LEFT JOIN "ReportHousehold" h ON h."tenantId" = p."tenantId" AND h."caseId" = p."caseId"
  WHERE (p_tenant IS NULL OR p."tenantId" = p_tenant) AND (p_fund IS NULL OR p."fundId" = p_fund) AND p."paidOn" IS NOT NULL
$$;

-- ===== The ledger's trigger, restated (20261206161000's, with households in place of cases) =====
CREATE OR REPLACE FUNCTION report_ledger_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
      "committedPence", "releasedPence", "disbursedPence", "recommittedPence", "reversedPence", "adminPence")
    SELECT "tenantId", day, "fundId", "potId", need, hh, route, partner,
      coalesce(sum(amount) FILTER (WHERE kind = 'COMMIT'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0),
      coalesce(sum(amount) FILTER (WHERE kind = 'DISBURSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RECOMMIT'), 0),
      coalesce(sum(amount) FILTER (WHERE kind = 'REVERSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'ADMIN'), 0) - coalesce(sum(amount) FILTER (WHERE kind = 'ADMIN_REVERSE'), 0)
    FROM (
      SELECT t."tenantId", report_uk_day(t."createdAt") AS day, t."fundId", coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid) AS "potId",
        coalesce(a."needCategory", '') AS need, report_household_group(a."householdTypes") AS hh, coalesce(a."accessRoute", '') AS route,
        coalesce(c."organisationId"::text, '') AS partner, t.kind::text AS kind, t."amountPence" AS amount
      FROM new_rows t
      LEFT JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
      LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
      WHERE t.kind IN ('COMMIT', 'RELEASE', 'DISBURSE', 'RECOMMIT', 'REVERSE', 'ADMIN', 'ADMIN_REVERSE')
    ) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 3, 2, 4, 5, 6, 7, 8
  ON CONFLICT ("tenantId", "fundId", day, "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey") DO UPDATE SET
    "committedPence" = r."committedPence" + EXCLUDED."committedPence", "releasedPence" = r."releasedPence" + EXCLUDED."releasedPence",
    "disbursedPence" = r."disbursedPence" + EXCLUDED."disbursedPence", "recommittedPence" = r."recommittedPence" + EXCLUDED."recommittedPence",
    "reversedPence" = r."reversedPence" + EXCLUDED."reversedPence", "adminPence" = r."adminPence" + EXCLUDED."adminPence";

  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') AND "awardRef" IS NOT NULL) THEN
    RETURN NULL;
  END IF;
  -- A change of a fund's mapping rebuilds its category counters under an exclusive lock of the
  -- fund's key: payments hold it shared, so neither misses the other's rows.
  PERFORM pg_advisory_xact_lock_shared(k) FROM (
    SELECT DISTINCT report_mapping_lock_key(t."fundId") AS k FROM new_rows t WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') AND t."awardRef" IS NOT NULL ORDER BY 1) x;
  -- An officer's link of two cases as one household regroups help days under an exclusive lock
  -- of the council's key: payments hold it shared, so a case's household is fixed meanwhile.
  PERFORM pg_advisory_xact_lock_shared(report_links_lock_key(x."tenantId")) FROM (SELECT DISTINCT "tenantId" FROM new_rows ORDER BY 1) x;
  -- Take turns per household (in one order, so two bulk statements cannot deadlock on these rows).
  INSERT INTO "ReportHouseholdLock" AS r ("tenantId", "caseId", changes)
    SELECT DISTINCT a."tenantId", coalesce(h."householdId", a."caseId"), 1::bigint FROM new_rows t JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
    LEFT JOIN "ReportHousehold" h ON h."tenantId" = a."tenantId" AND h."caseId" = a."caseId"
    WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') ORDER BY 1, 2
  ON CONFLICT ("tenantId", "caseId") DO UPDATE SET changes = r.changes + 1;
  -- A new statement: it sees what a transaction we waited for committed.
  PERFORM report_paid_awards_changed(array_agg(t."tenantId"), array_agg(report_uuid(t."awardRef")), array_agg(t."fundId"),
      array_agg(coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid)), array_agg(t.kind::text), array_agg(report_uk_day(t."createdAt")), array_agg(t."amountPence"))
    FROM new_rows t WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') AND report_uuid(t."awardRef") IS NOT NULL;
  RETURN NULL;
END $$;

-- The movements' effect on their awards' payment days, the awards-paid counters, and their households' help days.
CREATE OR REPLACE FUNCTION report_paid_awards_changed(p_tenant uuid[], p_award uuid[], p_fund uuid[], p_pot uuid[], p_kind text[], p_day date[], p_amount bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH changed AS (
    SELECT u.t AS "tenantId", a.id AS "awardId", min(u.f::text)::uuid AS "fundId", min(u.p::text)::uuid AS "potId", a."caseId",
      coalesce(a."needCategory", '') AS need, report_household_group(a."householdTypes") AS hh, coalesce(a."accessRoute", '') AS route,
      coalesce(c."organisationId"::text, '') AS partner,
      (count(*) FILTER (WHERE u.k = 'DISBURSE'))::int AS d, (count(*) FILTER (WHERE u.k = 'RECOMMIT'))::int AS r, max(u.day) FILTER (WHERE u.k = 'DISBURSE') AS last,
      sum(CASE WHEN u.k = 'DISBURSE' THEN u.amount ELSE -u.amount END) AS net
    FROM unnest(p_tenant, p_award, p_fund, p_pot, p_kind, p_day, p_amount) AS u(t, aw, f, p, k, day, amount)
    JOIN "Award" a ON a."tenantId" = u.t AND a.id = u.aw
    LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
    GROUP BY u.t, a.id, a."caseId", a."needCategory", a."householdTypes", a."accessRoute", c."organisationId"
  ), old AS (
    SELECT p.* FROM "ReportAwardPaid" p JOIN changed c ON p."tenantId" = c."tenantId" AND p."awardId" = c."awardId"
  ), nxt AS (
    SELECT c."tenantId", c."awardId", coalesce(o."fundId", c."fundId") AS "fundId", coalesce(o."potId", c."potId") AS "potId", c."caseId",
      coalesce(o."needCategory", c.need) AS "needCategory", coalesce(o."householdGroup", c.hh) AS "householdGroup",
      coalesce(o."accessRoute", c.route) AS "accessRoute", coalesce(o."partnerKey", c.partner) AS "partnerKey",
      coalesce(o.disbursements, 0) + c.d AS disbursements, coalesce(o.recommits, 0) + c.r AS recommits, coalesce(o."netPaidPence", 0) + c.net AS "netPaidPence",
      greatest(o."lastDisbursedOn", c.last) AS "lastDisbursedOn",
      CASE WHEN coalesce(o.disbursements, 0) + c.d > coalesce(o.recommits, 0) + c.r AND coalesce(o."netPaidPence", 0) + c.net > 0 THEN greatest(o."lastDisbursedOn", c.last) END AS "paidOn"
    FROM changed c LEFT JOIN old o ON o."tenantId" = c."tenantId" AND o."awardId" = c."awardId"
  ), saved AS (
    INSERT INTO "ReportAwardPaid" AS r ("tenantId", "awardId", "fundId", "potId", "caseId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
        disbursements, recommits, "netPaidPence", "lastDisbursedOn", "paidOn")
      SELECT "tenantId", "awardId", "fundId", "potId", "caseId", "needCategory", "householdGroup", "accessRoute", "partnerKey", disbursements, recommits, "netPaidPence", "lastDisbursedOn", "paidOn"
      FROM nxt ORDER BY 1, 2
    ON CONFLICT ("tenantId", "awardId") DO UPDATE SET disbursements = EXCLUDED.disbursements, recommits = EXCLUDED.recommits, "netPaidPence" = EXCLUDED."netPaidPence",
      "lastDisbursedOn" = EXCLUDED."lastDisbursedOn", "paidOn" = EXCLUDED."paidOn"
    RETURNING 1
  ), counted AS (
    INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", "awardsPaid")
      SELECT "tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", sum(n) FROM (
        SELECT "tenantId", "paidOn" AS day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", -1 AS n FROM old WHERE "paidOn" IS NOT NULL
        UNION ALL
        SELECT "tenantId", "paidOn", "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", 1 FROM nxt WHERE "paidOn" IS NOT NULL
      ) d GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) <> 0 ORDER BY 1, 3, 2, 4, 5, 6, 7, 8
    ON CONFLICT ("tenantId", "fundId", day, "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey") DO UPDATE SET "awardsPaid" = r."awardsPaid" + EXCLUDED."awardsPaid"
    RETURNING 1
  ), households AS (
    -- The households of the changed awards (a case linked to others is in its household's key).
    SELECT DISTINCT c."tenantId", coalesce(h."householdId", c."caseId") AS hid FROM changed c
    LEFT JOIN "ReportHousehold" h ON h."tenantId" = c."tenantId" AND h."caseId" = c."caseId"
  ), members AS (
    SELECT "tenantId", hid, hid AS "caseId" FROM households
    UNION
    SELECT h."tenantId", h."householdId", h."caseId" FROM "ReportHousehold" h JOIN households k ON k."tenantId" = h."tenantId" AND k.hid = h."householdId"
  ), before AS (
    -- Every paid award of those households, its household's key in place of its case.
    SELECT p."tenantId", m.hid AS "caseId", p."awardId", p."fundId", p."potId", p."needCategory", p."householdGroup", p."paidOn"
    FROM "ReportAwardPaid" p JOIN members m ON m."tenantId" = p."tenantId" AND m."caseId" = p."caseId" WHERE p."paidOn" IS NOT NULL
  ), after AS (
    SELECT b.* FROM before b WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c."tenantId" = b."tenantId" AND c."awardId" = b."awardId")
    UNION ALL
    SELECT n."tenantId", coalesce(h."householdId", n."caseId"), n."awardId", n."fundId", n."potId", n."needCategory", n."householdGroup", n."paidOn" FROM nxt n
    LEFT JOIN "ReportHousehold" h ON h."tenantId" = n."tenantId" AND h."caseId" = n."caseId" WHERE n."paidOn" IS NOT NULL
  ), both_sides AS (
    SELECT ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", -1)::report_help_award AS r FROM before
    UNION ALL
    SELECT ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", 1)::report_help_award FROM after
  )
  SELECT report_household_counts_add(array_agg(h)) FROM report_help_days_of((SELECT array_agg(r) FROM both_sides), false) h
$$;

-- A fund's category scopes made again from its paid awards under the mapping as it now is (by household).
CREATE OR REPLACE FUNCTION report_categories_rebuild(p_tenant uuid, p_fund uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM "ReportHouseholdDay" WHERE "tenantId" = p_tenant AND "fundId" = p_fund AND category <> '';
  DELETE FROM "ReportHouseholdGap" WHERE "tenantId" = p_tenant AND "fundId" = p_fund AND category <> '';
  SELECT report_household_counts_add(array_agg(h)) FROM report_help_days_of(report_paid_awards_by_household(p_tenant, p_fund), true) h;
$$;

-- Cases linked (or unlinked) as one household: the households of the cases named, and all their
-- members, regrouped by the links as they now are; their help days moved from the old keys to the
-- new (whatever did not change cancels out). A new household is a connected set of the old ones
-- joined by new links, or a part of an old one a removed link split off, so the old households'
-- members are all the cases to look at.
CREATE FUNCTION report_households_relink(p_tenant uuid, p_cases uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS report_relink (c uuid PRIMARY KEY, old_key uuid, new_key uuid) ON COMMIT DROP;
  DELETE FROM report_relink;
  INSERT INTO report_relink (c, old_key)
    WITH keys AS (
      SELECT DISTINCT coalesce(h."householdId", x.c) AS k FROM unnest(p_cases) AS x(c)
      LEFT JOIN "ReportHousehold" h ON h."tenantId" = p_tenant AND h."caseId" = x.c
    )
    SELECT k, k FROM keys
    UNION
    SELECT h."caseId", h."householdId" FROM "ReportHousehold" h JOIN keys ON h."tenantId" = p_tenant AND h."householdId" = keys.k
  ON CONFLICT (c) DO NOTHING;
  WITH RECURSIVE edges AS (
    SELECT m."caseId" AS a, m."matchedCaseId" AS b FROM "CaseMatch" m JOIN report_relink r ON r.c = m."caseId"
    WHERE m."tenantId" = p_tenant AND m.state IN ('LINKED_SAME_PERSON', 'LINKED_SAME_HOUSEHOLD')
    UNION
    SELECT m."matchedCaseId", m."caseId" FROM "CaseMatch" m JOIN report_relink r ON r.c = m."matchedCaseId"
    WHERE m."tenantId" = p_tenant AND m.state IN ('LINKED_SAME_PERSON', 'LINKED_SAME_HOUSEHOLD')
  ), reach(start, c) AS (
    SELECT c, c FROM report_relink
    UNION
    SELECT r.start, e.b FROM reach r JOIN edges e ON e.a = r.c
  )
  UPDATE report_relink r SET new_key = k.key FROM (SELECT start, min(c::text)::uuid AS key FROM reach GROUP BY start) k WHERE k.start = r.c;
  PERFORM report_household_counts_add(array_agg(h)) FROM report_help_days_of((
    SELECT array_agg(ROW(p."tenantId", k.key, p."awardId", p."fundId", p."potId", p."needCategory", p."householdGroup", p."paidOn", k.sign)::report_help_award)
    FROM "ReportAwardPaid" p JOIN (SELECT c, old_key AS key, -1 AS sign FROM report_relink UNION ALL SELECT c, new_key, 1 FROM report_relink) k ON k.c = p."caseId"
    WHERE p."tenantId" = p_tenant AND p."paidOn" IS NOT NULL), false) h;
  DELETE FROM "ReportHousehold" WHERE "tenantId" = p_tenant AND "caseId" IN (SELECT c FROM report_relink);
  INSERT INTO "ReportHousehold" ("tenantId", "caseId", "householdId")
    SELECT p_tenant, c, new_key FROM report_relink r WHERE EXISTS (SELECT 1 FROM report_relink o WHERE o.new_key = r.new_key AND o.c <> r.c);
END $$;

CREATE FUNCTION report_links_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT "tenantId", array_agg(DISTINCT x.c) AS cases FROM changed_rows m CROSS JOIN LATERAL (VALUES (m."caseId"), (m."matchedCaseId")) AS x(c)
      GROUP BY 1 ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(report_links_lock_key(t."tenantId"));
    -- A new statement after the lock: it sees every payment that held the key committed.
    PERFORM report_households_relink(t."tenantId", t.cases);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER report_links_inserted AFTER INSERT ON "CaseMatch"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_links_changed();
CREATE TRIGGER report_links_updated AFTER UPDATE ON "CaseMatch"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_links_changed();
CREATE TRIGGER report_links_deleted AFTER DELETE ON "CaseMatch"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_links_changed();

-- ===== Backfill: the households the links there are make, and the help days by household =====
SELECT report_households_relink(x."tenantId", x.cases) FROM (
  SELECT "tenantId", array_agg(DISTINCT c) AS cases FROM (SELECT "tenantId", "caseId" AS c FROM "CaseMatch" UNION SELECT "tenantId", "matchedCaseId" FROM "CaseMatch") m GROUP BY 1
) x;

-- ===== Security (docs/decisions/0003): the app reads; only the triggers (as the owner) write =====
GRANT SELECT ON "ReportHousehold" TO moneyhub_app;

ALTER TABLE "ReportHousehold" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportHousehold" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportHousehold"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
