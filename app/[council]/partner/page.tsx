import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { isOrganisationLead } from "@/lib/partner-api/manage";
import { getPartnerHome } from "@/lib/partners/queries";

export const metadata = { title: "Partner portal – Money Hub" };

export default async function PartnerHomePage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "referrals:read-own", `/${slug}/partner/sign-in`);
  const home = await getPartnerHome(access);
  const t = await getTranslations("partnerApi");
  const lead = await isOrganisationLead(access);
  return (
    <>
      <span className="govuk-caption-l">
        {home.council} · {home.organisation}
      </span>
      <h1>Partner portal</h1>
      <p>Hello, {home.userName}. From here you will make fast-track referrals for the residents you support and see what happened to them.</p>
      <h2 className="govuk-heading-m">Your referrals</h2>
      <p>You have not made any referrals yet.</p>
      {lead ? (
        <ul className="govuk-list" data-testid="partner-api-links">
          <li>
            <Link className="govuk-link" href={`/${slug}/partner/api-keys`}>{t("nav.apiKeys")}</Link>
          </li>
          <li>
            <Link className="govuk-link" href={`/${slug}/partner/webhooks`}>{t("nav.webhooks")}</Link>
          </li>
        </ul>
      ) : null}
    </>
  );
}
