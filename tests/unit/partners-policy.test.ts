import { describe, expect, it } from "vitest";
import { parseEmailDomains } from "@/lib/partners/policy";
import { ZOrganisation, ZTraining } from "@/lib/partners/schemas";
import { isTrained, trainingStatus } from "@/lib/partners/training";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("a member's training", () => {
  it("counts until the end of its last day in London, and null is untrained", () => {
    const m = { trainingExpiresOn: day("2026-12-06") };
    expect(isTrained(m, new Date("2026-12-06T23:59:00Z"))).toBe(true);
    expect(isTrained(m, new Date("2026-12-07T00:00:01Z"))).toBe(false);
    // 23:30 UTC on 5 June is 00:30 on 6 June in London (BST): the day after a 5 June expiry.
    expect(isTrained({ trainingExpiresOn: day("2026-06-05") }, new Date("2026-06-05T23:30:00Z"))).toBe(false);
    expect(isTrained({ trainingExpiresOn: null }, new Date())).toBe(false);
    expect(trainingStatus({ trainingExpiresOn: null }, new Date())).toBe("untrained");
    expect(trainingStatus(m, new Date("2027-01-01T12:00:00Z"))).toBe("expired");
    expect(trainingStatus(m, new Date("2026-01-01T12:00:00Z"))).toBe("trained");
  });
});

describe("allowed email domains", () => {
  it("accepts domains one a line or comma-separated, forgiving a leading @, without repeats", () => {
    expect(parseEmailDomains("nhs.net\n@Hackwell.gov.uk, nhs.net")).toEqual({ ok: true, domains: ["nhs.net", "hackwell.gov.uk"] });
  });
  it.each([
    ["", "required"],
    ["   ", "required"],
    ["nhs", "format"],
    ["name@nhs.net", "format"],
    ["nhs..net", "format"],
    ["-nhs.net", "format"],
    ["nhs.net/x", "format"],
    ["gmail.com", "public"],
    [Array.from({ length: 21 }, (_, i) => `d${i}.example`).join(","), "tooMany"],
  ])("refuses %j (%s)", (text, problem) => {
    expect(parseEmailDomains(text)).toEqual({ ok: false, problem });
  });
  it("the organisation form reports the problem as a message key on its field", () => {
    const parsed = ZOrganisation.safeParse({ name: "", type: "nonsense", allowedEmailDomains: "not a domain!" });
    expect(parsed.success).toBe(false);
    const byField = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({ name: "partners.name.required", type: "partners.type.required", allowedEmailDomains: "partners.domains.format" });
  });
});

describe("the training form", () => {
  const ids = { organisationId: "6f1c1f7e-3b5e-4a39-9b0a-1a2b3c4d5e6f", membershipId: "7f1c1f7e-3b5e-4a39-9b0a-1a2b3c4d5e6f" };
  it("gives the two dates as days", () => {
    const parsed = ZTraining.parse({ ...ids, "completedOn-day": "1", "completedOn-month": "9", "completedOn-year": "2026", "expiresOn-day": "31", "expiresOn-month": "8", "expiresOn-year": "2027" });
    expect(parsed.completedOn.toISOString().slice(0, 10)).toBe("2026-09-01");
    expect(parsed.expiresOn.toISOString().slice(0, 10)).toBe("2027-08-31");
  });
  it("refuses an expiry on or before completion, and a date that is not real", () => {
    const before = ZTraining.safeParse({ ...ids, "completedOn-day": "1", "completedOn-month": "9", "completedOn-year": "2026", "expiresOn-day": "1", "expiresOn-month": "9", "expiresOn-year": "2026" });
    expect(before.error?.issues.map((i) => i.message)).toEqual(["partners.expiresOn.beforeCompleted"]);
    const unreal = ZTraining.safeParse({ ...ids, "completedOn-day": "31", "completedOn-month": "2", "completedOn-year": "2026" });
    expect(unreal.error?.issues.map((i) => i.message)).toEqual(["partners.completedOn.real", "partners.expiresOn.required"]);
  });
});
