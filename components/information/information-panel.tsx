import { getTranslations } from "next-intl/server";
import { RequestInformationForm } from "@/components/information/request-form";
import { SmallCaseForm } from "@/components/cases/case-forms";
import type { TActor } from "@/lib/actor";
import { formatDate } from "@/lib/dates";
import { chaseInformationAction, receiveInformationAction, requestInformationAction } from "@/lib/information/actions";
import { loadInformationPanel } from "@/lib/information/queries";
import { dateOf, defaultReplyBy } from "@/lib/information/requests";
import words from "@/messages/en/information.json";

/** The banner after an information action (?done=information-…), or null. */
export function informationBanner(done: string | undefined): string | null {
  switch (done) {
    case "information-requested":
      return words.done.requested;
    case "information-requested-no-contact":
      return words.done.requestedNoContact;
    case "information-chased":
      return words.done.chased;
    case "information-received":
      return words.done.received;
    default:
      return null;
  }
}

/**
 * The case page's requests for information: the open one (what was asked, by when, overdue, chase,
 * received another way), the form to ask (while in review), and every earlier request with its
 * answer and documents. Loads its own rows (lib/information/queries.ts).
 */
export async function InformationPanel({ actor, slug, caseId, status, works }: { actor: TActor; slug: string; caseId: string; status: string; works: boolean }) {
  const panel = await loadInformationPanel(actor, caseId);
  if (!panel) return null;
  const t = await getTranslations("information");
  const hidden = { caseId };
  const base = `/${slug}/staff/cases/${caseId}`;
  const open = panel.open;
  // "Received another way": under the open request, or on its own while the case waits without one.
  const receiveForm = (
    <SmallCaseForm
      action={receiveInformationAction.bind(null, slug)}
      hidden={hidden}
      fields={[{ kind: "textarea", name: "note", label: t("receive.note"), hint: t("receive.noteHint"), rows: 3 }]}
      submit={t("receive.submit")}
      variant="secondary"
      testId="receive-form"
    />
  );
  return (
    <section aria-labelledby="information-heading" id="information" data-testid="information-panel" className="mb-8">
      <h2 className="govuk-heading-m" id="information-heading">
        {t("panel.heading")}
      </h2>
      {open ? (
        <div className={`govuk-inset-text ${panel.overdue ? "border-govuk-error" : ""}`} data-testid="information-open">
          <p className="govuk-body mb-2">
            <strong className={`govuk-tag ${panel.overdue ? "govuk-tag--red" : "govuk-tag--yellow"}`} data-testid="information-state">
              {panel.overdue ? t("panel.overdue") : t("panel.waiting")}
            </strong>{" "}
            {t(`panel.askedOf.${open.askedOf === "referrer" ? "referrer" : "resident"}`)}
          </p>
          <p className="govuk-body mb-1 font-bold">{t("panel.question")}</p>
          <p className="govuk-body whitespace-pre-wrap" data-testid="information-question">
            {open.question}
          </p>
          <p className="govuk-body">
            {t("panel.replyBy", { date: formatDate(dateOf(open.replyBy)) })}
            {open.chaseCount ? ` · ${t("panel.chased", { count: open.chaseCount })}` : null}
          </p>
          <p className="govuk-body">{panel.overdue ? t("chase.overdueText", { date: formatDate(dateOf(open.replyBy)) }) : t("chase.waitingText", { date: formatDate(dateOf(open.replyBy)) })}</p>
          {works ? (
            <>
              <SmallCaseForm action={chaseInformationAction.bind(null, slug)} hidden={hidden} submit={t("chase.submit")} variant="secondary" testId="chase-form" />
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">{t("receive.summary")}</span>
                </summary>
                <div className="govuk-details__text">
                  {receiveForm}
                </div>
              </details>
            </>
          ) : null}
        </div>
      ) : null}
      {!open && works && status === "AWAITING_INFORMATION" ? (
        receiveForm
      ) : null}
      {works && status === "IN_REVIEW" ? (
        <RequestInformationForm
          action={requestInformationAction.bind(null, slug)}
          caseId={caseId}
          defaultReplyBy={defaultReplyBy()}
          words={{ heading: t("request.heading"), question: t("request.question"), questionHint: t("request.questionHint"), replyBy: t("request.replyBy"), replyByHint: t("request.replyByHint"), submit: t("request.submit") }}
        />
      ) : null}
      {panel.requests.filter((r) => r !== open).length === 0 && !open ? <p className="govuk-body">{t("panel.none")}</p> : null}
      {panel.requests
        .filter((r) => r !== open)
        .map((r) => (
          <div key={r.id} className="govuk-summary-card" data-testid="information-request">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                {t("panel.asked", { date: formatDate(r.createdAt) })} · {t(`panel.askedOf.${r.askedOf === "referrer" ? "referrer" : "resident"}`)}
              </h3>
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body mb-1 font-bold">{t("panel.question")}</p>
              <p className="govuk-body whitespace-pre-wrap">{r.question}</p>
              {r.answeredAt ? (
                <>
                  <p className="govuk-body mb-1 font-bold">
                    <strong className="govuk-tag govuk-tag--green">{t("panel.answered")}</strong>{" "}
                    {t("panel.answeredOn", { by: t(`panel.by.${r.answeredBy === "referrer" ? "referrer" : r.answeredBy === "staff" ? "staff" : "resident"}`), date: formatDate(r.answeredAt) })}
                  </p>
                  <p className="govuk-body whitespace-pre-wrap" data-testid="information-answer">
                    {r.answerText ?? t("panel.noText")}
                  </p>
                  {r.answerDocumentIds.length ? (
                    <ul className="govuk-list" data-testid="information-documents">
                      {r.answerDocumentIds.map((id, i) => (
                        <li key={id}>
                          <a className="govuk-link" href={`${base}/documents/${id}`} data-testid="information-document-link">
                            {t("panel.document", { number: i + 1 })}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              ) : (
                <p className="govuk-body">{t("panel.replyBy", { date: formatDate(dateOf(r.replyBy)) })}</p>
              )}
            </div>
          </div>
        ))}
    </section>
  );
}
