import Link from "next/link";
import { SummaryList } from "@/components/ui/layout-parts";
import { redirect } from "next/navigation";
import { PrintButton } from "@/components/applications/print-button";
import { displayUkMobile } from "@/lib/applications/formats";
import { loadApplyContext } from "@/lib/applications/pages";
import { replyByText } from "@/lib/applications/policy";
import { promiseForDraft } from "@/lib/applications/promise";
import { intlLocale } from "@/lib/i18n/locales";
import { summarise } from "@/lib/applications/summary";
import { format } from "@/lib/i18n";

export default async function ConfirmationPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { council, m, locale, draft, answers } = await loadApplyContext(slug);
  if (!draft?.submittedAt || !draft.reference) redirect(`/${slug}/apply`);
  const c = m.confirmation;
  const dl = intlLocale(locale);
  const promise = await promiseForDraft(council.id, draft.id);
  const contact = answers.contact?.email ?? (answers.contact?.mobile ? displayUkMobile(answers.contact.mobile) : null);
  return (
    <>
      <title>{`${c.title} – Money Hub`}</title>
      <div className="md:w-2/3">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">{c.title}</h1>
          <div className="govuk-panel__body">
            {c.yourReference}
            <br />
            <strong className="app-nowrap tracking-wider" data-testid="reference">
              {draft.reference}
            </strong>
          </div>
        </div>
        {contact ? <p>{format(c.emailed, { contact })}</p> : null}
        <p>{c.keepReference}</p>
        <h2 className="govuk-heading-m">{c.whatNext}</h2>
        {promise ? (
          <p data-testid="reply-by">{format(promise.urgent ? c.whatNextUrgent : c.whatNextText, { date: replyByText(promise.dueOn, locale) })}</p>
        ) : null}
        <p>
          <Link href={`/${slug}/status`}>{c.statusLink}</Link>
        </p>
        <h2 className="govuk-heading-m">{c.helpTodayHeading}</h2>
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
        <h2 className="govuk-heading-m">{c.contactHeading}</h2>
        <p>{format(c.contactText, { phone: council.contactPhone, email: council.contactEmail })}</p>
        <PrintButton text={c.print} />
        <h2 className="govuk-heading-m">{c.recordHeading}</h2>
        <p>{format(c.submittedOn, { date: draft.submittedAt.toLocaleString(dl, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" }) })}</p>
      </div>
      {summarise(answers, m, locale).map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h3>{section.title}</h3>
          <SummaryList rows={section.rows.map((row) => ({ key: row.key, value: row.value }))} />
        </section>
      ))}
    </>
  );
}
