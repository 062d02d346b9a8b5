import { errorWords } from "@/lib/i18n";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZRejectReason } from "@/lib/awards/reject-award";
import { verdictMessage } from "@/lib/awards/approval-messages";
import { PRIORITY_REASONS } from "@/lib/triage/priority";
import { DEFAULT_PRIORITY } from "@/lib/triage/priority";
import { DEFAULT_REASON_CODES } from "@/lib/cases/settings";
import { formFieldOf, ZCaseworkSettingsForm, ZCaseworkSettingsInput } from "@/lib/cases/settings-schemas";
import { messagesFor } from "@/lib/i18n/catalogues";

// The casework settings form and the reject reason speak in message keys: every key they can
// produce has words in both message files, and every problem lands on a box of the page.
const en = errorWords(messagesFor("en"));
const tr = errorWords(messagesFor("tr"));

const valid: Record<string, string> = {
  ...Object.fromEntries(PRIORITY_REASONS.map((r) => [`weight-${r}`, String(DEFAULT_PRIORITY.weights[r])])),
  urgentFrom: "40",
  slaUrgentDays: "2",
  slaStandardDays: "10",
  officerLimit: "250",
  ...Object.fromEntries(DEFAULT_REASON_CODES.flatMap((c, i) => [[`code-${i}-code`, c.code], [`code-${i}-label`, c.label], [`code-${i}-decision`, c.decision]])),
};
const fields = [...Object.keys(valid).filter((k) => !/-code$/.test(k)), "code-0-retired", "code-2-retired", "newCode", "newLabel", "newDecision"];
const junk = fc.oneof(fc.constantFrom("", "x", "0", "-1", "101", "61", "1001", "£abc", "250.999", "yes", "approve", "decline", "any", "Bad Code", "rent-help", "a".repeat(121)), fc.string({ maxLength: 8 }));

describe("casework settings form", () => {
  it("turns the page's boxes into the service's input (pounds to pence, codes in order, a new code at the end)", () => {
    const r = ZCaseworkSettingsForm.parse({ ...valid, "code-4-retired": "yes", newCode: "Rent-Help", newLabel: "Rent help", newDecision: "approve" });
    expect(r.officerLimitPence).toBe(25_000n);
    expect(r.reasonCodes.at(-1)).toEqual({ code: "rent-help", label: "Rent help", decision: "approve" });
    expect(r.reasonCodes[4]).toMatchObject({ code: "recent-award", retired: true });
    expect(ZCaseworkSettingsInput.safeParse(r).success).toBe(true);
  });

  it("every problem for any input is a key with English and Turkish-file words, on a field the form has", () => {
    const seen = new Set<string>();
    const boxes = new Set([...Object.keys(valid), "newCode", "newLabel", "newDecision", "reasonCodes", "form"]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), junk), (values) => {
        const result = ZCaseworkSettingsForm.safeParse({ ...valid, ...values });
        if (result.success) return;
        for (const issue of result.error.issues) {
          seen.add(issue.message);
          expect(en[issue.message], issue.message).toBeTypeOf("string");
          expect(tr[issue.message], issue.message).toBeTypeOf("string");
          expect(boxes.has(issue.path.map(String).join(".")), issue.path.join(".")).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    for (const key of ["settings.weight.no-food-today", "settings.urgentFrom.range", "settings.officerLimit.format", "settings.label.required", "settings.code.format"]) expect(seen).toContain(key);
  });

  it("reports the reason codes' problems even when other boxes are wrong (every problem at once)", () => {
    const r = ZCaseworkSettingsForm.safeParse({ ...valid, urgentFrom: "0", newCode: "Bad Code", newLabel: "x", newDecision: "approve" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["urgentFrom", "newCode"]));
    const allRetired = Object.fromEntries(DEFAULT_REASON_CODES.map((_, i) => [`code-${i}-retired`, "yes"]));
    expect(ZCaseworkSettingsForm.safeParse({ ...valid, ...allRetired }).error!.issues.map((i) => i.message)).toEqual(["settings.codes.needApprove", "settings.codes.needDecline"]);
  });

  it("maps the service's problems to the page's boxes", () => {
    expect(formFieldOf(["priority", "weights", "pregnancy"], 7)).toBe("weight-pregnancy");
    expect(formFieldOf(["priority", "urgentFrom"], 7)).toBe("urgentFrom");
    expect(formFieldOf(["sla", "standardWorkingDays"], 7)).toBe("slaStandardDays");
    expect(formFieldOf(["officerLimitPence"], 7)).toBe("officerLimit");
    expect(formFieldOf(["reasonCodes", 2, "label"], 7)).toBe("code-2-label");
    expect(formFieldOf(["reasonCodes", 7, "code"], 7)).toBe("newCode");
    expect(formFieldOf(["reasonCodes"], 7)).toBe("reasonCodes");
  });
});

describe("approval words", () => {
  it("the reject reason's keys and the race messages have words", () => {
    for (const bad of ["", "   ", "a".repeat(1001)]) {
      const r = ZRejectReason.safeParse(bad);
      expect(en[r.error!.issues[0]!.message]).toBeTypeOf("string");
    }
    expect(verdictMessage({ status: "APPROVED", byName: "Sam Approver", rejected: false })).toBe("Sam Approver has already approved this award");
    expect(verdictMessage({ status: "CANCELLED", byName: "Sam Approver", rejected: true })).toBe("Sam Approver has already rejected this award");
    expect(verdictMessage({ status: "CANCELLED", byName: "Olu Officer", rejected: false })).toBe("This award has already been cancelled");
    expect(verdictMessage(null)).toBe("That award does not exist in this council");
  });
});
