import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { notFound } from "next/navigation";
import { caseBanner } from "@/components/cases/banner";
import { CaseReferral } from "@/components/referrals/case-referral";
import { CaseAssisted } from "@/components/assisted/case-assisted";
import { InformationPanel, informationBanner } from "@/components/information/information-panel";
import { CaseDocuments, DocumentNotices, documentErrorTitle } from "@/components/documents";
import { adviceBanner, CaseAdvice } from "@/components/advice/case-advice";
import { DuplicatesPanel, duplicatesBanner } from "@/components/duplicates/duplicates-panel";
import { Amendments, ApplicationAnswers, AwardsTable, CaseHeader, CaseTimeline, PersonHistory } from "@/components/cases/case-file";
import { SmallCaseForm } from "@/components/cases/case-forms";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { addNoteAction, assignCaseAction, cancelAwardAction, claimCaseAction, unassignCaseAction, withdrawCaseAction } from "@/lib/decisions/actions";
import { loadCasePage } from "@/lib/cases/case-page";
import { CASE_RULES, isOpenCase, type TCaseState } from "@/lib/cases/lifecycle";
import { EligibilityPanel } from "@/components/awards/eligibility-panel";
import { ReturnedPayments } from "@/components/payments/reconciliation-case-panel";
import { staffActor } from "@/lib/actor";
import { listCaseworkers } from "@/lib/cases/options";
import { reasonCodeLabel } from "@/lib/cases/settings";
import { formatDate } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { answersRefusedFormPost, clientIp } from "@/lib/security/request";
import { getTranslations } from "next-intl/server";

export default async function CasePage({ params, searchParams }: { params: Promise<{ council: string; caseId: string }>; searchParams: Promise<{ done?: string; payment?: string }> }) {
  const { council: slug, caseId } = await params;
  const { done, payment: paidRef } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "cases:read");
  const actor = staffActor(access);
  const page = await loadCasePage(actor, caseId, await clientIp());
  if (!page) notFound();
  const m = messagesFor("en");
  const [t, ui] = await Promise.all([getTranslations("casePage"), getTranslations("staffUi")]);
  const c = page.file;
  const base = `/${slug}/staff/cases`;
  const status = c.status as TCaseState;
  const works = access.permissions.has("cases:work");
  const mine = c.assignedToId === access.user.userId;
  const may = (action: keyof typeof CASE_RULES) => works && CASE_RULES[action].from.includes(status);
  const caseworkers = may("assign") ? await listCaseworkers(actor) : [];
  // A form on this page was refused (sent without JavaScript): "Error: " in the title, no old banner.
  const refused = await answersRefusedFormPost();
  const banner = refused
    ? null
    : (caseBanner(m, done, { status: c.status, assignedToName: c.assignedTo?.name ?? null, awards: c.awards.map((a) => ({ status: a.status, amountPence: a.amountPence, potName: a.pot.name })) }) ?? adviceBanner(done) ?? informationBanner(done) ?? (await duplicatesBanner(done)));
  const hidden = { caseId: c.id };
  return (
    <>
      <title>{`${refused ? ui("errorPrefix") : await documentErrorTitle(searchParams)}${t("title", { reference: c.reference, name: c.fullName })}`}</title>
      <BackLink href={base}>{t("back")}</BackLink>
      <SuccessBanner testId="case-banner" title={ui("success")}>{banner}</SuccessBanner>
      <DocumentNotices searchParams={searchParams} />
      <CaseHeader page={page} m={m} now={new Date()} />
      <CaseAssisted council={access.council} actor={actor} caseId={c.id} />
      <div className="lg:grid lg:grid-cols-3 lg:gap-x-8">
        <div className="lg:col-start-3 lg:row-start-1">
          {works ? (
            <section aria-labelledby="actions-heading" data-testid="case-actions">
              <h2 className="govuk-heading-m" id="actions-heading">
                {t("actions")}
              </h2>
              {may("claim") && !c.assignedToId ? <SmallCaseForm action={claimCaseAction.bind(null, slug)} hidden={hidden} submit={t("claim")} testId="claim-form" /> : null}
              {may("approve") && mine ? (
                <p>
                  <Link href={`${base}/${c.id}/decide`} className="govuk-button" data-testid="decide-link">
                    {t("decide")}
                  </Link>
                </p>
              ) : null}
              {may("approve") && !mine ? <p className="govuk-body">{t("onlyAssigned")}</p> : null}
              {may("assign") ? (
                <SmallCaseForm
                  action={assignCaseAction.bind(null, slug)}
                  hidden={hidden}
                  fields={[{ kind: "select", name: "assignTo", label: c.assignedToId ? t("reassignTo") : t("assignTo"), options: [{ value: "", label: t("selectOfficer") }, ...caseworkers.filter((o) => o.value !== c.assignedToId)] }]}
                  submit={c.assignedToId ? t("reassign") : t("assign")}
                  variant="secondary"
                  testId="assign-form"
                />
              ) : null}
              {may("unassign") && c.assignedToId ? <SmallCaseForm action={unassignCaseAction.bind(null, slug)} hidden={hidden} submit={t("unassign")} variant="secondary" testId="unassign-form" /> : null}
              {may("claim") ? (
                <p>
                  <Link href={`${base}/${c.id}/amend`} className="govuk-link">
                    {t("correct")}
                    <span className="govuk-visually-hidden">{t("correctHidden")}</span>
                  </Link>
                </p>
              ) : null}
              <SmallCaseForm action={addNoteAction.bind(null, slug)} hidden={hidden} fields={[{ kind: "textarea", name: "text", label: t("note"), hint: t("noteHint"), rows: 3 }]} submit={t("addNote")} variant="secondary" testId="note-form" />
              {may("withdraw") ? (
                <details className="govuk-details">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">{t("withdraw")}</span>
                  </summary>
                  <div className="govuk-details__text">
                    <SmallCaseForm
                      action={withdrawCaseAction.bind(null, slug)}
                      hidden={hidden}
                      fields={[{ kind: "textarea", name: "reason", label: t("withdrawWhy"), hint: t("withdrawHint") }]}
                      submit={t("withdrawSubmit")}
                      variant="warning"
                      testId="withdraw-form"
                    />
                  </div>
                </details>
              ) : null}
            </section>
          ) : (
            <p className="govuk-inset-text" data-testid="read-only">
              {t("readOnly")}
            </p>
          )}
          <h2 className="govuk-heading-m mt-8">{t("timeline")}</h2>
          <CaseTimeline page={page} m={m} />
        </div>
        <div className="lg:col-span-2 lg:col-start-1 lg:row-start-1">
          {/* The officer's first questions, above the fold: is this person already known (duplicates,
              repeats), and what can we pay from (the header says what they need and how urgent). */}
          <DuplicatesPanel actor={actor} slug={slug} caseId={c.id} works={works} />
          {works && isOpenCase(status) ? <EligibilityPanel actor={actor} caseId={c.id} /> : null}
          {c.decisionExplanation ? (
            <div className="govuk-inset-text" data-testid="decision">
              <p className="govuk-body mb-1 font-bold">{t("decision", { reason: reasonCodeLabel(page.settings, c.decisionReasonCode ?? "") })}</p>
              <p className="govuk-body mb-0 whitespace-pre-wrap">{t("residentReads", { explanation: c.decisionExplanation })}</p>
            </div>
          ) : null}
          {/* A payment the bank returned: the officer pays it again (issue 19). */}
          <ReturnedPayments actor={actor} slug={slug} caseId={c.id} works={works} done={done} paidRef={paidRef} />
          <InformationPanel actor={actor} slug={slug} caseId={c.id} status={c.status} works={works} />
          {/* Who is this and are they already known: the person's other applications first. */}
          <h2 className="govuk-heading-m" id="history">
            {t("otherApplications")}
          </h2>
          <PersonHistory page={page} m={m} base={base} />
          <h2 className="govuk-heading-m">{t("awards")}</h2>
          <AwardsTable
            page={page}
            m={m}
            actions={
              works
                ? (awardId) => {
                    const award = c.awards.find((a) => a.id === awardId)!;
                    if (award.status !== "APPROVED" && award.status !== "AWAITING_APPROVAL") return null;
                    return (
                      <details className="govuk-details mb-0">
                        <summary className="govuk-details__summary">
                          <span className="govuk-details__summary-text">{t("cancel")}</span>
                        </summary>
                        <SmallCaseForm
                          action={cancelAwardAction.bind(null, slug)}
                          hidden={{ caseId: c.id, awardId }}
                          fields={[{ kind: "textarea", name: `reason-${awardId}`, label: t("cancelWhy"), rows: 2 }]}
                          submit={t("cancelSubmit")}
                          variant="warning"
                        />
                      </details>
                    );
                  }
                : undefined
            }
          />
          <CaseReferral page={page} m={m} />
          <CaseDocuments actor={actor} slug={slug} caseId={c.id} searchParams={searchParams} />
          <CaseAdvice actor={actor} caseId={c.id} slug={slug} works={works} />
          <h2 className="govuk-heading-l">{t("application")}</h2>
          <p className="govuk-body">{t("sentOn", { date: formatDate(c.application.submittedAt) })}</p>
          <ApplicationAnswers page={page} m={m} />
          <h2 className="govuk-heading-m">{t("corrections")}</h2>
          <Amendments page={page} m={m} />
        </div>
      </div>
    </>
  );
}
