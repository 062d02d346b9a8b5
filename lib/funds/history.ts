import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { withTenant } from "@/lib/db/tenant-scope";
import { getPotHistory, type THistoryFilter, type THistoryRow } from "@/lib/funds/queries";
import { messagesFor } from "@/lib/i18n";
import { ZHistoryFilter } from "@/lib/funds/schemas";
import { penceToPoundsText } from "@/lib/money";

export const HISTORY_PAGE_ROWS = 200;

/** The filter from a URL's query (bad values are ignored, never an error page). */
export function historyFilterFrom(query: Record<string, string | undefined>): { filter: THistoryFilter; raw: { kind: string; from: string; to: string } } {
  const q = ZHistoryFilter.parse(query);
  const day = (s: string | undefined, plus = 0) => (s ? new Date(Date.parse(`${s}T00:00:00Z`) + plus * 86_400_000) : undefined);
  return {
    filter: { kind: q.kind || undefined, from: day(q.from), to: day(q.to, 1) },
    raw: { kind: q.kind, from: q.from ?? "", to: q.to ?? "" },
  };
}

/** A cell safe for spreadsheets: quoted, and never read as a formula. */
function cell(value: string): string {
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
      .map(cell)
      .join(","),
  );
  return [header.map(cell).join(","), ...lines].join("\r\n") + "\r\n";
}

/** Every matching transaction of a pot as CSV; the export is audited (it leaves the system). */
export async function exportPotHistory(access: Pick<TCouncilAccess, "council" | "user">, potId: string, filter: THistoryFilter, ip: string | null) {
  const history = await getPotHistory(access.council.id, potId, filter, null);
  if (!history) return null;
  await withTenant(access.council.id, (tx) =>
    recordAudit(tx, {
      tenantId: access.council.id,
      actor: { userId: access.user.userId, email: access.user.email },
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
