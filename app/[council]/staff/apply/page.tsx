import Link from "next/link";
import { StartAssistedForm } from "@/components/assisted/assisted-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { formatDateTimeShort } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { startAssisted } from "@/lib/assisted/actions";
import { ASSISTED_CHANNELS, listAssistedDrafts } from "@/lib/assisted/drafts";
import { assistedPath, assistedWords, requireOfficer } from "@/lib/assisted/pages";

// Take an application by phone or in person: choose the channel and start, or continue one of the
// officer's own unfinished applications (several at once, each found by its id and its officer).

export default async function TakeApplicationPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { access, actor } = await requireOfficer(slug);
  const m = messagesFor("en");
  const w = assistedWords.start;
  const drafts = await listAssistedDrafts(access.council, actor);
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff`}>{m.common.back}</BackLink>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <p>{w.intro}</p>
      <StartAssistedForm
        action={startAssisted.bind(null, slug)}
        words={{ title: w.title, channel: w.channel, start: w.start, thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix }}
        options={ASSISTED_CHANNELS.map((c) => ({ value: c, label: w.channels[c] }))}
      />
      <h2 className="govuk-heading-m">{w.drafts}</h2>
      {drafts.length ? (
        <Table
          caption={w.drafts}
          captionHidden
          testId="assisted-drafts"
          rows={drafts}
          rowKey={(d) => d.id}
          columns={[
            { key: "resident", header: w.resident, cell: (d) => d.name ?? w.unnamed },
            { key: "how", header: w.how, cell: (d) => w.channels[d.channel] },
            { key: "saved", header: w.lastSaved, cell: (d) => formatDateTimeShort(d.updatedAt), nowrap: true },
            {
              key: "continue",
              header: <span className="govuk-visually-hidden">{w.continue}</span>,
              cell: (d) => (
                <Link className="govuk-link" href={assistedPath(slug, d.id, "full-name")}>
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
