import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MembersTable } from "@/components/partners/members-table";
import { BackLink } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateShort } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import { getLeadView } from "@/lib/partners/queries";

export const metadata = { title: "Your organisation – Partner portal – Money Hub" };

export default async function PartnerOrganisationLeadPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "referrals:read-own", `/${slug}/partner/sign-in`);
  const t = await getTranslations("partnerAdmin");
  const view = await getLeadView(access);
  if (!view) {
    return (
      <>
        <BackLink href={`/${slug}/partner`}>{t("lead.back")}</BackLink>
        <h1>{t("lead.title")}</h1>
        <p data-testid="not-lead">{t("lead.notLead")}</p>
      </>
    );
  }
  const organisation = view.organisation;
  return (
    <>
      <BackLink href={`/${slug}/partner`}>{t("lead.back")}</BackLink>
      <span className="govuk-caption-l">
        {access.council.name} · {organisation}
      </span>
      <h1>{t("lead.title")}</h1>
      <p>{t("lead.intro", { organisation })}</p>
      <MembersTable
        members={view.members}
        words={{
          caption: t("lead.membersCaption", { organisation }),
          name: t("detail.memberName"),
          email: t("detail.memberEmail"),
          training: t("detail.memberTraining"),
          lead: t("detail.memberRole"),
          status: t("detail.memberStatus"),
          isLead: t("detail.lead"),
          notLead: t("detail.notLead"),
          active: t("status.active"),
          deactivated: t("status.deactivated"),
          trainingText: (m) => (m.trainingExpiresOn ? t(`training.${m.training}`, { date: formatDateShort(m.trainingExpiresOn) }) : t("training.untrained")),
        }}
      />
      <p>
        <Link className="govuk-link" href={`/${slug}/partner/referrals/organisation`}>
          {t("lead.referrals", { organisation })}
        </Link>
      </p>
      <h2 className="govuk-heading-l">{t("lead.allowance")}</h2>
      {view.allowances.length ? (
        <>
          <p>{t("lead.allowanceIntro", { organisation })}</p>
          <Table
            caption={t("lead.allowanceCaption")}
            captionHidden
            testId="allowance-table"
            rows={view.allowances}
            rowKey={(p) => p.id}
            columns={[
              { key: "pot", header: t("lead.pot"), cell: (p) => (p.active ? p.name : <>{p.name} <Tag colour="grey">{t("lead.closed")}</Tag></>) },
              { key: "largest", header: t("lead.largestAward"), numeric: true, cell: (p) => (p.maxSingleAwardPence === null ? t("lead.noLimit") : formatPence(p.maxSingleAwardPence)) },
              { key: "committed", header: t("lead.committed"), numeric: true, cell: (p) => formatPence(p.committedPence) },
              { key: "remaining", header: t("lead.remaining"), numeric: true, cell: (p) => formatPence(p.remainingPence) },
            ]}
          />
        </>
      ) : (
        <p>{t("lead.noAllowance", { organisation })}</p>
      )}
    </>
  );
}
