import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import QRCode from "qrcode";
import { AcceptStaffInvitationForm } from "@/components/people/accept-invitation-form";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { invitationAcceptance } from "@/lib/people/accept-invitation";
import { acceptInvitationAction, acceptStaffInvitationAction } from "@/lib/people/actions";
import { findOpenInvitation } from "@/lib/people/queries";
import { invitationTotpSecret } from "@/lib/people/invitation-secret";
import { totpUri } from "@/lib/security/totp";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { staffMessages } from "@/lib/i18n/catalogues";

export default async function InvitationPage({ params }: { params: Promise<{ council: string; token: string }> }) {
  const { council: slug, token } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const invitation = await findOpenInvitation(council.id, token);
  if (!invitation) redirect(`/${slug}/invitations/used`);

  const accept = acceptInvitationAction.bind(null, slug);
  const acceptButton = (
    <form action={accept}>
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="govuk-button">
        Accept and continue
      </button>
    </form>
  );
  const role = invitation.role === "REFERRER" ? `a referrer for ${invitation.organisation?.name}` : ROLE_LABELS[invitation.role as TRole];

  // An address that already has an account: its owner signs in with their own credentials, then
  // accepts. The link alone never sets a password or second factor for an existing account.
  const who = await invitationAcceptance(invitation.email, await getSessionUser());
  if (who === "invalid") redirect(`/${slug}/invitations/used`);
  if (who !== "new-account") {
    return (
      <div className="md:w-2/3">
        <title>Accept your invitation – Money Hub</title>
        <span className="govuk-caption">{council.name}</span>
        <h1>Accept your invitation</h1>
        <p>
          You have been invited to {council.name} Money Hub as {role}. The invitation is for {invitation.email}, which already has a Money Hub account.
        </p>
        {who === "existing-account" ? (
          acceptButton
        ) : who === "wrong-account" ? (
          <p>You are signed in as someone else. Sign out, sign in as {invitation.email}, then open the invitation link again.</p>
        ) : (
          <p>
            Sign in as you usually do (<Link href="/sign-in">staff sign-in</Link> with your password and authenticator app or your organisation&apos;s
            account, or an email link from a partner portal you already use), then open the invitation link again to accept it.
          </p>
        )}
      </div>
    );
  }

  if (invitation.role === "REFERRER") {
    return (
      <div className="md:w-2/3">
        <title>Join the partner portal – Money Hub</title>
        <span className="govuk-caption-l">{council.name}</span>
        <h1>Join the partner portal</h1>
        <p>
          {invitation.name}, you have been invited to make referrals to {council.name} Money Hub for {invitation.organisation?.name}.
        </p>
        {acceptButton}
      </div>
    );
  }

  const secret = invitationTotpSecret(token);
  const qr = await QRCode.toString(totpUri(secret, invitation.email), { type: "svg", margin: 1 });
  return (
    <div className="md:w-2/3">
      <p>
        You have been invited as {ROLE_LABELS[invitation.role as TRole]} ({invitation.email}).
      </p>
      <AcceptStaffInvitationForm
        action={acceptStaffInvitationAction.bind(null, slug)}
        token={token}
        totpSecret={secret}
        qrSvgDataUrl={`data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`}
        councilName={council.name}
        words={staffMessages().people.accept}
      />
    </div>
  );
}
