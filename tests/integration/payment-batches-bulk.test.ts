// A batch of many payments is made and released set-based (a few statements each, however many
// payments), so issue 19's 50,000 fit well inside 60 s each (npm run bench:payments measures the
// whole path; docs/payments.md has the figures). Here: BULK payments made straight in the
// database as the owner (one case, many approved lines, their money committed in one posting),
// then the app's createBatch and releaseBatch, timed, with the ledger exact and every payment
// disbursed once.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { postLedger } from "@/lib/ledger/post";
import { createBatch, releaseBatch } from "@/lib/payments/batches";
import { savePaymentSettings } from "@/lib/payments/settings";
import { encryptSecret } from "@/lib/security/crypto";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";
import { readStandard18 } from "../support/standard18-reader";

const BULK = 10_000;
const owner = () => testDb().owner;
let council: TCouncil;
let officer: TMemberActor, finance1: TMemberActor, finance2: TMemberActor;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "batches-bulk", postcodeAreas: ["E8"], settings: { referencePrefix: "BLK" } });
  council = (await findCouncilBySlug("batches-bulk"))!;
  officer = await caseActor(council, "OFFICER", "Bulk Officer");
  finance1 = await caseActor(council, "APPROVER", "Bulk Finance One");
  finance2 = await caseActor(council, "APPROVER", "Bulk Finance Two");
  await savePaymentSettings(finance1, { serviceUserNumber: "112233", serviceUserName: "BULK COUNCIL", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "BULK HARDSHIP", bankFileFormat: "STANDARD18" }, null);
});

describe(`a batch of ${BULK.toLocaleString("en-GB")} payments`, () => {
  it("is made and released set-based, each step in a few seconds, the ledger exact", { timeout: 300_000 }, async () => {
    const { fund, pots } = await createFund(owner(), council.id, { allocationPence: 1_000_000_000n, pots: [{ name: "Bulk", allocatePence: 1_000_000_000n }] });
    const pot = pots[0]!;
    const made = await applyFor(council);
    await claimCase(officer, made.caseId);
    const bank = encryptSecret(JSON.stringify({ accountName: "A Yilmaz", sortCode: "089999", accountNumber: "66374958", rollNumber: null }));
    // Amounts 1p to £99.99, different on every line, so a wrong sum cannot pass by luck.
    const total = await asOwnerInCouncil(
      owner(),
      council.id,
      async (tx) => {
        await tx.$executeRaw`insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt")
          select gen_random_uuid(), ${council.id}::uuid, ${made.caseId}::uuid, ${pot.id}::uuid, 'food', 1 + (g * 7919) % 9999, 'bank', 'APPROVED', ${officer.user.userId}::uuid, ${officer.user.userId}::uuid, now()
          from generate_series(1, ${BULK}) g`;
        await tx.$executeRaw`insert into "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "bankDetailsEnc", "bankLast4")
          select gen_random_uuid(), a."tenantId", a.id, a."caseId", ${made.reference} || '-' || row_number() over (order by a.id), 'BANK_TRANSFER', 'READY', a."amountPence", ${bank}, '4958'
          from "Award" a where a."caseId" = ${made.caseId}::uuid`;
        const [{ sum }] = (await tx.$queryRaw<{ sum: bigint }[]>`select sum("amountPence")::bigint as sum from "Award" where "caseId" = ${made.caseId}::uuid`) as [{ sum: bigint }];
        await postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId: pot.id, amountPence: sum!, idempotencyKey: `bulk-commit:${made.caseId}`, reason: "Bulk test awards", actorUserId: null });
        return sum!;
      },
      { timeout: 60_000 },
    );

    let t = performance.now();
    const batch = await createBatch(finance1, { method: "BANK_TRANSFER", fundId: fund.id });
    const createMs = performance.now() - t;
    expect(batch).toMatchObject({ outcome: "created", count: BULK, totalPence: total });
    if (batch.outcome !== "created") throw new Error(batch.outcome);

    t = performance.now();
    expect(await releaseBatch(finance2, batch.batchId)).toEqual({ outcome: "released", count: BULK, totalPence: total });
    const releaseMs = performance.now() - t;
    console.info(`[bulk] ${BULK} payments: create ${Math.round(createMs)} ms, release ${Math.round(releaseMs)} ms`);
    // 50,000 must each take under 60 s: a tenth of that per 10,000 leaves room for this machine's other work.
    expect(createMs).toBeLessThan((BULK / 50_000) * 60_000);
    expect(releaseMs).toBeLessThan((BULK / 50_000) * 60_000);

    const accounts = await owner().ledgerAccount.findMany({ where: { potId: pot.id } });
    expect(accounts.find((a) => a.kind === "COMMITTED")!.balancePence).toBe(0n);
    expect(accounts.find((a) => a.kind === "SPENT")!.balancePence).toBe(total);
    expect(await owner().ledgerTransaction.count({ where: { tenantId: council.id, kind: "DISBURSE", potId: pot.id } })).toBe(BULK);
    expect(await owner().payment.count({ where: { batchId: batch.batchId, status: "SENT" } })).toBe(BULK);
    const file = await owner().paymentBatchFile.findFirstOrThrow({ where: { batchId: batch.batchId } });
    const parsed = readStandard18(Buffer.from(file.content).toString("ascii"));
    expect(parsed.credits).toHaveLength(BULK);
    expect(parsed.trailer.creditTotal).toBe(total);
  });
});
