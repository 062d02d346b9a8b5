import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { withTenant } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstIncomplete, type TDestination } from "@/lib/applications/journey";
import { openAnswers } from "@/lib/applications/drafts";
import { notifyReceived } from "@/lib/applications/notify-received";
import { newReference } from "@/lib/applications/reference";
import { assemble, urgencyFlags, ZApplication, type TApplication } from "@/lib/applications/schemas";
import { parseAnswers } from "@/lib/applications/steps";
import { encryptSecret } from "@/lib/security/crypto";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TSubmitResult =
  | { outcome: "submitted"; reference: string; email: string | null; mobile: string | null; locale: string; submittedAt: Date }
  | { outcome: "already-submitted"; reference: string }
  | { outcome: "incomplete"; goTo: TDestination }
  | { outcome: "no-draft" }
  | { outcome: "closed" };

/** What we keep in Application.data: the canonical application with the bank details masked. */
export function maskedForStorage(a: TApplication): Prisma.InputJsonValue {
  if (a.payment.method !== "bank") return a as unknown as Prisma.InputJsonValue;
  const { bank } = a.payment;
  return {
    ...a,
    payment: { method: "bank", bank: { accountName: bank.accountName, sortCodeLast2: bank.sortCode.slice(-2), accountNumberLast4: bank.accountNumber.slice(-4), hasRollNumber: Boolean(bank.rollNumber) } },
  } as unknown as Prisma.InputJsonValue;
}

const MAX_REFERENCE_ATTEMPTS = 5;

/**
 * Turns the resident's draft into exactly one application, however many times it is called
 * (double click, refresh, a retry after a network failure, twenty at once). The draft row is
 * locked for the transaction, and (tenantId, draftId) is unique in the database, so a second
 * submission finds the first one's reference instead of making another. A clashing reference
 * (unique per council) is retried with a new one.
 */
export async function submitApplication(council: TCouncil, draftTokenHash: string | null, ctx: { ip: string | null }): Promise<TSubmitResult> {
  if (!draftTokenHash) return { outcome: "no-draft" };
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTenant(council.id, async (tx) => {
        const [draft] = await tx.$queryRaw<{ id: string; answers: unknown; locale: string }[]>`
          select id, answers, locale from "ApplicationDraft"
          where "tokenHash" = ${draftTokenHash} and "tenantId" = ${council.id}::uuid and "expiresAt" > now()
          for update`;
        if (!draft) return { outcome: "no-draft" } as const;
        // A separate statement (not a join in the locking one): after waiting for the lock it sees
        // the application the first submission just committed.
        const [existing] = await tx.$queryRaw<{ reference: string }[]>`
          select reference from "Application" where "tenantId" = ${council.id}::uuid and "draftId" = ${draft.id}::uuid`;
        if (existing) return { outcome: "already-submitted", reference: existing.reference } as const;
        if (council.settings.applicationRoute !== "open") return { outcome: "closed" } as const;

        const outputs = parseAnswers(openAnswers(draft.answers));
        const parsed = ZApplication.safeParse(assemble(outputs, true));
        if (!parsed.success) return { outcome: "incomplete", goTo: firstIncomplete(outputs, { postcodeAreas: council.postcodeAreas }) } as const;
        const app = parsed.data;

        // Raw SQL on this hot path (launch-day peaks): one INSERT, and a clashing reference
        // (UNIQUE per council) just tries another inside the same transaction.
        const masked = JSON.stringify(maskedForStorage(app));
        const bankEnc = app.payment.method === "bank" ? encryptSecret(JSON.stringify(app.payment.bank)) : null;
        const flags = urgencyFlags(app).join(",");
        let created: { id: string; submittedAt: Date; reference: string } | undefined;
        for (let tries = 0; !created; tries++) {
          if (tries >= MAX_REFERENCE_ATTEMPTS) throw new Error(`No free reference for ${council.slug} after ${tries} tries`);
          const reference = newReference(council.settings.referencePrefix);
          const [row] = await tx.$queryRaw<{ id: string; submittedAt: Date }[]>`
            insert into "Application" (id, "tenantId", "draftId", reference, "schemaVersion", data, "bankDetailsEnc", "fullName", "dateOfBirth", postcode, email, mobile, locale, "urgencyFlags", "updatedAt")
            values (gen_random_uuid(), ${council.id}::uuid, ${draft.id}::uuid, ${reference}, ${app.schemaVersion}, ${masked}::jsonb, ${bankEnc}, ${app.aboutYou.fullName},
                    ${app.aboutYou.dateOfBirth}::date, ${app.address.postcode}, ${app.aboutYou.email}, ${app.aboutYou.mobile}, ${draft.locale},
                    string_to_array(${flags}, ','), now())
            on conflict do nothing
            returning id, "submittedAt"`;
          if (row) created = { ...row, reference };
        }
        const { reference } = created;
        await tx.$executeRaw`update "ApplicationDraft" set "submittedAt" = now() where id = ${draft.id}::uuid`;
        await recordAudit(tx, {
          tenantId: council.id,
          actor: null,
          action: "application.submitted",
          entityType: "Application",
          entityId: created.id,
          summary: `Application ${reference} sent online by a resident`,
          metadata: { reference, schemaVersion: app.schemaVersion, channel: "resident-online" },
          ip: ctx.ip,
        });
        await notifyReceived(tx, council, { reference, email: app.aboutYou.email, mobile: app.aboutYou.mobile, locale: draft.locale, submittedAt: new Date(created.submittedAt) });
        return { outcome: "submitted", reference, email: app.aboutYou.email, mobile: app.aboutYou.mobile, locale: draft.locale, submittedAt: new Date(created.submittedAt) } as const;
      });
    } catch (e) {
      const clash = e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
      // A clash on (tenantId, draftId) cannot happen under the row lock, but if it ever did the
      // next attempt finds the existing application: retrying is right for both constraints.
      if (!clash || attempt >= MAX_REFERENCE_ATTEMPTS) throw e;
    }
  }
}
