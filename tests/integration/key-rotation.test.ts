// Key rotation for sealed values (lib/security/crypto.ts, lib/security/reseal.ts): values sealed
// under k1 are re-sealed under k2 while the app keeps writing; every value stays readable, ends
// under k2, and a value written during the reseal is kept (compare-and-set), in every council.
import { createCipheriv, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDraftAnswer } from "@/lib/applications/drafts";
import type { TStepId } from "@/lib/applications/steps";
import { resetEnvForTests } from "@/lib/env";
import { submitApplication } from "@/lib/intake/submit-application";
import { bankMatchHash, decryptSecret, encryptSecret, hashToken, sealedKeyId } from "@/lib/security/crypto";
import { countNotCurrent, resealAll } from "@/lib/security/reseal";
import { SEALED_COLUMNS } from "@/lib/security/sealed-columns";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { staffActor } from "@/lib/actor";
import { ZSupplier } from "@/lib/payments/supplier-schemas";
import { addSupplier } from "@/lib/payments/suppliers";
import { createCouncil, createMember, createOrganisation, createUser } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

const K0 = process.env.ENCRYPTION_KEY!;
const K1 = Buffer.alloc(32, 11).toString("base64");
const K2 = Buffer.alloc(32, 12).toString("base64");

function useKeys(current: "k1" | "k2") {
  process.env.ENCRYPTION_KEYS = `k1:${K1},k2:${K2}`;
  process.env.ENCRYPTION_KEY_ID = current;
  resetEnvForTests();
}

const councils: TCouncil[] = [];
let client: pg.Client;

async function completeDraft(council: TCouncil, bank: { sortCode: string; accountNumber: string }): Promise<string> {
  let hash: string | null = null;
  for (const [step, raw] of Object.entries({ ...FULL, "bank-details": { ...FULL["bank-details"], ...bank } })) {
    const saved = await saveDraftAnswer(council, hash, step as TStepId, raw, "en");
    if (saved.token) hash = hashToken(saved.token);
  }
  return hash!;
}

/** Every sealed value in the database, as [table.column, id, sealed text]. */
async function everySealed(): Promise<[string, string, string][]> {
  const { owner } = testDb();
  const users = await owner.user.findMany({ where: { totpSecretEnc: { not: null } }, select: { id: true, totpSecretEnc: true } });
  const apps = await owner.application.findMany({ where: { bankDetailsEnc: { not: null } }, select: { id: true, bankDetailsEnc: true } });
  const drafts = await owner.applicationDraft.findMany({ select: { id: true, answers: true } });
  const hooks = await owner.webhookEndpoint.findMany({ select: { id: true, secretEnc: true } });
  const codes = await owner.voucherImportCode.findMany({ select: { id: true, codeEnc: true } });
  const suppliers = await owner.supplier.findMany({ select: { id: true, bankDetailsEnc: true } });
  return [
    ...suppliers.map((s) => ["Supplier.bankDetailsEnc", s.id, s.bankDetailsEnc] as [string, string, string]),
    ...users.map((u) => ["User.totpSecretEnc", u.id, u.totpSecretEnc!] as [string, string, string]),
    ...apps.map((a) => ["Application.bankDetailsEnc", a.id, a.bankDetailsEnc!] as [string, string, string]),
    ...drafts.flatMap((d) => {
      const sealed = (d.answers as Record<string, { sealed?: string }>)["bank-details"]?.sealed;
      return sealed ? [["ApplicationDraft.answers", d.id, sealed] as [string, string, string]] : [];
    }),
    ...hooks.map((h) => ["WebhookEndpoint.secretEnc", h.id, h.secretEnc] as [string, string, string]),
    ...codes.map((c) => ["VoucherImportCode.codeEnc", c.id, c.codeEnc] as [string, string, string]),
  ];
}

beforeAll(async () => {
  const { owner, ownerUrl } = testDb();
  useKeys("k1");
  for (const [slug, prefix, area] of [["rotham", "ROT", "E8"], ["kelby", "KEL", "CB1"]] as const) {
    await createCouncil(owner, { slug, postcodeAreas: [area], settings: { referencePrefix: prefix } });
    councils.push((await findCouncilBySlug(slug))!);
  }
  // Under k1: staff with TOTP secrets, submitted applications and a draft in each council, a webhook secret.
  for (const [i, council] of councils.entries()) {
    await createUser(owner, { email: `staff${i}@rotation.example` });
    for (const account of ["66374958", "66374958"]) {
      const hash = await completeDraft(council, { sortCode: "089999", accountNumber: account });
      expect((await submitApplication(council, hash, { ip: "203.0.113.9" })).outcome).toBe("submitted");
    }
    await completeDraft(council, { sortCode: "107999", accountNumber: "88837491" }); // not submitted
    const org = await createOrganisation(owner, council.id);
    const lead = await createUser(owner, { email: `lead${i}@rotation.example` });
    await owner.webhookEndpoint.create({ data: { tenantId: council.id, organisationId: org.id, url: `https://hooks${i}.example/in`, secretEnc: encryptSecret(`whsec-${i}`), createdByUserId: lead.id } });
    // A voucher provider's response checked and not yet applied: its code waits sealed (lib/payments/voucher-imports.ts).
    const imp = await owner.voucherImport.create({ data: { tenantId: council.id, kind: "codes", fileName: "response.csv", sha256: `sha-${i}`, lines: [], createdById: lead.id } });
    await owner.voucherImportCode.create({ data: { tenantId: council.id, importId: imp.id, lineNo: 2, codeEnc: encryptSecret(`VOUCHER-CODE-${i}`) } });
    // A supplier's bank details (lib/payments/suppliers.ts), sealed by the service.
    const finance = await createMember(owner, council.id, "APPROVER", { email: `finance${i}@rotation.example` });
    const added = await addSupplier(staffActor({ council: { id: council.id }, user: { userId: finance.id, email: finance.email }, roles: ["APPROVER"] }), ZSupplier.parse({ name: `Landlord ${i}`, kind: "LANDLORD", accountName: "Landlord Ltd", sortCode: "107999", accountNumber: "88837491", rollNumber: "" }));
    expect(added.outcome).toBe("added");
  }
  // And one value from before key ids (v1, under ENCRYPTION_KEY = k0).
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(K0, "base64"), iv);
  const body = Buffer.concat([cipher.update("OLDTOTPSECRET", "utf8"), cipher.final()]);
  const v1 = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  await createUser(owner, { email: "old@rotation.example" }).then((u) => owner.user.update({ where: { id: u.id }, data: { totpSecretEnc: v1 } }));
  client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  delete process.env.ENCRYPTION_KEYS;
  delete process.env.ENCRYPTION_KEY_ID;
  resetEnvForTests();
});

describe("key rotation", () => {
  it("covers every sealed column in the registry", () => {
    expect(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual([
      "Application.bankDetailsEnc",
      "ApplicationDraft.answers",
      "Payment.bankDetailsEnc",
      "PaymentBankChange.bankDetailsEnc",
      "PaymentVoucher.codeEnc",
      "Supplier.bankDetailsEnc",
      "User.totpSecretEnc",
      "VoucherImportCode.codeEnc",
      "WebhookEndpoint.secretEnc",
    ]);
  });

  it("re-seals everything under k2 while the app writes; every value still opens; a value written meanwhile is kept", async () => {
    const before = await everySealed();
    const plain = new Map(before.map(([col, id, sealed]) => [`${col}:${id}`, decryptSecret(sealed)]));
    expect(new Set(before.map(([col]) => col))).toEqual(new Set(["User.totpSecretEnc", "Application.bankDetailsEnc", "ApplicationDraft.answers", "WebhookEndpoint.secretEnc", "VoucherImportCode.codeEnc", "Supplier.bankDetailsEnc"]));
    expect(new Set(before.map(([, , s]) => sealedKeyId(s)))).toEqual(new Set(["k0", "k1"]));
    const hashBefore = bankMatchHash({ sortCode: "089999", accountNumber: "66374958" });

    useKeys("k2");
    // While the reseal holds a batch of application bank details it has read, the app writes new
    // details to one of them, still under the OLD key (an app instance not yet restarted with k2).
    let raced: { id: string; sealed: string } | null = null;
    const counts = await resealAll(client, {
      batchSize: 2,
      betweenReadAndWrite: async (column, ids) => {
        if (raced || column.table !== "Application" || ids.length === 0) return;
        const sealed = encryptSecret(JSON.stringify({ accountName: "Changed Meanwhile", sortCode: "107999", accountNumber: "88837491", rollNumber: null }), "k1");
        raced = { id: ids[0]!, sealed };
        await testDb().owner.application.update({ where: { id: ids[0]! }, data: { bankDetailsEnc: sealed } });
      },
    });
    expect(raced).not.toBeNull();
    const byColumn = Object.fromEntries(counts.map((c) => [`${c.table}.${c.column}`, c]));
    expect(byColumn["Application.bankDetailsEnc"]).toMatchObject({ resealed: 4, changedMeanwhile: 1, unreadable: 0 });
    expect(byColumn["User.totpSecretEnc"]!.resealed).toBe(before.filter(([c]) => c === "User.totpSecretEnc").length);
    expect(byColumn["ApplicationDraft.answers.bank-details.sealed"]).toMatchObject({ resealed: 6, changedMeanwhile: 0 });
    expect(byColumn["WebhookEndpoint.secretEnc"]).toMatchObject({ resealed: 2, changedMeanwhile: 0 });
    expect(byColumn["Supplier.bankDetailsEnc"]).toMatchObject({ resealed: 2, changedMeanwhile: 0, unreadable: 0 });

    const after = await everySealed();
    expect(after).toHaveLength(before.length);
    const racedRow = raced as { id: string; sealed: string } | null;
    for (const [col, id, sealed] of after) {
      expect(sealedKeyId(sealed), `${col} ${id}`).toBe("k2");
      const expected = col === "Application.bankDetailsEnc" && id === racedRow!.id ? decryptSecret(racedRow!.sealed) : plain.get(`${col}:${id}`);
      expect(decryptSecret(sealed), `${col} ${id}`).toBe(expected);
    }
    // The value written during the reseal is the one kept (re-sealed under k2 in the next sweep).
    const kept = await testDb().owner.application.findUniqueOrThrow({ where: { id: racedRow!.id } });
    expect(JSON.parse(decryptSecret(kept.bankDetailsEnc!))).toMatchObject({ accountName: "Changed Meanwhile" });
    expect(await countNotCurrent(client)).toEqual(SEALED_COLUMNS.map((c) => ({ table: c.table, column: c.jsonPath ? `${c.column}.${c.jsonPath.join(".")}` : c.column, notCurrent: 0 })));
    // The rest of a draft's answers are untouched; the bank-account hash did not move with the key.
    const draft = await testDb().owner.applicationDraft.findFirstOrThrow({ where: { submittedAt: null } });
    expect((draft.answers as Record<string, unknown>)["full-name"]).toEqual(FULL["full-name"]);
    expect(bankMatchHash({ sortCode: "089999", accountNumber: "66374958" })).toBe(hashBefore);

    // Once nothing is left under k1 (or k0), those keys can go: everything still opens with k2 alone.
    process.env.ENCRYPTION_KEYS = `k2:${K2}`;
    resetEnvForTests();
    for (const [, , sealed] of await everySealed()) expect(() => decryptSecret(sealed)).not.toThrow();
    useKeys("k2");
  });

  it("a second run finds nothing to do", async () => {
    const counts = await resealAll(client);
    expect(counts.every((c) => c.resealed === 0 && c.changedMeanwhile === 0 && c.unreadable === 0)).toBe(true);
  });
});
