import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SENSITIVE_STEPS } from "@/lib/applications/steps";
import { SEALED_COLUMNS } from "@/lib/security/sealed-columns";

// `npm run keys:reseal` re-seals only what lib/security/sealed-columns.ts lists. A new place that
// seals a value must add its column there, or rotating keys would strand it under a retired key:
// this fails when a file starts calling encryptSecret without saying which listed column it writes.
const root = path.resolve(import.meta.dirname, "../..");
const WRITES: Record<string, string[]> = {
  "lib/people/accept-invitation.ts": ["User.totpSecretEnc"],
  "prisma/factories.ts": ["User.totpSecretEnc"],
  "lib/intake/record-application.ts": ["Application.bankDetailsEnc"],
  "prisma/demo-queue.ts": ["Application.bankDetailsEnc"],
  "lib/applications/drafts.ts": ["ApplicationDraft.answers"],
  "scripts/bench/apply.ts": ["ApplicationDraft.answers"],
  "scripts/bench/referrals.ts": ["ApplicationDraft.answers"],
  // The payments bench's payees, sealed as applications and payments hold them.
  "scripts/bench/payments.ts": ["Application.bankDetailsEnc", "Payment.bankDetailsEnc"],
  "lib/partner-api/manage.ts": ["WebhookEndpoint.secretEnc"],
  // Sealed into VoucherImportCode when a response is checked, moved as sealed to PaymentVoucher when applied.
  "lib/payments/voucher-imports.ts": ["VoucherImportCode.codeEnc", "PaymentVoucher.codeEnc"],
  "lib/payments/bank-details.ts": ["Supplier.bankDetailsEnc", "PaymentBankChange.bankDetailsEnc", "Payment.bankDetailsEnc"],
};

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!["generated", "node_modules"].includes(e.name)) sources(rel, out);
    } else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

describe("the registry of sealed columns", () => {
  it("names the column of every file that seals a value", () => {
    const sealing = ["lib", "app", "prisma", "scripts"]
      .flatMap((d) => sources(d))
      .filter((f) => !f.startsWith("lib/security/"))
      .filter((f) => /\bencryptSecret\(/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(sealing.filter((f) => !(f in WRITES))).toEqual([]);
    const listed = SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    expect(Object.values(WRITES).flat().filter((c) => !listed.includes(c))).toEqual([]);
  });

  it("covers every sealed page of a draft", () => {
    const draftPaths = SEALED_COLUMNS.filter((c) => c.table === "ApplicationDraft").map((c) => c.jsonPath);
    expect(draftPaths).toEqual(SENSITIVE_STEPS.map((step) => [step, "sealed"]));
  });
});
