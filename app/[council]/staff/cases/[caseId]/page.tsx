import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { notFound } from "next/navigation";
import { caseBanner } from "@/components/cases/banner";
import { CaseReferral } from "@/components/referrals/case-referral";
import { Amendments, ApplicationAnswers, AwardsTable, CaseHeader, CaseTimeline, PersonHistory } from "@/components/cases/case-file";
import { SmallCaseForm } from "@/components/cases/case-forms";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { addNoteAction, assignCaseAction, cancelAwardAction, claimCaseAction, unassignCaseAction, withdrawCaseAction } from "@/lib/decisions/actions";
import { loadCasePage } from "@/lib/cases/case-page";
import { CASE_RULES, type TCaseState } from "@/lib/cases/lifecycle";
import { staffActor } from "@/lib/actor";
import { listCaseworkers } from "@/lib/cases/options";
import { reasonCodeLabel } from "@/lib/cases/settings";
import { formatDate } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { clientIp } from "@/lib/security/request";

export default async function CasePage({ params, searchParams }: { params: Promise<{ council: string; caseId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, caseId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "cases:read");
  const actor = staffActor(access);
  const page = await loadCasePage(actor, caseId, await clientIp());
  if (!page) notFound();
  const m = messagesFor("en");
  const c = page.file;
  const base = `/${slug}/staff/cases`;
  const status = c.status as TCaseState;
  const works = access.permissions.has("cases:work");
  const mine = c.assignedToId === access.user.userId;
  const may = (action: keyof typeof CASE_RULES) => works && CASE_RULES[action].from.includes(status);
  const caseworkers = may("assign") ? await listCaseworkers(actor) : [];
  const banner = caseBanner(m, done, { status: c.status, assignedToName: c.assignedTo?.name ?? null, awards: c.awards.map((a) => ({ status: a.status, amountPence: a.amountPence, potName: a.pot.name })) });
  const hidden = { caseId: c.id };
  return (
    <>
      <title>{`Case ${c.reference}: ${c.fullName} – Money Hub`}</title>
      <BackLink href={base}>Cases</BackLink>
      <SuccessBanner testId="case-banner">{banner}</SuccessBanner>
      <CaseHeader page={page} m={m} now={new Date()} />
      <div className="lg:grid lg:grid-cols-3 lg:gap-x-8">
        <div className="lg:col-start-3 lg:row-start-1">
          {works ? (
            <section aria-labelledby="actions-heading" data-testid="case-actions">
              <h2 className="govuk-heading-m" id="actions-heading">
                Actions
              </h2>
              {may("claim") && !c.assignedToId ? <SmallCaseForm action={claimCaseAction.bind(null, slug)} hidden={hidden} submit="Claim this case" testId="claim-form" /> : null}
              {may("approve") && mine ? (
                <p>
                  <Link href={`${base}/${c.id}/decide`} className="govuk-button" data-testid="decide-link">
                    Record a decision
                  </Link>
                </p>
              ) : null}
              {may("approve") && !mine ? <p className="govuk-body">Only the officer assigned to this case can decide it. Assign it to yourself to decide it.</p> : null}
              {may("assign") ? (
                <SmallCaseForm
                  action={assignCaseAction.bind(null, slug)}
                  hidden={hidden}
                  fields={[{ kind: "select", name: "assignTo", label: c.assignedToId ? "Reassign to" : "Assign to", options: [{ value: "", label: "Select an officer" }, ...caseworkers.filter((o) => o.value !== c.assignedToId)] }]}
                  submit={c.assignedToId ? "Reassign" : "Assign"}
                  variant="secondary"
                  testId="assign-form"
                />
              ) : null}
              {may("unassign") && c.assignedToId ? <SmallCaseForm action={unassignCaseAction.bind(null, slug)} hidden={hidden} submit="Unassign: put it back in the queue" variant="secondary" testId="unassign-form" /> : null}
              {may("claim") ? (
                <p>
                  <Link href={`${base}/${c.id}/amend`} className="govuk-link">
                    Correct an answer<span className="govuk-visually-hidden"> in this application</span>
                  </Link>
                </p>
              ) : null}
              <SmallCaseForm action={addNoteAction.bind(null, slug)} hidden={hidden} fields={[{ kind: "textarea", name: "text", label: "Add a note", hint: "Staff only: the resident never sees notes", rows: 3 }]} submit="Add note" variant="secondary" testId="note-form" />
              {may("withdraw") ? (
                <details className="govuk-details">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">Withdraw this case</span>
                  </summary>
                  <div className="govuk-details__text">
                    <SmallCaseForm
                      action={withdrawCaseAction.bind(null, slug)}
                      hidden={hidden}
                      fields={[{ kind: "textarea", name: "reason", label: "Why is the case withdrawn?", hint: "Awards not yet paid are cancelled and their money goes back to the pot" }]}
                      submit="Withdraw case"
                      variant="warning"
                      testId="withdraw-form"
                    />
                  </div>
                </details>
              ) : null}
            </section>
          ) : (
            <p className="govuk-inset-text" data-testid="read-only">
              You can read this case. Officers and approvers work it.
            </p>
          )}
          <h2 className="govuk-heading-m mt-8">Timeline</h2>
          <CaseTimeline page={page} m={m} />
        </div>
        <div className="lg:col-span-2 lg:col-start-1 lg:row-start-1">
          {c.decisionExplanation ? (
            <div className="govuk-inset-text" data-testid="decision">
              <p className="govuk-body mb-1 font-bold">Decision: {reasonCodeLabel(page.settings, c.decisionReasonCode ?? "")}</p>
              <p className="govuk-body mb-0 whitespace-pre-wrap">The resident reads: {c.decisionExplanation}</p>
            </div>
          ) : null}
          <h2 className="govuk-heading-l">Awards</h2>
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
                          <span className="govuk-details__summary-text">Cancel</span>
                        </summary>
                        <SmallCaseForm
                          action={cancelAwardAction.bind(null, slug)}
                          hidden={{ caseId: c.id, awardId }}
                          fields={[{ kind: "textarea", name: `reason-${awardId}`, label: "Why is it cancelled?", rows: 2 }]}
                          submit="Cancel award"
                          variant="warning"
                        />
                      </details>
                    );
                  }
                : undefined
            }
          />
          <CaseReferral page={page} m={m} />
          <h2 className="govuk-heading-l">The application as sent</h2>
          <p className="govuk-body">
            Sent on {formatDate(c.application.submittedAt)}. Corrections are shown beside the original answer.
          </p>
          <ApplicationAnswers page={page} m={m} />
          <h2 className="govuk-heading-m">Corrections</h2>
          <Amendments page={page} m={m} />
          <h2 className="govuk-heading-l mt-8">This person&apos;s other applications</h2>
          <PersonHistory page={page} m={m} base={base} />
        </div>
      </div>
    </>
  );
}
