import { describe, expect, it } from "vitest";
import { agreedToAdvicePartners } from "@/lib/advice/consent";
import { annualisedPence, incomeGained, inPeriod, lastTwelveMonths, outcomeGainPence, type TGainRow } from "@/lib/advice/income-gained";
import { londonToday, outcomeProblems, ZAdvicePartner, ZAdvicePartnerEdit, ZOutcome, ZReferral } from "@/lib/advice/schemas";
import words from "@/messages/en/advice.json";

const e = words.errors;
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const row = (over: Partial<TGainRow>): TGainRow => ({
  tenantId: "council-1",
  partnerId: "p1",
  partnerName: "Welfare rights",
  kind: "PENSION_CREDIT",
  valuePence: 0n,
  valuePeriod: "WEEKLY",
  lumpSumPence: 0n,
  confirmedOn: "2026-06-01",
  ...over,
});

describe("income gained: the arithmetic", () => {
  it("annualises a weekly value × 52 and keeps a yearly value as it is", () => {
    expect(annualisedPence(8245n, "WEEKLY")).toBe(428740n);
    expect(annualisedPence(15000n, "ANNUAL")).toBe(15000n);
    expect(annualisedPence(0n, "WEEKLY")).toBe(0n);
  });

  it("adds a backdated lump sum once to the year's value", () => {
    expect(outcomeGainPence({ valuePence: 10000n, valuePeriod: "WEEKLY", lumpSumPence: 120000n })).toBe(640000n);
    expect(outcomeGainPence({ valuePence: 0n, valuePeriod: "ANNUAL", lumpSumPence: 250000n })).toBe(250000n);
  });

  it("counts an outcome in the period that holds its confirmed day, both ends included", () => {
    const p = { from: "2026-04-01", to: "2026-06-30" };
    expect(inPeriod("2026-04-01", p)).toBe(true);
    expect(inPeriod("2026-06-30", p)).toBe(true);
    expect(inPeriod("2026-03-31", p)).toBe(false);
    expect(inPeriod("2026-07-01", p)).toBe(false);
  });

  it("totals by kind, by partner and by council, leaving out outcomes outside the period", () => {
    const rows = [
      row({ kind: "PENSION_CREDIT", valuePence: 8245n, valuePeriod: "WEEKLY", lumpSumPence: 98940n, confirmedOn: "2026-05-10" }),
      row({ kind: "COUNCIL_TAX_REDUCTION", valuePence: 60000n, valuePeriod: "ANNUAL", confirmedOn: "2026-06-30" }),
      row({ partnerId: "p2", partnerName: "Debt advice", kind: "DEBT_WRITTEN_OFF", lumpSumPence: 340000n, confirmedOn: "2026-04-01" }),
      row({ tenantId: "council-2", partnerId: "p3", partnerName: "Energy", kind: "WARM_HOME_DISCOUNT", valuePence: 15000n, valuePeriod: "ANNUAL", confirmedOn: "2026-05-01" }),
      row({ kind: "UNIVERSAL_CREDIT", valuePence: 99999n, valuePeriod: "WEEKLY", confirmedOn: "2026-07-01" }),
    ];
    const r = incomeGained(rows, { from: "2026-04-01", to: "2026-06-30" });
    expect(r.outcomes).toBe(4);
    expect(r.annualisedPence).toBe(428740n + 60000n + 15000n);
    expect(r.lumpSumPence).toBe(98940n + 340000n);
    expect(r.totalPence).toBe(428740n + 98940n + 60000n + 340000n + 15000n);
    expect(r.byKind.map((k) => [k.kind, k.totalPence])).toEqual([
      ["PENSION_CREDIT", 527680n],
      ["DEBT_WRITTEN_OFF", 340000n],
      ["COUNCIL_TAX_REDUCTION", 60000n],
      ["WARM_HOME_DISCOUNT", 15000n],
    ]);
    expect(r.byPartner.map((p) => [p.partnerName, p.outcomes, p.totalPence])).toEqual([
      ["Welfare rights", 2, 587680n],
      ["Debt advice", 1, 340000n],
      ["Energy", 1, 15000n],
    ]);
    expect(r.byCouncil.map((c) => [c.tenantId, c.totalPence])).toEqual([
      ["council-1", 927680n],
      ["council-2", 15000n],
    ]);
  });

  it("is exact for sums beyond a Number's precision, and zero when nothing was gained", () => {
    const big = row({ valuePence: 10_000_000n, valuePeriod: "WEEKLY", lumpSumPence: 100_000_000n });
    const r = incomeGained(Array.from({ length: 1000 }, () => big), { from: "2026-01-01", to: "2026-12-31" });
    expect(r.totalPence).toBe(1000n * (520_000_000n + 100_000_000n));
    expect(incomeGained([], { from: "2026-01-01", to: "2026-12-31" })).toMatchObject({ outcomes: 0, totalPence: 0n, byKind: [], byPartner: [], byCouncil: [] });
  });

  it("takes the twelve months to a day, leap days included", () => {
    expect(lastTwelveMonths("2026-12-06")).toEqual({ from: "2025-12-07", to: "2026-12-06" });
    expect(lastTwelveMonths("2028-02-29")).toEqual({ from: "2027-03-01", to: "2028-02-29" });
  });
});

describe("consent to share with advice partners", () => {
  it("is given only by a yes in the application, and an officer's correction wins", () => {
    expect(agreedToAdvicePartners({ consent: { shareWithAdvicePartners: true } }, [])).toBe(true);
    expect(agreedToAdvicePartners({ consent: { shareWithAdvicePartners: false } }, [])).toBe(false);
    expect(agreedToAdvicePartners({}, [])).toBe(false);
    expect(agreedToAdvicePartners({ consent: { shareWithAdvicePartners: "yes" } }, [])).toBe(false);
    expect(agreedToAdvicePartners({ consent: { shareWithAdvicePartners: true } }, [{ field: "consent.shareWithAdvicePartners", newValue: false }])).toBe(false);
    expect(agreedToAdvicePartners({ consent: { shareWithAdvicePartners: false } }, [{ field: "consent.shareWithAdvicePartners", newValue: true }])).toBe(true);
  });
});

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("advice partner and referral forms", () => {
  it("needs a name, a kind and an email address", () => {
    expect(messages(ZAdvicePartner.safeParse({ name: " ", contactEmail: "nope" }))).toEqual({ name: e.name.required, kind: e.kind.required, contactEmail: e.contactEmail.format });
    expect(ZAdvicePartner.parse({ name: " Citizens Advice ", kind: "WELFARE_RIGHTS", contactEmail: "Referrals@CA.example " })).toEqual({ name: "Citizens Advice", kind: "WELFARE_RIGHTS", contactEmail: "referrals@ca.example" });
    expect(ZAdvicePartnerEdit.parse({ partnerId: A, name: "X", kind: "DEBT_ADVICE", contactEmail: "x@y.example", active: "no" }).active).toBe(false);
    expect(ZAdvicePartner.safeParse({ name: "X", kind: "LEGAL", contactEmail: "x@y.example" }).success).toBe(false);
  });

  it("refers to one partner with a note of the help needed", () => {
    expect(messages(ZReferral.safeParse({ caseId: A, partnerId: "", needNote: "" }))).toEqual({ partnerId: e.partnerId.required, needNote: e.needNote.required });
    expect(messages(ZReferral.safeParse({ caseId: A, partnerId: B, needNote: "x".repeat(1001) }))).toEqual({ needNote: e.needNote.tooLong });
    expect(ZReferral.parse({ caseId: A, partnerId: B, needNote: " Benefits check " }).needNote).toBe("Benefits check");
  });
});

describe("an outcome's form", () => {
  const form = (over: Record<string, string>) => ({ caseId: A, referralId: B, outcomeKind: "PENSION_CREDIT", value: "82.45", valuePeriod: "WEEKLY", lumpSum: "", "confirmedOn-day": "1", "confirmedOn-month": "11", "confirmedOn-year": "2026", ...over });

  it("reads pounds as pence, weekly or yearly, with an optional lump sum", () => {
    expect(ZOutcome.parse(form({})).outcome).toEqual({ kind: "PENSION_CREDIT", description: null, valuePence: 8245n, valuePeriod: "WEEKLY", lumpSumPence: 0n, confirmedOn: "2026-11-01" });
    expect(ZOutcome.parse(form({ outcomeKind: "DEBT_WRITTEN_OFF", value: "", valuePeriod: "", lumpSum: "£3,400" })).outcome).toMatchObject({ valuePence: 0n, lumpSumPence: 340000n });
  });

  it("reports every problem at once, on its own field", () => {
    expect(messages(ZOutcome.safeParse(form({ outcomeKind: "", value: "lots", lumpSum: "-5", "confirmedOn-day": "31", "confirmedOn-month": "2" })))).toEqual({
      outcomeKind: e.outcomeKind.required,
      value: e.value.format,
      lumpSum: e.lumpSum.format,
      confirmedOn: e.confirmedOn.real,
    });
    expect(messages(ZOutcome.safeParse(form({ value: "", valuePeriod: "", lumpSum: "" })))).toEqual({ value: e.gain.required });
    expect(messages(ZOutcome.safeParse(form({ valuePeriod: "" })))).toEqual({ valuePeriod: e.valuePeriod.required });
    expect(messages(ZOutcome.safeParse(form({ outcomeKind: "OTHER" })))).toEqual({ description: e.description.required });
    expect(messages(ZOutcome.safeParse(form({ value: "100000.01" })))).toEqual({ value: e.value.tooLarge });
    expect(messages(ZOutcome.safeParse(form({ "confirmedOn-year": "2999" })))).toEqual({ confirmedOn: e.confirmedOn.future });
    expect(messages(ZOutcome.safeParse(form({ "confirmedOn-day": "", "confirmedOn-month": "", "confirmedOn-year": "" })))).toEqual({ confirmedOn: e.confirmedOn.required });
  });

  it("the service's own check refuses what the form would", () => {
    const ok = { kind: "PENSION_CREDIT" as const, description: null, valuePence: 100n, valuePeriod: "WEEKLY" as const, lumpSumPence: 0n, confirmedOn: "2026-01-01" };
    expect(outcomeProblems(ok, "2026-12-06")).toEqual([]);
    expect(outcomeProblems({ ...ok, valuePence: 0n }, "2026-12-06")).toEqual([e.gain.required]);
    expect(outcomeProblems({ ...ok, kind: "OTHER" }, "2026-12-06")).toEqual([e.description.required]);
    expect(outcomeProblems({ ...ok, confirmedOn: "2026-12-07" }, "2026-12-06")).toEqual([e.confirmedOn.future]);
    expect(outcomeProblems({ ...ok, lumpSumPence: -1n }, "2026-12-06")).toEqual([e.lumpSum.tooLarge]);
  });

  it("knows London's date", () => {
    expect(londonToday(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(londonToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});
