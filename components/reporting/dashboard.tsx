import type { ReactNode } from "react";
import { formatDate } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import type { TReportCell, TReportColumn, TReportTable } from "@/lib/reporting/dashboard-types";

// The managers' dashboard, drawn from its tables (lib/reporting/dashboard-tables.ts) on the server:
// the staff page and the shared read-only view render the same sections. Charts are SVG bars drawn
// here (no client JavaScript, so they work on the public page and without JavaScript): each is
// aria-hidden, with its table, the accessible alternative, right below it (ADR 0041).

export function cellText(column: TReportColumn, v: TReportCell): string {
  if (v === null) return column.kind === "text" ? "" : "–";
  if (typeof v === "string") {
    if (column.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(new Date(`${v}T00:00:00Z`));
    return v;
  }
  switch (column.kind) {
    case "pence":
      return formatPence(BigInt(v));
    case "count":
      return Number(v).toLocaleString("en-GB");
    case "percent":
      return `${Number(v).toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
    case "hours":
      return Number(v).toLocaleString("en-GB", { maximumFractionDigits: 1 });
    default:
      return String(v);
  }
}

const numeric = (c: TReportColumn) => c.kind !== "text" && c.kind !== "date";

export function ReportTable({ table, linkFor, captionSize = "m" }: { table: TReportTable; linkFor?: (row: Record<string, TReportCell>) => string | null; captionSize?: "s" | "m" | "hidden" }) {
  const first = table.columns[0]!;
  return (
    <div className="relative overflow-x-auto focus:outline-3 focus:outline-offset-0 focus:outline-govuk-focus" tabIndex={0} role="region" aria-label={table.title}>
      <table className="govuk-table govuk-table--small-text-until-tablet" data-testid={`table-${table.id}`}>
        <caption className={captionSize === "hidden" ? "govuk-visually-hidden" : `govuk-table__caption govuk-table__caption--${captionSize}`}>{table.title}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`govuk-table__header ${numeric(c) ? "govuk-table__header--numeric" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.length === 0 ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={table.columns.length}>
                None in this period
              </td>
            </tr>
          ) : (
            table.rows.map((r, i) => {
              const href = linkFor?.(r) ?? null;
              return (
                <tr key={i} className="govuk-table__row">
                  {table.columns.map((c) => {
                    const text = cellText(c, r[c.key] ?? null);
                    return c === first ? (
                      <th key={c.key} scope="row" className="govuk-table__header font-normal" data-col={c.key}>
                        {href ? (
                          <a className="govuk-link" href={href}>
                            {text}
                          </a>
                        ) : (
                          text
                        )}
                      </th>
                    ) : (
                      <td key={c.key} className={`govuk-table__cell ${numeric(c) ? "govuk-table__cell--numeric" : ""}`} data-col={c.key}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              );
            })
          )}
        </tbody>
        {table.total && table.rows.length > 0 ? (
          <tfoot data-testid={`total-${table.id}`}>
            <tr className="govuk-table__row">
              {table.columns.map((c) =>
                c === first ? (
                  <th key={c.key} scope="row" className="govuk-table__header" data-col={c.key}>
                    {cellText(c, table.total![c.key] ?? null)}
                  </th>
                ) : (
                  <td key={c.key} className={`govuk-table__cell font-bold ${numeric(c) ? "govuk-table__cell--numeric" : ""}`} data-col={c.key}>
                    {cellText(c, table.total![c.key] ?? null)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

// GOV.UK colours, in an order that tells neighbours apart (and a pattern-free legend in words).
const COLOURS = ["#1d70b8", "#f47738", "#00703c", "#912b88", "#5694ca", "#b58840", "#d4351c"];

/** A table with its chart: the title first (as a heading), then the chart, then the table (its caption the same title, for screen readers). */
function ChartedTable({ table, chart, linkFor }: { table: TReportTable; chart: ReactNode; linkFor?: (row: Record<string, TReportCell>) => string | null }) {
  return (
    <>
      <h3 className="govuk-heading-m">
        {table.title}
      </h3>
      {chart}
      <ReportTable table={table} linkFor={linkFor} captionSize="hidden" />
    </>
  );
}

/** Horizontal bars, one per row (stacked when several series), drawn as SVG on the server. Suppressed cells draw nothing. */
export function BarChart({ table, labelKey, series }: { table: TReportTable; labelKey: string; series: string[] }) {
  const value = (v: TReportCell | undefined) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0);
  const rows = table.rows.filter((r) => series.some((s) => value(r[s]) > 0));
  if (!rows.length) return null;
  const totals = rows.map((r) => series.reduce((s, k) => s + Math.max(0, value(r[k])), 0));
  const max = Math.max(...totals, 1);
  const labelWidth = 260;
  const barWidth = 560;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 8;
  const columnOf = (k: string) => table.columns.find((c) => c.key === k)!;
  const label = (r: Record<string, TReportCell>) => {
    const text = cellText(columnOf(labelKey), r[labelKey] ?? null);
    return text.length > 34 ? `${text.slice(0, 33)}…` : text;
  };
  return (
    <figure className="mb-4" aria-hidden="true" data-testid={`chart-${table.id}`}>
      <svg viewBox={`0 0 ${labelWidth + barWidth + 110} ${height}`} className="w-full max-w-[930px]" focusable="false" role="presentation">
        {rows.map((r, i) => {
          let x = labelWidth;
          const y = i * rowHeight + 4;
          return (
            <g key={i}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" fontSize="14" fill="#0b0c0c">
                {label(r)}
              </text>
              {series.map((k, j) => {
                const w = (Math.max(0, value(r[k])) / max) * barWidth;
                const rect = <rect key={k} x={x} y={y} width={w} height={rowHeight - 8} fill={COLOURS[j % COLOURS.length]} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 16} fontSize="14" fill="#0b0c0c">
                {series.length === 1 ? cellText(columnOf(series[0]!), r[series[0]!] ?? null) : totals[i]!.toLocaleString("en-GB")}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul className="govuk-list govuk-body-s flex flex-wrap gap-x-6">
          {series.map((k, j) => (
            <li key={k}>
              <svg width="14" height="14" viewBox="0 0 14 14" className="inline-block align-middle" focusable="false">
                <rect width="14" height="14" fill={COLOURS[j % COLOURS.length]} />
              </svg>{" "}
              {columnOf(k).label}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

/** The tables in their sections. `linkFor` makes breakdown rows links (staff only); `outcomesExtra` sits under the outcomes (the staff cost form). */
export function DashboardSections({
  tables,
  linkFor,
  outcomesExtra,
  warnings = true,
}: {
  tables: readonly TReportTable[];
  linkFor?: (tableId: string, row: Record<string, TReportCell>) => string | null;
  outcomesExtra?: ReactNode;
  warnings?: boolean;
}) {
  const t = (id: string) => tables.find((x) => x.id === id);
  const link = (id: string) => (linkFor ? (r: Record<string, TReportCell>) => linkFor(id, r) : undefined);
  const weekly = t("weekly");
  const channels = weekly ? weekly.columns.filter((c) => c.kind === "count" && c.key !== "total").map((c) => c.key) : [];
  const flagged = [...(t("funds")?.rows ?? []).filter((r) => r.warning), ...(t("pots")?.rows ?? []).filter((r) => r.warning)];
  const value = t("value");
  return (
    <>
      <section id="money" aria-labelledby="money-heading">
        <h2 className="govuk-heading-l" id="money-heading">
          Money
        </h2>
        {warnings
          ? flagged.map((r, i) => (
              <div key={i} className="govuk-warning-text" data-testid="money-warning">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  {r.pot ? `${String(r.pot)} (${String(r.fund)})` : String(r.fund)}: {String(r.warning)}. {String(r.projection)}.
                </strong>
              </div>
            ))
          : null}
        {t("funds") ? <ReportTable table={t("funds")!} /> : null}
        {t("pots") ? <ReportTable table={t("pots")!} /> : null}
      </section>
      <section id="outputs" aria-labelledby="outputs-heading">
        <h2 className="govuk-heading-l" id="outputs-heading">
          Outputs
        </h2>
        {weekly ? (
          <ChartedTable table={weekly} chart={<BarChart table={weekly} labelKey="week" series={channels} />} />
        ) : null}
        {t("timings") ? <ReportTable table={t("timings")!} /> : null}
        {t("approvals") ? <ReportTable table={t("approvals")!} /> : null}
        <p className="govuk-body" data-testid="how-awards-count">
          An award counts in the period its payment went out, unless the payment came back or was refunded in full. Paid is money paid out in the period less money that came back in
          it, so it can include money for awards counted in an earlier period. A household counts once however many awards it had, and applications an officer linked as the same
          person or household are one household; helped on more than one day means its awards were paid on two or more different days, up to the end of the period.
        </p>
        {["by-need", "by-household", "by-route", "by-partner"].map((id) =>
          t(id) ? (
            <div key={id}>
              <ChartedTable table={t(id)!} chart={<BarChart table={t(id)!} labelKey="label" series={["paid"]} />} linkFor={link(id)} />
            </div>
          ) : null,
        )}
      </section>
      <section id="outcomes" aria-labelledby="outcomes-heading">
        <h2 className="govuk-heading-l" id="outcomes-heading">
          Outcomes
        </h2>
        {value ? (
          <ul className="govuk-list govuk-list--bullet" data-testid="per-pound">
            {value.rows.map((r, i) => {
              const perPound = r.perPound ?? null;
              const against = String(r.against).toLowerCase();
              return (
                <li key={i}>
                  {perPound === null ? `No figure for each £1 of ${against} yet` : typeof perPound === "string" ? `Extra income for each £1 of ${against}: hidden (small numbers)` : `${formatPence(BigInt(perPound))} of extra income for each £1 of ${against}`}
                </li>
              );
            })}
          </ul>
        ) : null}
        {t("income") ? <ReportTable table={t("income")!} /> : null}
        {value ? <ReportTable table={value} /> : null}
        {outcomesExtra}
        {t("onward") ? <ReportTable table={t("onward")!} /> : null}
      </section>
      {t("funnel") ? (
        <section id="outreach" aria-labelledby="outreach-heading">
          <h2 className="govuk-heading-l" id="outreach-heading">
            Outreach
          </h2>
          <ChartedTable table={t("funnel")!} chart={<BarChart table={t("funnel")!} labelKey="stage" series={["households"]} />} />
        </section>
      ) : null}
    </>
  );
}
