import Link from "next/link";
import { notFound } from "next/navigation";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export async function generateMetadata({ params }: { params: Promise<{ council: string }> }) {
  const council = await findCouncilBySlug((await params).council);
  const { m } = await getMessages(council);
  return { title: council ? `${format(m.councilStart.title, { council: council.name })} – Money Hub` : "Page not found – Money Hub" };
}

export default async function CouncilStartPage({ params }: { params: Promise<{ council: string }> }) {
  const council = await findCouncilBySlug((await params).council);
  if (!council) notFound();
  const { m } = await getMessages(council);
  const c = m.councilStart;
  const route = council.settings.applicationRoute;
  const [partnersBefore, partnersAfter] = c.partnersText.split("{link}");
  const [contactBefore, contactAfter] = c.contact.split("{email}");
  return (
    <div className="md:w-2/3">
      <h1>{format(c.title, { council: council.name })}</h1>
      <p>{format(c.lead, { council: council.name })}</p>
      {route !== "open" ? (
        <NotificationBanner title={m.start.closedTitle}>
          <p className="mb-0 font-bold" data-testid="applications-closed">
            {format(route === "paused" ? m.start.closedPaused : m.start.closedExhausted, { council: council.name })}
          </p>
        </NotificationBanner>
      ) : (
        <>
          <h2 className="govuk-heading-m">{c.applyHeading}</h2>
          <p>{c.applyText}</p>
          <p>
            <Link href={`/${council.slug}/apply`} className="govuk-button">
              {c.applyLink}
            </Link>
          </p>
        </>
      )}
      <p>
        <Link href={`/${council.slug}/status`}>{c.statusLink}</Link>
      </p>
      <p>
        {format(contactBefore ?? "", { phone: council.contactPhone })}
        <a href={`mailto:${council.contactEmail}`}>{council.contactEmail}</a>
        {contactAfter}
      </p>
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 className="govuk-heading-m">{c.partnersHeading}</h2>
      <p>
        {partnersBefore}
        <Link href={`/${council.slug}/partner/sign-in`}>{c.partnersLink}</Link>
        {partnersAfter}
      </p>
      <h2 className="govuk-heading-m">{c.staffHeading}</h2>
      <p>
        <Link href="/sign-in">{c.staffLink}</Link>
      </p>
    </div>
  );
}
