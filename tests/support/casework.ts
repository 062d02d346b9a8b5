// The casework integration tests' people and cases: a member of a council as the services see
// them (TCaseActor), and a resident's application recorded by the one writer with its case.
import { recordApplication } from "@/lib/applications/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TRawAnswers } from "@/lib/applications/steps";
import type { TRole } from "@/lib/auth/permissions";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenant } from "@/lib/db/tenant-scope";
import type { TCouncil } from "@/lib/tenancy/queries";
import type { TApplicationChannel } from "@/lib/vocabulary";
import { createMember } from "@/prisma/factories";
import { FULL } from "./application-answers";
import { testDb } from "./globals";

export async function caseActor(c: TCouncil, role: TRole, name: string): Promise<TCaseActor> {
  const user = await createMember(testDb().owner, c.id, role, { name });
  return { council: { id: c.id }, user: { userId: user.id, email: user.email }, roles: [role] };
}

/** A resident's online application (the full answers unless given) and its case; or another channel's (a referral with its organisation). */
export async function applyFor(
  c: TCouncil,
  answers: TRawAnswers = FULL,
  locale = "en",
  source: { channel?: TApplicationChannel; organisationId?: string | null } = {},
): Promise<{ caseId: string; applicationId: string; reference: string }> {
  const r = await withTenant(c.id, (tx) =>
    recordApplication(tx, c, assemble(parseAnswers(answers), true), { channel: source.channel ?? "RESIDENT_ONLINE", organisationId: source.organisationId ?? null, draftId: null, locale, actor: null, ip: null }),
  );
  if (r.outcome !== "recorded") throw new Error(JSON.stringify(r));
  const row = await testDb().owner.case.findUniqueOrThrow({ where: { tenantId_applicationId: { tenantId: c.id, applicationId: r.id } } });
  return { caseId: row.id, applicationId: r.id, reference: r.reference };
}
