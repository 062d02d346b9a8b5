import Link from "next/link";
import { ReferralsTable } from "@/components/referrals/referrals-table";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { readSearchParams } from "@/lib/forms/text";
import { getMessages } from "@/lib/i18n/server";
import { listMyReferrals } from "@/lib/referrals/queries";
import { requireReferrer } from "@/lib/referrals/pages";

export const metadata = { title: "My referrals – Money Hub" };

export default async function MyReferralsPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ handedOver?: string }> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const { access, actor } = await requireReferrer(slug);
  const { m } = await getMessages(access.council);
  const w = m.referrals.list;
  const rows = await listMyReferrals(actor);
  return (
    <>
      <BackLink href={`/${slug}/partner`}>{m.common.back}</BackLink>
      <SuccessBanner testId="handed-over">{query.handedOver ? w.handedOver : null}</SuccessBanner>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <p>{w.intro}</p>
      <p>
        <Link className="govuk-link" href={`/${slug}/partner/referrals/new`}>
          {m.referrals.home.newReferral}
        </Link>
      </p>
      {rows.length ? <ReferralsTable slug={slug} rows={rows} m={m} caption={w.title} /> : <p>{w.none}</p>}
    </>
  );
}
