-- The money summary's administration column is net: a cost reversed (ADMIN_REVERSE, added by
-- 20261206130301_admin_cost_reversal after the summaries were made) counts against it on the day
-- it was reversed, as lib/reporting/figures.ts counts it. The trigger function is restated whole
-- (as 20261206130100_reporting_summaries wrote it, with ADMIN_REVERSE added); reversals already
-- posted are folded in below.
CREATE OR REPLACE FUNCTION report_ledger_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH x AS (
    SELECT t."tenantId", report_uk_day(t."createdAt") AS day, t."fundId", coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid) AS "potId",
      a.id AS award, a."caseId", coalesce(a."needCategory", '') AS need, report_household_group(a."householdTypes") AS hh, coalesce(a."accessRoute", '') AS route,
      coalesce(c."organisationId"::text, '') AS partner, t.kind::text AS kind, t."amountPence" AS amount
    FROM new_rows t
    LEFT JOIN "Award" a ON a."tenantId" = t."tenantId" AND a.id = report_uuid(t."awardRef")
    LEFT JOIN "Case" c ON c."tenantId" = a."tenantId" AND c.id = a."caseId"
    WHERE t.kind IN ('COMMIT', 'RELEASE', 'DISBURSE', 'RECOMMIT', 'REVERSE', 'ADMIN', 'ADMIN_REVERSE')
  ), money AS (
    INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
        "committedPence", "releasedPence", "disbursedPence", "recommittedPence", "reversedPence", "adminPence")
      SELECT "tenantId", day, "fundId", "potId", need, hh, route, partner,
        coalesce(sum(amount) FILTER (WHERE kind = 'COMMIT'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0),
        coalesce(sum(amount) FILTER (WHERE kind = 'DISBURSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'RECOMMIT'), 0),
        coalesce(sum(amount) FILTER (WHERE kind = 'REVERSE'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'ADMIN'), 0) - coalesce(sum(amount) FILTER (WHERE kind = 'ADMIN_REVERSE'), 0)
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


INSERT INTO "ReportLedgerDay" AS r ("tenantId", day, "fundId", "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey",
    "committedPence", "releasedPence", "disbursedPence", "recommittedPence", "reversedPence", "adminPence")
  SELECT t."tenantId", report_uk_day(t."createdAt"), t."fundId", coalesce(t."potId", '00000000-0000-0000-0000-000000000000'::uuid), '', 'other', '', '',
    0, 0, 0, 0, 0, -sum(t."amountPence")
  FROM "LedgerTransaction" t WHERE t.kind = 'ADMIN_REVERSE'
  GROUP BY 1, 2, 3, 4
ON CONFLICT ("tenantId", "fundId", day, "potId", "needCategory", "householdGroup", "accessRoute", "partnerKey") DO UPDATE SET
  "adminPence" = r."adminPence" + EXCLUDED."adminPence";
