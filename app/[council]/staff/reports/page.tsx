import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireCouncilPermission } from "@/lib/auth/access";

// A minimal index until the managers' dashboard (issue 20) takes this page over: it lists the
// reports there are, today the funder's returns.
export async function generateMetadata() {
  return { title: (await getTranslations("reporting"))("index.title") };
}

export default async function ReportsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "reports:read");
  const t = await getTranslations("reporting");
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("index.title")}</h1>
      <ul className="govuk-list">
        <li>
          <h2 className="govuk-heading-m mb-1">
            <Link href={`/${slug}/staff/reports/returns`} className="govuk-link" data-testid="funder-returns-link">
              {t("index.returnsLink")}
            </Link>
          </h2>
          <p className="govuk-body">{t("index.returnsDescription")}</p>
        </li>
      </ul>
    </>
  );
}
