import { notFound } from "next/navigation";
import { SmallCaseForm } from "@/components/cases/case-forms";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag, type TTagColour } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTimeShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { readReconciliation, type TLineResult } from "@/lib/payments/reconciliation";
import { applyReconciliationAction } from "@/lib/payments/reconciliation-actions";
import words from "@/messages/en/reconciliation.json";

// One imported report (issue 19, docs/reconciliation.md): every line with what it will do (or
// did), exceptions first in red, and, while nothing is applied, the button that applies it.

export const metadata = { title: `${words.title} – Money Hub` };

const COLOUR: Record<TLineResult, TTagColour> = { match: "blue", "no-change": "grey", exception: "red", applied: "green" };
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

export default async function ReconciliationImportPage({ params, searchParams }: { params: Promise<{ council: string; importId: string }>; searchParams: Promise<{ done?: string; again?: string }> }) {
  const { council: slug, importId } = await params;
  const { done, again } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const found = await readReconciliation(staffActor(access), importId);
  if (!found) notFound();
  const { import: imp, lines } = found;
  const w = words.preview;
  const banner =
    done === "applied"
      ? fill(words.done.applied, { confirmed: lines.filter((l) => l.result === "applied" && l.outcome === "paid").length, returned: lines.filter((l) => l.result === "applied" && l.outcome === "returned").length, rejected: lines.filter((l) => l.result === "applied" && l.outcome === "rejected").length, exceptions: imp.exception })
      : done === "already-applied"
        ? words.done.alreadyApplied
        : null;
  return (
    <>
      <title>{`${fill(w.title, { file: imp.fileName })} – Money Hub`}</title>
      <BackLink href={`/${slug}/staff/payments/reconciliation`}>{w.back}</BackLink>
      <SuccessBanner testId="reconciliation-banner" title="Success">
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{imp.kind === "bank" ? "Bank report" : "Voucher provider report"}</span>
      <h1 className="break-words">{fill(w.title, { file: imp.fileName })}</h1>
      {again ? (
        <div className="govuk-inset-text" data-testid="already-imported">
          {fill(w.alreadyImported, { date: formatDateTimeShort(imp.createdAt) })}
        </div>
      ) : null}
      {imp.status === "APPLIED" ? (
        <p className="govuk-body" data-testid="applied-by">
          {fill(w.alreadyApplied, { date: imp.appliedAt ? formatDateTimeShort(imp.appliedAt) : "", name: imp.appliedByName ?? "someone" })}
        </p>
      ) : null}
      <p className="govuk-body font-bold" data-testid="reconciliation-counts">
        {imp.status === "APPLIED" ? fill(w.appliedCounts, { applied: imp.applied, noChange: imp.noChange, exception: imp.exception }) : fill(w.counts, { match: imp.match, noChange: imp.noChange, exception: imp.exception })}
      </p>
      {imp.status === "PREVIEWED" ? (
        imp.match ? (
          <section aria-labelledby="confirm-heading" className="mb-8">
            <h2 className="govuk-heading-m" id="confirm-heading">
              {w.confirmHeading}
            </h2>
            <p className="govuk-body">{w.confirmText}</p>
            <SmallCaseForm action={applyReconciliationAction.bind(null, slug)} hidden={{ importId: imp.id }} submit={fill(w.confirm, { count: imp.match })} testId="apply-form" />
          </section>
        ) : (
          <p className="govuk-inset-text" data-testid="nothing-to-apply">
            {w.nothingToApply}
          </p>
        )
      ) : null}
      <Table
        caption={w.caption}
        captionHidden
        small
        testId="reconciliation-lines"
        rows={[...lines].sort((a, b) => Number(b.result === "exception") - Number(a.result === "exception") || a.lineNo - b.lineNo)}
        rowKey={(l) => String(l.lineNo)}
        columns={[
          { key: "line", header: w.columns.line, numeric: true, cell: (l) => l.lineNo },
          { key: "reference", header: w.columns.reference, nowrap: true, cell: (l) => l.reference || "–" },
          { key: "amount", header: w.columns.amount, numeric: true, cell: (l) => (l.amountPence === null ? "–" : formatPence(l.amountPence)) },
          { key: "outcome", header: w.columns.outcome, cell: (l) => l.outcome },
          { key: "result", header: w.columns.result, cell: (l) => <Tag colour={COLOUR[l.result]}>{w.results[l.result]}</Tag> },
          { key: "message", header: w.columns.message, cell: (l) => <span className="govuk-body-s">{l.message}</span> },
        ]}
      />
    </>
  );
}
