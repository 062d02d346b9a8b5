// Input for the dashboard's forms (staff, English only): the staff cost for the period shown, a
// share link for it, revoking a link. The period and fund come as hidden fields from the
// dashboard's filter and are checked again here (a real date, the end not before the start).
import { z } from "zod";
import { zPounds } from "@/lib/forms/pounds-field";
import { isRealDate } from "@/lib/reporting/dashboard-filter";

const period = {
  fund: z.union([z.literal("all"), z.uuid()], { error: "Select a fund from the list" }),
  from: z.string().refine(isRealDate, "The start date must be a real date"),
  to: z.string().refine(isRealDate, "The end date must be a real date"),
};
const toFilter = (v: { fund: string; from: string; to: string }) => ({ fundId: v.fund === "all" ? null : v.fund, from: v.from, to: v.to });
const ordered = (v: { from: string; to: string }) => v.to >= v.from;
const ORDER = { message: "The end date must be the same as or after the start date", path: ["to"] };

export const ZStaffCost = z
  .strictObject({ ...period, amount: zPounds("reporting.staffCost") })
  .refine(ordered, ORDER)
  .transform((v) => ({ filter: toFilter(v), pence: v.amount }));

export const ZShareLink = z.strictObject(period).refine(ordered, ORDER).transform(toFilter);

export const ZRevokeShareLink = z.strictObject({ linkId: z.uuid({ error: "That link does not exist" }) });
