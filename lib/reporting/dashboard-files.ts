// The dashboard's downloads, from the very tables on the page (lib/reporting/dashboard-tables.ts):
// CSV (every table one after another: its title, its header, its rows, its totals row) and XLSX
// (exceljs, one sheet per table, money as numbers in pounds with a £ format). Pure apart from
// exceljs's writer; the totals in both equal the screen's to the penny (unit and e2e tested).
import ExcelJS from "exceljs";
import { csvCell } from "@/lib/funds/history";
import { penceToPoundsText } from "@/lib/money";
import type { TReportCell, TReportColumn, TReportTable } from "@/lib/reporting/dashboard-types";

/** A cell as CSV text: pence as plain pounds ("1234.56"), suppressed cells as shown ("<5", "[c]"). */
export function csvValue(column: TReportColumn, v: TReportCell): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (column.kind === "pence") return penceToPoundsText(BigInt(v));
  return String(v);
}

export function tablesToCsv(tables: readonly TReportTable[], heading: string): string {
  const lines: string[] = [csvCell(heading)];
  for (const t of tables) {
    lines.push("", csvCell(t.title), t.columns.map((c) => csvCell(c.label)).join(","));
    for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) lines.push(t.columns.map((c) => csvCell(csvValue(c, r[c.key] ?? null))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31).trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export async function tablesToXlsx(tables: readonly TReportTable[], heading: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Money Hub";
  book.title = heading;
  const taken = new Set<string>();
  for (const t of tables) {
    const ws = book.addWorksheet(sheetName(t.title, taken));
    ws.addRow([t.title]).font = { bold: true, size: 14 };
    ws.addRow(t.columns.map((c) => c.label)).font = { bold: true };
    t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.kind === "text" ? 36 : 18));
    for (const [n, r] of [...t.rows, ...(t.total ? [t.total] : [])].entries()) {
      const added = ws.addRow(
        t.columns.map((c) => {
          const v = r[c.key] ?? null;
          if (v === null || typeof v === "string") return v ?? "";
          // Pounds as a number: pence / 100 is exact to the penny for any sum below £90 trillion.
          return c.kind === "pence" ? Number(v) / 100 : Number(v);
        }),
      );
      t.columns.forEach((c, i) => {
        if (c.kind === "pence") added.getCell(i + 1).numFmt = '"£"#,##0.00;-"£"#,##0.00';
      });
      if (t.total && n === t.rows.length) added.font = { bold: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
