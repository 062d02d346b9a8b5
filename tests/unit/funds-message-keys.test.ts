import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAllocate, ZChangeFund, ZChangePot, ZMoveMoney, ZNewFund, ZNewPot } from "@/lib/funds/schemas";
import { errorWords } from "@/lib/i18n";
import { messagesFor, residentMessages, staffMessages } from "@/lib/i18n/catalogues";

// The budget schemas speak in message keys; every key they can produce must have words in the
// staff namespace (messages/en/staff.json, English only), or a staff member would read
// "funds.moveFrom.required". Each file is read on its own: a language's catalogue no longer
// spreads the English block into itself, so a missing key cannot hide behind a copy.
const staff = errorWords(staffMessages());
const en = errorWords(messagesFor("en"));
const trResident = errorWords(residentMessages("tr"));
const trServed = errorWords(messagesFor("tr"));
const SOURCE = (await import("node:fs")).readFileSync(new URL("../../lib/funds/schemas.ts", import.meta.url), "utf8");
const POUNDS = (await import("node:fs")).readFileSync(new URL("../../lib/forms/pounds-field.ts", import.meta.url), "utf8");

/** Every key written in the schemas, with the templated ones (`funds.${name}.${problem}`) spelled out. */
function keysInSource(): string[] {
  const literal = [...SOURCE.matchAll(/"(funds\.[A-Za-z]+\.[A-Za-z]+)"/g)].map((m) => m[1]!);
  const pounds = [...SOURCE.matchAll(/zPounds\("(funds\.[A-Za-z]+)"/g)].flatMap((m) => [...POUNDS.matchAll(/`\$\{key\}\.(\w+)`/g)].map((p) => `${m[1]}.${p[1]}`));
  const dates = ["periodStart", "periodEnd"].flatMap((name) => ["required", "missingDay", "missingMonth", "missingYear", "yearDigits", "real"].map((p) => `funds.${name}.${p}`));
  const wholeNumbers = [...SOURCE.matchAll(/optionalWholeNumber\("(\w+)"/g)].map((m) => `funds.${m[1]}.range`);
  return [...new Set([...literal, ...pounds, ...dates, ...wholeNumbers])];
}

const ID = "11111111-1111-4111-8111-111111111111";
const SCHEMAS: [z.ZodType, Record<string, string>, string[]][] = [
  [ZMoveMoney, { fundId: ID, idempotencyKey: ID }, ["fromPotId", "toPotId", "amount", "reason", "idempotencyKey"]],
  [ZAllocate, { fundId: ID, idempotencyKey: ID }, ["toPotId", "amount", "reason", "idempotencyKey"]],
  [ZNewPot, { fundId: ID, idempotencyKey: ID }, ["name", "ownerOrganisationId", "maxSingleAward", "maxAwardsPerHousehold", "repeatWindowDays", "idempotencyKey"]],
  [ZChangePot, { fundId: ID, potId: ID }, ["name", "maxSingleAward", "active", "maxAwardsPerHousehold", "repeatWindowDays"]],
  [ZNewFund, { idempotencyKey: ID }, ["name", "funder", "allocation", "adminCap", "periodStart-day", "periodStart-month", "periodStart-year", "periodEnd-day", "periodEnd-month", "periodEnd-year", "idempotencyKey"]],
  [ZChangeFund, { fundId: ID, idempotencyKey: ID }, ["name", "funder", "allocation", "adminCap", "periodEnd-day", "periodEnd-year", "reason"]],
];
const junk = fc.oneof(fc.constantFrom("", "x", "0", "-1", "99", "2026", "31", "2", "fund", ID, "1,000,000,000,000", "a".repeat(501), "150%"), fc.string({ maxLength: 12 }));

describe("the budget forms' message keys", () => {
  it("every key written in the schemas has words in the staff namespace, and a Turkish page shows those words", () => {
    const keys = keysInSource();
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      expect(staff[key], key).toBeTypeOf("string");
      // Staff words are English-only: never copied into the Turkish resident files (where they
      // would go stale), and a staff form seen with a Turkish cookie still reads the staff words.
      expect(trResident[key], `messages/tr carries a staff key: ${key}`).toBeUndefined();
      expect(trServed[key], key).toBe(staff[key]);
    }
  });

  it("every message the schemas produce for any input is a key with words (no raw text, no missing key)", () => {
    const seen = new Set<string>();
    for (const [schema, fixed, fields] of SCHEMAS) {
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...fields), junk), (values) => {
          const result = schema.safeParse({ ...fixed, ...values });
          if (result.success) return;
          for (const issue of result.error.issues) {
            seen.add(issue.message);
            expect(en[issue.message], `${issue.path.join(".")}: ${issue.message}`).toBeTypeOf("string");
          }
        }),
        { numRuns: 300 },
      );
    }
    // The run reached the common problems of each form, not only one of them.
    for (const key of ["funds.moveFrom.required", "funds.moveTo.required", "funds.allocateTo.required", "funds.potName.required", "funds.fundName.required", "funds.periodStart.real", "funds.adminCap.format", "funds.form.expired"]) expect(seen).toContain(key);
  });
});
