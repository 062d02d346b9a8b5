import { staffActor } from "@/lib/actor";
import { EnteredBy } from "@/components/assisted/entered-by";
import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { PriorityTag, slaTag } from "@/components/cases/case-tags";
import { caseworkWords } from "@/components/cases/words";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SuccessBanner, pageTitle } from "@/components/ui/layout-parts";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { OverrideNote } from "@/components/awards/override-note";
import { requireCouncilPermission } from "@/lib/auth/access";
import { approveAwardAction } from "@/lib/awards/actions";
import { approvalNotice } from "@/lib/awards/approval-notice";
import { listAwaitingApproval, type TAwaitingRow } from "@/lib/awards/awaiting-approval";
import { formatDateShort, formatDateTimeShort } from "@/lib/dates";
import { EMPTY_FORM_STATE } from "@/lib/forms/form-state";
import { messagesFor } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";
import { formatPence } from "@/lib/money";

const m = messagesFor("en");
const needs = m.vocabulary.needs as Record<string, string>;
const w = caseworkWords(m);

export default async function AwaitingApprovalPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "awards:approve");
  const [counts, t, ui] = await Promise.all([getTranslations("casework.counts"), getTranslations("approvals"), getTranslations("staffUi")]);
  const TITLE = t("title");
  const actor = staffActor(access);
  const list = (await listAwaitingApproval(actor, query))!;
  const now = new Date();
  const notice = await approvalNotice(actor, query);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const base = `/${slug}/staff/cases/awaiting-approval`;
  const approve = approveAwardAction.bind(null, slug, EMPTY_FORM_STATE) as unknown as (formData: FormData) => Promise<void>;
  return (
    <>
      <title>{pageTitle(TITLE, notice?.kind === "error")}</title>
      {notice?.kind === "error" ? <ErrorSummary errors={[{ field: notice.field, message: notice.text }]} /> : null}
      <SuccessBanner testId="approval-banner" title={ui("success")}>{notice?.kind === "success" ? notice.text : null}</SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{TITLE}</h1>
      <p>{t("intro")}</p>
      {list.rows.length === 0 ? (
        <p className="govuk-body-l" data-testid="awaiting-empty">
          {t("empty")}
        </p>
      ) : (
        <>
          <p data-testid="awaiting-total">
            {counts("awardsWaiting", { capped: list.totalCapped ? "yes" : "no", count: list.total })}
          </p>
          <Table<TAwaitingRow>
            caption={TITLE}
            captionHidden
            small
            testId="awaiting-table"
            rows={list.rows}
            rowKey={(r) => r.awardId}
            columns={[
              {
                key: "case",
                header: t("columns.case"),
                nowrap: true,
                cell: (r) => (
                  <Link className="govuk-link" href={`/${slug}/staff/cases/${r.caseId}`}>
                    {r.caseReference}
                  </Link>
                ),
              },
              { key: "name", header: t("columns.name"), cell: (r) => r.fullName },
              {
                key: "priority",
                header: t("columns.priority"),
                cell: (r) => {
                  const sla = slaTag({ dueOn: r.slaDueOn, now, running: true, m });
                  return (
                    <>
                      <PriorityTag band={r.priorityBand} m={m} />
                      <br />
                      <span className="govuk-body-s">{w.reasons(r.priorityReasons)}</span>
                      <br />
                      <span className="app-nowrap">{t("due", { date: formatDateShort(new Date(`${r.slaDueOn}T12:00:00Z`)) })}</span>
                      {sla ? (
                        <>
                          <br />
                          {sla}
                        </>
                      ) : null}
                    </>
                  );
                },
              },
              { key: "need", header: t("columns.need"), cell: (r) => needs[r.needCategory] ?? r.needCategory },
              { key: "amount", header: t("columns.amount"), numeric: true, nowrap: true, cell: (r) => formatPence(r.amountPence) },
              {
                key: "pot",
                header: t("columns.pot"),
                cell: (r) => (
                  <>
                    {r.potName}
                    <br />
                    <span className={r.potAvailablePence < r.amountPence ? "text-govuk-error font-bold" : "text-govuk-secondary"}>{t("available", { amount: formatPence(r.potAvailablePence) })}</span>
                    <OverrideNote rules={r.overriddenRules} reason={r.overrideReason} />
                  </>
                ),
              },
              {
                key: "proposed",
                header: t("columns.proposed"),
                cell: (r) => (
                  <>
                    {r.proposedByName}
                    {r.proposedById === access.user.userId ? (
                      <>
                        {" "}
                        <Tag colour="grey">{t("you")}</Tag>
                      </>
                    ) : null}
                    <br />
                    <span className="text-govuk-secondary app-nowrap">{formatDateTimeShort(r.proposedAt)}</span>
                    <EnteredBy enteredById={r.enteredById} enteredByName={r.enteredByName} you={access.user.userId} />
                  </>
                ),
              },
              {
                key: "actions",
                header: <span className="govuk-visually-hidden">{t("columns.actions")}</span>,
                cell: (r) => (
                  <div className="flex flex-wrap items-baseline gap-x-4">
                    <form action={approve} className="m-0">
                      <input type="hidden" name="awardId" value={r.awardId} />
                      <button type="submit" id={`field-award-${r.awardId}`} className="govuk-button govuk-button--secondary mb-2" data-module="govuk-button">
                        {t("approve")}
                        <span className="govuk-visually-hidden">{t("which", { amount: formatPence(r.amountPence), reference: r.caseReference })}</span>
                      </button>
                    </form>
                    <Link className="govuk-link" href={`${base}/${r.awardId}/reject`}>
                      {t("reject")}
                      <span className="govuk-visually-hidden">{t("which", { amount: formatPence(r.amountPence), reference: r.caseReference })}</span>
                    </Link>
                  </div>
                ),
              },
            ]}
          />
          <Pagination page={list.page} pages={list.hasNext ? Math.max(pages, list.page + 1) : Math.min(pages, list.page)} href={(p) => `${base}?page=${p}`} label={t("pages")} words={m.staffUi.pagination} />
        </>
      )}
    </>
  );
}
