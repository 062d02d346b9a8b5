// Input for the budget screens: strict Zod schemas over the flat form fields (unknown fields
// such as tenantId are refused). Problems are message keys ("funds.moveFrom.required"); the
// GOV.UK-style words live in the staff catalogue's `errors` (messages/en/staff.json) and the
// action client turns keys into words. Amounts are typed in pounds and leave here as pence.
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { parseDateParts } from "@/lib/forms/dates";
import { EVEN_IF_OTHER_FIELDS_FAIL } from "@/lib/forms/form-state";
import { zPounds } from "@/lib/forms/pounds-field";
import { LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { ACCESS_ROUTES, HOUSEHOLD_TYPES, NEEDS } from "@/lib/vocabulary";

const KEY = z.uuid({ error: "funds.form.expired" });
const REASON = zText({ error: "funds.reason.required" }).trim().min(1, "funds.reason.required").max(500, "funds.reason.tooLong");


function dateFields(name: string) {
  return { [`${name}-day`]: zLine().default(""), [`${name}-month`]: zLine().default(""), [`${name}-year`]: zLine().default("") } as Record<string, z.ZodDefault<z.ZodString>>;
}

function readDate(v: Record<string, unknown>, name: "periodStart" | "periodEnd", ctx?: z.RefinementCtx): Date | null {
  const parsed = parseDateParts({ day: String(v[`${name}-day`] ?? ""), month: String(v[`${name}-month`] ?? ""), year: String(v[`${name}-year`] ?? "") });
  if (!parsed.ok) {
    ctx?.addIssue({ code: "custom", path: [name], message: `funds.${name}.${parsed.problem}` });
    return null;
  }
  return new Date(`${parsed.iso}T00:00:00Z`);
}

/** The fund's dates, checked alongside every other field (not only once the others are right). */
function checkFundDates(v: unknown, ctx: z.RefinementCtx) {
  if (!v || typeof v !== "object") return;
  const values = v as Record<string, unknown>;
  const periodStart = readDate(values, "periodStart", ctx);
  const periodEnd = readDate(values, "periodEnd", ctx);
  if (periodStart && periodEnd && periodEnd < periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "funds.periodEnd.beforeStart" });
}

const optionalPercent = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    if (!value) return null;
    const n = Number(value.replace(/%$/, ""));
    if (!/^\d{1,3}(\.\d{1,2})?%?$/.test(value) || n > 100) {
      ctx.addIssue({ code: "custom", message: "funds.adminCap.format" });
      return z.NEVER;
    }
    return Math.round(n * 100);
  });

const fundFields = {
  name: zLine({ error: "funds.fundName.required" }).trim().min(1, "funds.fundName.required").max(120, "funds.fundName.tooLong"),
  funder: zLine({ error: "funds.funder.required" }).trim().min(1, "funds.funder.required").max(120, "funds.funder.tooLong"),
  ...dateFields("periodStart"),
  ...dateFields("periodEnd"),
  allocation: zPounds("funds.allocation", { min: 0n }),
  adminCap: optionalPercent,
  /** Whether the fund's money is public funds (docs/eligibility.md): not chosen, it is. */
  publicFunds: z.enum(["yes", "no"], { error: "funds.publicFunds.required" }).default("yes"),
  idempotencyKey: KEY,
};

function toFund(v: Record<string, unknown> & { name: string; funder: string; allocation: bigint; adminCap: number | null; publicFunds: "yes" | "no" }) {
  const periodStart = readDate(v, "periodStart");
  const periodEnd = readDate(v, "periodEnd");
  return {
    name: v.name,
    funder: v.funder,
    periodStart: periodStart ?? new Date(0),
    periodEnd: periodEnd ?? new Date(0),
    allocationPence: v.allocation,
    adminCapBasisPoints: v.adminCap,
    publicFunds: v.publicFunds === "yes",
  };
}

export const ZNewFund = z
  .strictObject(fundFields)
  .superRefine(checkFundDates, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((v) => ({ fund: toFund(v), idempotencyKey: v.idempotencyKey }));

export const ZChangeFund = z
  .strictObject({ ...fundFields, fundId: z.uuid(), reason: zText().trim().max(500, "funds.reason.tooLong").default("") })
  .superRefine(checkFundDates, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((v) => ({ fundId: v.fundId, fund: toFund(v), reason: v.reason, idempotencyKey: v.idempotencyKey }));

function checkboxValues<T extends string>(v: Record<string, unknown>, name: string, values: readonly T[]): T[] {
  return values.filter((value) => v[`${name}-${value}`] === "yes");
}

const optionalWholeNumber = (field: "maxAwardsPerHousehold" | "repeatWindowDays", max: number) =>
  z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
        ctx.addIssue({ code: "custom", message: `funds.${field}.range` });
        return z.NEVER;
      }
      return Number(value);
    });

// A box that is not ticked is not sent; anything but "yes" counts as not ticked.
const checkboxKeys = (name: string, values: readonly string[]) => Object.fromEntries(values.map((value) => [`${name}-${value}`, zLine().max(20).optional()]));

const potFields = {
  name: zLine({ error: "funds.potName.required" }).trim().min(1, "funds.potName.required").max(120, "funds.potName.tooLong"),
  ownerOrganisationId: z.union([z.literal(""), z.uuid({ error: "funds.ownerOrganisationId.required" })]).default(""),
  maxSingleAward: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (!value) return null;
      const parsed = zPounds("funds.maxSingleAward").safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "funds.maxSingleAward.format" });
        return z.NEVER;
      }
      return parsed.data;
    }),
  ...checkboxKeys("eligibleNeeds", NEEDS),
  ...checkboxKeys("eligibleHouseholdTypes", HOUSEHOLD_TYPES),
  ...checkboxKeys("accessRoutes", ACCESS_ROUTES),
  maxAwardsPerHousehold: optionalWholeNumber("maxAwardsPerHousehold", 52),
  repeatWindowDays: optionalWholeNumber("repeatWindowDays", 3660),
  /** A Crisis and Resilience Fund Housing Payment pot (a box ticked: "yes"). */
  ...checkboxKeys("housingPayment", ["yes"]),
};

function toPotRules(v: Record<string, unknown> & { name: string; ownerOrganisationId: string; maxSingleAward: bigint | null; maxAwardsPerHousehold: number | null; repeatWindowDays: number | null }, ctx: z.RefinementCtx) {
  if ((v.maxAwardsPerHousehold === null) !== (v.repeatWindowDays === null)) {
    ctx.addIssue({
      code: "custom",
      path: [v.maxAwardsPerHousehold === null ? "maxAwardsPerHousehold" : "repeatWindowDays"],
      message: v.maxAwardsPerHousehold === null ? "funds.maxAwardsPerHousehold.required" : "funds.repeatWindowDays.required",
    });
  }
  return {
    name: v.name,
    ownerOrganisationId: v.ownerOrganisationId || null,
    maxSingleAwardPence: v.maxSingleAward,
    eligibleNeeds: checkboxValues(v, "eligibleNeeds", NEEDS),
    eligibleHouseholdTypes: checkboxValues(v, "eligibleHouseholdTypes", HOUSEHOLD_TYPES),
    accessRoutes: checkboxValues(v, "accessRoutes", ACCESS_ROUTES),
    maxAwardsPerHousehold: v.maxAwardsPerHousehold,
    repeatWindowDays: v.repeatWindowDays,
    housingPayment: v["housingPayment-yes"] === "yes",
  };
}

export const ZNewPot = z
  .strictObject({ ...potFields, fundId: z.uuid(), idempotencyKey: KEY })
  .transform((v, ctx) => ({ fundId: v.fundId, rules: toPotRules(v, ctx), idempotencyKey: v.idempotencyKey }));

export const ZChangePot = z
  .strictObject({ ...potFields, fundId: z.uuid(), potId: z.uuid(), active: z.enum(["yes", "no"], { error: "funds.active.required" }) })
  .transform((v, ctx) => ({ fundId: v.fundId, potId: v.potId, rules: toPotRules(v, ctx), active: v.active === "yes" }));

export const ZAllocate = z.strictObject({
  fundId: z.uuid(),
  toPotId: z.uuid({ error: "funds.allocateTo.required" }),
  amount: zPounds("funds.allocateAmount"),
  reason: REASON,
  idempotencyKey: KEY,
});

export const ZMoveMoney = z
  .strictObject({
    fundId: z.uuid(),
    fromPotId: z.uuid({ error: "funds.moveFrom.required" }),
    toPotId: z.union([z.literal("fund"), z.uuid({ error: "funds.moveTo.required" })], { error: "funds.moveTo.required" }),
    amount: zPounds("funds.moveAmount"),
    reason: REASON,
    idempotencyKey: KEY,
  })
  .refine((v) => v.fromPotId !== v.toPotId, { path: ["toPotId"], message: "funds.moveTo.samePot" });

export const ZHistoryFilter = z.object({
  kind: z.union([z.enum(LEDGER_TRANSACTION_KINDS), z.literal("")]).catch(""),
  from: zLine().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: zLine().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});
