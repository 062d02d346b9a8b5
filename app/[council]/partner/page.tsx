import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { formatPence } from "@/lib/money";
import { getPartnerHome } from "@/lib/partners/queries";
import { allowancesOf, referrerStanding } from "@/lib/referrals/queries";
import { requireReferrer } from "@/lib/referrals/pages";

export const metadata = { title: "Partner portal – Money Hub" };

export default async function PartnerHomePage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { access, actor } = await requireReferrer(slug);
  const [home, standing, allowances, { m }] = await Promise.all([getPartnerHome(access), referrerStanding(actor), allowancesOf(actor), getMessages(access.council)]);
  const w = m.referrals.home;
  const api = await getTranslations("partnerApi");
  return (
    <div className="md:w-2/3">
      <span className="govuk-caption-l">
        {home.council} · {home.organisation}
      </span>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <p>{format(w.hello, { name: home.userName })}</p>
      <p>{format(w.intro, { council: home.council })}</p>
      <ul className="govuk-list" data-testid="partner-navigation">
        <li>
          <Link className="govuk-link" href={`/${slug}/partner/referrals/new`}>
            {w.newReferral}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" href={`/${slug}/partner/referrals`}>
            {w.myReferrals}
          </Link>
        </li>
        {standing?.lead ? (
          <li>
            <Link className="govuk-link" href={`/${slug}/partner/referrals/organisation`}>
              {w.organisationReferrals}
            </Link>
          </li>
        ) : null}
        {standing?.lead ? (
          <li>
            <Link className="govuk-link" href={`/${slug}/partner/organisation`}>
              {w.organisation}
            </Link>
          </li>
        ) : null}
        {standing?.lead ? (
          <>
            <li>
              <Link className="govuk-link" href={`/${slug}/partner/api-keys`}>
                {api("nav.apiKeys")}
              </Link>
            </li>
            <li>
              <Link className="govuk-link" href={`/${slug}/partner/webhooks`}>
                {api("nav.webhooks")}
              </Link>
            </li>
          </>
        ) : null}
      </ul>
      <p data-testid="training-status">{standing?.trained && standing.trainingExpiresOn ? format(w.training, { date: formatDate(new Date(`${standing.trainingExpiresOn}T12:00:00Z`)) }) : w.untrained}</p>
      {allowances.length ? (
        <>
          <h2 className="govuk-heading-m">{w.allowances}</h2>
          <ul className="govuk-list">
            {allowances.map((a) => (
              <li key={a.id}>{format(w.allowanceLeft, { pot: a.name, available: formatPence(a.availablePence) })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
