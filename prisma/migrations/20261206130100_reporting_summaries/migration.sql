-- The managers' dashboard's summaries (issue 20, docs/reporting-summaries.md, ADR 0039): money by
-- UK day × fund × pot × need × household group × access route × referring partner, net paid per
-- award per day (exact award and household counts), submissions per day × channel, and
-- decision / first-contact timing as per-day histograms of whole hours. Kept up to date AS
-- POSTINGS ARRIVE, in the same transaction, by statement-level triggers with transition tables,
-- so post_ledger_transactions (set-based) stays set-based: one grouped upsert per statement.
-- Backfilled here from the base tables. The app role may only read them; RLS ENABLE + FORCE.

-- CreateTable
CREATE TABLE "ReportLedgerDay" (
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "fundId" UUID NOT NULL,
    "potId" UUID NOT NULL,
    "needCategory" TEXT NOT NULL,
    "householdGroup" TEXT NOT NULL,
    "accessRoute" TEXT NOT NULL,
    "partnerKey" TEXT NOT NULL,
    "committedPence" BIGINT NOT NULL DEFAULT 0,
    "releasedPence" BIGINT NOT NULL DEFAULT 0,
    "disbursedPence" BIGINT NOT NULL DEFAULT 0,
    "recommittedPence" BIGINT NOT NULL DEFAULT 0,
    "reversedPence" BIGINT NOT NULL DEFAULT 0,
    "adminPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ReportLedgerDay_pkey" PRIMARY KEY ("tenantId","fundId","day","potId","needCategory","householdGroup","accessRoute","partnerKey")
);

-- CreateTable
CREATE TABLE "ReportAwardDay" (
    "tenantId" UUID NOT NULL,
    "awardId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "potId" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "needCategory" TEXT NOT NULL,
    "householdGroup" TEXT NOT NULL,
    "accessRoute" TEXT NOT NULL,
    "partnerKey" TEXT NOT NULL,
    "netPaidPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ReportAwardDay_pkey" PRIMARY KEY ("tenantId","awardId","day","potId")
);

-- CreateTable
CREATE TABLE "ReportSubmissionDay" (
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "channel" "ApplicationChannel" NOT NULL,
    "slot" INTEGER NOT NULL,
    "submissions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportSubmissionDay_pkey" PRIMARY KEY ("tenantId","day","channel","slot")
);

-- CreateTable
CREATE TABLE "ReportTimingDay" (
    "tenantId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "hours" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "cases" INTEGER NOT NULL DEFAULT 0,
    "withinSla" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportTimingDay_pkey" PRIMARY KEY ("tenantId","event","day","hours","slot")
);

-- CreateTable
CREATE TABLE "ReportCaseContact" (
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "at" TIMESTAMP(6) NOT NULL,
    "day" DATE NOT NULL,
    "hours" INTEGER NOT NULL,
    "withinSla" BOOLEAN NOT NULL,

    CONSTRAINT "ReportCaseContact_pkey" PRIMARY KEY ("tenantId","caseId")
);

-- Spend with no award line (need ""), in SQL only: the dashboard adds it to the per-award sums.
CREATE INDEX "ReportLedgerDay_no_award" ON "ReportLedgerDay" ("tenantId", "day") WHERE "needCategory" = '';

-- CreateIndex
CREATE INDEX "ReportAwardDay_tenantId_fundId_day_idx" ON "ReportAwardDay"("tenantId", "fundId", "day");

-- CreateIndex
-- Covering (INCLUDE, in SQL only: Prisma's schema cannot say it): a period's awards are read by an index-only scan.
CREATE INDEX "ReportAwardDay_tenantId_day_idx" ON "ReportAwardDay"("tenantId", "day") INCLUDE ("awardId", "caseId", "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey", "netPaidPence");

-- CreateIndex
CREATE INDEX "ReportAwardDay_tenantId_caseId_idx" ON "ReportAwardDay"("tenantId", "caseId");

-- ===== Helpers =====
-- A UK calendar day of a UTC timestamp (as lib/reporting/figures.ts counts days).
CREATE FUNCTION report_uk_day(ts timestamp) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT (ts AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date $$;
-- Whole hours from one moment to a later one (never below 0).
CREATE FUNCTION report_hours(from_ts timestamp, to_ts timestamp) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT greatest(0, floor(extract(epoch FROM (to_ts - from_ts)) / 3600))::integer $$;
-- Which of a counter's 8 rows a case adds to (so concurrent cases do not queue on one row lock).
CREATE FUNCTION report_slot(id uuid) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT abs(hashtext(id::text)) % 8 $$;
-- An awardRef that is a uuid, else null (awardRef is text).
CREATE FUNCTION report_uuid(ref text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT CASE WHEN ref ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN ref::uuid END $$;
-- lib/reporting/categories.ts householdGroupOf, the same rules (tests/integration/reporting-summaries.test.ts compares them).
CREATE FUNCTION report_household_group(types text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN types IS NULL THEN 'other'
    WHEN types && ARRAY['families-with-children', 'pregnancy'] THEN 'children'
    WHEN 'pension-age' = ANY(types) THEN 'pensioner'
    WHEN 'disability' = ANY(types) THEN 'disabled'
    ELSE 'other' END $$;

-- ===== Money: one grouped upsert per posting statement =====
-- The rows a statement posted, with their award's need, household group and route as decided and
-- the case's referring partner. The backfill below is the same query over the whole ledger
-- (tests/integration/reporting-summaries.test.ts checks both against the base tables).
CREATE FUNCTION report_ledger_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH x AS (
    SELECT t."tenantId", report_uk_day(t."createdAt") AS day, t."fundId", coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid) AS "potId",
      a.id AS award, a."caseId", coalesce(a."needCategory", '') AS need, report_household_group(a."householdTypes") AS hh, coalesce(a."accessRoute", '') AS route,
      coalesce(c."organisationId"::text, '') AS partner, t.kind::text AS kind, t."amountPence" AS amount
    FROM new_rows t
    LEFT JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
    LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
    WHERE t.kind IN ('COMMIT', 'RELEASE', 'DISBURSE', 'RECOMMIT', 'REVERSE', 'ADMIN')
  ), money AS (
    INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
        "committedPence", "releasedPence", "disbursedPence", "recommittedPence", "reversedPence", "adminPence")
      SELECT "tenantId", day, "fundId", "potId", need, hh, route, partner,
        coalesce(sum(amount) FILTER (WHERE kind = 'COMMIT'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0),
        coalesce(sum(amount) FILTER (WHERE kind = 'DISBURSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RECOMMIT'), 0),
        coalesce(sum(amount) FILTER (WHERE kind = 'REVERSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'ADMIN'), 0)
      FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 3, 2, 4, 5, 6, 7, 8
    ON CONFLICT ("tenantId", "fundId", day, "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey") DO UPDATE SET
      "committedPence" = r."committedPence" + EXCLUDED."committedPence", "releasedPence" = r."releasedPence" + EXCLUDED."releasedPence",
      "disbursedPence" = r."disbursedPence" + EXCLUDED."disbursedPence", "recommittedPence" = r."recommittedPence" + EXCLUDED."recommittedPence",
      "reversedPence" = r."reversedPence" + EXCLUDED."reversedPence", "adminPence" = r."adminPence" + EXCLUDED."adminPence"
    RETURNING 1
  )
  INSERT INTO "ReportAwardDay" AS r ("tenantId", "awardId", day, "potId", "fundId", "caseId", "needCategory", "householdGroup", "accessRoute", "partnerKey", "netPaidPence")
    SELECT "tenantId", award, day, "potId", min("fundId"::text)::uuid, min("caseId"::text)::uuid, min(need), min(hh), min(route), min(partner),
      sum(CASE WHEN kind = 'DISBURSE' THEN amount ELSE -amount END)
    FROM x WHERE award IS NOT NULL AND kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE')
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", "awardId", day, "potId") DO UPDATE SET "netPaidPence" = r."netPaidPence" + EXCLUDED."netPaidPence";
  RETURN NULL;
END $$;

CREATE TRIGGER report_ledger_summaries AFTER INSERT ON "LedgerTransaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_ledger_after_insert();

-- ===== Timing: histograms of whole hours per UK day of the event =====
CREATE FUNCTION report_timing_add(p_tenant uuid[], p_event text[], p_day date[], p_hours integer[], p_slot integer[], p_cases integer[], p_within integer[], p_approved integer[])
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO "ReportTimingDay" AS r ("tenantId", event, day, hours, slot, cases, "withinSla", approved)
    SELECT t, e, d, h, s, sum(c), sum(w), sum(a) FROM unnest(p_tenant, p_event, p_day, p_hours, p_slot, p_cases, p_within, p_approved) AS u(t, e, d, h, s, c, w, a)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", event, day, hours, slot) DO UPDATE SET
    cases = r.cases + EXCLUDED.cases, "withinSla" = r."withinSla" + EXCLUDED."withinSla", approved = r.approved + EXCLUDED.approved
$$;

-- First contact (ADR 0039): the earliest of the case's information requests and its decision.
-- A candidate moment earlier than the case's first contact so far (or its first) moves the case
-- to that moment's bucket (its old bucket, kept on ReportCaseContact, loses it).
CREATE FUNCTION report_first_contact(p_tenant uuid[], p_case uuid[], p_at timestamp[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m record;
BEGIN
  SELECT array_agg(t) AS t, array_agg(c) AS c, array_agg(at) AS at, array_agg(day) AS day, array_agg(hours) AS hours, array_agg(within) AS within,
         array_agg(old_at) AS old_at, array_agg(old_day) AS old_day, array_agg(old_hours) AS old_hours, array_agg(old_within) AS old_within
  INTO m
  FROM (
    SELECT cand.t, cand.c, cand.at, report_uk_day(cand.at) AS day, report_hours(cs."receivedAt", cand.at) AS hours,
      report_uk_day(cand.at) <= cs."slaDueOn" AS within, rc.at AS old_at, rc.day AS old_day, rc.hours AS old_hours, rc."withinSla" AS old_within
    FROM (SELECT u.t, u.c, min(u.at) AS at FROM unnest(p_tenant, p_case, p_at) AS u(t, c, at) WHERE u.at IS NOT NULL GROUP BY 1, 2) cand
    JOIN "Case" cs ON cs."tenantId" = cand.t AND cs.id = cand.c
    LEFT JOIN "ReportCaseContact" rc ON rc."tenantId" = cand.t AND rc."caseId" = cand.c
    WHERE rc.at IS NULL OR rc.at > cand.at
    ORDER BY cand.t, cand.c
  ) moving;
  IF m.t IS NULL THEN RETURN; END IF;
  INSERT INTO "ReportCaseContact" ("tenantId", "caseId", at, day, hours, "withinSla")
    SELECT * FROM unnest(m.t, m.c, m.at, m.day, m.hours, m.within)
  ON CONFLICT ("tenantId", "caseId") DO UPDATE SET at = EXCLUDED.at, day = EXCLUDED.day, hours = EXCLUDED.hours, "withinSla" = EXCLUDED."withinSla";
  PERFORM report_timing_add(array_agg(d.t), array_agg('first-contact'::text), array_agg(d.day), array_agg(d.hours), array_agg(report_slot(d.c)), array_agg(d.n), array_agg(d.w), array_agg(0))
  FROM (
    SELECT u.t, u.c, u.day, u.hours, 1 AS n, u.within::int AS w FROM unnest(m.t, m.c, m.day, m.hours, m.within) AS u(t, c, day, hours, within)
    UNION ALL
    SELECT u.t, u.c, u.old_day, u.old_hours, -1, -(u.old_within::int) FROM unnest(m.t, m.c, m.old_at, m.old_day, m.old_hours, m.old_within) AS u(t, c, old_at, old_day, old_hours, old_within)
    WHERE u.old_at IS NOT NULL
  ) d;
END $$;

-- Submissions, and cases written already decided (imports, the bench): one statement, one upsert each.
CREATE FUNCTION report_case_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO "ReportSubmissionDay" AS r ("tenantId", day, channel, slot, submissions)
    SELECT "tenantId", report_uk_day("receivedAt"), channel, report_slot(id), count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", day, channel, slot) DO UPDATE SET submissions = r.submissions + EXCLUDED.submissions;
  PERFORM report_timing_add(array_agg("tenantId"), array_agg('decision'::text), array_agg(report_uk_day("decidedAt")), array_agg(report_hours("receivedAt", "decidedAt")),
      array_agg(report_slot(id)), array_agg(1), array_agg((report_uk_day("decidedAt") <= "slaDueOn")::int), array_agg((status IN ('APPROVED', 'PART_APPROVED'))::int))
    FROM new_rows WHERE "decidedAt" IS NOT NULL HAVING count(*) > 0;
  PERFORM report_first_contact(array_agg("tenantId"), array_agg(id), array_agg("decidedAt")) FROM new_rows WHERE "decidedAt" IS NOT NULL HAVING count(*) > 0;
  RETURN NULL;
END $$;

-- A decision made, changed or undone, or its outcome changed: the old contribution out, the new in.
-- (A case's arrival and channel are copied once and never change in the app; if an owner's fix
-- changes them, its submission moves too.)
CREATE FUNCTION report_case_after_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO "ReportSubmissionDay" AS r ("tenantId", day, channel, slot, submissions)
    SELECT t, day, channel, slot, sum(n) FROM (
      SELECT o."tenantId" AS t, report_uk_day(o."receivedAt") AS day, o.channel, report_slot(o.id) AS slot, -1 AS n
        FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o."receivedAt" <> n."receivedAt" OR o.channel <> n.channel
      UNION ALL
      SELECT n."tenantId", report_uk_day(n."receivedAt"), n.channel, report_slot(n.id), 1
        FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o."receivedAt" <> n."receivedAt" OR o.channel <> n.channel
    ) d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", day, channel, slot) DO UPDATE SET submissions = r.submissions + EXCLUDED.submissions;
  PERFORM report_timing_add(array_agg(d.t), array_agg('decision'::text), array_agg(d.day), array_agg(d.hours), array_agg(d.slot), array_agg(d.n), array_agg(d.w), array_agg(d.a))
  FROM (
    WITH ch AS (
      SELECT o."tenantId", o.id, o."receivedAt" AS o_rec, o."decidedAt" AS o_dec, o."slaDueOn" AS o_sla, o.status IN ('APPROVED', 'PART_APPROVED') AS o_ok,
        n."receivedAt" AS n_rec, n."decidedAt" AS n_dec, n."slaDueOn" AS n_sla, n.status IN ('APPROVED', 'PART_APPROVED') AS n_ok
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."decidedAt" IS DISTINCT FROM n."decidedAt")
         OR (n."decidedAt" IS NOT NULL AND ((o.status IN ('APPROVED', 'PART_APPROVED')) <> (n.status IN ('APPROVED', 'PART_APPROVED'))
             OR o."receivedAt" <> n."receivedAt" OR o."slaDueOn" <> n."slaDueOn"))
    )
    SELECT "tenantId" AS t, report_uk_day(o_dec) AS day, report_hours(o_rec, o_dec) AS hours, report_slot(id) AS slot, -1 AS n,
      -((report_uk_day(o_dec) <= o_sla)::int) AS w, -(o_ok::int) AS a FROM ch WHERE o_dec IS NOT NULL
    UNION ALL
    SELECT "tenantId", report_uk_day(n_dec), report_hours(n_rec, n_dec), report_slot(id), 1, (report_uk_day(n_dec) <= n_sla)::int, n_ok::int FROM ch WHERE n_dec IS NOT NULL
  ) d HAVING count(*) > 0;
  PERFORM report_first_contact(array_agg(n."tenantId"), array_agg(n.id), array_agg(n."decidedAt"))
    FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n."decidedAt" IS NOT NULL AND o."decidedAt" IS DISTINCT FROM n."decidedAt" HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION report_information_request_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM report_first_contact(array_agg("tenantId"), array_agg("caseId"), array_agg("createdAt")) FROM new_rows HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE TRIGGER report_case_inserted AFTER INSERT ON "Case"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_case_after_insert();
CREATE TRIGGER report_case_updated AFTER UPDATE ON "Case"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_case_after_update();
CREATE TRIGGER report_information_request_inserted AFTER INSERT ON "InformationRequest"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_information_request_after_insert();

-- ===== Backfill: what the triggers would have written for every existing row =====
INSERT INTO "ReportLedgerDay" ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
    "committedPence", "releasedPence", "disbursedPence", "recommittedPence", "reversedPence", "adminPence")
  SELECT t."tenantId", report_uk_day(t."createdAt"), t."fundId", coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid),
    coalesce(a."needCategory", ''), report_household_group(a."householdTypes"), coalesce(a."accessRoute", ''), coalesce(c."organisationId"::text, ''),
    coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'COMMIT'), 0), coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'RELEASE'), 0),
    coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'DISBURSE'), 0), coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'RECOMMIT'), 0),
    coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'REVERSE'), 0), coalesce(sum(t."amountPence") FILTER (WHERE t.kind = 'ADMIN'), 0)
  FROM "LedgerTransaction" t
  LEFT JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
  LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
  WHERE t.kind IN ('COMMIT', 'RELEASE', 'DISBURSE', 'RECOMMIT', 'REVERSE', 'ADMIN')
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO "ReportAwardDay" ("tenantId", "awardId", day, "potId", "fundId", "caseId", "needCategory", "householdGroup", "accessRoute", "partnerKey", "netPaidPence")
  SELECT t."tenantId", a.id, report_uk_day(t."createdAt"), t."potId", min(t."fundId"::text)::uuid, a."caseId", a."needCategory", report_household_group(a."householdTypes"),
    coalesce(a."accessRoute", ''), coalesce(c."organisationId"::text, ''), sum(CASE WHEN t.kind = 'DISBURSE' THEN t."amountPence" ELSE -t."amountPence" END)
  FROM "LedgerTransaction" t
  JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
  LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
  WHERE t.kind IN ('DISBURSE', 'RECOMMIT', 'REVERSE')
  GROUP BY t."tenantId", a.id, 3, t."potId", a."caseId", a."needCategory", a."householdTypes", a."accessRoute", c."organisationId";
INSERT INTO "ReportSubmissionDay" ("tenantId", day, channel, slot, submissions)
  SELECT "tenantId", report_uk_day("receivedAt"), channel, report_slot(id), count(*) FROM "Case" GROUP BY 1, 2, 3, 4;
SELECT report_timing_add(array_agg("tenantId"), array_agg('decision'::text), array_agg(report_uk_day("decidedAt")), array_agg(report_hours("receivedAt", "decidedAt")),
    array_agg(report_slot(id)), array_agg(1), array_agg((report_uk_day("decidedAt") <= "slaDueOn")::int), array_agg((status IN ('APPROVED', 'PART_APPROVED'))::int))
  FROM "Case" WHERE "decidedAt" IS NOT NULL HAVING count(*) > 0;
SELECT report_first_contact(array_agg(x.t), array_agg(x.c), array_agg(x.at)) FROM (
  SELECT "tenantId" AS t, id AS c, "decidedAt" AS at FROM "Case" WHERE "decidedAt" IS NOT NULL
  UNION ALL
  SELECT "tenantId", "caseId", "createdAt" FROM "InformationRequest"
) x HAVING count(*) > 0;

-- ===== Security (docs/decisions/0003): the app reads; only the triggers (as the owner) write =====
GRANT SELECT ON "ReportLedgerDay", "ReportAwardDay", "ReportSubmissionDay", "ReportTimingDay", "ReportCaseContact" TO moneyhub_app;

ALTER TABLE "ReportLedgerDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportLedgerDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportLedgerDay"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportAwardDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportAwardDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportAwardDay"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportSubmissionDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportSubmissionDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportSubmissionDay"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportTimingDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportTimingDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportTimingDay"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportCaseContact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportCaseContact" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportCaseContact"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
