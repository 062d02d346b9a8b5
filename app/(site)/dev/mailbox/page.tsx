import { readSearchParams } from "@/lib/forms/text";
import { notFound } from "next/navigation";
import { formatDateTimeShort } from "@/lib/dates";
import { listDevMailbox } from "@/lib/notifications/dev-mailbox";
import { demoConveniencesAllowed } from "@/lib/security/request";

export const metadata = { title: "Dev mailbox – Money Hub" };

// Development and demo only, and only to the machine the app runs on (it hands out sign-in links):
// every email the app would have sent, newest first.
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!(await demoConveniencesAllowed())) notFound();
  const { to } = await readSearchParams(searchParams);
  const messages = await listDevMailbox(to);
  return (
    <>
      <h1>Dev mailbox</h1>
      <p>Emails are not sent in development or the demo. They appear here instead.</p>
      <form method="get" className="mb-8 flex items-end gap-4">
        <div>
          <label htmlFor="to" className="govuk-label govuk-label--s">
            Show emails to
          </label>
          <input id="to" name="to" type="email" defaultValue={to} className="govuk-input max-w-[41ex]" />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary mb-0">
          Filter
        </button>
      </form>
      {messages.length === 0 ? <p>No emails yet.</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="mb-6 border border-govuk-border p-4" data-testid="mail">
          <h2 className="govuk-heading-s">{m.subject}</h2>
          <p className="govuk-body-s text-govuk-secondary">
            To <span data-testid="mail-to">{m.to}</span> · {formatDateTimeShort(m.createdAt)}
          </p>
          <pre className="whitespace-pre-wrap break-all font-sans" data-testid="mail-body">
            {m.text}
          </pre>
        </article>
      ))}
    </>
  );
}
