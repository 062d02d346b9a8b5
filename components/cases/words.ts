// Casework words for staff pages, from the one vocabulary (lib/vocabulary, lib/cases) with their
// labels in the message files (messages.casework, messages.vocabulary). Pure.
import { formatPence } from "@/lib/money";
import { getPath, type TMessages } from "@/lib/i18n";
import type { TTagColour } from "@/components/ui/tag";
import type { TSlaState } from "@/lib/triage/sla";

type Lookup = Record<string, string>;
const word = (table: Lookup, key: string) => table[key] ?? key;

export function caseworkWords(m: TMessages) {
  const c = m.casework;
  return {
    status: (s: string) => word(c.caseStatuses, s),
    awardStatus: (s: string) => word(c.awardStatuses, s),
    channel: (s: string) => word(m.vocabulary.channels, s),
    need: (s: string) => word(m.vocabulary.needs, s),
    paymentMethod: (s: string) => word(c.paymentMethods, s),
    band: (s: string) => word(c.priorityBands, s),
    /** "No food today · Child under 5" */
    reasons: (reasons: readonly string[]) => (reasons.length ? reasons.map((r) => word(c.priorityReasons, r)).join(" · ") : c.noPriorityReasons),
    sla: (s: TSlaState) => c.sla[s],
    /** Event kinds are dotted ("status.approve"): the words are nested the same way. */
    event: (kind: string) => {
      const w = getPath(c.events, kind) ?? getPath(m.referrals.events, kind) ?? getPath(m, `documents.events.${kind}`) ?? getPath(m, `information.events.${kind}`);
      return typeof w === "string" ? w : kind;
    },
    money: (pence: bigint | string) => formatPence(BigInt(pence)),
  };
}

export const STATUS_COLOUR: Record<string, TTagColour> = {
  NEW: "blue",
  IN_REVIEW: "light-blue",
  AWAITING_INFORMATION: "yellow",
  APPROVED: "green",
  PART_APPROVED: "turquoise",
  DECLINED: "red",
  WITHDRAWN: "grey",
  CLOSED_DUPLICATE: "grey",
};

export const AWARD_COLOUR: Record<string, TTagColour> = { PROPOSED: "grey", AWAITING_APPROVAL: "yellow", APPROVED: "green", CANCELLED: "grey" };

export const SLA_COLOUR: Partial<Record<TSlaState, TTagColour>> = { BREACHED: "red", DUE_TODAY: "orange", DUE_SOON: "yellow" };
