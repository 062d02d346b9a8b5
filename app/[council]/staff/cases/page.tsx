import { readSearchParams } from "@/lib/forms/text";
import { QueueView } from "@/components/cases/queue";
import { TakeApplicationLink } from "@/components/assisted/take-application-link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { staffActor } from "@/lib/actor";
import { queueFilterOptions } from "@/lib/cases/options";
import { listCaseQueue, ZQueueQuery } from "@/lib/cases/queue";
import { messagesFor } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, ui] = await Promise.all([getTranslations("queue"), getTranslations("staffUi")]);
  return { title: ui("title", { title: t("title") }) };
}

export default async function CaseQueuePage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "cases:read");
  const actor = staffActor(access);
  const raw = await readSearchParams(searchParams);
  const query = ZQueueQuery.parse(raw);
  const now = new Date();
  const [page, options, t] = await Promise.all([listCaseQueue(actor, query, now), queueFilterOptions(actor), getTranslations("queue")]);
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{t("title")}</h1>
      <TakeApplicationLink slug={slug} show={access.permissions.has("cases:work")} />
      <QueueView base={`/${slug}/staff/cases`} query={query} page={page!} m={messagesFor("en")} caseworkers={options.caseworkers} organisations={options.organisations} now={now} />
    </>
  );
}
