import type { TProjection, TSpendFigures } from "@/lib/funds/projection";
import { formatDate } from "@/lib/dates";
import { formatPence } from "@/lib/money";


/** "Runs out on 3 February 2027 (72 days)" or "£12,345.00 left at the end of the period". */
export function ProjectionText({ projection, periodEnd }: { projection: TProjection; periodEnd: Date }) {
  switch (projection.kind) {
    case "ended":
      return <>The period ended on {formatDate(periodEnd)}</>;
    case "no-spend":
      return <>No spending in the last 30 days</>;
    case "runs-out":
      return (
        <strong className="govuk-tag govuk-tag--red max-w-none">
          Runs out around {formatDate(projection.date)} ({projection.daysFromNow} days)
        </strong>
      );
    case "underspend":
      return <>Underspend of about {formatPence(projection.pence)} at {formatDate(periodEnd)}</>;
  }
}

/** A bar showing how much is used; the numbers are always in the text too. */
export function UsageMeter({ percent, label }: { percent: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <div className="flex items-center gap-3">
      <div className="h-3 w-32 border border-govuk-text bg-white" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={clamped} aria-label={label}>
        <div className={`h-full ${clamped >= 90 ? "bg-govuk-error" : "bg-govuk-blue"}`} style={{ width: `${clamped}%` }} />
      </div>
      <span>{percent}%</span>
    </div>
  );
}

export function burnText(f: TSpendFigures): string {
  return `${formatPence(f.burnPerDay7)} a day (last 7 days), ${formatPence(f.burnPerDay30)} a day (last 30 days)`;
}
