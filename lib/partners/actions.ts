"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { partnerAdminMessages } from "@/lib/i18n/catalogues";
import { changeMember, createOrganisation, setOrganisationActive, updateOrganisation } from "@/lib/partners/manage";
import { ZMemberRef, ZOrganisation, ZOrganisationEdit, ZOrganisationRef, ZTraining } from "@/lib/partners/schemas";

// Thin actions for the council admin's partner pages: the action client checks the origin, the
// session, the council and organisations:manage; the services check the permission again.

const words = () => partnerAdminMessages().actionErrors;
const base = (slug: string) => `/${slug}/staff/partners`;

function refused(outcome: "forbidden" | "not-found", raw: Record<string, string>, notFound = words().notFound): TFormState {
  return formError(outcome === "forbidden" ? "You do not have permission to do that. If you think you should, ask your council admin." : notFound, raw);
}

export const createOrganisationAction = staffAction({ permission: "organisations:manage", schema: ZOrganisation, name: "add partner organisation" }, async (ctx, input, raw) => {
  const result = await createOrganisation(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "name-taken") return { errors: [{ field: "name", message: words().nameTaken }], values: raw };
  if (result.outcome !== "created") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/${result.organisationId}?created=1`);
});

export const updateOrganisationAction = staffAction({ permission: "organisations:manage", schema: ZOrganisationEdit, name: "change partner organisation" }, async (ctx, input, raw) => {
  const { organisationId, ...fields } = input;
  const result = await updateOrganisation(staffActor(ctx), organisationId, fields, ctx.ip);
  if (result.outcome === "name-taken") return { errors: [{ field: "name", message: words().nameTaken }], values: raw };
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/${organisationId}?saved=1`);
});

export const deactivateOrganisationAction = staffAction({ permission: "organisations:manage", schema: ZOrganisationRef, name: "deactivate partner organisation" }, async (ctx, input, raw) => {
  const result = await setOrganisationActive(staffActor(ctx), input.organisationId, false, ctx.ip);
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/${input.organisationId}`);
});

export const reactivateOrganisationAction = staffAction({ permission: "organisations:manage", schema: ZOrganisationRef, name: "reactivate partner organisation" }, async (ctx, input, raw) => {
  const result = await setOrganisationActive(staffActor(ctx), input.organisationId, true, ctx.ip);
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/${input.organisationId}?reactivated=1`);
});

function memberAction(name: string, change: Parameters<typeof changeMember>[3]) {
  return staffAction({ permission: "organisations:manage", schema: ZMemberRef, name }, async (ctx, input, raw) => {
    const result = await changeMember(staffActor(ctx), input.organisationId, input.membershipId, change, ctx.ip);
    if (result.outcome !== "saved") return refused(result.outcome, raw, words().memberNotFound);
    redirect(`${base(ctx.council.slug)}/${input.organisationId}?member=${input.membershipId}`);
  });
}

export const makeLeadAction = memberAction("make organisation lead", { kind: "lead", lead: true });
export const removeLeadAction = memberAction("remove organisation lead", { kind: "lead", lead: false });
export const deactivateOrganisationMemberAction = memberAction("deactivate organisation member", { kind: "active", active: false });
export const reactivateOrganisationMemberAction = memberAction("reactivate organisation member", { kind: "active", active: true });

export const recordTrainingAction = staffAction({ permission: "organisations:manage", schema: ZTraining, name: "record member training" }, async (ctx, input, raw) => {
  const result = await changeMember(staffActor(ctx), input.organisationId, input.membershipId, { kind: "training", completedOn: input.completedOn, expiresOn: input.expiresOn }, ctx.ip);
  if (result.outcome !== "saved") return refused(result.outcome, raw, words().memberNotFound);
  redirect(`${base(ctx.council.slug)}/${input.organisationId}?member=${input.membershipId}`);
});
