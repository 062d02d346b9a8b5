import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { RowAction, SecretForm } from "@/app/[council]/partner/api-keys/forms";
import { BackLink, pageTitle } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTimeShort } from "@/lib/dates";
import { addWebhookAction, deactivateWebhookAction, sendTestEventAction } from "@/lib/partner-api/actions";
import { isOrganisationLead, listWebhooks } from "@/lib/partner-api/manage";

export default async function WebhooksPage({ params }: { params: Promise<{ council: string }> }) {
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
  const { endpoints, deliveries } = await listWebhooks(access);
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  const statusColour = { PENDING: "blue", DELIVERED: "green", FAILED: "red" } as const;
  return (
    <>
      <BackLink href={`/${slug}/partner`} />
      <h1>{t("webhooks.title")}</h1>
      <p>{t("webhooks.intro")}</p>
      <p>
        <Link className="govuk-link" href="/developers#webhooks">
          {t("nav.developers")}
        </Link>
      </p>
      <SecretForm
        action={addWebhookAction.bind(null, slug)}
        title={t("webhooks.title")}
        heading={t("webhooks.addHeading")}
        field={{ name: "url", label: t("webhooks.urlLabel"), hint: t("webhooks.urlHint"), type: "url" }}
        resultKey="secret"
        words={{ submit: t("webhooks.add"), shownHeading: t("webhooks.addedHeading") }}
      />
      {endpoints.length === 0 ? (
        <p>{t("webhooks.none")}</p>
      ) : (
        <Table
          caption={t("webhooks.listHeading")}
          rows={endpoints}
          rowKey={(e) => e.id}
          testId="webhook-endpoints"
          small
          columns={[
            { key: "url", header: t("webhooks.colUrl"), cell: (e) => <span className="break-all">{e.url}</span> },
            { key: "status", header: t("webhooks.colStatus"), cell: (e) => (e.active ? <Tag colour="green">{t("webhooks.active")}</Tag> : <Tag colour="grey">{t("webhooks.inactive")}</Tag>) },
            {
              key: "action",
              header: t("webhooks.colAction"),
              cell: (e) =>
                e.active ? (
                  <>
                    <RowAction successTitle={ui("success")} action={sendTestEventAction.bind(null, slug)} hidden={{ endpointId: e.id }} label={t("webhooks.sendTest")} visuallyHidden={t("webhooks.endpointHidden", { url: e.url })} />
                    <RowAction successTitle={ui("success")} action={deactivateWebhookAction.bind(null, slug)} hidden={{ endpointId: e.id }} label={t("webhooks.turnOff")} visuallyHidden={t("webhooks.endpointHidden", { url: e.url })} variant="warning" />
                  </>
                ) : null,
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">{t("webhooks.logHeading")}</h2>
      <p>{t("webhooks.logIntro")}</p>
      {deliveries.length === 0 ? (
        <p>{t("webhooks.logNone")}</p>
      ) : (
        <Table
          caption={t("webhooks.logHeading")}
          captionHidden
          small
          rows={deliveries}
          rowKey={(d) => d.id}
          testId="webhook-deliveries"
          columns={[
            { key: "sent", header: t("webhooks.colSent"), cell: (d) => formatDateTimeShort(d.createdAt) },
            { key: "event", header: t("webhooks.colEvent"), cell: (d) => <code>{d.event}</code> },
            { key: "url", header: t("webhooks.colUrl"), cell: (d) => <span className="break-all">{urlOf.get(d.endpointId)}</span> },
            { key: "status", header: t("webhooks.colStatus"), cell: (d) => <Tag colour={statusColour[d.status as keyof typeof statusColour]}>{t(`webhooks.status${d.status as "PENDING" | "DELIVERED" | "FAILED"}`)}</Tag> },
            { key: "tries", header: t("webhooks.colTries"), cell: (d) => d.attempts, numeric: true },
            { key: "response", header: t("webhooks.colResponse"), cell: (d) => <span className="break-all">{d.responseCode ? `HTTP ${d.responseCode}` : (d.lastError ?? t("webhooks.noResponse"))}</span> },
            { key: "next", header: t("webhooks.colNext"), cell: (d) => (d.status === "PENDING" && d.nextAttemptAt ? formatDateTimeShort(d.nextAttemptAt) : "") },
          ]}
        />
      )}
    </>
  );
}
