import { notFound, redirect } from "next/navigation";
import QRCode from "qrcode";
import { AcceptStaffInvitationForm } from "@/components/people/accept-invitation-form";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { acceptReferrerInvitationAction, acceptStaffInvitationAction } from "@/lib/people/actions";
import { findOpenInvitation } from "@/lib/people/queries";
import { invitationTotpSecret } from "@/lib/people/invitation-secret";
import { totpUri } from "@/lib/security/totp";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export default async function InvitationPage({ params }: { params: Promise<{ council: string; token: string }> }) {
  const { council: slug, token } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const invitation = await findOpenInvitation(council.id, token);
  if (!invitation) redirect(`/${slug}/invitations/used`);

  if (invitation.role === "REFERRER") {
    const action = acceptReferrerInvitationAction.bind(null, slug);
    return (
      <div className="md:w-2/3">
        <title>Join the partner portal – Money Hub</title>
        <span className="govuk-caption-l">{council.name}</span>
        <h1>Join the partner portal</h1>
        <p>
          {invitation.name}, you have been invited to make referrals to {council.name} Money Hub for {invitation.organisation?.name}.
        </p>
        <form action={action}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="govuk-button">
            Accept and continue
          </button>
        </form>
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
      />
    </div>
  );
}
