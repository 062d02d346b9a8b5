import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { statusColour } from "@/components/outreach/status";
import { BackLink } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/dates";
import { readCampaign } from "@/lib/outreach/campaigns";
import { readCampaignFunnel } from "@/lib/outreach/funnel";
import { env } from "@/lib/env";

export async function generateMetadata() {
  return { title: (await getTranslations("outreachAdmin"))("campaign.caption") };
}

const STAGES = ["invited", "started", "submitted", "awarded"] as const;

export default async function CampaignPage({ params }: { params: Promise<{ council: string; campaignId: string }> }) {
  const { council: slug, campaignId } = await params;
  const access = await requireCouncilPermission(slug, "outreach:manage");
  const actor = staffActor(access);
  const campaign = await readCampaign(actor, campaignId);
  if ("outcome" in campaign) notFound();
  const funnel = (await readCampaignFunnel(actor, campaignId))!;
  const t = await getTranslations("outreachAdmin");
  const sending = campaign.status === "SENDING";
  const pct = (x: number) => (funnel.invited ? `${Math.round((x / funnel.invited) * 100)}%` : "–");
  return (
    <>
      {sending ? <meta httpEquiv="refresh" content="2" /> : null}
      <BackLink href={`/${slug}/staff/outreach`}>{t("campaign.back")}</BackLink>
      <span className="govuk-caption-l">
        {t("campaign.caption")}: {t(`channels.${campaign.channel}`)}, {campaign.fileName}
      </span>
      <h1 className="govuk-heading-l">{campaign.name}</h1>
      <p className="govuk-body">
        <Tag colour={statusColour(campaign.status)} testId="outreach-campaign-status">
          {t(`statuses.${campaign.status}`)}
        </Tag>{" "}
        <span data-testid="outreach-invited">{t("campaign.invited", { count: campaign.invitedCount.toLocaleString("en-GB") })}</span>
      </p>
      <p className="govuk-body">{sending ? t("campaign.sending") : campaign.sentAt ? t("campaign.sent", { date: formatDateTime(campaign.sentAt) }) : null}</p>
      {campaign.channel === "LETTER" && !sending ? (
        <>
          <p className="govuk-body">{t("campaign.lettersHint")}</p>
          <a href={`/${slug}/staff/outreach/campaigns/${campaign.id}/letters`} className="govuk-button govuk-button--secondary" data-testid="outreach-letters" download>
            {t("campaign.letters")}
          </a>
        </>
      ) : null}
      {campaign.channel !== "LETTER" && env().NOTIFICATIONS_PROVIDER === "dev-mailbox" ? <p className="govuk-hint">{t("campaign.mailbox")}</p> : null}
      <h2 className="govuk-heading-m">{t("campaign.funnelHeading")}</h2>
      <Table
        caption={t("campaign.funnelCaption")}
        captionHidden
        testId="outreach-funnel"
        rows={STAGES.map((s) => ({ stage: s, count: funnel[s] }))}
        rowKey={(r) => r.stage}
        columns={[
          { key: "stage", header: t("campaign.stage"), cell: (r) => t(`campaign.stages.${r.stage}`) },
          { key: "count", header: t("campaign.count"), numeric: true, cell: (r) => <span data-testid={`funnel-${r.stage}`}>{r.count.toLocaleString("en-GB")}</span> },
          { key: "pct", header: t("campaign.ofInvited"), numeric: true, cell: (r) => pct(r.count) },
        ]}
      />
    </>
  );
}
