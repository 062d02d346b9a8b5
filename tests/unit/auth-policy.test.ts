import { describe, expect, it } from "vitest";
import { emailDomainAllowed, safeReturnPath } from "@/lib/auth/policy";

describe("emailDomainAllowed", () => {
  it("matches the whole domain, ignoring case and a leading @", () => {
    expect(emailDomainAllowed("Amara.Okafor@NHS.net", ["nhs.net"])).toBe(true);
    expect(emailDomainAllowed("a@nhs.net", ["@nhs.net"])).toBe(true);
  });

  it("refuses look-alike and sub-domains", () => {
    expect(emailDomainAllowed("a@evilnhs.net", ["nhs.net"])).toBe(false);
    expect(emailDomainAllowed("a@nhs.net.evil.com", ["nhs.net"])).toBe(false);
    expect(emailDomainAllowed("a@mail.nhs.net", ["nhs.net"])).toBe(false);
    expect(emailDomainAllowed("nhs.net@gmail.com", ["nhs.net"])).toBe(false);
  });

  it("refuses malformed addresses and empty lists", () => {
    expect(emailDomainAllowed("nhs.net", ["nhs.net"])).toBe(false);
    expect(emailDomainAllowed("a@", ["nhs.net"])).toBe(false);
    expect(emailDomainAllowed("a@nhs.net", [])).toBe(false);
  });
});

describe("safeReturnPath", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeReturnPath("/hackwell/staff")).toBe("/hackwell/staff");
    expect(safeReturnPath("//evil.example/x")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
    expect(safeReturnPath(undefined, "/staff")).toBe("/staff");
  });
});
