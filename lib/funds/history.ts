import { errorText } from "@/lib/i18n";
import "server-only";
import { staffActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { withTenant } from "@/lib/db/tenant-scope";
import { getPotHistory, type THistoryFilter, type THistoryRow } from "@/lib/funds/queries";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ZHistoryFilter } from "@/lib/funds/schemas";
import { parseDateParts, type TDateParts } from "@/lib/forms/dates";
import { penceToPoundsText } from "@/lib/money";

/** Rows per page of a pot's history on screen (the CSV has them all). */
export const HISTORY_PAGE_ROWS = 50;

type TRawFilter = { kind: string; from: string; to: string };

/**
 * The filter from a URL's query. Dates come from GOV.UK date inputs (from-day, from-month,
 * from-year) or as ISO dates (from=2026-11-24, used by the CSV link). A date that is not real is
 * left out of the filter and reported for the page to show next to its boxes, never an error page.
 */
export function historyFilterFrom(query: Record<string, string | undefined>): {
  filter: THistoryFilter;
  raw: TRawFilter;
  parts: Record<"from" | "to", TDateParts>;
  problems: { field: "from" | "to"; message: string }[];
  page: number;
} {
  const problems: { field: "from" | "to"; message: string }[] = [];
  const parts = { from: datePartsFrom(query, "from"), to: datePartsFrom(query, "to") };
  const iso = (which: "from" | "to"): string | undefined => {
    const p = parts[which];
    if (!p.day && !p.month && !p.year) return undefined;
    const parsed = parseDateParts(p);
    if (parsed.ok) return parsed.iso;
    problems.push({ field: which, message: errorText(messagesFor("en"), which === "from" ? "funds.historyFrom.real" : "funds.historyTo.real") });
    return undefined;
  };
  const q = ZHistoryFilter.parse({ ...query, from: iso("from"), to: iso("to") });
  if (q.from && q.to && q.to < q.from) problems.push({ field: "to", message: errorText(messagesFor("en"), "funds.historyTo.beforeFrom") });
  const day = (s: string | undefined, plus = 0) => (s ? new Date(Date.parse(`${s}T00:00:00Z`) + plus * 86_400_000) : undefined);
  const page = Math.min(100_000, Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1));
  return {
    filter: { kind: q.kind || undefined, from: day(q.from), to: day(q.to, 1) },
    raw: { kind: q.kind, from: q.from ?? "", to: q.to ?? "" },
    parts,
    problems,
    page,
  };
}

function datePartsFrom(query: Record<string, string | undefined>, which: "from" | "to"): TDateParts {
  const iso = query[which];
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [year, month, day] = iso.split("-") as [string, string, string];
    return { day: String(Number(day)), month: String(Number(month)), year };
  }
  const part = (p: string) => (query[`${which}-${p}`] ?? "").slice(0, 8);
  return { day: part("day"), month: part("month"), year: part("year") };
}

/** A cell safe for spreadsheets: quoted, and never read as a formula (the funder's return's CSV uses it too). */
export function csvCell(value: string): string {
  const isNumber = /^-?\d+(\.\d+)?$/.test(value);
  const safe = !isNumber && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function historyCsv(rows: THistoryRow[]): string {
  const header = ["Date and time (UTC)", "Type", "Amount (£)", "Effect on available (£)", "From", "To", "Reason", "Award", "Payment", "By", "Transaction id"];
  const lines = rows.map((r) =>
    [
      r.createdAt.toISOString(),
      messagesFor("en").ledger.kinds[r.kind],
      penceToPoundsText(r.amountPence),
      penceToPoundsText(r.availableEffectPence),
      r.fromPot ?? "",
      r.toPot ?? "",
      r.reason,
      r.awardRef ?? "",
      r.paymentRef ?? "",
      r.actorEmail ?? "",
      r.id,
    ]
      .map(csvCell)
      .join(","),
  );
  return [header.map(csvCell).join(","), ...lines].join("\r\n") + "\r\n";
}

/** Every matching transaction of a pot as CSV; the export is audited (it leaves the system). */
export async function exportPotHistory(access: Pick<TCouncilAccess, "council" | "user" | "roles">, potId: string, filter: THistoryFilter, ip: string | null) {
  const history = await getPotHistory(access.council.id, potId, filter, null);
  if (!history) return null;
  await withTenant(access.council.id, (tx) =>
    recordAudit(tx, {
      tenantId: access.council.id,
      actor: staffActor(access),
      action: "funds.history-exported",
      entityType: "Pot",
      entityId: potId,
      summary: `Exported ${history.rows.length} transactions of pot ${history.pot.name} as CSV`,
      metadata: { kind: filter.kind ?? null, from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
      ip,
    }),
  );
  return { name: history.pot.name, csv: historyCsv(history.rows) };
}
