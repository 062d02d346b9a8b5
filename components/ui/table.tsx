import type { ReactNode } from "react";

// GOV.UK table, rendered on the server. Numeric columns (money, counts) are right-aligned with
// tabular figures so pounds and pence line up. Sorting is server-side: a sortable header is a
// link that reloads the page sorted by that column (MOJ sortable table's look, no JavaScript).
// Only the columns given are rendered: callers pass the cells they show, nothing more.

export type TColumn<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** A link that sorts by this column; absent when the column cannot be sorted. */
  sortHref?: string;
  /** Cells that must not wrap (dates, references). */
  nowrap?: boolean;
};

export type TSort = { key: string; direction: "ascending" | "descending" };

export function Table<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  sort,
  small,
  testId,
}: {
  /** Also the name of the scrolling region around the table. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly TColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort?: TSort;
  small?: boolean;
  testId?: string;
}) {
  return (
    // A table wider than the screen scrolls inside this box: keyboard users reach it (tabindex) and
    // screen readers announce it by the table's caption (WCAG 2.1.1; axe scrollable-region-focusable).
    <div className="relative overflow-x-auto focus:outline-3 focus:outline-offset-0 focus:outline-govuk-focus" tabIndex={0} role="region" aria-label={caption}>
      <table className={`govuk-table ${small ? "govuk-table--small-text-until-tablet" : ""}`} data-testid={testId}>
        <caption className={captionHidden ? "govuk-visually-hidden" : "govuk-table__caption govuk-table__caption--m"}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((c) => {
              const sorted = sort?.key === c.key ? sort.direction : undefined;
              return (
                <th key={c.key} scope="col" className={`govuk-table__header ${c.numeric ? "govuk-table__header--numeric" : ""}`} aria-sort={c.sortHref ? (sorted ?? "none") : undefined}>
                  {c.sortHref ? (
                    <a className="govuk-link govuk-link--no-visited-state" href={c.sortHref}>
                      {c.header}
                      <span aria-hidden="true">{sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : " ▲▼"}</span>
                    </a>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr key={rowKey(r)} className="govuk-table__row">
              {columns.map((c, i) => {
                const cls = `govuk-table__cell ${c.numeric ? "govuk-table__cell--numeric" : ""} ${c.nowrap ? "app-nowrap" : "break-words"}`;
                return i === 0 ? (
                  <th key={c.key} scope="row" className={`${cls} font-normal`}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} className={cls}>
                    {c.cell(r)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
