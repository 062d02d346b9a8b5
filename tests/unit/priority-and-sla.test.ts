import { describe, expect, it } from "vitest";
import { addWorkingDays, endOfLondonDay, isWorkingDay, londonIsoDate, workingDaysBetween } from "@/lib/calendar/working-days";
import staff from "@/messages/en/staff.json";
import { DEFAULT_PRIORITY, PRIORITY_REASONS, scorePriority, type TPriorityFacts } from "@/lib/triage/priority";
import { slaDueDate, slaState } from "@/lib/triage/sla";

const calm: TPriorityFacts = {
  enoughFoodToday: true,
  prepaymentMeter: "no",
  evictionNotice: false,
  childrenAges: [],
  pregnant: false,
  disabilityOrIllness: false,
  overPensionAge: false,
  fastTrackReferral: false,
};

describe("priority", () => {
  it("scores nothing and is standard when nothing is urgent", () => {
    expect(scorePriority(calm)).toEqual({ score: 0, band: "STANDARD", reasons: [] });
  });
  it("explains the score with its reasons, heaviest first", () => {
    const p = scorePriority({ ...calm, childrenAges: [7, 3], enoughFoodToday: false, fastTrackReferral: true });
    expect(p.reasons).toEqual(["no-food-today", "fast-track-referral", "child-under-5"]);
    expect(p.score).toBe(40 + 20 + 15);
    expect(p.band).toBe("URGENT");
  });
  it("uses the council's weights and threshold", () => {
    const weights = { ...DEFAULT_PRIORITY.weights, "child-under-5": 60 };
    const p = scorePriority({ ...calm, childrenAges: [1], disabilityOrIllness: true }, { weights, urgentFrom: 65 });
    expect(p).toEqual({ score: 70, band: "URGENT", reasons: ["child-under-5", "disability"] });
    expect(scorePriority({ ...calm, childrenAges: [1] }, { weights, urgentFrom: 65 }).band).toBe("STANDARD");
  });
  it("tells a meter that is off from one running out", () => {
    expect(scorePriority({ ...calm, prepaymentMeter: "off" }).reasons).toEqual(["meter-off"]);
    expect(scorePriority({ ...calm, prepaymentMeter: "running-out" }).reasons).toEqual(["meter-running-out"]);
  });
});

describe("working days in England and Wales", () => {
  it("skips weekends", () => {
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23"); // Friday -> Monday
    expect(addWorkingDays("2026-11-21", 1)).toBe("2026-11-23"); // Saturday -> Monday
  });
  it("skips Christmas, Boxing Day's substitute and New Year", () => {
    expect(isWorkingDay("2026-12-25")).toBe(false);
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day falls on a Saturday in 2026
    expect(addWorkingDays("2026-12-24", 1)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-31", 1)).toBe("2027-01-04");
  });
  it("skips Easter and the May bank holidays", () => {
    expect(addWorkingDays("2027-03-25", 2)).toBe("2027-03-31"); // Good Friday 26th, Easter Monday 29th
    expect(isWorkingDay("2027-05-03")).toBe(false);
    expect(isWorkingDay("2027-05-31")).toBe(false);
  });
  it("counts London dates, not UTC ones", () => {
    expect(londonIsoDate(new Date("2026-06-05T23:30:00Z"))).toBe("2026-06-06"); // BST: already Saturday
    expect(londonIsoDate(new Date("2026-12-04T23:30:00Z"))).toBe("2026-12-04"); // GMT
    expect(endOfLondonDay("2026-06-05").toISOString()).toBe("2026-06-05T22:59:59.999Z");
    expect(endOfLondonDay("2026-12-04").toISOString()).toBe("2026-12-04T23:59:59.999Z");
  });
  it("counts working days between two dates", () => {
    expect(workingDaysBetween("2026-12-24", "2026-12-31")).toBe(3); // 29, 30, 31
    expect(workingDaysBetween("2026-12-31", "2026-12-24")).toBe(0);
  });
});

describe("SLA clocks", () => {
  it("gives urgent cases 2 working days and standard ones 10", () => {
    const friday = new Date("2026-11-20T10:00:00Z");
    expect(slaDueDate(friday, "URGENT")).toBe("2026-11-24");
    expect(slaDueDate(friday, "STANDARD")).toBe("2026-12-04");
    expect(slaDueDate(new Date("2026-12-23T10:00:00Z"), "URGENT")).toBe("2026-12-29");
  });
  it("is on track, due soon, due today, then breached", () => {
    expect(slaState("2026-12-04", new Date("2026-11-30T12:00:00Z"))).toBe("ON_TRACK");
    expect(slaState("2026-12-04", new Date("2026-12-03T12:00:00Z"))).toBe("DUE_SOON");
    expect(slaState("2026-12-04", new Date("2026-12-04T23:59:00Z"))).toBe("DUE_TODAY");
    expect(slaState("2026-12-04", new Date("2026-12-05T00:00:01Z"))).toBe("BREACHED");
    expect(slaState("2026-12-29", new Date("2026-12-24T09:00:00Z"))).toBe("DUE_SOON"); // bank holidays between
  });
});

describe("the resident's reply-by date", () => {
  it("is the case's SLA due date on the same calendar, written for the resident: 5 working days from Christmas Eve skip three bank holidays", async () => {
    const { replyByText } = await import("@/lib/applications/policy");
    const due = slaDueDate(new Date("2026-12-24T15:00:00Z"), "STANDARD", { urgentWorkingDays: 2, standardWorkingDays: 5 });
    expect(due).toBe("2027-01-05"); // 29, 30, 31 Dec, 4 and 5 Jan
    expect(replyByText(due, "en")).toBe("Tuesday 5 January");
    expect(replyByText(slaDueDate(new Date("2026-12-24T15:00:00Z"), "URGENT", { urgentWorkingDays: 2, standardWorkingDays: 5 }), "en")).toBe("Wednesday 30 December");
  });
});

describe("the staff words for priority reasons (lib/i18n takes the list as data, not from lib/triage)", () => {
  it("label every reason lib/triage scores, and no other", () => {
    expect(Object.keys(staff.casework.priorityReasons)).toEqual([...PRIORITY_REASONS]);
  });

  it("give every reason's weight an error message on the settings page", () => {
    const weights = staff.errors.settings.weight as Record<string, string>;
    const labels = staff.casework.priorityReasons as Record<string, string>;
    for (const r of PRIORITY_REASONS) expect(weights[r]).toContain(labels[r]);
  });
});
