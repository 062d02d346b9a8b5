import Link from "next/link";
import { loadApplyContext } from "@/lib/applications/pages";
import { format } from "@/lib/i18n";
import { openInvitationAction } from "@/lib/outreach/actions";
import { readInvitationLanding } from "@/lib/outreach/invitations";

// An outreach invitation's landing page, in the household's language (the link goes through the
// language switch first). Opening it changes nothing: mail scanners open links too. The button
// spends the link and opens the pre-filled application (lib/outreach/invitations.ts).
export default async function InvitationPage({ params }: { params: Promise<{ council: string; token: string }> }) {
  const { council: slug, token } = await params;
  const { council, m } = await loadApplyContext(slug);
  const landing = await readInvitationLanding(council, token);
  const w = m.outreach;
  if (landing.state !== "open") {
    const used = landing.state === "used";
    return (
      <div className="md:w-2/3">
        <title>{`${used ? w.problem.usedTitle : w.problem.expiredTitle} – Money Hub`}</title>
        <h1 data-testid="invitation-problem">{used ? w.problem.usedTitle : w.problem.expiredTitle}</h1>
        <p>{used ? w.problem.usedBody : w.problem.expiredBody}</p>
        <p>
          <Link href={`/${slug}/apply`}>{w.problem.start}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="md:w-2/3">
      <title>{`${w.landing.title} – Money Hub`}</title>
      <span className="govuk-caption-l">{council.name}</span>
      <h1 data-testid="invitation-title">{w.landing.title}</h1>
      <p>{format(w.landing.body, { council: council.name })}</p>
      <p>{w.landing.prefilled}</p>
      <p>{w.landing.consent}</p>
      <form action={openInvitationAction.bind(null, slug, token)}>
        <button type="submit" className="govuk-button govuk-button--start" data-module="govuk-button" data-testid="invitation-start">
          {w.landing.start}
          <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </button>
      </form>
      <p className="govuk-body-s">{w.landing.oneUse}</p>
    </div>
  );
}
