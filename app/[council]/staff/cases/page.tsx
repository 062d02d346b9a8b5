import { readSearchParams } from "@/lib/forms/text";
import { QueueView } from "@/components/cases/queue";
import { requireCouncilPermission } from "@/lib/auth/access";
import { staffActor } from "@/lib/actor";
import { queueFilterOptions } from "@/lib/cases/options";
import { listCaseQueue, ZQueueQuery } from "@/lib/cases/queue";
import { messagesFor } from "@/lib/i18n/catalogues";

export const metadata = { title: "Cases – Money Hub" };

export default async function CaseQueuePage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "cases:read");
  const actor = staffActor(access);
  const raw = await readSearchParams(searchParams);
  const query = ZQueueQuery.parse(raw);
  const now = new Date();
  const [page, options] = await Promise.all([listCaseQueue(actor, query, now), queueFilterOptions(actor)]);
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>Cases</h1>
      <QueueView base={`/${slug}/staff/cases`} query={query} page={page!} m={messagesFor("en")} caseworkers={options.caseworkers} organisations={options.organisations} now={now} />
    </>
  );
}
