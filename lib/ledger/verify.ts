// Recomputes every balance from its postings and checks the ledger's invariants. Used by
// `npm run ledger:verify` and by the tests; runs as whoever has the rows in view (the owner
// sees every council). Since payments (issue 19), money leaves only through a payment: the
// PAYMENT_CHECKS tie each award's DISBURSE − RECOMMIT to its one payment that went out, each
// such movement to its payment, and each pot's spent money to its payments. The fund's own spent
// money (no pot) is its administration, net of reversals (issue 20).
import type pg from "pg";

export type TLedgerBreak = { tenantId: string; check: string; detail: string };
export type TLedgerReport = { councils: number; funds: number; accounts: number; transactions: number; postings: number; payments: number; breaks: TLedgerBreak[] };

/**
 * The payment states in which the money has left the council (lib/payments/lifecycle.ts
 * DISBURSED_STATES; the ledger sits below payments, so the list is repeated here and a unit test
 * keeps the two equal).
 */
export const DISBURSED_PAYMENT_STATES = ["SENT", "PAID", "ISSUED", "REDEEMED", "EXPIRED"] as const;

/** The checks that tie the ledger to payments (issue 19): a test of the ledger's own arithmetic, with movements that belong to no payment, leaves these out. */
export const PAYMENT_CHECKS = [
  "every payment belongs to one award of its council",
  "no award has two payments in disbursed states",
  "an award's net disbursed is its disbursed payment",
  "every DISBURSE and RECOMMIT names its payment",
  "a pot's spent is what its payments paid",
] as const;

export async function verifyLedger(client: pg.Client | pg.PoolClient): Promise<TLedgerReport> {
  const breaks: TLedgerBreak[] = [];
  const add = (check: string, rows: { tenantId: string; detail: string }[]) => rows.forEach((r) => breaks.push({ check, ...r }));
  const q = async (sql: string) => (await client.query<{ tenantId: string; detail: string }>(sql)).rows;

  add(
    "balance equals the sum of its postings",
    await q(`select a."tenantId", format('account %s (%s): balance %s, postings %s', a.id, a.kind, a."balancePence", coalesce(s.total, 0)) as detail
      from "LedgerAccount" a left join (select "accountId", sum("amountPence") total from "LedgerPosting" group by 1) s on s."accountId" = a.id
      where a."balancePence" <> coalesce(s.total, 0)`),
  );
  add(
    "every transaction balances",
    await q(`select t."tenantId", format('transaction %s (%s) postings sum to %s', t.id, t.kind, coalesce(sum(p."amountPence"), 0)) as detail
      from "LedgerTransaction" t left join "LedgerPosting" p on p."transactionId" = t.id
      group by t.id having coalesce(sum(p."amountPence"), 0) <> 0 or count(p.id) = 0`),
  );
  add(
    "no balance below zero except the funder's",
    await q(`select "tenantId", format('account %s (%s) balance %s', id, kind, "balancePence") as detail
      from "LedgerAccount" where kind <> 'FUNDER' and "balancePence" < 0`),
  );
  add(
    "postings stay within their council and fund",
    await q(`select t."tenantId", format('posting %s of transaction %s is on account %s of another council or fund', p.id, t.id, a.id) as detail
      from "LedgerPosting" p join "LedgerTransaction" t on t.id = p."transactionId" join "LedgerAccount" a on a.id = p."accountId"
      where p."tenantId" <> t."tenantId" or a."tenantId" <> t."tenantId" or a."fundId" <> t."fundId"`),
  );
  add(
    "a fund's allocation is what its funder paid in",
    await q(`select f."tenantId", format('fund %s (%s): allocation %s, funder account %s', f.id, f.name, f."allocationPence", -a."balancePence") as detail
      from "Fund" f join "LedgerAccount" a on a."fundId" = f.id and a.kind = 'FUNDER' and a."potId" is null
      where f."allocationPence" <> -a."balancePence"`),
  );
  add(
    "commitments fall inside the fund's period",
    await q(`select t."tenantId", format('transaction %s commits on %s, outside %s to %s', t.id, (t."createdAt" at time zone 'UTC' at time zone 'Europe/London')::date, f."periodStart", f."periodEnd") as detail
      from "LedgerTransaction" t join "Fund" f on f.id = t."fundId"
      where t.kind = 'COMMIT' and (t."createdAt" at time zone 'UTC' at time zone 'Europe/London')::date not between f."periodStart" and f."periodEnd"`),
  );

  // ---- Payments (issue 19, docs/payments.md): money is spent only by a payment ----
  const disbursed = DISBURSED_PAYMENT_STATES.map((st) => `'${st}'`).join(", ");
  add(
    PAYMENT_CHECKS[0],
    await q(`select pm."tenantId", case when a.id is null then format('payment %s (%s) is for award %s, which is not an award of its council', pm.id, pm.reference, pm."awardId")
        else format('payment %s (%s) is for award %s of case %s, but names case %s', pm.id, pm.reference, a.id, a."caseId", pm."caseId") end as detail
      from "Payment" pm left join "Award" a on a.id = pm."awardId" and a."tenantId" = pm."tenantId"
      where a.id is null or a."caseId" <> pm."caseId"`),
  );
  add(
    PAYMENT_CHECKS[1],
    await q(`select "tenantId", format('award %s has %s payments in disbursed states: %s', "awardId", count(*), string_agg(reference || ' ' || status, ', ' order by reference)) as detail
      from "Payment" where status in (${disbursed}) group by "tenantId", "awardId" having count(*) > 1`),
  );
  // DISBURSE − RECOMMIT carrying the award's id, against its payment in a disbursed state (0 if none).
  add(
    PAYMENT_CHECKS[2],
    await q(`with moved as (
        select "tenantId", "awardRef", sum(case kind when 'DISBURSE' then "amountPence" else -"amountPence" end) as net
        from "LedgerTransaction" where kind in ('DISBURSE', 'RECOMMIT') and "awardRef" is not null group by 1, 2),
      paid as (select "tenantId", "awardId"::text as "awardRef", sum("amountPence") as paid from "Payment" where status in (${disbursed}) group by 1, 2)
      select coalesce(m."tenantId", p."tenantId") as "tenantId",
        format('award %s: disbursed less recommitted %s, its payment in a disbursed state %s', coalesce(m."awardRef", p."awardRef"), coalesce(m.net, 0), coalesce(p.paid, 0)) as detail
      from moved m full join paid p on p."tenantId" = m."tenantId" and p."awardRef" = m."awardRef"
      where coalesce(m.net, 0) <> coalesce(p.paid, 0)`),
  );
  add(
    PAYMENT_CHECKS[3],
    await q(`select t."tenantId", case
          when t."paymentRef" is null then format('transaction %s (%s of %s) names no payment', t.id, t.kind, t."amountPence")
          when pm.id is null then format('transaction %s (%s) names payment %s, which is not a payment of its council', t.id, t.kind, t."paymentRef")
          else format('transaction %s (%s) names payment %s of award %s but carries award %s', t.id, t.kind, t."paymentRef", pm."awardId", coalesce(t."awardRef", 'none')) end as detail
      from "LedgerTransaction" t left join "Payment" pm on pm."tenantId" = t."tenantId" and pm.reference = t."paymentRef"
      where t.kind in ('DISBURSE', 'RECOMMIT') and (pm.id is null or t."awardRef" is distinct from pm."awardId"::text)`),
  );
  // The same, summed the other way: everything in a pot's SPENT account (whatever the kind that put
  // it there, REVERSE included) is a payment of one of the pot's awards that has gone out.
  add(
    PAYMENT_CHECKS[4],
    await q(`with paid as (select a."potId", sum(pm."amountPence") as paid from "Payment" pm join "Award" a on a.id = pm."awardId" where pm.status in (${disbursed}) group by 1)
      select s."tenantId", format('pot %s: spent %s, its payments in disbursed states %s', s."potId", s."balancePence", coalesce(p.paid, 0)) as detail
      from "LedgerAccount" s left join paid p on p."potId" = s."potId"
      where s.kind = 'SPENT' and s."potId" is not null and s."balancePence" <> coalesce(p.paid, 0)`),
  );

  // ---- Administration (issue 20): the fund's own SPENT account (no pot) holds its administration
  // spend net of reversals, and a reversal gives back no more than the cost it names, of its fund. ----
  add(
    "a fund's own spent is its administration less reversals",
    await q(`with admin as (select "tenantId", "fundId", sum(case kind when 'ADMIN' then "amountPence" else -"amountPence" end) as net
        from "LedgerTransaction" where kind in ('ADMIN', 'ADMIN_REVERSE') group by 1, 2)
      select s."tenantId", format('fund %s: its own spent %s, administration less reversals %s', s."fundId", s."balancePence", coalesce(a.net, 0)) as detail
      from "LedgerAccount" s left join admin a on a."fundId" = s."fundId"
      where s.kind = 'SPENT' and s."potId" is null and s."balancePence" <> coalesce(a.net, 0)`),
  );
  add(
    "a reversal gives back at most its administration cost",
    await q(`select r."tenantId", format('transaction %s (%s of %s) reverses %s', r.id, r.kind, r."amountPence",
          case when c.id is null then 'no administration cost of its fund' else format('%s of %s', c.kind, c."amountPence") end) as detail
      from "LedgerTransaction" r left join "LedgerTransaction" c on c."tenantId" = r."tenantId" and c.id = r."reversesId" and c."fundId" = r."fundId" and c.kind = 'ADMIN'
      where r.kind = 'ADMIN_REVERSE' and (c.id is null or r."amountPence" > c."amountPence")`),
  );

  const counts = (
    await client.query<{ councils: string; funds: string; accounts: string; transactions: string; postings: string; payments: string }>(`select
      (select count(distinct "tenantId") from "Fund") councils, (select count(*) from "Fund") funds, (select count(*) from "LedgerAccount") accounts,
      (select count(*) from "LedgerTransaction") transactions, (select count(*) from "LedgerPosting") postings, (select count(*) from "Payment") payments`)
  ).rows[0]!;
  return {
    councils: Number(counts.councils),
    funds: Number(counts.funds),
    accounts: Number(counts.accounts),
    transactions: Number(counts.transactions),
    postings: Number(counts.postings),
    payments: Number(counts.payments),
    breaks,
  };
}
