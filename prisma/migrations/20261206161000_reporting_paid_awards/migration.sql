-- Award and household counts that add up over days (issue 20's 300 ms target; ADR 0044,
-- docs/reporting-summaries.md). The per-award-per-day summary (ReportAwardDay) made every count a
-- scan of the period's awards: 1.2 million rows for one council's year at 5,000,000 ledger
-- transactions. Instead:
--
-- * Each award's PAYMENT DAY (ReportAwardPaid."paidOn"): the UK day of its latest DISBURSE while
--   it has more DISBURSEs than RECOMMITs (its payment went out and did not come back) and its net
--   paid (DISBURSE − RECOMMIT − REVERSE) is above zero (it was not refunded in full); none
--   otherwise. An award counts in a period when its payment day is in it.
-- * ReportLedgerDay."awardsPaid": awards per payment day × fund × pot × need × household group ×
--   route × partner, so awards by any dimension over any period are a sum of a few hundred rows.
--   A payment that comes back (or is refunded in full) takes its award off its payment day; paid
--   again, it counts on the new day.
-- * Households (cases) helped in a period: a case's "help days" are the distinct payment days of
--   its awards, per fund and for all funds (the nil uuid). For each help day d with previous help
--   day p ('-infinity' for its first), the case is helped in [from, to] exactly when one of its
--   help days has p < from <= d <= to. So
--      helped = #(p < from) - #(d < from) - #(d > to and p < from)
--   where the first two are sums of per-day counters (ReportHouseholdDay: help days by d, by p)
--   and the third reads only cells with d after the period (ReportHouseholdGap), none when the
--   period ends today or later. "Helped on more than one day" uses the same cells for second help
--   days (lib/reporting/dashboard.ts householdsHelped says the arithmetic).
--
-- Help days are counted per SCOPE: all funds (the nil uuid, category ''), each fund (category ''),
-- and for the funder return each fund's mapped awards (category '*') and each funder category the
-- council's mapping (FunderMapping) gives them; each help day carries the household group of its
-- lowest award id that day (a return counts a household in the group of its first award paid in
-- the period). A change of mapping rebuilds that fund's category scopes (report_categories_rebuild).
--
-- Kept in the posting's own transaction by the ledger's statement-level trigger, as before. Two
-- transactions paying the same case take turns on its ReportHouseholdLock row, so each sees the
-- other's help days (the counters are derived from the case's whole set of days).
DROP TABLE "ReportAwardDay";

ALTER TABLE "ReportLedgerDay" ADD COLUMN "awardsPaid" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReportAwardPaid" (
    "tenantId" UUID NOT NULL,
    "awardId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "potId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "needCategory" TEXT NOT NULL,
    "householdGroup" TEXT NOT NULL,
    "accessRoute" TEXT NOT NULL,
    "partnerKey" TEXT NOT NULL,
    "disbursements" INTEGER NOT NULL DEFAULT 0,
    "recommits" INTEGER NOT NULL DEFAULT 0,
    "netPaidPence" BIGINT NOT NULL DEFAULT 0,
    "lastDisbursedOn" DATE,
    "paidOn" DATE,

    CONSTRAINT "ReportAwardPaid_pkey" PRIMARY KEY ("tenantId","awardId")
);

-- CreateTable
CREATE TABLE "ReportHouseholdDay" (
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "householdGroup" TEXT NOT NULL,
    "helpDays" INTEGER NOT NULL DEFAULT 0,
    "firstHelpDays" INTEGER NOT NULL DEFAULT 0,
    "asPrevious" INTEGER NOT NULL DEFAULT 0,
    "asFirstOfTwo" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportHouseholdDay_pkey" PRIMARY KEY ("tenantId","fundId","category","day","householdGroup")
);

-- CreateTable
CREATE TABLE "ReportHouseholdGap" (
    "tenantId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "previousDay" DATE NOT NULL,
    "second" BOOLEAN NOT NULL,
    "householdGroup" TEXT NOT NULL,
    "helpDays" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportHouseholdGap_pkey" PRIMARY KEY ("tenantId","fundId","category","day","previousDay","second","householdGroup")
);

-- CreateTable
CREATE TABLE "ReportHouseholdLock" (
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "changes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ReportHouseholdLock_pkey" PRIMARY KEY ("tenantId","caseId")
);

-- A case's awards (its help days), and a fund's paid awards in a period (the funder return), by index-only scans.
CREATE INDEX "ReportAwardPaid_tenantId_caseId_idx" ON "ReportAwardPaid"("tenantId", "caseId") INCLUDE ("fundId", "paidOn");
CREATE INDEX "ReportAwardPaid_tenantId_fundId_paidOn_idx" ON "ReportAwardPaid"("tenantId", "fundId", "paidOn") INCLUDE ("caseId", "awardId", "potId", "needCategory", "householdGroup") WHERE "paidOn" IS NOT NULL;

-- A fund's administration spend by cost line (the funder return, the admin cap), read without
-- scanning the ledger: a small covering index of the two admin kinds. The planner cannot tell how
-- rare they are (at 5,000,000 transactions it scanned the table, 0.8 s, for none).
CREATE INDEX "LedgerTransaction_admin_idx" ON "LedgerTransaction" ("tenantId", "fundId", "costLine") INCLUDE (kind, "amountPence", "createdAt") WHERE kind IN ('ADMIN', 'ADMIN_REVERSE');

-- ===== Help days =====
-- An award paid, as help days are made of (sign: -1 the case's days before a change, +1 after).
CREATE TYPE report_help_award AS ("tenantId" uuid, "caseId" uuid, "awardId" uuid, "fundId" uuid, "potId" uuid, "needCategory" text, "householdGroup" text, day date, sign integer);
-- A case's help day in one scope, with its previous help day ('-infinity': none) and its place.
CREATE TYPE report_help_day AS ("tenantId" uuid, "fundId" uuid, category text, "householdGroup" text, day date, prev date, place bigint, sign integer);

-- The lock key of a fund's mapping (report_categories_rebuild holds it exclusively, payments shared).
CREATE FUNCTION report_mapping_lock_key(fund uuid) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT hashtextextended('report-mapping:' || fund::text, 0) $$;

-- The help days of a set of awards (whole cases: each case's days are all its awards' payment
-- days), in every scope (or only the category scopes): all funds, the fund, the fund's mapped
-- awards ('*'), the award's funder category (the need's own mapping, else the pot's '*').
CREATE FUNCTION report_help_days_of(p_awards report_help_award[], p_categories_only boolean) RETURNS SETOF report_help_day
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH a AS (
    SELECT u.*, coalesce(mn.category, mp.category) AS mapped FROM unnest(p_awards) u
    LEFT JOIN "FunderMapping" mn ON mn."tenantId" = u."tenantId" AND mn."potId" = u."potId" AND mn."needCategory" = u."needCategory" AND u."needCategory" <> ''
    LEFT JOIN "FunderMapping" mp ON mp."tenantId" = u."tenantId" AND mp."potId" = u."potId" AND mp."needCategory" = '*'
  ), scoped AS (
    SELECT a."tenantId", a."caseId", a."awardId", a."householdGroup", a.day, a.sign, x.scope, x.category
    FROM a CROSS JOIN LATERAL (VALUES ('00000000-0000-0000-0000-000000000000'::uuid, ''), (a."fundId", ''),
      (a."fundId", CASE WHEN a.mapped IS NOT NULL THEN '*' END), (a."fundId", a.mapped)) AS x(scope, category)
    WHERE x.category IS NOT NULL AND (x.category <> '' OR NOT p_categories_only)
  ), days AS (
    SELECT "tenantId", "caseId", scope, category, day, sign, (array_agg("householdGroup" ORDER BY "awardId"))[1] AS grp
    FROM scoped GROUP BY "tenantId", "caseId", scope, category, day, sign
  )
  SELECT "tenantId", scope, category, grp, day, coalesce(lag(day) OVER w, '-infinity'::date), row_number() OVER w, sign
  FROM days WINDOW w AS (PARTITION BY "tenantId", "caseId", scope, category, sign ORDER BY day)
$$;

-- Add help days to the counters (sign -1 takes them away): by day, and by (day, previous day).
CREATE FUNCTION report_household_counts_add(p_days report_help_day[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH h AS (SELECT * FROM unnest(p_days)), gaps AS (
    INSERT INTO "ReportHouseholdGap" AS r ("tenantId", "fundId", category, day, "previousDay", second, "householdGroup", "helpDays")
      SELECT "tenantId", "fundId", category, day, prev, place = 2, "householdGroup", sum(sign) FROM h GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("tenantId", "fundId", category, day, "previousDay", second, "householdGroup") DO UPDATE SET "helpDays" = r."helpDays" + EXCLUDED."helpDays"
    RETURNING 1
  )
  INSERT INTO "ReportHouseholdDay" AS r ("tenantId", "fundId", category, day, "householdGroup", "helpDays", "firstHelpDays", "asPrevious", "asFirstOfTwo")
    SELECT "tenantId", "fundId", category, day, "householdGroup", sum(n), sum(f), sum(p), sum(s) FROM (
      SELECT "tenantId", "fundId", category, day, "householdGroup", sign AS n, CASE WHEN place = 1 THEN sign ELSE 0 END AS f, 0 AS p, 0 AS s FROM h
      UNION ALL
      SELECT "tenantId", "fundId", category, prev, "householdGroup", 0, 0, sign, CASE WHEN place = 2 THEN sign ELSE 0 END FROM h WHERE place > 1
    ) m GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 OR sum(f) <> 0 OR sum(p) <> 0 OR sum(s) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "fundId", category, day, "householdGroup") DO UPDATE SET "helpDays" = r."helpDays" + EXCLUDED."helpDays",
    "firstHelpDays" = r."firstHelpDays" + EXCLUDED."firstHelpDays", "asPrevious" = r."asPrevious" + EXCLUDED."asPrevious", "asFirstOfTwo" = r."asFirstOfTwo" + EXCLUDED."asFirstOfTwo"
$$;

-- ===== The ledger's trigger, restated whole (20261206141000's, without ReportAwardDay, with payment days) =====
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
  -- Take turns per case (in one order, so two bulk statements cannot deadlock on these rows).
  INSERT INTO "ReportHouseholdLock" AS r ("tenantId", "caseId", changes)
    SELECT DISTINCT a."tenantId", a."caseId", 1::bigint FROM new_rows t JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
    WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') ORDER BY 1, 2
  ON CONFLICT ("tenantId", "caseId") DO UPDATE SET changes = r.changes + 1;
  -- A new statement: it sees what a transaction we waited for committed.
  PERFORM report_paid_awards_changed(array_agg(t."tenantId"), array_agg(report_uuid(t."awardRef")), array_agg(t."fundId"),
      array_agg(coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid)), array_agg(t.kind::text), array_agg(report_uk_day(t."createdAt")), array_agg(t."amountPence"))
    FROM new_rows t WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE') AND report_uuid(t."awardRef") IS NOT NULL;
  RETURN NULL;
END $$;

-- The movements' effect on their awards' payment days, the awards-paid counters, and their cases' help days.
CREATE FUNCTION report_paid_awards_changed(p_tenant uuid[], p_award uuid[], p_fund uuid[], p_pot uuid[], p_kind text[], p_day date[], p_amount bigint[]) RETURNS void
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
  ), before AS (
    SELECT p."tenantId", p."caseId", p."awardId", p."fundId", p."potId", p."needCategory", p."householdGroup", p."paidOn" FROM "ReportAwardPaid" p
    WHERE (p."tenantId", p."caseId") IN (SELECT DISTINCT "tenantId", "caseId" FROM changed) AND p."paidOn" IS NOT NULL
  ), after AS (
    SELECT b.* FROM before b WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c."tenantId" = b."tenantId" AND c."awardId" = b."awardId")
    UNION ALL
    SELECT "tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn" FROM nxt WHERE "paidOn" IS NOT NULL
  ), both_sides AS (
    SELECT ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", -1)::report_help_award AS r FROM before
    UNION ALL
    SELECT ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", 1)::report_help_award FROM after
  )
  SELECT report_household_counts_add(array_agg(h)) FROM report_help_days_of((SELECT array_agg(r) FROM both_sides), false) h
$$;

-- A fund's category scopes made again from its paid awards under the mapping as it now is.
CREATE FUNCTION report_categories_rebuild(p_tenant uuid, p_fund uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM "ReportHouseholdDay" WHERE "tenantId" = p_tenant AND "fundId" = p_fund AND category <> '';
  DELETE FROM "ReportHouseholdGap" WHERE "tenantId" = p_tenant AND "fundId" = p_fund AND category <> '';
  SELECT report_household_counts_add(array_agg(h)) FROM report_help_days_of((
    SELECT array_agg(ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", 1)::report_help_award)
    FROM "ReportAwardPaid" WHERE "tenantId" = p_tenant AND "fundId" = p_fund AND "paidOn" IS NOT NULL), true) h;
$$;

CREATE FUNCTION report_mapping_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT DISTINCT "tenantId", "fundId" FROM changed_rows ORDER BY 1, 2 LOOP
    PERFORM pg_advisory_xact_lock(report_mapping_lock_key(f."fundId"));
    -- A new statement after the lock: it sees every payment that held the key committed.
    PERFORM report_categories_rebuild(f."tenantId", f."fundId");
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER report_mapping_inserted AFTER INSERT ON "FunderMapping"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mapping_changed();
CREATE TRIGGER report_mapping_updated AFTER UPDATE ON "FunderMapping"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mapping_changed();
CREATE TRIGGER report_mapping_deleted AFTER DELETE ON "FunderMapping"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mapping_changed();

-- ===== Backfill: what the trigger would have written for every existing row =====
INSERT INTO "ReportAwardPaid" ("tenantId", "awardId", "fundId", "potId", "caseId", "needCategory", "householdGroup", "accessRoute", "partnerKey", disbursements, recommits, "netPaidPence", "lastDisbursedOn", "paidOn")
  SELECT t."tenantId", a.id, min(t."fundId"::text)::uuid, min(coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid)::text)::uuid, a."caseId", coalesce(a."needCategory", ''),
    report_household_group(a."householdTypes"), coalesce(a."accessRoute", ''), coalesce(c."organisationId"::text, ''),
    count(*) FILTER (WHERE t.kind = 'DISBURSE'), count(*) FILTER (WHERE t.kind = 'RECOMMIT'), sum(CASE WHEN t.kind = 'DISBURSE' THEN t."amountPence" ELSE -t."amountPence" END),
    max(report_uk_day(t."createdAt")) FILTER (WHERE t.kind = 'DISBURSE'),
    CASE WHEN count(*) FILTER (WHERE t.kind = 'DISBURSE') > count(*) FILTER (WHERE t.kind = 'RECOMMIT') AND sum(CASE WHEN t.kind = 'DISBURSE' THEN t."amountPence" ELSE -t."amountPence" END) > 0
      THEN max(report_uk_day(t."createdAt")) FILTER (WHERE t.kind = 'DISBURSE') END
  FROM "LedgerTransaction" t
  JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
  LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
  WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE')
  GROUP BY t."tenantId", a.id, a."caseId", a."needCategory", a."householdTypes", a."accessRoute", c."organisationId";
INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", "awardsPaid")
  SELECT "tenantId", "paidOn", "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", count(*) FROM "ReportAwardPaid" WHERE "paidOn" IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ON CONFLICT ("tenantId", "fundId", day, "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey") DO UPDATE SET "awardsPaid" = r."awardsPaid" + EXCLUDED."awardsPaid";
INSERT INTO "ReportHouseholdLock" ("tenantId", "caseId", changes)
  SELECT DISTINCT "tenantId", "caseId", 1::bigint FROM "ReportAwardPaid"
ON CONFLICT ("tenantId", "caseId") DO NOTHING;
SELECT report_household_counts_add(array_agg(h)) FROM report_help_days_of((
  SELECT array_agg(ROW("tenantId", "caseId", "awardId", "fundId", "potId", "needCategory", "householdGroup", "paidOn", 1)::report_help_award)
  FROM "ReportAwardPaid" WHERE "paidOn" IS NOT NULL), false) h;

-- ===== Security (docs/decisions/0003): the app reads; only the trigger (as the owner) writes =====
GRANT SELECT ON "ReportAwardPaid", "ReportHouseholdDay", "ReportHouseholdGap" TO moneyhub_app;

ALTER TABLE "ReportAwardPaid" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportAwardPaid" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportAwardPaid"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportHouseholdDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportHouseholdDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportHouseholdDay"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportHouseholdGap" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportHouseholdGap" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportHouseholdGap"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportHouseholdLock" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportHouseholdLock" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportHouseholdLock"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
