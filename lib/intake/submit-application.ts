import "server-only";
import { sql as q } from "kysely";
import { prismaSql } from "@/lib/db/sql";
import { residentActor } from "@/lib/actor";
import { withTenant } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstIncomplete, type TDestination } from "@/lib/applications/journey";
import { openAnswers } from "@/lib/applications/drafts";
import { recordApplication } from "@/lib/intake/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers } from "@/lib/applications/steps";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TSubmitResult =
  | { outcome: "submitted"; reference: string; email: string | null; mobile: string | null; locale: string; submittedAt: Date }
  | { outcome: "already-submitted"; reference: string }
  | { outcome: "incomplete"; goTo: TDestination }
  | { outcome: "no-draft" }
  | { outcome: "closed" };

const MAX_ATTEMPTS = 5;

/**
 * Turns the resident's draft into exactly one application, however many times it is called
 * (double click, refresh, a retry after a network failure, twenty at once). The draft row is
 * locked for the transaction, and (tenantId, draftId) is unique in the database, so a second
 * submission finds the first one's reference instead of making another. The application itself
 * is written by recordApplication(), the one writer for every channel.
 */
export async function submitApplication(council: TCouncil, draftTokenHash: string | null, ctx: { ip: string | null }): Promise<TSubmitResult> {
  if (!draftTokenHash) return { outcome: "no-draft" };
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTenant(council.id, async (tx) => {
        const draft = await prismaSql(tx)
          .db.selectFrom("ApplicationDraft")
          .select(["id", "answers", "locale", "invitationId"])
          .where("tokenHash", "=", draftTokenHash)
          .where("tenantId", "=", council.id)
          .where("expiresAt", ">", q<Date>`now()`)
          .forUpdate()
          .executeTakeFirst();
        if (!draft) return { outcome: "no-draft" } as const;
        // A separate statement (not a join in the locking one): after waiting for the lock it sees
        // the application the first submission just committed.
        const existing = await tx.application.findUnique({ where: { tenantId_draftId: { tenantId: council.id, draftId: draft.id } }, select: { reference: true } });
        if (existing) return { outcome: "already-submitted", reference: existing.reference } as const;
        if (council.settings.applicationRoute !== "open") return { outcome: "closed" } as const;

        const outputs = parseAnswers(openAnswers(draft.answers));
        const recorded = await recordApplication(tx, council, assemble(outputs, true), { channel: draft.invitationId ? "PROACTIVE_INVITATION" : "RESIDENT_ONLINE", draftId: draft.id, locale: draft.locale, actor: residentActor(council), ip: ctx.ip });
        if (recorded.outcome === "invalid") return { outcome: "incomplete", goTo: firstIncomplete(outputs, { postcodeAreas: council.postcodeAreas }) } as const;
        await prismaSql(tx).db.updateTable("ApplicationDraft").set({ submittedAt: q<Date>`now()` }).where("id", "=", draft.id).execute();
        const { aboutYou } = recorded.application;
        return { outcome: "submitted", reference: recorded.reference, email: aboutYou.email, mobile: aboutYou.mobile, locale: draft.locale, submittedAt: recorded.submittedAt } as const;
      });
    } catch (e) {
      const clash = e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
      // A clash on (tenantId, draftId) cannot happen under the row lock, but if it ever did the
      // next attempt finds the existing application: retrying is right for both constraints.
      if (!clash || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}
