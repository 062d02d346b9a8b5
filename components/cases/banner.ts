// The notification banner after an action on a case (?done=…), in words from the message files,
// computed from the case as it now is (nothing from the URL but the action's name). Pure.
import { format } from "@/lib/i18n";
import type { TMessages } from "@/lib/i18n";
import { formatPence } from "@/lib/money";

type TAwardFacts = { status: string; amountPence: bigint; potName: string };

export function caseBanner(m: TMessages, done: string | undefined, c: { status: string; assignedToName: string | null; awards: readonly TAwardFacts[] }): string | null {
  const b = m.casework.banners;
  switch (done) {
    case "claimed":
      return b.claimed;
    case "entered":
      return b.entered;
    case "assigned":
      return format(b.assigned, { name: c.assignedToName ?? "" });
    case "unassigned":
      return b.unassigned;
    case "noted":
      return b.noted;
    case "amended":
      return b.amended;
    case "withdrawn":
      return b.withdrawn;
    case "cancelled":
      return b.cancelled;
    case "decided": {
      if (c.status === "DECLINED") return b.declined;
      const status = (m.casework.caseStatuses as Record<string, string>)[c.status]?.toLowerCase() ?? c.status;
      const live = c.awards.filter((a) => a.status !== "CANCELLED");
      const approved = live.filter((a) => a.status === "APPROVED");
      const waiting = live.filter((a) => a.status === "AWAITING_APPROVAL");
      const sum = (xs: TAwardFacts[]) => formatPence(xs.reduce((s, a) => s + a.amountPence, 0n));
      const pots = [...new Set(approved.map((a) => a.potName))].join(" and ");
      if (!waiting.length) return format(b.approved, { status, amount: sum(approved), pots });
      if (!approved.length) return format(b.waiting, { status, amount: sum(waiting) });
      return format(b.approvedAndWaiting, { status, amount: sum(approved), pots, waiting: sum(waiting) });
    }
    default:
      return null;
  }
}
