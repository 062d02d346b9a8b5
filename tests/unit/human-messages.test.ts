import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inFormOrder, zodFieldErrorsIn } from "@/lib/forms/form-state";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ZAllocate, ZChangeFund, ZChangePot, ZMoveMoney, ZNewFund, ZNewPot } from "@/lib/funds/schemas";
import { ZStatusLookup } from "@/lib/applications/schemas";
import type { z } from "zod";

// What a staff member reads: the schemas' message keys in the English words, as the action client shows them.
const shown = (error: z.ZodError) => zodFieldErrorsIn(messagesFor("en"), error);

const ID = "11111111-1111-4111-8111-111111111111";
const SCHEMAS: Record<string, { schema: z.ZodType; fields: string[]; fixed: Record<string, string> }> = {
  move: { schema: ZMoveMoney, fields: ["fromPotId", "toPotId", "amount", "reason"], fixed: { fundId: ID, idempotencyKey: ID } },
  allocate: { schema: ZAllocate, fields: ["toPotId", "amount", "reason"], fixed: { fundId: ID, idempotencyKey: ID } },
  newPot: { schema: ZNewPot, fields: ["name", "ownerOrganisationId", "maxSingleAward", "eligibleNeeds-food", "maxAwardsPerHousehold", "repeatWindowDays"], fixed: { fundId: ID, idempotencyKey: ID } },
  changePot: { schema: ZChangePot, fields: ["name", "maxSingleAward", "active", "accessRoutes-REFERRAL"], fixed: { fundId: ID, potId: ID } },
  newFund: {
    schema: ZNewFund,
    fields: ["name", "funder", "allocation", "adminCap", "periodStart-day", "periodStart-month", "periodStart-year", "periodEnd-day", "periodEnd-month", "periodEnd-year"],
    fixed: { idempotencyKey: ID },
  },
  changeFund: { schema: ZChangeFund, fields: ["name", "allocation", "periodEnd-day", "reason"], fixed: { fundId: ID, idempotencyKey: ID } },
};

const junk = fc.oneof(fc.constant(""), fc.constant("x"), fc.constant("-1"), fc.constant("99"), fc.constant("not-a-uuid"), fc.string({ maxLength: 30 }));

describe("every message is written for people", () => {
  for (const [name, { schema, fields, fixed }] of Object.entries(SCHEMAS)) {
    it(`${name}: nonsense in any field never shows Zod's own wording`, () => {
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...fields), junk), (values) => {
          const result = schema.safeParse({ ...fixed, ...values });
          if (result.success) return;
          for (const e of shown(result.error)) expect(e.message).not.toMatch(/invalid|expected|unrecognized|uuid/i);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("move money with nothing chosen says what to select", () => {
    const r = ZMoveMoney.safeParse({ fundId: ID, idempotencyKey: ID, fromPotId: "", toPotId: "", amount: "", reason: "" });
    expect(shown(r.error!)).toEqual([
      { field: "fromPotId", message: "Select the pot to move money from" },
      { field: "toPotId", message: "Select where the money goes" },
      { field: "amount", message: "Enter the amount to move" },
      { field: "reason", message: "Enter a reason" },
    ]);
  });
});

describe("all errors at once", () => {
  it("the fund form reports a bad date alongside a bad allocation and cap", () => {
    const r = ZNewFund.safeParse({
      idempotencyKey: ID, name: "Fund", funder: "DWP", allocation: "lots", adminCap: "200",
      "periodStart-day": "31", "periodStart-month": "2", "periodStart-year": "2026", "periodEnd-day": "1", "periodEnd-month": "1", "periodEnd-year": "2027",
    });
    expect(shown(r.error!).map((e) => e.field)).toEqual(["allocation", "adminCap", "periodStart"]);
  });

  it("the fund form reports the end before the start alongside other problems", () => {
    const r = ZNewFund.safeParse({
      idempotencyKey: ID, name: "", funder: "DWP", allocation: "1000", adminCap: "",
      "periodStart-day": "1", "periodStart-month": "4", "periodStart-year": "2026", "periodEnd-day": "1", "periodEnd-month": "3", "periodEnd-year": "2026",
    });
    expect(shown(r.error!)).toEqual([
      { field: "name", message: "Enter the fund's name" },
      { field: "periodEnd", message: "The date the fund ends must be after the date it starts" },
    ]);
  });

  it("lists the problems in the order of the fields on the page (GOV.UK error summary)", () => {
    // Field order as the fund form sends it (a FormData's keys follow the page).
    const form = {
      idempotencyKey: ID, name: "Fund", funder: "DWP",
      "periodStart-day": "31", "periodStart-month": "2", "periodStart-year": "2026", "periodEnd-day": "", "periodEnd-month": "", "periodEnd-year": "",
      allocation: "lots", adminCap: "200",
    };
    const r = ZNewFund.safeParse(form);
    expect(inFormOrder(shown(r.error!), Object.keys(form)).map((e) => e.field)).toEqual(["periodStart", "periodEnd", "allocation", "adminCap"]);
    expect(inFormOrder([{ field: "x", message: "" }, { field: "form", message: "" }, { field: "name", message: "" }], ["name"]).map((e) => e.field)).toEqual(["form", "name", "x"]);
  });

  it("the status check flags a bad reference and the date 99/x/12 together", () => {
    const r = ZStatusLookup.safeParse({ reference: "zz", "dateOfBirth-day": "99", "dateOfBirth-month": "x", "dateOfBirth-year": "12" });
    expect(shown(r.error!).map((e) => e.field)).toEqual(["reference", "dateOfBirth"]);
  });
});
