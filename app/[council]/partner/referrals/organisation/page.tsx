import { forbidden } from "next/navigation";
import { ReferralsTable } from "@/components/referrals/referrals-table";
import { BackLink } from "@/components/ui/layout-parts";
import { getMessages } from "@/lib/i18n/server";
import { listOrganisationReferrals } from "@/lib/referrals/queries";
import { requireReferrer } from "@/lib/referrals/pages";

export const metadata = { title: "My organisation's referrals – Money Hub" };

// The organisation's lead only (issue 17: the lead sees the organisation's referrals).
export default async function OrganisationReferralsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { access, actor } = await requireReferrer(slug);
  const rows = await listOrganisationReferrals(actor);
  if (!rows) forbidden();
  const { m } = await getMessages(access.council);
  const w = m.referrals.list;
  return (
    <>
      <BackLink href={`/${slug}/partner`}>{m.common.back}</BackLink>
      <h1 className="govuk-heading-l">{w.organisationTitle}</h1>
      <p>{w.organisationIntro}</p>
      {rows.length ? <ReferralsTable slug={slug} rows={rows} m={m} caption={w.organisationTitle} showFollowedBy /> : <p>{w.none}</p>}
    </>
  );
}
