import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { listPartnerOrganisations } from "@/lib/partners/queries";

export const metadata = { title: "Partner organisations – Money Hub" };

export default async function PartnersPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "organisations:manage");
  const t = await getTranslations("partnerAdmin");
  const organisations = (await listPartnerOrganisations(staffActor(access))) ?? [];
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro", { council: access.council.name })}</p>
      <Link href={`/${slug}/staff/partners/new`} className="govuk-button" role="button" draggable={false}>
        {t("list.add")}
      </Link>
      {organisations.length ? (
        <Table
          caption={t("list.caption")}
          captionHidden
          testId="partners-table"
          rows={organisations}
          rowKey={(o) => o.id}
          columns={[
            {
              key: "name",
              header: t("list.name"),
              cell: (o) => (
                <Link href={`/${slug}/staff/partners/${o.id}`} className="govuk-link">
                  {o.name}
                </Link>
              ),
            },
            { key: "type", header: t("list.type"), cell: (o) => t(`types.${o.type}`) },
            { key: "domains", header: t("list.domains"), cell: (o) => <span className="break-all">{o.allowedEmailDomains.join(", ")}</span> },
            { key: "members", header: t("list.members"), numeric: true, cell: (o) => o.members },
            { key: "status", header: t("list.status"), cell: (o) => (o.active ? <Tag colour="green">{t("status.active")}</Tag> : <Tag colour="grey">{t("status.deactivated")}</Tag>) },
          ]}
        />
      ) : (
        <p>{t("list.none")}</p>
      )}
    </>
  );
}
