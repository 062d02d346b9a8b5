"use server";
import { redirect } from "next/navigation";
import { staffAction, publicAction } from "@/lib/auth/action-client";
import { getSessionUser, startSession } from "@/lib/auth/session";
import { formError } from "@/lib/forms/form-state";
import { format } from "@/lib/i18n";
import { partnerAdminMessages } from "@/lib/i18n/catalogues";
import { acceptInvitation } from "@/lib/people/accept-invitation";
import { changeMemberRoles } from "@/lib/people/change-member-roles";
import { deactivateMember } from "@/lib/people/deactivate-member";
import { inviteMember } from "@/lib/people/invite-member";
import { invitationTotpSecret } from "@/lib/people/invitation-secret";
import { ZAcceptInvitation, ZAcceptStaffInvitation, ZChangeRoles, ZInviteReferrer, ZInviteStaff, ZMemberRef } from "@/lib/people/schemas";

export const inviteStaffAction = staffAction({ permission: "people:manage", schema: ZInviteStaff, name: "invite staff" }, async (ctx, input, raw) => {
  const result = await inviteMember(ctx, input, ctx.ip);
  if (result.outcome === "already-member") return { errors: [{ field: "email", message: "This person already has that role in this council" }], values: raw };
  if (result.outcome !== "invited") return formError("The invitation could not be sent.", raw);
  redirect(`/${ctx.council.slug}/staff/people?invited=${encodeURIComponent(input.email)}`);
});

export const inviteReferrerAction = staffAction({ permission: "people:manage", schema: ZInviteReferrer, name: "invite referrer" }, async (ctx, input, raw) => {
  const result = await inviteMember(ctx, { ...input, role: "REFERRER" }, ctx.ip);
  if (result.outcome === "already-member") return { errors: [{ field: "email", message: "This person is already a referrer for this council" }], values: raw };
  if (result.outcome === "bad-organisation") return { errors: [{ field: "organisationId", message: "Select the partner organisation" }], values: raw };
  if (result.outcome === "domain-not-allowed") {
    return { errors: [{ field: "email", message: "Enter an email address from one of the organisation's allowed domains" }], values: raw };
  }
  redirect(`/${ctx.council.slug}/staff/people?invited=${encodeURIComponent(input.email)}`);
});

/**
 * A member invited from their organisation's page (council admins, organisations:manage): the
 * same invitation as above, back to that page, and the domain error names the allowed domains.
 */
export const inviteOrganisationMemberAction = staffAction({ permission: "organisations:manage", schema: ZInviteReferrer, name: "invite organisation member" }, async (ctx, input, raw) => {
  const words = partnerAdminMessages().actionErrors;
  const result = await inviteMember(ctx, { ...input, role: "REFERRER" }, ctx.ip);
  if (result.outcome === "already-member") return { errors: [{ field: "email", message: words.alreadyMember }], values: raw };
  if (result.outcome === "bad-organisation") return formError(words.organisationInactive, raw);
  if (result.outcome === "domain-not-allowed") {
    return { errors: [{ field: "email", message: format(words.domainNotAllowed, { domains: result.allowedDomains.map((d) => `@${d}`).join(" or ") }) }], values: raw };
  }
  redirect(`/${ctx.council.slug}/staff/partners/${input.organisationId}?invited=${encodeURIComponent(input.email)}`);
});

export const changeRolesAction = staffAction({ permission: "people:manage", schema: ZChangeRoles, name: "change roles" }, async (ctx, input, raw) => {
  const result = await changeMemberRoles(ctx, input.userId, input.roles, ctx.ip);
  if (result.outcome === "not-found") return formError("That person does not work for this council.", raw);
  if (result.outcome === "own-admin-role") return { errors: [{ field: "roles", message: "You cannot remove your own council admin role. Ask another admin" }], values: raw };
  redirect(`/${ctx.council.slug}/staff/people?changed=${input.userId}`);
});

export const deactivateAction = staffAction({ permission: "people:manage", schema: ZMemberRef, name: "deactivate person" }, async (ctx, input, raw) => {
  const result = await deactivateMember(ctx, input.userId, ctx.ip);
  if (result.outcome === "not-found") return formError("That person does not work for this council.", raw);
  if (result.outcome === "self") return formError("You cannot deactivate yourself. Ask another council admin.", raw);
  redirect(`/${ctx.council.slug}/staff/people?deactivated=${input.userId}`);
});

/** A new staff account: password and authenticator app in one step. */
export const acceptStaffInvitationAction = publicAction({ schema: ZAcceptStaffInvitation, name: "accept staff invitation" }, async ({ council }, input, raw) => {
  const result = await acceptInvitation(council, {
    token: input.token,
    password: input.password,
    totpSecret: invitationTotpSecret(input.token),
    code: input.code,
    signedIn: await getSessionUser(),
  });
  if (result.outcome === "wrong-code") {
    return { errors: [{ field: "code", message: "The code is not right. Enter the latest 6-digit code from your authenticator app" }], values: { token: raw.token ?? "" } };
  }
  if (result.outcome === "sign-in-required" || result.outcome === "wrong-account") redirect(`/${council.slug}/invitations/${encodeURIComponent(input.token)}`);
  if (result.outcome === "invalid") redirect(`/${council.slug}/invitations/used`);
  if (result.newAccount) await startSession(result.user, "password+totp");
  redirect(`/${council.slug}/staff`);
});

const acceptWithButton = publicAction({ schema: ZAcceptInvitation, name: "accept invitation" }, async ({ council }, input) => {
  const result = await acceptInvitation(council, { token: input.token, signedIn: await getSessionUser() });
  if (result.outcome === "sign-in-required" || result.outcome === "wrong-account" || result.outcome === "wrong-code") {
    redirect(`/${council.slug}/invitations/${encodeURIComponent(input.token)}`);
  }
  if (result.outcome !== "accepted") redirect(`/${council.slug}/invitations/used`);
  // A new referrer signs in by email link; an existing account is already signed in.
  if (result.newAccount) redirect(`/${council.slug}/partner/sign-in?joined=1`);
  redirect(result.role === "REFERRER" ? `/${council.slug}/partner` : `/${council.slug}/staff`);
});

/**
 * A button-only form, for new referrers and for people who already have an account and are
 * signed in as the invited address. It always ends in a redirect.
 */
export async function acceptInvitationAction(councilSlug: string, formData: FormData): Promise<void> {
  await acceptWithButton(councilSlug, { errors: [], values: {} }, formData);
  redirect(`/${encodeURIComponent(councilSlug)}/invitations/used`);
}
