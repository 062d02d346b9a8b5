// postLedgerSet / post_ledger_transactions(): many movements of one kind in one call write exactly
// what as many post_ledger_transaction() calls would (a transaction of two postings each, each key
// once, balances moved by the sum), replays post nothing, and it refuses with the same codes:
// a key reused for another movement, a key given twice, money that is not there (nothing written).
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { LedgerRefused, postLedger, postLedgerSet, type TLedgerMovementRow } from "@/lib/ledger/post";
import { createCouncil, createFund } from "@/prisma/factories";
import { testDb } from "../support/globals";

let council: { id: string };
let fundId: string, potA: string, potB: string;

const owner = () => testDb().owner;
const balance = async (potId: string, kind: "COMMITTED" | "SPENT") => (await owner().ledgerAccount.findFirstOrThrow({ where: { potId, kind } })).balancePence;

/** The movements as the query postLedgerSet takes: literal rows. */
function rows(list: { potId: string; amountPence: bigint; key: string }[]) {
  const values = list.map((m) => q`select ${fundId}::uuid as "fundId", ${m.potId}::uuid as "potId", ${m.amountPence}::bigint as "amountPence", ${m.key} as "idempotencyKey", ${"Bulk test"} as "reason", ${null}::text as "awardRef", ${m.key} as "paymentRef"`);
  return q<TLedgerMovementRow>`${q.join(values, q` union all `)}`;
}

beforeAll(async () => {
  council = await createCouncil(owner(), { slug: "ledger-bulk" });
  const { fund, pots } = await createFund(owner(), council.id, { pots: [{ name: "A", allocatePence: 100_000n }, { name: "B", allocatePence: 100_000n }] });
  fundId = fund.id;
  [potA, potB] = [pots[0]!.id, pots[1]!.id];
  await withTenantSql(council.id, async (sql) => {
    await postLedger(sql, { kind: "COMMIT", fundId, potId: potA, amountPence: 50_000n, idempotencyKey: "commit-a", reason: "awards", actorUserId: null });
    await postLedger(sql, { kind: "COMMIT", fundId, potId: potB, amountPence: 50_000n, idempotencyKey: "commit-b", reason: "awards", actorUserId: null });
  });
});

describe("post_ledger_transactions", () => {
  it("posts one balanced transaction a movement across pots, moves each pot by its sum, and a replay posts nothing", async () => {
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const list = [
      { potId: potA, amountPence: 1_000n, key: keys[0]! },
      { potId: potA, amountPence: 2_345n, key: keys[1]! },
      { potId: potB, amountPence: 7n, key: keys[2]! },
    ];
    const before = { a: await balance(potA, "COMMITTED"), b: await balance(potB, "COMMITTED"), sa: await balance(potA, "SPENT") };
    expect(await withTenantSql(council.id, (sql) => postLedgerSet(sql, "DISBURSE", null, rows(list)))).toEqual({ posted: 3, replayed: 0 });
    expect(await balance(potA, "COMMITTED")).toBe(before.a - 3_345n);
    expect(await balance(potA, "SPENT")).toBe(before.sa + 3_345n);
    expect(await balance(potB, "COMMITTED")).toBe(before.b - 7n);
    const txs = await owner().ledgerTransaction.findMany({ where: { tenantId: council.id, idempotencyKey: { in: keys } }, include: { postings: true } });
    expect(txs).toHaveLength(3);
    for (const t of txs) {
      expect(t.kind).toBe("DISBURSE");
      expect(t.postings.map((p) => p.amountPence).sort()).toEqual([-t.amountPence, t.amountPence].sort());
    }
    // Again, and with one new movement: only the new one is posted.
    const more = [...list, { potId: potB, amountPence: 10n, key: randomUUID() }];
    expect(await withTenantSql(council.id, (sql) => postLedgerSet(sql, "DISBURSE", null, rows(more)))).toEqual({ posted: 1, replayed: 3 });
    expect(await balance(potA, "COMMITTED")).toBe(before.a - 3_345n);
    expect(await balance(potB, "COMMITTED")).toBe(before.b - 17n);
  });

  it("refuses a key used before for another movement, a key given twice, and money that is not there, writing nothing", async () => {
    const used = randomUUID();
    await withTenantSql(council.id, (sql) => postLedgerSet(sql, "DISBURSE", null, rows([{ potId: potA, amountPence: 100n, key: used }])));
    const before = await owner().ledgerTransaction.count({ where: { tenantId: council.id } });
    const committed = await balance(potA, "COMMITTED");
    const refused = async (list: { potId: string; amountPence: bigint; key: string }[]) => {
      try {
        await withTenantSql(council.id, (sql) => postLedgerSet(sql, "DISBURSE", null, rows(list)));
      } catch (e) {
        if (e instanceof LedgerRefused) return e.code;
        throw e;
      }
      return "posted";
    };
    expect(await refused([{ potId: potA, amountPence: 101n, key: used }])).toBe("key-reused");
    const twice = randomUUID();
    expect(await refused([{ potId: potA, amountPence: 1n, key: twice }, { potId: potA, amountPence: 1n, key: twice }])).toBe("key-reused");
    expect(await refused([{ potId: potA, amountPence: 1n, key: randomUUID() }, { potId: potA, amountPence: committed, key: randomUUID() }])).toBe("insufficient");
    expect(await owner().ledgerTransaction.count({ where: { tenantId: council.id } })).toBe(before);
    expect(await balance(potA, "COMMITTED")).toBe(committed);
    // Nothing to post: nothing happens.
    expect(await withTenantSql(council.id, (sql) => postLedgerSet(sql, "DISBURSE", null, q<TLedgerMovementRow>`select null::uuid as "fundId", null::uuid as "potId", null::bigint as "amountPence", null::text as "idempotencyKey", null::text as "reason", null::text as "awardRef", null::text as "paymentRef" where false`))).toEqual({
      posted: 0,
      replayed: 0,
    });
  });

  it("is only for movements within a pot", async () => {
    await expect(withTenantSql(council.id, (sql) => postLedgerSet(sql, "COMMIT" as "DISBURSE", null, rows([{ potId: potA, amountPence: 1n, key: randomUUID() }])))).rejects.toThrow(/does not move money within a pot/);
  });
});
