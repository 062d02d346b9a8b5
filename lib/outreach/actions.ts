"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { firstIncomplete } from "@/lib/applications/journey";
import { readDraft, setDraftCookie } from "@/lib/applications/drafts";
import { applyPath } from "@/lib/applications/pages";
import { parseAnswers } from "@/lib/applications/steps";
import { staffAction } from "@/lib/auth/action-client";
import { formError } from "@/lib/forms/form-state";
import { createCampaign, ZCampaign } from "@/lib/outreach/campaigns";
import { mappingFromForm, ZMappingForm } from "@/lib/outreach/csv";
import { saveMapping, startImport } from "@/lib/outreach/imports";
import { openInvitation } from "@/lib/outreach/invitations";
import { assertSameOrigin, clientIp } from "@/lib/security/request";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { z } from "zod";
import words from "@/messages/en/outreachAdmin.json";

// Thin actions for the outreach pages (outreach:manage; the action client checks the origin, the
// session, the council and the permission, the services check the permission again and decide),
// and the resident's button on an invitation's landing page.

const e = words.errors;
const importPath = (slug: string, id: string, done?: string) => `/${slug}/staff/outreach/imports/${id}${done ? `?done=${done}` : ""}`;
const ZImportId = z.strictObject({ importId: z.string().regex(/^[0-9a-f-]{36}$/, e.notFound) });

export const saveMappingAction = staffAction({ permission: "outreach:manage", schema: ZMappingForm.extend({ importId: z.string().regex(/^[0-9a-f-]{36}$/, e.notFound) }), name: "check outreach list" }, async (ctx, input, raw) => {
  const { importId, ...fields } = input;
  const result = await saveMapping(staffActor(ctx), importId, mappingFromForm(fields), ctx.ip);
  if (result.outcome === "invalid") return { errors: result.problems.map((p) => ({ field: p.field, message: p.message })), values: raw };
  if (result.outcome === "not-editable") return formError(e.notEditable, raw);
  if (result.outcome !== "checking") return formError(result.outcome === "forbidden" ? e.forbidden : e.notFound, raw);
  redirect(importPath(ctx.council.slug, importId, "checked"));
});

export const startImportAction = staffAction({ permission: "outreach:manage", schema: ZImportId, name: "import outreach list" }, async (ctx, input, raw) => {
  const result = await startImport(staffActor(ctx), input.importId, ctx.ip);
  if (result.outcome === "not-checked") return formError(e.notChecked, raw);
  if (result.outcome === "nothing-valid") return formError(e.nothingValid, raw);
  if (result.outcome !== "queued") return formError(result.outcome === "forbidden" ? e.forbidden : e.notFound, raw);
  redirect(importPath(ctx.council.slug, input.importId));
});

export const createCampaignAction = staffAction({ permission: "outreach:manage", schema: ZCampaign, name: "start outreach campaign" }, async (ctx, input, raw) => {
  const result = await createCampaign(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "not-imported") return { errors: [{ field: "importId", message: e.notImported }], values: raw };
  if (result.outcome !== "created") return formError(result.outcome === "forbidden" ? e.forbidden : e.notFound, raw);
  redirect(`/${ctx.council.slug}/staff/outreach/campaigns/${result.campaignId}`);
});

/** The landing page's button (a POST, so link scanners in mail clients cannot spend the link). */
export async function openInvitationAction(councilSlug: string, token: string): Promise<void> {
  await assertSameOrigin();
  const council = await findCouncilBySlug(councilSlug);
  if (!council) redirect("/");
  const opened = await openInvitation(council, token, await clientIp());
  if (!opened) redirect(`/${council.slug}/apply/invited/${token}`);
  await setDraftCookie(council.slug, opened.draftToken);
  const draft = await readDraft(council);
  redirect(applyPath(council.slug, firstIncomplete(parseAnswers(draft?.answers ?? {}), { postcodeAreas: council.postcodeAreas })));
}
