"use server";
// Server actions for reconciliation and paying again (issue 19, docs/reconciliation.md).
// staffAction checks Origin, session, the council (from the URL) and the permission; the services
// check it again and read only this council's rows (row-level security). A refusal comes back as
// a GOV.UK error summary; success redirects with a banner (?done=…). The report itself is uploaded
// to a route handler (app/[council]/staff/payments/reconciliation/import/route.ts: a file).
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFieldError } from "@/lib/forms/form-state";
import { payAgain } from "@/lib/payments/pay-again";
import { applyReconciliation } from "@/lib/payments/reconciliation";
import words from "@/messages/en/reconciliation.json";

const ZImportForm = z.strictObject({ importId: z.uuid({ error: "case.notFound" }) });

export const applyReconciliationAction = staffAction({ permission: "payments:manage", schema: ZImportForm, name: "apply reconciliation" }, async (ctx, input, raw) => {
  const r = await applyReconciliation(staffActor(ctx), input.importId);
  const base = `/${ctx.council.slug}/staff/payments/reconciliation/${input.importId}`;
  switch (r.outcome) {
    case "applied":
      redirect(`${base}?done=applied`);
    case "already-applied":
      redirect(`${base}?done=already-applied`);
    case "not-found":
      return formError("That report is not in this council's imports.", raw);
    case "forbidden":
      return formError("You do not have permission to do that. If you think you should, ask your council admin.", raw);
  }
});

const field = z.string().max(100).optional().default("");
const ZPayAgainForm = z.strictObject({
  caseId: z.uuid({ error: "case.notFound" }),
  paymentId: z.uuid({ error: "case.notFound" }),
  method: field,
  accountName: field,
  sortCode: field,
  accountNumber: field,
});

export const payAgainAction = staffAction({ permission: "cases:work", schema: ZPayAgainForm, name: "pay again" }, async (ctx, input, raw) => {
  const { caseId, paymentId, ...form } = input;
  const r = await payAgain(staffActor(ctx), { caseId, paymentId, form: { ...form, method: form.method || undefined } });
  const p = words.case.problems;
  switch (r.outcome) {
    case "created":
      redirect(`/${ctx.council.slug}/staff/cases/${caseId}?done=paid-again&payment=${encodeURIComponent(r.reference)}#payment-returned`);
    case "invalid": {
      const order = ["method", "accountName", "sortCode", "accountNumber"] as const;
      const errors: TFieldError[] = order.flatMap((f) => (r.errors[f] ? [{ field: f, message: r.errors[f]! }] : []));
      return { errors, values: raw };
    }
    case "already-paying":
      return formError(p["already-paying"].replace("{reference}", r.reference), raw);
    case "not-failed":
      return formError(p["not-failed"], raw);
    case "award-not-approved":
      return formError(p["award-not-approved"], raw);
    case "not-found":
      return formError(p["not-found"], raw);
    case "forbidden":
      return formError("You do not have permission to do that. If you think you should, ask your council admin.", raw);
  }
});
