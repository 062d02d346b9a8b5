// Recomputes every balance from its postings and checks the ledger's invariants. Used by
// `npm run ledger:verify` and by the tests; runs as whoever has the rows in view (the owner
// sees every council).
import type pg from "pg";

export type TLedgerBreak = { tenantId: string; check: string; detail: string };
export type TLedgerReport = { councils: number; funds: number; accounts: number; transactions: number; postings: number; breaks: TLedgerBreak[] };

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

  const counts = (
    await client.query<{ councils: string; funds: string; accounts: string; transactions: string; postings: string }>(`select
      (select count(distinct "tenantId") from "Fund") councils, (select count(*) from "Fund") funds, (select count(*) from "LedgerAccount") accounts,
      (select count(*) from "LedgerTransaction") transactions, (select count(*) from "LedgerPosting") postings`)
  ).rows[0]!;
  return {
    councils: Number(counts.councils),
    funds: Number(counts.funds),
    accounts: Number(counts.accounts),
    transactions: Number(counts.transactions),
    postings: Number(counts.postings),
    breaks,
  };
}
