import Link from "next/link";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { startApplication } from "@/lib/intake/actions";
import { loadApplyContext } from "@/lib/applications/pages";
import { format } from "@/lib/i18n";

export async function generateMetadata({ params }: { params: Promise<{ council: string }> }) {
  const { m } = await loadApplyContext((await params).council);
  return { title: `${m.start.title} – Money Hub` };
}

export default async function ApplyStartPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { council, m, draft } = await loadApplyContext(slug);
  const route = council.settings.applicationRoute;
  const inProgress = draft && !draft.submittedAt;
  return (
    <div className="md:w-2/3">
      <h1>{m.start.title}</h1>
      {route !== "open" ? (
        <NotificationBanner title={m.start.closedTitle}>
          <p className="font-bold" data-testid="applications-closed">
            {format(route === "paused" ? m.start.closedPaused : m.start.closedExhausted, { council: council.name })}
          </p>
          <p className="mb-0">{format(m.start.closedContact, { phone: council.contactPhone })}</p>
        </NotificationBanner>
      ) : null}
      <p>{format(m.start.lead, { council: council.name })}</p>
      <p>{m.start.youCanGetHelp}</p>
      <ul className="mb-5 list-disc ps-5">
        {m.start.helpItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {route === "open" ? (
        <>
          <h2 className="govuk-heading-m">{m.start.beforeYouStart}</h2>
          <p>{m.start.beforeText}</p>
          <form action={startApplication.bind(null, slug)}>
            <button type="submit" className="govuk-button inline-flex items-center gap-2 text-lg font-bold md:text-2xl" data-module="govuk-button">
              {inProgress ? m.start.continueDraft : m.start.startNow}
              <svg className="rtl:-scale-x-100" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
              </svg>
            </button>
          </form>
        </>
      ) : null}
      <h2 className="govuk-heading-m">{m.start.statusHeading}</h2>
      <p>
        <Link href={`/${slug}/status`}>{m.start.statusLink}</Link>
      </p>
    </div>
  );
}
