import { describe, expect, it } from "vitest";
import { caseBanner } from "@/components/cases/banner";
import { amendmentValueOf, decisionFieldOf, decisionFromForm } from "@/lib/cases/forms";
import { isSamePerson, normaliseName, normalisePhone, samePersonReasons } from "@/lib/cases/same-person";
import { awardLinesText } from "@/lib/cases/decision-words";
import { errorText } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";

const POT = "6f1c2b9e-3a57-4c2d-9a57-0c1d2e3f4a5b";

describe("same person", () => {
  const a = { dateOfBirth: "1988-03-07", fullName: "Ayşe Yılmaz", email: "ayse@example.com", mobile: "07700900982" };
  it("needs the same date of birth and one of name, email or phone", () => {
    expect(samePersonReasons(a, { ...a, fullName: "AYSE  yilmaz", email: null, mobile: null })).toEqual(["name"]);
    expect(samePersonReasons(a, { ...a, fullName: "A Y", email: " AYSE@example.com ", mobile: null })).toEqual(["email"]);
    expect(samePersonReasons(a, { ...a, fullName: "A Y", email: null, mobile: "+44 7700 900982" })).toEqual(["phone"]);
    expect(isSamePerson(a, { ...a, dateOfBirth: "1988-03-08" })).toBe(false);
    expect(isSamePerson(a, { dateOfBirth: a.dateOfBirth, fullName: "Someone Else", email: null, mobile: null })).toBe(false);
    // No contact details on either side never counts as the same.
    expect(isSamePerson({ ...a, fullName: "X", email: null, mobile: null }, { ...a, fullName: "Y", email: null, mobile: null })).toBe(false);
  });
  it("normalises names and phones", () => {
    expect(normaliseName("  Mary   O'Brien-Smith ")).toBe("mary o brien smith");
    expect(normaliseName("Ayşe Yılmaz")).toBe("ayse yilmaz");
    expect(normalisePhone("07700-900-982")).toBe("07700900982");
    expect(normalisePhone("123")).toBeNull();
  });
});

describe("the decision form", () => {
  const base = { caseId: POT, decision: "approve", reasonCode: "need-met", explanation: "Voucher" };
  it("turns filled lines into award lines in pence and ignores empty ones", () => {
    const r = decisionFromForm({ ...base, "line-1-need": "", "line-2-need": "food", "line-2-amount": "£60.50", "line-2-pot": POT, "line-2-method": "bank" });
    expect(r).toEqual({ ok: true, lineNumbers: [2], input: { decision: "approve", reasonCode: "need-met", explanation: "Voucher", lines: [{ potId: POT, needCategory: "food", amountPence: 6050n, paymentMethod: "bank" }] } });
  });
  it("puts each problem on its own field", () => {
    const r = decisionFromForm({ caseId: POT, decision: "", reasonCode: "", explanation: " " });
    expect(r).toEqual({ ok: false, errors: [{ field: "decision", message: "decision.decision" }, { field: "reasonCode", message: "decision.reasonCode" }, { field: "explanation", message: "decision.explanation" }] });
    const half = decisionFromForm({ ...base, "line-1-need": "food", "line-1-amount": "sixty" });
    expect(half).toMatchObject({ ok: false, errors: [{ field: "line-1-amount", message: "award.amountFormat" }, { field: "line-1-pot" }, { field: "line-1-method" }] });
    expect(decisionFromForm(base)).toMatchObject({ ok: false, errors: [{ field: "line-1-need", message: "decision.lines" }] });
    expect(decisionFromForm({ ...base, decision: "decline", "line-1-amount": "nonsense" })).toMatchObject({ ok: true, input: { decision: "decline" } });
    expect(decisionFieldOf(["lines", 0, "potId"], [3])).toBe("line-3-pot");
    expect(decisionFieldOf(["reasonCode"], [])).toBe("reasonCode");
  });
  it("has words for every key it and the casework services produce", () => {
    const en = messagesFor("en");
    for (const key of ["award.pot", "award.amountFormat", "decision.lines"]) expect(errorText(en, key)).not.toBe(key);
    expect(errorText(messagesFor("tr"), "award.pot")).toBe(errorText(en, "award.pot"));
  });
});

describe("corrections typed by an officer", () => {
  it("take the application's own form", () => {
    expect(amendmentValueOf("household.pregnant", "Yes")).toBe(true);
    expect(amendmentValueOf("urgency.evictionNotice", "no")).toBe(false);
    expect(amendmentValueOf("household.adults", "3")).toBe(3);
    expect(amendmentValueOf("needs.categories", "food, Energy")).toEqual(["food", "energy"]);
    expect(amendmentValueOf("address.postcode", "e81dy")).toBe("E8 1DY");
    expect(amendmentValueOf("aboutYou.email", " ")).toBeNull();
    expect(amendmentValueOf("aboutYou.mobile", "07700 900 982")).toBe("+447700900982");
  });
});

describe("words after a decision", () => {
  const m = messagesFor("en");
  it("say what was committed from which pot, or what waits", () => {
    const awards = [{ status: "APPROVED", amountPence: 6000n, potName: "Crisis food pot" }];
    expect(caseBanner(m, "decided", { status: "APPROVED", assignedToName: null, awards })).toBe("Decision recorded: approved £60.00, committed from Crisis food pot");
    expect(caseBanner(m, "decided", { status: "APPROVED", assignedToName: null, awards: [{ ...awards[0]!, status: "AWAITING_APPROVAL" }] })).toBe("Decision recorded: approved £60.00, waiting for an approver");
    expect(caseBanner(m, "decided", { status: "DECLINED", assignedToName: null, awards: [] })).toBe("Decision recorded: declined");
    expect(caseBanner(m, "claimed", { status: "IN_REVIEW", assignedToName: "Priya", awards: [] })).toBe("Case claimed");
    expect(caseBanner(m, "nonsense", { status: "NEW", assignedToName: null, awards: [] })).toBeNull();
  });
  it("list awards in the resident's language", () => {
    expect(awardLinesText([{ amountPence: 6000n, needCategory: "food" }], "en")).toBe("- £60.00 for food");
    expect(awardLinesText([{ amountPence: 6000n, needCategory: "food" }], "tr")).toBe("- gıda için £60,00");
  });
});
