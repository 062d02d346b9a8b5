import type { ReactElement } from "react";
import { caseworkWords, SLA_COLOUR } from "@/components/cases/words";
import { Tag } from "@/components/ui/tag";
import { slaState } from "@/lib/triage/sla";
import type { TMessages } from "@/lib/i18n";

// A case's priority and SLA as tags, the same wherever a case is listed: the queue, the case
// file's header, the awards awaiting approval.

/** "Urgent" (red) or "Standard" (grey). */
export function PriorityTag({ band, m }: { band: string; m: TMessages }) {
  return <Tag colour={band === "URGENT" ? "red" : "grey"}>{caseworkWords(m).band(band)}</Tag>;
}

/** "Overdue", "Due today", "Due soon" while the clock runs; null when on track or stopped (so callers can leave out its line). */
export function slaTag({ dueOn, now, running, m }: { dueOn: string; now: Date; running: boolean; m: TMessages }): ReactElement | null {
  if (!running) return null;
  const state = slaState(dueOn, now);
  const colour = SLA_COLOUR[state];
  return colour ? <Tag colour={colour}>{caseworkWords(m).sla(state)}</Tag> : null;
}
