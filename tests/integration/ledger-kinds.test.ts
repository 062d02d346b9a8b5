// lib/ledger/kinds.ts is the app's one description of what each kind of transaction does to
// which balance; post_ledger_transaction() enforces it in the database. This posts every kind,
// through both drivers the app uses, and checks that every account in the fund moved exactly as
// kinds.ts says and no other did. Refusals arrive as codes and facts, never parsed from words.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import type { LedgerAccountKind, LedgerTransactionKind } from "@/lib/generated/prisma/enums";
import { availableLocales, messagesFor } from "@/lib/i18n/catalogues";

const en = messagesFor("en");
import { effectOn, LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { postLedger, type TLedgerMovement } from "@/lib/ledger/post";
import { LedgerRefused, ledgerRefusalOf, ledgerRefusalText, LEDGER_REFUSAL_CODES } from "@/lib/ledger/refusals";
import { createCouncil, createFund } from "@/prisma/factories";
import { testDb } from "../support/globals";

let council: { id: string };

beforeAll(async () => {
  council = await createCouncil(testDb().owner, { slug: "ledger-kinds" });
});

async function accounts(fundId: string) {
  const rows = await testDb().owner.ledgerAccount.findMany({ where: { fundId } });
  return rows.map((r) => ({ key: `${r.kind}:${r.potId ?? "-"}`, account: r.kind as LedgerAccountKind, potId: r.potId, balance: r.balancePence }));
}

const drivers = {
  prisma: (m: TLedgerMovement) => withTenant(council.id, (tx) => postLedger(tx, m)),
  pg: (m: TLedgerMovement) => withTenantSql(council.id, (sql) => postLedger(sql, m)),
};

describe("what each kind of ledger transaction does", () => {
  for (const [driver, post] of Object.entries(drivers)) {
    it(`matches lib/ledger/kinds.ts for every kind, account by account (${driver})`, async () => {
      const { fund, pots } = await createFund(testDb().owner, council.id, { allocationPence: 100_000n, pots: [{ name: `P ${driver}`, allocatePence: 50_000n }, { name: `Q ${driver}` }] });
      const [p, q] = [pots[0]!.id, pots[1]!.id];
      // Each kind in an order in which every one of them has the money it needs.
      const plan: { kind: LedgerTransactionKind; potId: string | null; toPotId: string | null; costLine?: string; reversesLast?: true }[] = [
        { kind: "FUND", potId: null, toPotId: null },
        { kind: "RETURN", potId: null, toPotId: null },
        { kind: "ALLOCATE", potId: null, toPotId: q },
        { kind: "MOVE", potId: p, toPotId: q },
        { kind: "MOVE", potId: q, toPotId: null },
        { kind: "COMMIT", potId: p, toPotId: null },
        { kind: "RELEASE", potId: p, toPotId: null },
        { kind: "COMMIT", potId: p, toPotId: null },
        { kind: "DISBURSE", potId: p, toPotId: null },
        { kind: "RECOMMIT", potId: p, toPotId: null },
        { kind: "DISBURSE", potId: p, toPotId: null },
        { kind: "REVERSE", potId: p, toPotId: null },
        { kind: "ADMIN", potId: null, toPotId: null, costLine: "evaluation" },
        // Reverses the ADMIN just posted (it names the cost it reverses).
        { kind: "ADMIN_REVERSE", potId: null, toPotId: null, reversesLast: true },
      ];
      let last = "";
      expect(new Set(plan.map((s) => s.kind))).toEqual(new Set(LEDGER_TRANSACTION_KINDS));
      for (const step of plan) {
        const before = await accounts(fund.id);
        const amountPence = 1_000n;
        const { reversesLast, ...movement } = step;
        last = (await post({ ...movement, ...(reversesLast ? { reversesId: last } : {}), fundId: fund.id, amountPence, idempotencyKey: `kinds:${randomUUID()}`, reason: step.kind, actorUserId: null })).transactionId;
        const after = new Map((await accounts(fund.id)).map((a) => [a.key, a.balance]));
        for (const a of before) {
          const expected = a.balance + effectOn(a.account, a.potId, { ...step, amountPence });
          expect(after.get(a.key), `${step.kind} on ${a.key}`).toBe(expected);
        }
      }
    });
  }
});

describe("the ledger's refusals", () => {
  it("are recognised by their code through both drivers, with the facts the words need", async () => {
    const { fund, pots } = await createFund(testDb().owner, council.id, { pots: [{ name: "Hardship", allocatePence: 500n }] });
    const m: TLedgerMovement = { kind: "COMMIT", fundId: fund.id, potId: pots[0]!.id, amountPence: 501n, idempotencyKey: `r:${randomUUID()}`, reason: "too much", actorUserId: null };
    for (const post of Object.values(drivers)) {
      const error = await post({ ...m, idempotencyKey: `r:${randomUUID()}` }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerRefused);
      expect(error).toMatchObject({ code: "insufficient", facts: { pot: "Hardship", account: "AVAILABLE", balancePence: "500" } });
    }
    const refused = (await drivers.pg({ ...m, amountPence: 0n }).catch((e: unknown) => e)) as LedgerRefused;
    expect(refused.code).toBe("amount");
    const sameKeyOtherAmount = { ...m, amountPence: 100n };
    await drivers.pg(sameKeyOtherAmount);
    expect(((await drivers.prisma({ ...sameKeyOtherAmount, amountPence: 200n }).catch((e: unknown) => e)) as LedgerRefused).code).toBe("key-reused");
    expect(((await drivers.pg({ ...m, kind: "MOVE", toPotId: pots[0]!.id, idempotencyKey: `r:${randomUUID()}` }).catch((e: unknown) => e)) as LedgerRefused).code).toBe("same-pot");
    expect(((await drivers.pg({ ...m, potId: randomUUID(), idempotencyKey: `r:${randomUUID()}` }).catch((e: unknown) => e)) as LedgerRefused).facts).toEqual({ what: "pot" });
  });

  it("are never read from words: an error that only says the words, or names a code in its text, is not a refusal", () => {
    expect(ledgerRefusalOf(new Error("insufficient funds in Food (hint: ledger:insufficient)"))).toBeNull();
    // The fields, but not the ledger's SQLSTATE: some other function's hint.
    expect(ledgerRefusalOf({ code: "P0001", hint: "ledger:insufficient", detail: "{}" })).toBeNull();
    // The ledger's SQLSTATE with a code we do not know (a newer database): not guessed at.
    expect(ledgerRefusalOf({ code: "ML001", hint: "ledger:something-new", detail: "{}" })).toBeNull();
    // Facts that are not a JSON object are dropped, the code still counts.
    expect(ledgerRefusalOf({ code: "ML001", hint: "ledger:reason", detail: "not json" })).toMatchObject({ code: "reason", facts: {} });
    expect(ledgerRefusalOf({ name: "DriverAdapterError", cause: { code: "ML001", hint: "ledger:same-pot", detail: "{}" } })).toMatchObject({ code: "same-pot" });
  });

  it("have words in every language residents are offered for every code", () => {
    for (const code of LEDGER_REFUSAL_CODES) {
      for (const { code: locale } of availableLocales()) {
        const m = messagesFor(locale);
        const text = ledgerRefusalText({ code, facts: { pot: "Food", fund: "HSF", account: "COMMITTED", balancePence: "1234", periodStart: "2026-04-01", periodEnd: "2027-03-31", day: "2027-04-02" } }, m, locale);
        expect(text, `${locale} ${code}`).toMatch(/\S/);
        expect(text, `${locale} ${code}`).not.toMatch(/\{\w+\}/);
      }
    }
    expect(ledgerRefusalText({ code: "insufficient", facts: { pot: "Food", account: "COMMITTED", balancePence: "1234" } }, en)).toBe("There is not enough committed money in Food for that amount: it has £12.34");
  });
});

describe("the hot path (withTenantSql, posting last with COMMIT in the same round trip)", () => {
  it("keeps every value exactly, however it is quoted: the values are literals, not SQL", async () => {
    const { fund, pots } = await createFund(testDb().owner, council.id, { pots: [{ name: "Quotes", allocatePence: 10_000n }] });
    const nasty = `O'Brien \\ $2 '; update "LedgerAccount" set "balancePence" = 0; -- E'\\x00' $$ \u2028 ğüşİ`;
    const result = await withTenantSql(council.id, (sql) =>
      postLedger(sql, { kind: "COMMIT", fundId: fund.id, potId: pots[0]!.id, amountPence: 123n, idempotencyKey: nasty, reason: nasty, awardRef: nasty, actorUserId: null }, { last: true }),
    );
    const row = await testDb().owner.ledgerTransaction.findUniqueOrThrow({ where: { id: result.transactionId } });
    expect(row).toMatchObject({ reason: nasty, awardRef: nasty, idempotencyKey: nasty, amountPence: 123n });
    const balances = await testDb().owner.ledgerAccount.findMany({ where: { potId: pots[0]!.id }, select: { kind: true, balancePence: true } });
    expect(Object.fromEntries(balances.map((b) => [b.kind, b.balancePence]))).toEqual({ AVAILABLE: 9_877n, COMMITTED: 123n, SPENT: 0n });
  });

  it("commits the caller's writes with the posting, and rolls them back with a refused one", async () => {
    const { fund, pots } = await createFund(testDb().owner, council.id, { pots: [{ name: "Atomic", allocatePence: 1_000n }] });
    const award = (name: string, pence: bigint) =>
      withTenantSql(council.id, async (sql) => {
        await sql.rows(`insert into "Organisation" (id, "tenantId", name, type, "allowedEmailDomains", "updatedAt") values (gen_random_uuid(), $1, $2, 'MIDWIFERY', '{}', now())`, [council.id, name]);
        return postLedger(sql, { kind: "COMMIT", fundId: fund.id, potId: pots[0]!.id, amountPence: pence, idempotencyKey: `a:${randomUUID()}`, reason: name, actorUserId: null }, { last: true });
      });
    await award("Paid org", 600n);
    await expect(award("Refused org", 600n)).rejects.toMatchObject({ code: "insufficient" });
    const names = (await testDb().owner.organisation.findMany({ where: { tenantId: council.id }, select: { name: true } })).map((o) => o.name);
    expect(names).toContain("Paid org");
    expect(names).not.toContain("Refused org");
    // The connection went back to the pool clean: the next transaction works.
    await expect(award("Next org", 400n)).resolves.toMatchObject({ replayed: false });
  });

  it("refuses a malformed council id rather than put it into SQL", async () => {
    await expect(withTenantSql("x'; drop table \"Fund\"; --", async () => 1)).rejects.toThrow(/malformed/);
  });
});
