import "server-only";
// The partner API's one way to record a referral. The referral's contract (the referrer
// section and recordReferral, with its refusals) belongs to lib/referrals; until that lands on
// this branch, this is a stand-in with the same shape, recording through the one writer.
import { z } from "zod";
import type { TApiClientActor } from "@/lib/actor";
import type { Tx } from "@/lib/db/client";
import { zLine, zText } from "@/lib/forms/text";
import { postcodeInAreas } from "@/lib/applications/formats";
import { ZApplication } from "@/lib/applications/schemas";
import { recordApplication, type TRecordResult } from "@/lib/intake/record-application";
import type { TCouncil } from "@/lib/tenancy/queries";

export const ZReferrerSection = z.strictObject({
  role: zLine().trim().min(1).max(100),
  relationship: zLine().trim().min(1).max(200),
  consentMethod: z.enum(["in-person", "phone", "video", "written"]),
  consentDate: z.iso.date(),
  alreadyTried: zText().trim().max(2000),
  fastTrack: z.boolean(),
});

export async function recordApiReferral(tx: Tx, council: TCouncil, actor: TApiClientActor, input: { application: unknown; referrer: unknown; organisationId: string; ip: string | null }): Promise<TRecordResult> {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const section = ZReferrerSection.safeParse(input.referrer);
  if (!section.success) issues.push(...section.error.issues.map((i) => ({ path: ["referrer", ...i.path], message: i.message })));
  const application = ZApplication.safeParse(input.application);
  if (!application.success) issues.push(...application.error.issues.map((i) => ({ path: ["application", ...i.path], message: i.message })));
  else if (!postcodeInAreas(application.data.address.postcode, council.postcodeAreas)) issues.push({ path: ["application", "address", "postcode"], message: "referrals.errors.outsideArea" });
  if (!section.success || !application.success || issues.length) return { outcome: "invalid", issues };
  return recordApplication(tx, council, application.data, { channel: "REFERRAL_API", draftId: null, locale: "en", actor, ip: input.ip, organisationId: input.organisationId, fastTrack: section.data.fastTrack });
}
