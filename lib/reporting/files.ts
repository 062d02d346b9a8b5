// A return's sheets as files: XLSX (exceljs, one tab per sheet, money as numbers in pounds with
// a £ format, each tab's checks under its table in green or red) and CSV (one table: sheet, row
// label, values, money as plain pounds). Both from lib/reporting/layouts.ts's sheets, as the page.
import ExcelJS from "exceljs";
import { csvCell } from "@/lib/funds/history";
import { penceToPoundsText } from "@/lib/money";
import { cellText, type TSheet } from "@/lib/reporting/layouts";

const GREEN = "FF00703C";
const RED = "FFD4351C";

export async function sheetsToXlsx(sheets: readonly TSheet[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Money Hub";
  book.title = title;
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    ws.getColumn(1).width = 60;
    for (let c = 2; c <= 5; c++) ws.getColumn(c).width = 18;
    for (const row of sheet.rows) {
      const added = ws.addRow(
        row.cells.map((c) => {
          if (typeof c === "string") return c;
          // Pounds as a number: pence / 100 is exact to the penny for any sum below £90 trillion.
          return "pence" in c ? Number(c.pence) / 100 : c.count;
        }),
      );
      row.cells.forEach((c, i) => {
        if (typeof c !== "string" && "pence" in c) added.getCell(i + 1).numFmt = '"£"#,##0.00;-"£"#,##0.00';
      });
      if (row.heading) added.font = { bold: true };
    }
    ws.addRow([]);
    ws.addRow(["Checks"]).font = { bold: true };
    for (const check of sheet.checks) {
      const added = ws.addRow([check.label, check.ok ? "✓ Pass" : "✗ Fail"]);
      added.getCell(2).font = { bold: true, color: { argb: "FFFFFFFF" } };
      added.getCell(2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: check.ok ? GREEN : RED } };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One CSV: sheet, label, then the row's values; then each sheet's checks ("Check", label, Pass/Fail). */
export function sheetsToCsv(sheets: readonly TSheet[]): string {
  const lines: string[] = [["Sheet", "Row", "Value 1", "Value 2", "Value 3"].map(csvCell).join(",")];
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      const [label, ...values] = row.cells.map((c) => cellText(c, penceToPoundsText));
      lines.push([sheet.name, label ?? "", ...values].map(csvCell).join(","));
    }
    for (const check of sheet.checks) lines.push([sheet.name, `Check: ${check.label}`, check.ok ? "Pass" : "Fail"].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
