import { projectionText, type TProjection, type TSpendFigures } from "@/lib/funds/projection";
import { format } from "@/lib/i18n";
import { formatPence } from "@/lib/money";

/** "Nearly empty: runs out around 5 December 2026 (today)", "No spending yet", "Underspend of about £12,345.00 at …". */
export function ProjectionText({ projection, periodEnd }: { projection: TProjection; periodEnd: Date }) {
  const { text, tone } = projectionText(projection, periodEnd);
  return tone ? <strong className={`govuk-tag govuk-tag--${tone} max-w-none`}>{text}</strong> : <>{text}</>;
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

/** `words` is staff.json's `funds.burnRate`: "{week} a day (last 7 days), {month} a day (last 30 days)". */
export function burnText(f: TSpendFigures, words: string): string {
  return format(words, { week: formatPence(f.burnPerDay7), month: formatPence(f.burnPerDay30) });
}
