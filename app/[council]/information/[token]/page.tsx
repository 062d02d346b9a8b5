import { notFound } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { pageTitle } from "@/components/ui/layout-parts";
import { formatDateFor } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { dateOf, MAX_ANSWER_CHARS, viewAnswerLink } from "@/lib/information/requests";
import { clientIp } from "@/lib/security/request";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

// The page a resident (or a referral's referrer) opens from the request's message: what was asked,
// by when, and a form for text and documents, without an account. Opening it spends nothing (mail
// scanners fetch links); a successful answer spends the link. A used, expired or unknown link gets
// a clear page with the council's contact details. Works without JavaScript: a plain multipart
// form to ./answer, which comes back here with ?error=… or ?sent=1.

const ERRORS = {
  "answer-missing": { field: "answer", key: "answerMissing" },
  "answer-too-long": { field: "answer", key: "answerTooLong" },
  "file-too-large": { field: "files", key: "fileTooLarge" },
  "file-empty": { field: "files", key: "fileEmpty" },
  "file-type-not-allowed": { field: "files", key: "fileType" },
  failed: { field: "form", key: "failed" },
} as const;

export default async function AnswerPage({ params, searchParams }: { params: Promise<{ council: string; token: string }>; searchParams: Promise<{ error?: string; file?: string; sent?: string }> }) {
  const { council: slug, token } = await params;
  const { error, file, sent } = await readSearchParams(searchParams);
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const { m, locale } = await getMessages(council);
  const w = m.moreInformation;
  const view = await viewAnswerLink(council.id, token, await clientIp());
  const contact = (
    <ul className="govuk-list" data-testid="council-contact">
      <li>{council.name}</li>
      {council.contactPhone ? <li>{format(w.contactPhone, { phone: council.contactPhone })}</li> : null}
      {council.contactEmail ? <li>{format(w.contactEmail, { email: council.contactEmail })}</li> : null}
    </ul>
  );
  if (view.state !== "open") {
    const done = view.state === "used" && sent === "1";
    const words = done ? w.done : w[view.state];
    return (
      <div className="md:w-2/3" data-testid={`information-${done ? "done" : view.state}`}>
        <title>{pageTitle(words.title)}</title>
        {done ? (
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">{words.title}</h1>
          </div>
        ) : (
          <h1>{words.title}</h1>
        )}
        <p>{done ? format(w.done.text, { reference: view.state === "used" ? view.reference : "" }) : format(words.text, { council: council.name })}</p>
        {contact}
      </div>
    );
  }
  const problem = error && error in ERRORS ? ERRORS[error as keyof typeof ERRORS] : null;
  const errors = problem ? [{ field: problem.field, message: format(w.errors[problem.key], { file: file ?? "" }) }] : [];
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const date = formatDateFor(dateOf(view.replyBy), locale);
  return (
    <div className="md:w-2/3">
      <title>{pageTitle(w.title, errors.length > 0, m.common.errorPrefix)}</title>
      <ErrorSummary errors={errors} title={m.common.thereIsAProblem} errorPrefix={m.common.errorPrefix} />
      <span className="govuk-caption-l app-nowrap">{format(w.caption, { reference: view.reference })}</span>
      <h1>{w.title}</h1>
      <h2 className="govuk-heading-m">{w.asked}</h2>
      <div className="govuk-inset-text whitespace-pre-wrap" data-testid="information-question">
        {view.question}
      </div>
      <p data-testid="information-reply-by">{format(w.replyBy, { date })}</p>
      <form method="post" action={`/${slug}/information/${token}/answer`} encType="multipart/form-data" noValidate data-testid="answer-form">
        <div className={`govuk-form-group ${errorFor("answer") ? "govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="field-answer">
            {w.answer.label}
          </label>
          <div className="govuk-hint" id="answer-hint">
            {w.answer.hint}
          </div>
          {errorFor("answer") ? (
            <p className="govuk-error-message" id="answer-error">
              <span className="govuk-visually-hidden">{m.common.errorPrefix}</span>
              {errorFor("answer")}
            </p>
          ) : null}
          <textarea
            className={`govuk-textarea ${errorFor("answer") ? "govuk-textarea--error" : ""}`}
            id="field-answer"
            name="answer"
            rows={6}
            maxLength={MAX_ANSWER_CHARS}
            aria-describedby={`answer-hint${errorFor("answer") ? " answer-error" : ""}`}
            aria-invalid={errorFor("answer") ? true : undefined}
          />
        </div>
        <div className={`govuk-form-group ${errorFor("files") ? "govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="field-files">
            {w.files.label}
          </label>
          <div className="govuk-hint" id="files-hint">
            {w.files.hint}
          </div>
          {errorFor("files") ? (
            <p className="govuk-error-message" id="files-error">
              <span className="govuk-visually-hidden">{m.common.errorPrefix}</span>
              {errorFor("files")}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload ${errorFor("files") ? "govuk-file-upload--error" : ""}`}
            id="field-files"
            name="files"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/heic,image/heif,application/pdf,.heic,.heif"
            aria-describedby={`files-hint${errorFor("files") ? " files-error" : ""}`}
          />
        </div>
        <p className="govuk-body">{w.once}</p>
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {w.submit}
        </button>
      </form>
      <h2 className="govuk-heading-s">{council.name}</h2>
      {contact}
    </div>
  );
}
