// The duplicates' staff words (messages/en/duplicates.json): every reason, state and timeline line
// the code writes has words, so the panel and the timeline never show a code.
import { describe, expect, it } from "vitest";
import { caseworkWords } from "@/components/cases/words";
import { DUPLICATE_REASONS } from "@/lib/cases/same-person";
import { messagesFor } from "@/lib/i18n/catalogues";
import words from "@/messages/en/duplicates.json";

describe("duplicates words", () => {
  it("names every reason and state", () => {
    for (const r of DUPLICATE_REASONS) expect(words.reasons[r], r).toMatch(/\w/);
    for (const s of ["OPEN", "LINKED_SAME_PERSON", "LINKED_SAME_HOUSEHOLD", "DISMISSED"] as const) expect(words.states[s], s).toMatch(/\w/);
  });
  it("titles every timeline line the duplicates write", () => {
    const w = caseworkWords(messagesFor("en"));
    for (const kind of ["duplicate.linked", "duplicate.dismissed", "duplicate.original", "resident.told-duplicate", "status.close-duplicate"]) expect(w.event(kind), kind).not.toBe(kind);
  });
});
