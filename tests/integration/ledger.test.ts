// The ledger's invariants, enforced by PostgreSQL under concurrency. The operations run as the
// app's database role (withTenant), exactly as the app calls them.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocate, commit, disburse, move, release, reverse, type TLedgerActor } from "@/lib/ledger/operations";
import { postLedger } from "@/lib/ledger/post";
import { LedgerRefused, ledgerRefusalText } from "@/lib/ledger/refusals";
import { messagesFor } from "@/lib/i18n/catalogues";

const tr = messagesFor("tr");
import { PAYMENT_CHECKS, verifyLedger } from "@/lib/ledger/verify";
import { withTenant } from "@/lib/db/tenant-scope";
import { createCouncil, createFund } from "@/prisma/factories";
import { testDb } from "../support/globals";

let a: { id: string }, b: { id: string };
let actorA: TLedgerActor;
let app: pg.Client, owner: pg.Client;

const key = () => `test:${randomUUID()}`;

async function balances(potId: string) {
  const rows = await testDb().owner.ledgerAccount.findMany({ where: { potId } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence])) as Record<"AVAILABLE" | "COMMITTED" | "SPENT", bigint>;
}

async function refusal(p: Promise<unknown>): Promise<LedgerRefused> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(LedgerRefused);
  return outcome as LedgerRefused;
}

beforeAll(async () => {
  const { owner: prisma, appUrl, ownerUrl } = testDb();
  a = await createCouncil(prisma, { slug: "ledger-a" });
  b = await createCouncil(prisma, { slug: "ledger-b" });
  actorA = { tenantId: a.id, actorUserId: null };
  app = new pg.Client({ connectionString: appUrl });
  owner = new pg.Client({ connectionString: ownerUrl });
  await Promise.all([app.connect(), owner.connect()]);
});

afterAll(async () => {
  await Promise.all([app?.end(), owner?.end()]);
});

describe("the award ledger", () => {
  it("lets exactly 10 of 64 concurrent £50 commits through a pot holding £500, and refuses the rest", async () => {
    const { fund, pots } = await createFund(testDb().owner, a.id, { pots: [{ name: "Food vouchers", allocatePence: 50_000n }] });
    const pot = pots[0]!;
    const attempts = await Promise.allSettled(
      Array.from({ length: 64 }, (_, i) =>
        commit(actorA, { fundId: fund.id, potId: pot.id, amountPence: 5_000n, idempotencyKey: key(), reason: `award ${i}`, awardRef: `AW-${i}` }),
      ),
    );
    const committed = attempts.filter((r) => r.status === "fulfilled");
    const refused = attempts.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(committed).toHaveLength(10);
    expect(refused).toHaveLength(54);
    for (const r of refused) {
      expect(r.reason, String(r.reason)).toBeInstanceOf(LedgerRefused);
      expect((r.reason as LedgerRefused).code).toBe("insufficient");
      expect((r.reason as LedgerRefused).facts).toMatchObject({ pot: "Food vouchers", account: "AVAILABLE", balancePence: "0" });
      expect((r.reason as LedgerRefused).message).toBe("There is not enough money in Food vouchers for that amount");
    }
    expect(await balances(pot.id)).toEqual({ AVAILABLE: 0n, COMMITTED: 50_000n, SPENT: 0n });
    expect((await verifyLedger(owner)).breaks).toEqual([]);
  });

  it("posts a retried operation once: the same idempotency key returns the first transaction", async () => {
    const { fund, pots } = await createFund(testDb().owner, a.id, { pots: [{ name: "White goods", allocatePence: 100_000n }] });
    const movement = { fundId: fund.id, potId: pots[0]!.id, amountPence: 30_000n, idempotencyKey: key(), reason: "Cooker" };
    const first = await commit(actorA, movement);
    const again = await commit(actorA, movement);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    // Concurrent retries of one new key: still one transaction.
    const concurrentKey = key();
    const racers = await Promise.all(Array.from({ length: 8 }, () => commit(actorA, { ...movement, idempotencyKey: concurrentKey })));
    expect(new Set(racers.map((r) => r.transactionId)).size).toBe(1);
    expect(racers.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balances(pots[0]!.id)).toEqual({ AVAILABLE: 40_000n, COMMITTED: 60_000n, SPENT: 0n });
    // A key reused for a different movement is a bug, and says so.
    const reused = await refusal(commit(actorA, { ...movement, amountPence: 1n }));
    expect(reused.code).toBe("key-reused");
  });

  it("refuses a commitment outside the fund's period, saying why", async () => {
    const { fund, pots } = await createFund(testDb().owner, a.id, {
      name: "Household Support Fund 2024/25",
      periodStart: new Date(Date.UTC(2024, 3, 1)),
      periodEnd: new Date(Date.UTC(2025, 2, 31)),
      pots: [{ name: "Energy", allocatePence: 10_000n }],
    });
    const refused = await refusal(commit(actorA, { fundId: fund.id, potId: pots[0]!.id, amountPence: 100n, idempotencyKey: key(), reason: "late" }));
    expect(refused.code).toBe("outside-period");
    expect(refused.facts).toMatchObject({ fund: "Household Support Fund 2024/25", periodStart: "2024-04-01", periodEnd: "2025-03-31" });
    expect(refused.message).toMatch(/^Household Support Fund 2024\/25 runs from 1 April 2024 to 31 March 2025: an award cannot be committed on \d+ \w+ \d{4}$/);
    expect(ledgerRefusalText(refused, tr, "tr")).toMatch(/^Household Support Fund 2024\/25 1 Nisan 2024 ile 31 Mart 2025 arasında geçerli: /);
    expect(await balances(pots[0]!.id)).toEqual({ AVAILABLE: 10_000n, COMMITTED: 0n, SPENT: 0n });
  });

  it("moves money between pots, and never more than a pot holds", async () => {
    const { fund, pots } = await createFund(testDb().owner, a.id, { allocationPence: 100_000n, pots: [{ name: "Rent", allocatePence: 20_000n }, { name: "Food" }] });
    const [rent, food] = [pots[0]!, pots[1]!];
    await move(actorA, { fundId: fund.id, potId: rent.id, toPotId: food.id, amountPence: 15_000n, idempotencyKey: key(), reason: "Food demand" });
    const tooMuch = await refusal(move(actorA, { fundId: fund.id, potId: rent.id, toPotId: food.id, amountPence: 5_001n, idempotencyKey: key(), reason: "more" }));
    expect(tooMuch.code).toBe("insufficient");
    expect(tooMuch.message).toBe("There is not enough money in Rent for that amount");
    const unallocated = await refusal(allocate(actorA, { fundId: fund.id, toPotId: food.id, amountPence: 80_001n, idempotencyKey: key(), reason: "all of it" }));
    expect(unallocated.code).toBe("insufficient");
    expect(unallocated.facts.account).toBe("UNALLOCATED");
    expect(unallocated.message).toBe("The amount is more than the fund has left to allocate");
    expect((await balances(rent.id)).AVAILABLE).toBe(5_000n);
    expect((await balances(food.id)).AVAILABLE).toBe(15_000n);
  });

  it("refuses UPDATE, DELETE and hand-made rows from the app's database role, and UPDATE/DELETE even from the owner", async () => {
    const { pots } = await createFund(testDb().owner, a.id, { pots: [{ name: "Essentials", allocatePence: 1_000n }] });
    const account = await testDb().owner.ledgerAccount.findFirstOrThrow({ where: { potId: pots[0]!.id, kind: "AVAILABLE" } });
    const posting = await testDb().owner.ledgerPosting.findFirstOrThrow({ where: { accountId: account.id } });
    await app.query("begin");
    await app.query("select set_config('app.tenant_id', $1, true)", [a.id]);
    const attempts = [
      `update "LedgerAccount" set "balancePence" = 99999999 where id = '${account.id}'`,
      `update "LedgerTransaction" set reason = 'changed' where id = '${posting.transactionId}'`,
      `delete from "LedgerPosting" where id = '${posting.id}'`,
      `delete from "LedgerTransaction" where id = '${posting.transactionId}'`,
      `insert into "LedgerPosting" (id, "tenantId", "transactionId", "accountId", "amountPence") values (gen_random_uuid(), '${a.id}', '${posting.transactionId}', '${account.id}', 100)`,
      `insert into "LedgerAccount" (id, "tenantId", "fundId", "potId", kind, "balancePence") values (gen_random_uuid(), '${a.id}', '${account.fundId}', '${account.potId}', 'SPENT', 500)`,
    ];
    for (const sql of attempts) {
      await app.query("savepoint s");
      await expect(app.query(sql), sql).rejects.toThrow(/permission denied/);
      await app.query("rollback to savepoint s");
    }
    await app.query("rollback");
    for (const sql of [`update "LedgerTransaction" set reason = 'changed' where id = '${posting.transactionId}'`, `delete from "LedgerPosting" where id = '${posting.id}'`]) {
      await expect(owner.query(sql), sql).rejects.toThrow(/append-only/);
    }
    // An unbalanced transaction cannot be committed, even by the owner.
    await owner.query("begin");
    const tx = (await owner.query(`select "fundId" from "LedgerTransaction" where id = $1`, [posting.transactionId])).rows[0];
    await owner.query(
      `insert into "LedgerTransaction" (id, "tenantId", "fundId", kind, "amountPence", "idempotencyKey", reason) values ('00000000-0000-4000-8000-0000000000aa', $1, $2, 'MOVE', 100, 'unbalanced', 'test')`,
      [a.id, tx.fundId],
    );
    await owner.query(`insert into "LedgerPosting" (id, "tenantId", "transactionId", "accountId", "amountPence") values (gen_random_uuid(), $1, '00000000-0000-4000-8000-0000000000aa', $2, 100)`, [
      a.id,
      account.id,
    ]);
    await expect(owner.query("commit")).rejects.toThrow(/does not balance/);
  });

  it("keeps council B's pots out of council A's sight and reach", async () => {
    const { fund, pots } = await createFund(testDb().owner, b.id, { pots: [{ name: "B food", allocatePence: 10_000n }] });
    const crafted = await refusal(commit(actorA, { fundId: fund.id, potId: pots[0]!.id, amountPence: 100n, idempotencyKey: key(), reason: "crafted ids" }));
    expect(crafted.code).toBe("not-found");
    const seen = await withTenant(a.id, (tx) => tx.pot.findMany({ where: { id: pots[0]!.id } }));
    expect(seen).toEqual([]);
    await app.query("begin");
    await app.query("select set_config('app.tenant_id', $1, true)", [a.id]);
    const raw = await app.query(`select count(*)::int n from "LedgerAccount" where "fundId" = $1`, [fund.id]);
    await app.query("rollback");
    expect(raw.rows[0].n).toBe(0);
    expect(await balances(pots[0]!.id)).toEqual({ AVAILABLE: 10_000n, COMMITTED: 0n, SPENT: 0n });
  });

  it("refuses to post with no council in scope, and refuses backdating from the app role", async () => {
    const { fund, pots } = await createFund(testDb().owner, a.id, { pots: [{ name: "Scope", allocatePence: 1_000n }] });
    await app.query("begin");
    await expect(
      app.query(`select * from post_ledger_transaction('COMMIT', $1, $2, null, 100, 'k1', 'r', null, null, null)`, [fund.id, pots[0]!.id]),
    ).rejects.toThrow(/no council in scope/);
    await app.query("rollback");
    await expect(
      withTenant(a.id, (tx) => postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId: pots[0]!.id, amountPence: 100n, idempotencyKey: key(), reason: "r", actorUserId: null, at: new Date(2020, 0, 1) })),
    ).rejects.toThrow(/only owner scripts may backdate/);
  });

  it("keeps every invariant through random sequences of operations (property-based)", async () => {
    type Op = { op: "allocate" | "move" | "commit" | "release" | "disburse" | "reverse"; pot: number; to: number; pence: number };
    const opArb = fc.record({
      op: fc.constantFrom("allocate", "move", "commit", "release", "disburse", "reverse"),
      pot: fc.integer({ min: 0, max: 2 }),
      to: fc.integer({ min: 0, max: 2 }),
      pence: fc.integer({ min: 1, max: 40_000 }),
    }) as fc.Arbitrary<Op>;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { fund, pots } = await createFund(testDb().owner, a.id, { allocationPence: 100_000n, pots: [{ name: "P0" }, { name: "P1" }, { name: "P2" }] });
        const model = { unallocated: 100_000, pots: pots.map(() => ({ AVAILABLE: 0, COMMITTED: 0, SPENT: 0 })) };
        for (const o of ops) {
          const p = model.pots[o.pot]!;
          const id = pots[o.pot]!.id;
          const common = { fundId: fund.id, amountPence: BigInt(o.pence), idempotencyKey: key(), reason: o.op };
          const [source, expectAccept, apply, run] = ((): [number, boolean, () => void, () => Promise<unknown>] => {
            switch (o.op) {
              case "allocate":
                return [model.unallocated, true, () => ((model.unallocated -= o.pence), (p.AVAILABLE += o.pence)), () => allocate(actorA, { ...common, toPotId: id })];
              case "move": {
                const q = model.pots[o.to]!;
                return [p.AVAILABLE, o.to !== o.pot, () => ((p.AVAILABLE -= o.pence), (q.AVAILABLE += o.pence)), () => move(actorA, { ...common, potId: id, toPotId: pots[o.to]!.id })];
              }
              case "commit":
                return [p.AVAILABLE, true, () => ((p.AVAILABLE -= o.pence), (p.COMMITTED += o.pence)), () => commit(actorA, { ...common, potId: id })];
              case "release":
                return [p.COMMITTED, true, () => ((p.COMMITTED -= o.pence), (p.AVAILABLE += o.pence)), () => release(actorA, { ...common, potId: id })];
              case "disburse":
                return [p.COMMITTED, true, () => ((p.COMMITTED -= o.pence), (p.SPENT += o.pence)), () => disburse(actorA, { ...common, potId: id })];
              case "reverse":
                return [p.SPENT, true, () => ((p.SPENT -= o.pence), (p.AVAILABLE += o.pence)), () => reverse(actorA, { ...common, potId: id })];
            }
          })();
          const accepted = await run().then(
            () => true,
            (e: unknown) => {
              if (!(e instanceof LedgerRefused)) throw e;
              return false;
            },
          );
          expect(accepted).toBe(expectAccept && source >= o.pence);
          if (accepted) apply();
        }
        for (const [i, pot] of pots.entries()) {
          const actual = await balances(pot.id);
          expect({ AVAILABLE: Number(actual.AVAILABLE), COMMITTED: Number(actual.COMMITTED), SPENT: Number(actual.SPENT) }).toEqual(model.pots[i]);
        }
        // The ledger's own arithmetic: these movements stand for no award or payment, so the
        // checks tying spending to payments (tests/integration/ledger-payments.test.ts) are left out.
        expect((await verifyLedger(owner)).breaks.filter((b) => !(PAYMENT_CHECKS as readonly string[]).includes(b.check))).toEqual([]);
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 120_000);
});
