import Link from "next/link";
import { redirect } from "next/navigation";
import { PrintButton } from "@/components/applications/print-button";
import { displayUkMobile } from "@/lib/applications/formats";
import { loadApplyContext } from "@/lib/applications/pages";
import { dateLocale, replyBy } from "@/lib/applications/policy";
import { summarise } from "@/lib/applications/summary";
import { format } from "@/lib/i18n";

export default async function ConfirmationPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { council, m, locale, draft, answers } = await loadApplyContext(slug);
  if (!draft?.submittedAt || !draft.reference) redirect(`/${slug}/apply`);
  const c = m.confirmation;
  const dl = dateLocale(locale);
  const by = replyBy(draft.submittedAt).toLocaleDateString(dl, { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/London" });
  const contact = answers.contact?.email ?? (answers.contact?.mobile ? displayUkMobile(answers.contact.mobile) : null);
  return (
    <>
      <title>{`${c.title} – Money Hub`}</title>
      <div className="md:w-2/3">
        <div className="govuk-panel">
          <h1 className="mb-6 text-white">{c.title}</h1>
          <div className="text-2xl md:text-4xl">
            {c.yourReference}
            <br />
            <strong className="font-mono tracking-wider" data-testid="reference">
              {draft.reference}
            </strong>
          </div>
        </div>
        {contact ? <p>{format(c.emailed, { contact })}</p> : null}
        <p>{c.keepReference}</p>
        <h2 className="text-2xl">{c.whatNext}</h2>
        <p>{format(c.whatNextText, { date: by })}</p>
        <p>
          <Link href={`/${slug}/status`}>{c.statusLink}</Link>
        </p>
        <h2 className="text-2xl">{c.helpTodayHeading}</h2>
        {council.settings.helpToday.length ? (
          <ul className="mb-5" data-testid="help-today">
            {council.settings.helpToday.map((h) => (
              <li key={h.name} className="mb-3">
                <strong>{h.url ? <a href={h.url}>{h.name}</a> : h.name}</strong>
                <br />
                {h.description}
                {h.phone ? (
                  <>
                    <br />
                    {h.phone}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{format(c.helpTodayNone, { phone: council.contactPhone })}</p>
        )}
        <h2 className="text-2xl">{c.contactHeading}</h2>
        <p>{format(c.contactText, { phone: council.contactPhone, email: council.contactEmail })}</p>
        <PrintButton text={c.print} />
        <h2 className="text-2xl">{c.recordHeading}</h2>
        <p>{format(c.submittedOn, { date: draft.submittedAt.toLocaleString(dl, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" }) })}</p>
      </div>
      {summarise(answers, m, locale).map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h3>{section.title}</h3>
          <dl className="govuk-summary-list">
            {section.rows.map((row) => (
              <div key={row.key} className="border-b border-govuk-border py-2.5 md:flex md:gap-5">
                <dt className="mb-1 font-bold md:w-1/3">{row.key}</dt>
                <dd className="mb-1 break-words whitespace-pre-wrap md:flex-1">{row.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
