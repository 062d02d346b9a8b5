import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/outreach/forms";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { readSearchParams } from "@/lib/forms/text";
import { createCampaignAction } from "@/lib/outreach/actions";
import { OUTREACH_CHANNELS } from "@/lib/outreach/campaigns";
import { listImports } from "@/lib/outreach/imports";

export async function generateMetadata() {
  return { title: (await getTranslations("outreachAdmin"))("campaign.newTitle") };
}

export default async function NewCampaignPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ list?: string }> }) {
  const { council: slug } = await params;
  const { list } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "outreach:manage");
  const t = await getTranslations("outreachAdmin");
  const lists = ((await listImports(staffActor(access))) ?? []).filter((i) => i.status === "IMPORTED");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/outreach`}>{t("campaign.back")}</BackLink>
      {lists.length ? (
        <CampaignForm
          action={createCampaignAction.bind(null, slug)}
          title={t("campaign.newTitle")}
          lists={lists.map((i) => ({ value: i.id, label: `${i.fileName} (${i.importedRows.toLocaleString("en-GB")})` }))}
          channels={OUTREACH_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          defaults={{ importId: list ?? lists[0]!.id }}
          words={{ name: t("campaign.name"), nameHint: t("campaign.nameHint"), channel: t("campaign.channel"), channelHint: t("campaign.channelHint"), list: t("campaign.list"), submit: t("campaign.submit") }}
        />
      ) : (
        <>
          <h1 className="govuk-heading-l">{t("campaign.newTitle")}</h1>
          <p className="govuk-body">{t("campaign.noLists")}</p>
        </>
      )}
    </div>
  );
}
