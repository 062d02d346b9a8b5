import { describe, expect, it } from "vitest";
import { formatDate, formatDateShort, formatDateTime, formatDateTimeShort, formatTime } from "@/lib/dates";

describe("one date formatter, GOV.UK style, UK time", () => {
  it("writes dates in full in text and short in tables", () => {
    const d = new Date("2026-11-24T14:05:00Z");
    expect(formatDate(d)).toBe("24 November 2026");
    expect(formatDateShort(d)).toBe("24 Nov 2026");
    expect(formatDateShort(new Date("2026-09-03T12:00:00Z"))).toBe("3 Sep 2026");
  });

  it("writes times as 2:05pm, in UK time across the clock change", () => {
    expect(formatTime(new Date("2026-11-24T14:05:00Z"))).toBe("2:05pm");
    // British Summer Time: 09:30 UTC is 10:30 in London.
    expect(formatTime(new Date("2026-07-01T09:30:00Z"))).toBe("10:30am");
    expect(formatDateTimeShort(new Date("2026-11-24T00:05:00Z"))).toBe("24 Nov 2026, 12:05am");
    expect(formatDateTime(new Date("2026-11-24T14:05:00Z"))).toBe("24 November 2026 at 2:05pm");
  });

  it("uses the London date near midnight", () => {
    expect(formatDate(new Date("2026-06-30T23:30:00Z"))).toBe("1 July 2026");
  });
});
