import Link from "next/link";
import { ButtonForm } from "@/components/referrals/referral-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { formatDateTimeShort } from "@/lib/dates";
import { getMessages } from "@/lib/i18n/server";
import { startReferral } from "@/lib/referrals/actions";
import { listReferralDrafts } from "@/lib/referrals/drafts";
import { draftPath, requireReferrer } from "@/lib/referrals/pages";

export const metadata = { title: "Make a new referral – Money Hub" };

export default async function NewReferralPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { access, actor } = await requireReferrer(slug, "referrals:submit");
  const { m } = await getMessages(access.council);
  const w = m.referrals.new;
  const drafts = await listReferralDrafts(access.council, actor);
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/partner`}>{m.common.back}</BackLink>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <p>{w.intro}</p>
      <ButtonForm action={startReferral.bind(null, slug)} title={w.title} label={w.start} words={{ thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix }} />
      <h2 className="govuk-heading-m">{w.drafts}</h2>
      {drafts.length ? (
        <Table
          caption={w.drafts}
          captionHidden
          testId="referral-drafts"
          rows={drafts}
          rowKey={(d) => d.id}
          columns={[
            { key: "resident", header: w.resident, cell: (d) => d.name ?? w.unnamed },
            { key: "saved", header: w.lastSaved, cell: (d) => formatDateTimeShort(d.updatedAt), nowrap: true },
            {
              key: "continue",
              header: <span className="govuk-visually-hidden">{w.continue}</span>,
              cell: (d) => (
                <Link className="govuk-link" href={draftPath(slug, d.id, "full-name")}>
                  {w.continue}
                  <span className="govuk-visually-hidden"> {d.name ?? w.unnamed}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p>{w.noDrafts}</p>
      )}
    </div>
  );
}
