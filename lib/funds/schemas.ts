// Input for the budget screens: strict Zod schemas over the flat form fields (unknown fields
// such as tenantId are refused), with GOV.UK-style messages. Amounts are typed in pounds and
// leave here as pence.
import { z } from "zod";
import { parseDateParts } from "@/lib/forms/dates";
import { zPounds } from "@/lib/forms/pounds-field";
import { LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { ACCESS_ROUTES, HOUSEHOLD_TYPES, NEEDS } from "@/lib/vocabulary";

const KEY = z.uuid({ error: "This form has expired. Reload the page and try again" });
const REASON = z.string().trim().min(1, "Enter a reason").max(500, "The reason must be 500 characters or fewer");

const DATE_MESSAGES = (label: string) => ({
  required: `Enter the date the fund ${label}`,
  missingDay: `The date the fund ${label} must include a day`,
  missingMonth: `The date the fund ${label} must include a month`,
  missingYear: `The date the fund ${label} must include a year`,
  yearDigits: "Year must include 4 numbers",
  real: `The date the fund ${label} must be a real date`,
});

function dateFields(name: string) {
  return { [`${name}-day`]: z.string().default(""), [`${name}-month`]: z.string().default(""), [`${name}-year`]: z.string().default("") } as Record<string, z.ZodDefault<z.ZodString>>;
}

function readDate(v: Record<string, unknown>, name: string, label: string, ctx: z.RefinementCtx): Date | null {
  const parsed = parseDateParts({ day: String(v[`${name}-day`] ?? ""), month: String(v[`${name}-month`] ?? ""), year: String(v[`${name}-year`] ?? "") });
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", path: [name], message: DATE_MESSAGES(label)[parsed.problem] });
    return null;
  }
  return new Date(`${parsed.iso}T00:00:00Z`);
}

const optionalPercent = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    if (!value) return null;
    const n = Number(value.replace(/%$/, ""));
    if (!/^\d{1,3}(\.\d{1,2})?%?$/.test(value) || n > 100) {
      ctx.addIssue({ code: "custom", message: "The admin-spend cap must be a percentage between 0 and 100, like 10 or 7.5" });
      return z.NEVER;
    }
    return Math.round(n * 100);
  });

const fundFields = {
  name: z.string().trim().min(1, "Enter the fund's name").max(120, "The fund's name must be 120 characters or fewer"),
  funder: z.string().trim().min(1, "Enter who provides the money").max(120, "The funder must be 120 characters or fewer"),
  ...dateFields("periodStart"),
  ...dateFields("periodEnd"),
  allocation: zPounds("total allocation", { min: 0n }),
  adminCap: optionalPercent,
  idempotencyKey: KEY,
};

function toFund(v: Record<string, unknown> & { name: string; funder: string; allocation: bigint; adminCap: number | null }, ctx: z.RefinementCtx) {
  const periodStart = readDate(v, "periodStart", "starts", ctx);
  const periodEnd = readDate(v, "periodEnd", "ends", ctx);
  if (periodStart && periodEnd && periodEnd < periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The date the fund ends must be after the date it starts" });
  return {
    name: v.name,
    funder: v.funder,
    periodStart: periodStart ?? new Date(0),
    periodEnd: periodEnd ?? new Date(0),
    allocationPence: v.allocation,
    adminCapBasisPoints: v.adminCap,
  };
}

export const ZNewFund = z.strictObject(fundFields).transform((v, ctx) => ({ fund: toFund(v, ctx), idempotencyKey: v.idempotencyKey }));

export const ZChangeFund = z
  .strictObject({ ...fundFields, fundId: z.uuid(), reason: z.string().trim().max(500, "The reason must be 500 characters or fewer").default("") })
  .transform((v, ctx) => ({ fundId: v.fundId, fund: toFund(v, ctx), reason: v.reason, idempotencyKey: v.idempotencyKey }));

function checkboxValues<T extends string>(v: Record<string, unknown>, name: string, values: readonly T[]): T[] {
  return values.filter((value) => v[`${name}-${value}`] === "yes");
}

const optionalWholeNumber = (label: string, max: number) =>
  z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number between 1 and ${max}` });
        return z.NEVER;
      }
      return Number(value);
    });

const checkboxKeys = (name: string, values: readonly string[]) => Object.fromEntries(values.map((value) => [`${name}-${value}`, z.literal("yes").optional()]));

const potFields = {
  name: z.string().trim().min(1, "Enter the pot's name").max(120, "The pot's name must be 120 characters or fewer"),
  ownerOrganisationId: z.union([z.literal(""), z.uuid({ error: "Select a partner organisation" })]).default(""),
  maxSingleAward: z
    .string()
    .trim()
    .default("")
    .pipe(z.union([z.literal("").transform(() => null), zPounds("largest single award")])),
  ...checkboxKeys("eligibleNeeds", NEEDS),
  ...checkboxKeys("eligibleHouseholdTypes", HOUSEHOLD_TYPES),
  ...checkboxKeys("accessRoutes", ACCESS_ROUTES),
  maxAwardsPerHousehold: optionalWholeNumber("The number of awards per household", 52),
  repeatWindowDays: optionalWholeNumber("The number of days", 3660),
};

function toPotRules(v: Record<string, unknown> & { name: string; ownerOrganisationId: string; maxSingleAward: bigint | null; maxAwardsPerHousehold: number | null; repeatWindowDays: number | null }, ctx: z.RefinementCtx) {
  if ((v.maxAwardsPerHousehold === null) !== (v.repeatWindowDays === null)) {
    ctx.addIssue({
      code: "custom",
      path: [v.maxAwardsPerHousehold === null ? "maxAwardsPerHousehold" : "repeatWindowDays"],
      message: v.maxAwardsPerHousehold === null ? "Enter how many awards a household may have in that time" : "Enter how many days the limit covers",
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
  };
}

export const ZNewPot = z
  .strictObject({ ...potFields, fundId: z.uuid(), idempotencyKey: KEY })
  .transform((v, ctx) => ({ fundId: v.fundId, rules: toPotRules(v, ctx), idempotencyKey: v.idempotencyKey }));

export const ZChangePot = z
  .strictObject({ ...potFields, fundId: z.uuid(), potId: z.uuid(), active: z.enum(["yes", "no"], { error: "Select whether the pot is open for new awards" }) })
  .transform((v, ctx) => ({ fundId: v.fundId, potId: v.potId, rules: toPotRules(v, ctx), active: v.active === "yes" }));

export const ZAllocate = z.strictObject({
  fundId: z.uuid(),
  toPotId: z.uuid({ error: "Select the pot to allocate money to" }),
  amount: zPounds("amount to allocate"),
  reason: REASON,
  idempotencyKey: KEY,
});

export const ZMoveMoney = z
  .strictObject({
    fundId: z.uuid(),
    fromPotId: z.uuid({ error: "Select the pot to move money from" }),
    toPotId: z.union([z.literal("fund"), z.uuid()], { error: "Select where the money goes" }),
    amount: zPounds("amount to move"),
    reason: REASON,
    idempotencyKey: KEY,
  })
  .refine((v) => v.fromPotId !== v.toPotId, { path: ["toPotId"], message: "Select a different pot to move the money to" });

export const ZHistoryFilter = z.object({
  kind: z.union([z.enum(LEDGER_TRANSACTION_KINDS), z.literal("")]).catch(""),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});
