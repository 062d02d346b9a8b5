"use server";
import { errorWords } from "@/lib/i18n";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { approveAward } from "@/lib/awards/approve-award";
import { awardVerdict } from "@/lib/awards/awaiting-approval";
import { rejectAward, ZRejectReason } from "@/lib/awards/reject-award";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { messagesFor } from "@/lib/i18n/catalogues";
import { verdictMessage } from "@/lib/awards/approval-messages";

// Server actions of the awaiting-approval page. staffAction checks Origin, session, council (from
// the URL) and awards:approve before these bodies run; the services check it again, with four
// eyes. Approving posts from a button on the list: every outcome goes back to the list (PRG),
// whose error summary or success banner says what happened. Rejecting has its own page, for the
// reason.

const en = errorWords(messagesFor("en"));
const listPath = (slug: string) => `/${slug}/staff/cases/awaiting-approval`;
const actorOf = staffActor;

const ZAwardId = z.string({ error: "approvals.notFound" }).max(64, "approvals.notFound");

export const approveAwardAction = staffAction({ permission: "awards:approve", schema: z.strictObject({ awardId: ZAwardId }), name: "approve award" }, async (ctx, input) => {
  const result = await approveAward(actorOf(ctx), input.awardId);
  // The navigation's "Awaiting approval (n)" lives in the council's layout: have it drawn again.
  revalidatePath(`/${ctx.council.slug}`, "layout");
  const back = (query: string) => redirect(`${listPath(ctx.council.slug)}?${query}&award=${encodeURIComponent(input.awardId)}`);
  switch (result.outcome) {
    case "done":
      return redirect(`${listPath(ctx.council.slug)}?approved=${encodeURIComponent(input.awardId)}`);
    case "four-eyes":
      return back(result.problem === "entered-the-application" ? "problem=four-eyes-entered" : "problem=four-eyes");
    case "rules":
      return back("problem=pot-rules");
    case "refused":
      return back(result.refusal.code === "insufficient" ? "problem=not-enough-money" : `problem=ledger-${result.refusal.code}`);
    case "changed":
    case "not-allowed":
    case "payment-under-way":
      return back("problem=already-decided");
    case "not-found":
      return back("problem=not-found");
    case "forbidden":
      return formError(en["approvals.notFound"]!);
  }
});

export const rejectAwardAction = staffAction(
  { permission: "awards:approve", schema: z.strictObject({ awardId: ZAwardId, reason: ZRejectReason }), name: "reject award" },
  async (ctx, input, raw): Promise<TFormState> => {
    const actor = actorOf(ctx);
    const result = await rejectAward(actor, input.awardId, input.reason);
    revalidatePath(`/${ctx.council.slug}`, "layout");
    switch (result.outcome) {
      case "done":
        return redirect(`${listPath(ctx.council.slug)}?rejected=${encodeURIComponent(input.awardId)}`);
      case "invalid":
        return { errors: [{ field: "reason", message: en["award.rejectReason.required"]! }], values: raw };
      case "four-eyes":
        return formError(en[result.problem === "entered-the-application" ? "approvals.fourEyes.entered" : "approvals.fourEyes.proposedReject"]!, raw);
      case "changed":
      case "not-allowed":
      case "payment-under-way":
        return formError(verdictMessage(await awardVerdict(actor, input.awardId)), raw);
      case "not-found":
      case "forbidden":
        return formError(en["approvals.notFound"]!, raw);
    }
  },
);
