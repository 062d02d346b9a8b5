// The council's bank settings form (lib/payments/schemas.ts): every field that goes into a
// Standard 18 file is checked for what a bank takes, with words that say what to do.
import { describe, expect, it } from "vitest";
import { ZPaymentSettingsForm } from "@/lib/payments/schemas";

const GOOD = { serviceUserNumber: "123456", serviceUserName: "HACKWELL LBC", originatingSortCode: "08-99-99", originatingAccountNumber: "6637 4958", originatingAccountName: "HACKWELL HSF", bankFileFormat: "STANDARD18" };

function errorsOf(input: Record<string, string>) {
  const parsed = ZPaymentSettingsForm.safeParse(input);
  if (parsed.success) return {};
  // The page shows each field's first problem.
  const first: Record<string, string> = {};
  for (const i of parsed.error.issues) first[String(i.path[0])] ??= i.message;
  return first;
}

describe("the bank settings form", () => {
  it("accepts a council's real settings, with the sort code and account number as people type them", () => {
    const parsed = ZPaymentSettingsForm.parse(GOOD);
    expect(parsed.originatingSortCode).toBe("089999");
    expect(parsed.originatingAccountNumber).toBe("66374958");
  });

  it("names every empty field", () => {
    expect(errorsOf({ serviceUserNumber: "", serviceUserName: "", originatingSortCode: "", originatingAccountNumber: "", originatingAccountName: "" })).toEqual({
      serviceUserNumber: "Enter the Bacs service user number",
      serviceUserName: "Enter the service user name",
      originatingSortCode: "Enter the sort code of the council's account",
      originatingAccountNumber: "Enter the account number of the council's account",
      originatingAccountName: "Enter the name of the council's account",
      bankFileFormat: "Choose the file your bank takes",
    });
  });

  it("refuses characters a Bacs file cannot carry in both names, and nonsense numbers", () => {
    const nonsense = "x<script>§§ 99";
    expect(errorsOf({ ...GOOD, serviceUserNumber: nonsense, serviceUserName: nonsense, originatingSortCode: nonsense, originatingAccountNumber: nonsense, originatingAccountName: nonsense })).toEqual({
      serviceUserNumber: "The Bacs service user number must be 6 digits, like 123456",
      serviceUserName: "The service user name can only include letters, numbers, spaces and . & / -",
      originatingSortCode: "The sort code must be 6 digits, like 30-99-50",
      originatingAccountNumber: "The account number must be 8 digits",
      originatingAccountName: "The account name can only include letters, numbers, spaces and . & / -",
    });
    expect(errorsOf({ ...GOOD, originatingAccountName: "HACKWELL HARDSHIP FUND" })).toEqual({ originatingAccountName: "The account name must be 18 characters or fewer" });
  });
});
