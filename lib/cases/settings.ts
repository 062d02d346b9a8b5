// A council's casework settings (CaseworkSettings row) with the defaults when it has none:
// priority weights, SLA days, the officer's approval limit and the decision reason codes. The
// reader takes either driver's transaction (TSql). No server-only: pure apart from one SELECT.
import { z } from "zod";
import { zLine } from "@/lib/forms/text";
import type { TSql } from "@/lib/db/sql";
import { DEFAULT_OFFICER_LIMIT_PENCE } from "@/lib/awards/policy";
import { DEFAULT_PRIORITY, ZPriorityWeights, type TPrioritySettings } from "@/lib/cases/priority";
import { DEFAULT_SLA, type TSlaSettings } from "@/lib/cases/sla";

export const ZReasonCode = z.strictObject({
  code: zLine().regex(/^[a-z0-9-]{2,40}$/),
  /** Which decisions may use it. */
  decision: z.enum(["approve", "decline", "any"]),
  label: zLine().min(1).max(120),
  /** Retired: no longer offered for new decisions; kept so decided cases still read their label. */
  retired: z.boolean().optional(),
});
export type TReasonCode = z.infer<typeof ZReasonCode>;

export const DEFAULT_REASON_CODES: readonly TReasonCode[] = [
  { code: "need-met", decision: "approve", label: "The need is met in full" },
  { code: "need-part-met", decision: "approve", label: "Part of the need is met; the rest is better met elsewhere" },
  { code: "not-eligible", decision: "decline", label: "Not eligible under the fund's rules" },
  { code: "outside-area", decision: "decline", label: "Lives outside the council's area" },
  { code: "recent-award", decision: "decline", label: "Received an award recently" },
  { code: "other-support", decision: "decline", label: "Other support is available and better suited" },
  { code: "fund-exhausted", decision: "any", label: "The fund has no money left for this need" },
];

export type TCaseworkSettings = {
  priority: TPrioritySettings;
  sla: TSlaSettings;
  officerLimitPence: bigint;
  /** The codes officers may use for new decisions (retired ones left out). */
  reasonCodes: readonly TReasonCode[];
  /** Every code the council has had, retired ones too (labels of past decisions, the settings page). */
  allReasonCodes: readonly TReasonCode[];
};

export const DEFAULT_CASEWORK: TCaseworkSettings = {
  priority: DEFAULT_PRIORITY,
  sla: DEFAULT_SLA,
  officerLimitPence: DEFAULT_OFFICER_LIMIT_PENCE,
  reasonCodes: DEFAULT_REASON_CODES,
  allReasonCodes: DEFAULT_REASON_CODES,
};

type TRow = { priorityWeights: unknown; urgentFrom: number; slaUrgentDays: number; slaStandardDays: number; officerLimitPence: string | bigint; reasonCodes: unknown };

/** A stored row as settings; anything unreadable falls back to the default for that part. */
export function caseworkSettingsOf(row: TRow | undefined): TCaseworkSettings {
  if (!row) return DEFAULT_CASEWORK;
  const weights = ZPriorityWeights.safeParse(row.priorityWeights);
  const codes = z.array(ZReasonCode).min(1).safeParse(row.reasonCodes);
  return {
    priority: { weights: weights.success ? weights.data : DEFAULT_PRIORITY.weights, urgentFrom: row.urgentFrom },
    sla: { urgentWorkingDays: row.slaUrgentDays, standardWorkingDays: row.slaStandardDays },
    officerLimitPence: BigInt(row.officerLimitPence),
    reasonCodes: codes.success ? codes.data.filter((c) => !c.retired) : DEFAULT_REASON_CODES,
    allReasonCodes: codes.success ? codes.data : DEFAULT_REASON_CODES,
  };
}

/** A reason code's words, retired codes included; the code itself if the council never had it. */
export function reasonCodeLabel(settings: Pick<TCaseworkSettings, "allReasonCodes">, code: string): string {
  return settings.allReasonCodes.find((c) => c.code === code)?.label ?? code;
}

/** The council's settings inside the caller's transaction (council in scope). */
export async function loadCaseworkSettings(sql: TSql, tenantId: string): Promise<TCaseworkSettings> {
  const [row] = await sql.rows<TRow>(
    `select "priorityWeights", "urgentFrom", "slaUrgentDays", "slaStandardDays", "officerLimitPence"::text as "officerLimitPence", "reasonCodes"
     from "CaseworkSettings" where "tenantId" = $1::uuid`,
    [tenantId],
  );
  return caseworkSettingsOf(row);
}
