import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applicableSteps, canVisit, firstIncomplete, nextDestination, previousStep } from "@/lib/applications/journey";
import { assemble, ZApplication } from "@/lib/applications/schemas";
import { parseAnswers, STEP_IDS, type TRawAnswers, type TStepId } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";

const ctx = { postcodeAreas: ["E5", "E8", "N16"] };


const answers = (raw: TRawAnswers) => parseAnswers(raw);
const without = (...steps: TStepId[]) => Object.fromEntries(Object.entries(FULL).filter(([k]) => !steps.includes(k as TStepId))) as TRawAnswers;

describe("the application journey", () => {
  it("starts at the first question and ends at check your answers", () => {
    expect(firstIncomplete({}, ctx)).toBe("full-name");
    expect(firstIncomplete(answers(FULL), ctx)).toBe("check-answers");
  });

  it("every stored answer in the full example is valid", () => {
    const parsed = answers(FULL);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(FULL).sort());
  });

  it("skips pages that do not apply", () => {
    const steps = applicableSteps(answers(FULL));
    expect(steps).toContain("children-ages");
    expect(steps).toContain("rent-arrears");
    expect(steps).not.toContain("council-tax-arrears");
    expect(steps).not.toContain("other-need");
    expect(steps).not.toContain("address-manual");
    const noKids = answers({ ...FULL, household: { adults: "2", children: "0" } });
    expect(applicableSteps(noKids)).not.toContain("children-ages");
    expect(nextDestination("household", noKids, ctx)).toBe("circumstances");
    const voucher = answers({ ...FULL, payment: { paymentMethod: "voucher-sms" } });
    expect(nextDestination("payment", voucher, ctx)).toBe("consent");
    expect(nextDestination("payment", answers(FULL), ctx)).toBe("bank-details");
  });

  it("refuses to let anyone jump past an unanswered page", () => {
    const partial = answers(without("household", "children-ages"));
    expect(canVisit("postcode", partial, ctx)).toBe(true);
    expect(canVisit("household", partial, ctx)).toBe(true);
    expect(canVisit("needs", partial, ctx)).toBe(false);
    expect(canVisit("check-answers", partial, ctx)).toBe(false);
    expect(canVisit("bank-details", answers({ ...FULL, payment: { paymentMethod: "voucher-email" } }), ctx)).toBe(false);
  });

  it("sends a postcode outside the council's area to the 'we cannot help' page and nowhere further", () => {
    const outside = answers({ ...FULL, postcode: { postcode: "SW1A 1AA" } });
    expect(firstIncomplete(outside, ctx)).toBe("outside-area");
    expect(nextDestination("postcode", outside, ctx)).toBe("outside-area");
    expect(canVisit("outside-area", outside, ctx)).toBe(true);
    expect(canVisit("address", outside, ctx)).toBe(false);
    expect(canVisit("check-answers", outside, ctx)).toBe(false);
    expect(canVisit("postcode", outside, ctx)).toBe(true);
    expect(canVisit("outside-area", answers(FULL), ctx)).toBe(false);
  });

  it("a change from check your answers goes back there, unless it opened a new question", () => {
    const full = answers(FULL);
    expect(nextDestination("full-name", full, ctx, { change: true })).toBe("check-answers");
    const nowOwesCouncilTax = answers({ ...FULL, needs: { ...FULL.needs, "needs-council-tax-arrears": "yes" } });
    expect(nextDestination("needs", nowOwesCouncilTax, ctx, { change: true })).toBe("council-tax-arrears");
    expect(nextDestination("council-tax-arrears", answers({ ...FULL, needs: { ...FULL.needs, "needs-council-tax-arrears": "yes" }, "council-tax-arrears": { councilTaxArrears: "300" } }), ctx, { change: true })).toBe(
      "check-answers",
    );
  });

  it("back links follow the pages that apply", () => {
    const full = answers(FULL);
    expect(previousStep("full-name", full, ctx)).toBeNull();
    expect(previousStep("circumstances", full, ctx)).toBe("children-ages");
    expect(previousStep("circumstances", answers({ ...FULL, household: { adults: "1", children: "0" } }), ctx)).toBe("household");
    expect(previousStep("check-answers", full, ctx)).toBe("consent");
    expect(previousStep("outside-area", full, ctx)).toBe("postcode");
  });

  it("property: whatever subset of pages is answered, the next page is answerable and never skips one", () => {
    fc.assert(
      fc.property(fc.subarray(STEP_IDS), (answered) => {
        const a = answers(Object.fromEntries(answered.map((s) => [s, FULL[s]]).filter(([, v]) => v)) as TRawAnswers);
        const next = firstIncomplete(a, ctx);
        expect(canVisit(next, a, ctx)).toBe(true);
        if (next !== "check-answers" && next !== "outside-area") {
          // Every applicable page before it is answered; it is not.
          const steps = applicableSteps(a);
          for (const s of steps.slice(0, steps.indexOf(next))) expect(a[s]).toBeDefined();
          expect(a[next]).toBeUndefined();
          // Nothing after it can be visited yet unless already answered pages allow it.
          for (const s of steps.slice(steps.indexOf(next) + 1)) expect(canVisit(s, a, ctx)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the canonical application", () => {
  it("assembles a complete, valid application from the pages' answers", () => {
    const app = ZApplication.parse(assemble(answers(FULL), true));
    expect(app.schemaVersion).toBe(1);
    expect(app.aboutYou).toEqual({ fullName: "Ayşe Yılmaz", dateOfBirth: "1988-03-07", email: "ayse@example.com", mobile: "+447700900982", preferredLanguage: "tr" });
    expect(app.address).toMatchObject({ postcode: "E8 1DY", source: "lookup", lookupId: "e81dy-2" });
    expect(app.household).toEqual({ adults: 1, children: 2, childrenAges: [3, 9], pregnant: true, overPensionAge: false, disabilityOrIllness: false });
    expect(app.needs).toEqual({ categories: ["food", "rent-arrears"], rentArrearsPence: 125050, councilTaxArrearsPence: null, otherNeed: null });
    expect(app.payment).toEqual({ method: "bank", bank: { accountName: "A Yilmaz", sortCode: "089999", accountNumber: "66374958", rollNumber: null } });
  });

  it("is incomplete without the declaration or a required page", () => {
    expect(ZApplication.safeParse(assemble(answers(FULL), false)).success).toBe(false);
    expect(ZApplication.safeParse(assemble(answers(without("housing")), true)).success).toBe(false);
  });

  it("drops answers to pages that no longer apply", () => {
    const app = ZApplication.parse(assemble(answers({ ...FULL, needs: { "needs-food": "yes" } }), true));
    expect(app.needs.rentArrearsPence).toBeNull();
  });

  it("refuses a voucher by text without a mobile number", () => {
    const r = ZApplication.safeParse(assemble(answers({ ...FULL, contact: { email: "a@example.com", mobile: "" }, payment: { paymentMethod: "voucher-sms" } }), true));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain("paymentMethod.needsMobile");
  });
});
