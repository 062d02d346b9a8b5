import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SecretForm, RowAction } from "@/app/[council]/partner/api-keys/forms";
import { BackLink, pageTitle } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTimeShort } from "@/lib/dates";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/partner-api/actions";
import { isOrganisationLead, listApiKeys } from "@/lib/partner-api/manage";

export default async function ApiKeysPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "referrals:submit", `/${slug}/partner/sign-in`);
  const [t, ui] = await Promise.all([getTranslations("partnerApi"), getTranslations("staffUi")]);
  if (!(await isOrganisationLead(access))) {
    return (
      <>
        <title>{pageTitle(t("notLead.title"))}</title>
        <BackLink href={`/${slug}/partner`} />
        <h1>{t("notLead.title")}</h1>
        <p>{t("notLead.body")}</p>
      </>
    );
  }
  const keys = await listApiKeys(access);
  return (
    <>
      <BackLink href={`/${slug}/partner`} />
      <h1>{t("keys.title")}</h1>
      <p>{t("keys.intro", { council: access.council.name })}</p>
      <p>
        <Link className="govuk-link" href="/developers">
          {t("keys.docs")}
        </Link>
      </p>
      <SecretForm
        action={createApiKeyAction.bind(null, slug)}
        title={t("keys.title")}
        heading={t("keys.createHeading")}
        field={{ name: "name", label: t("keys.nameLabel"), hint: t("keys.nameHint") }}
        resultKey="key"
        words={{ submit: t("keys.create"), shownHeading: t("keys.createdHeading") }}
      />
      {keys.length === 0 ? (
        <p>{t("keys.none")}</p>
      ) : (
        <Table
          caption={t("keys.listHeading")}
          rows={keys}
          rowKey={(k) => k.id}
          testId="api-keys"
          small
          columns={[
            { key: "name", header: t("keys.colName"), cell: (k) => k.name },
            { key: "prefix", header: t("keys.colKey"), cell: (k) => <code className="break-all">{k.prefix}</code> },
            { key: "created", header: t("keys.colCreated"), cell: (k) => formatDateTimeShort(k.createdAt) },
            { key: "used", header: t("keys.colLastUsed"), cell: (k) => (k.lastUsedAt ? formatDateTimeShort(k.lastUsedAt) : t("keys.neverUsed")) },
            {
              key: "status",
              header: t("keys.colStatus"),
              cell: (k) =>
                k.revokedAt ? (
                  <>
                    <Tag colour="grey">{t("keys.revokedTag")}</Tag> {formatDateTimeShort(k.revokedAt)}
                  </>
                ) : (
                  <Tag colour="green">{t("keys.live")}</Tag>
                ),
            },
            {
              key: "action",
              header: t("keys.colAction"),
              cell: (k) => (k.revokedAt ? null : <RowAction successTitle={ui("success")} action={revokeApiKeyAction.bind(null, slug)} hidden={{ keyId: k.id, prefix: k.prefix }} label={t("keys.revoke")} visuallyHidden={t("keys.revokeHidden", { name: k.name })} variant="warning" />),
            },
          ]}
        />
      )}
    </>
  );
}
