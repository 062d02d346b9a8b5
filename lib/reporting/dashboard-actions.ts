"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError } from "@/lib/forms/form-state";
import { filterQuery } from "@/lib/reporting/dashboard-filter";
import { ZRevokeShareLink, ZShareLink, ZStaffCost } from "@/lib/reporting/dashboard-schemas";
import { createShareLink, revokeShareLink } from "@/lib/reporting/share-links";
import { recordStaffCost } from "@/lib/reporting/staff-costs";

// Thin actions for the dashboard: the action client checks the origin, the session, the council
// and the permission; the services (staff-costs.ts, share-links.ts) check it again and audit.

const reports = (slug: string) => `/${slug}/staff/reports`;
const FORBIDDEN = "You do not have permission to do that. If you think you should, ask your council admin.";
const NO_FUND = "That fund does not exist in this council.";

export const recordStaffCostAction = staffAction({ permission: "funds:manage", schema: ZStaffCost, name: "record staff cost" }, async (ctx, input, raw) => {
  const result = await recordStaffCost(staffActor(ctx), { ...input.filter, pence: input.pence }, ctx.ip);
  if (result.outcome !== "recorded") return formError(result.outcome === "forbidden" ? FORBIDDEN : NO_FUND, raw);
  redirect(`${reports(ctx.council.slug)}?${filterQuery(input.filter, { done: "staff-cost" })}#outcomes`);
});

export const createShareLinkAction = staffAction({ permission: "funds:manage", schema: ZShareLink, name: "share the dashboard" }, async (ctx, input, raw) => {
  const result = await createShareLink(staffActor(ctx), input, ctx.ip);
  if (result.outcome !== "created") return formError(result.outcome === "forbidden" ? FORBIDDEN : NO_FUND, raw);
  // The token is shown this once (only its hash is kept), so it is returned, never put in a URL;
  // the page's list of links is drawn again with the new one in it.
  revalidatePath(`${reports(ctx.council.slug)}/shared-links`);
  return { errors: [], values: {}, ok: true, result: { token: result.token } };
});

export const revokeShareLinkAction = staffAction({ permission: "funds:manage", schema: ZRevokeShareLink, name: "revoke a dashboard link" }, async (ctx, input, raw) => {
  const result = await revokeShareLink(staffActor(ctx), input.linkId, ctx.ip);
  if (result.outcome === "forbidden") return formError(FORBIDDEN, raw);
  if (result.outcome === "not-found") return formError("That link does not exist", raw);
  redirect(`${reports(ctx.council.slug)}/shared-links?done=revoked`);
});
