// Stand-in report tables (replaced by the dashboard branch at merge): plain govuk-tables of
// lib/reporting/dashboard.ts's figures, and the period filter as a GET form.
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldId } from "@/components/ui/field-id";
import type { TFieldError } from "@/lib/forms/form-state";
import { formatPence } from "@/lib/money";
import type { TBreakdownRow } from "@/lib/reporting/dashboard-types";

export function FilterForm({ action, funds, fund, from, to, errors, hidden = {} }: { action: string; funds: { id: string; name: string }[]; fund: string; from: string; to: string; errors: TFieldError[]; hidden?: Record<string, string> }) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const group = (f: string) => `govuk-form-group${err(f) ? " govuk-form-group--error" : ""}`;
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="get" action={action} className="mb-6" data-testid="report-filter">
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className={group("fund")}>
          <label className="govuk-label" htmlFor={fieldId("fund")}>Fund</label>
          {err("fund") ? <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {err("fund")}</p> : null}
          <select className="govuk-select" id={fieldId("fund")} name="fund" defaultValue={fund}>
            <option value="all">All funds</option>
            {funds.map((f) => (
              <option key={f.id} value={f.id}>{f.name}</option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((f) => (
          <div key={f} className={group(f)}>
            <label className="govuk-label" htmlFor={fieldId(f)}>{f === "from" ? "From (YYYY-MM-DD)" : "To (YYYY-MM-DD)"}</label>
            {err(f) ? <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {err(f)}</p> : null}
            <input className={`govuk-input govuk-input--width-10${err(f) ? " govuk-input--error" : ""}`} id={fieldId(f)} name={f} defaultValue={f === "from" ? from : to} />
          </div>
        ))}
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Show</button>
      </form>
    </>
  );
}

export function Table({ caption, head, rows, testId }: { caption: string; head: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <table className="govuk-table" data-testid={testId}>
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {head.map((h, i) => (
            <th key={h} scope="col" className={`govuk-table__header${i > 0 ? " govuk-table__header--numeric" : ""}`}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.length === 0 ? (
          <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={head.length}>Nothing in this period</td></tr>
        ) : (
          rows.map((r, i) => (
            <tr key={i} className="govuk-table__row">
              {r.map((c, j) => (
                <td key={j} className={`govuk-table__cell${j > 0 ? " govuk-table__cell--numeric" : ""}`}>{c}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export const breakdownRows = (rows: TBreakdownRow[]) => rows.map((r) => [r.label, r.awards, r.households, formatPence(r.paidPence)]);
export const BREAKDOWN_HEAD = ["", "Awards", "Households", "Paid"];
