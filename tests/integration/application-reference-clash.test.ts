// A reference that is already taken in the council is never reused: the submission tries
// another. The random generator is scripted here (the database is real) to force the clash.
import { beforeAll, expect, it, vi } from "vitest";
import { saveDraftAnswer } from "@/lib/applications/drafts";
import type { TStepId } from "@/lib/applications/steps";
import { submitApplication } from "@/lib/intake/submit-application";
import { hashToken } from "@/lib/security/crypto";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

const scripted: string[] = [];
vi.mock("@/lib/applications/reference", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/applications/reference")>();
  return { ...real, newReference: (prefix: string) => scripted.shift() ?? real.newReference(prefix) };
});

let council: TCouncil, other: TCouncil;
beforeAll(async () => {
  await createCouncil(testDb().owner, { slug: "hackwell", postcodeAreas: ["E8"], settings: { referencePrefix: "HKW" } });
  await createCouncil(testDb().owner, { slug: "other", postcodeAreas: ["E8"], settings: { referencePrefix: "HKW" } });
  council = (await findCouncilBySlug("hackwell"))!;
  other = (await findCouncilBySlug("other"))!;
});

async function completeDraft(c: TCouncil): Promise<string> {
  let hash: string | null = null;
  for (const [step, raw] of Object.entries(FULL)) {
    const saved = await saveDraftAnswer(c, hash, step as TStepId, raw, "en");
    if (saved.token) hash = hashToken(saved.token);
  }
  return hash!;
}

it("tries another reference when the first is taken in the same council, but not across councils", async () => {
  scripted.push("HKW-AAAA-AA");
  expect(await submitApplication(council, await completeDraft(council), { ip: null })).toMatchObject({ outcome: "submitted", reference: "HKW-AAAA-AA" });
  scripted.push("HKW-AAAA-AA", "HKW-AAAA-AA", "HKW-CCCC-CC");
  expect(await submitApplication(council, await completeDraft(council), { ip: null })).toMatchObject({ outcome: "submitted", reference: "HKW-CCCC-CC" });
  // Unique per council: another council may use the same letters.
  scripted.push("HKW-AAAA-AA");
  expect(await submitApplication(other, await completeDraft(other), { ip: null })).toMatchObject({ outcome: "submitted", reference: "HKW-AAAA-AA" });
  expect(await testDb().owner.application.count({ where: { reference: "HKW-AAAA-AA" } })).toBe(2);
});
