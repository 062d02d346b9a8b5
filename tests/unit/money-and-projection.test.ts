import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { historyCsv } from "@/lib/funds/history";
import { daysLeftInPeriod, potStatusText, project, projectionText, spendFigures } from "@/lib/funds/projection";
import { ZAllocate, ZChangePot, ZMoveMoney, ZNewFund, ZNewPot } from "@/lib/funds/schemas";
import { zPounds } from "@/lib/forms/pounds-field";
import { errorText } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence, parsePounds, penceToPoundsText } from "@/lib/money";

// The schemas give message keys; these are the words a staff member reads.
const words = (key: string | undefined) => errorText(messagesFor("en"), key ?? "");

const KEY = "6f1c1b8e-2f4e-4f0a-9d57-2b1d2c7e9a10";
const FUND = "0d9c7f1e-8a52-4c1b-b7a5-0e6f3b2d1c49";
const POT = "5b2e3c4d-1a0f-4e9b-8c7d-6f5e4d3c2b1a";

describe("money", () => {
  it("reads pounds the way people type them and refuses anything else", () => {
    expect(parsePounds("1,234.5")).toBe(123450n);
    expect(parsePounds("£ 250")).toBe(25000n);
    expect(parsePounds("0.07")).toBe(7n);
    for (const bad of ["", "12.345", "1,23", "-5", "1e3", "£", "12..3", "ten"]) expect(parsePounds(bad), bad).toBeNull();
  });

  it("shows pence as £1,234.56 and round-trips through the form text", () => {
    expect(formatPence(123456n)).toBe("£1,234.56");
    expect(formatPence(5n)).toBe("£0.05");
    expect(formatPence(-250000n)).toBe("-£2,500.00");
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (p) => parsePounds(penceToPoundsText(p)) === p && parsePounds(formatPence(p)) === p));
  });

  it("gives GOV.UK-style messages for a missing, malformed or out-of-range amount", () => {
    const field = zPounds("funds.allocateAmount");
    expect(words(field.safeParse("").error?.issues[0]?.message)).toBe("Enter the amount to allocate");
    expect(words(field.safeParse("ten pounds").error?.issues[0]?.message)).toBe("The amount to allocate must be an amount of money, like 250 or 1,250.50");
    expect(words(field.safeParse("0").error?.issues[0]?.message)).toBe("The amount to allocate must be £0.01 or more");
    expect(words(field.safeParse("2,000,000,000").error?.issues[0]?.message)).toBe("The amount to allocate must be £1,000,000,000.00 or less");
  });
});

describe("spend projection", () => {
  const today = new Date("2026-11-23T10:00:00Z");

  it("counts the days left including the last day, and none after it", () => {
    expect(daysLeftInPeriod(new Date("2027-03-31T00:00:00Z"), today)).toBe(129);
    expect(daysLeftInPeriod(new Date("2026-11-23T00:00:00Z"), today)).toBe(1);
    expect(daysLeftInPeriod(new Date("2026-11-22T00:00:00Z"), today)).toBe(0);
  });

  it("projects a run-out date when the money will not last, and an underspend when it will", () => {
    expect(project({ remainingPence: 100_000n, usedPence: 1n, burnPerDay: 1_000n, daysLeft: 129, today })).toEqual({ kind: "runs-out", date: new Date("2027-03-03T00:00:00Z"), daysFromNow: 100 });
    expect(project({ remainingPence: 200_000n, usedPence: 1n, burnPerDay: 1_000n, daysLeft: 129, today })).toEqual({ kind: "underspend", pence: 71_000n });
    expect(project({ remainingPence: 5_000n, usedPence: 1n, burnPerDay: 0n, daysLeft: 129, today })).toEqual({ kind: "no-recent-spend" });
    expect(project({ remainingPence: 5_000n, usedPence: 1n, burnPerDay: 10n, daysLeft: 0, today })).toEqual({ kind: "ended" });
  });

  // Issue 15: "Runs out around 5 December 2026 (0 days)" beside "Open for new awards", and a new
  // pot with no money "runs out (0 days)". Say what is true: empty, nearly empty, no spending yet.
  const words = (remainingPence: bigint, usedPence: bigint, burnPerDay: bigint, active = true) => {
    const projection = project({ remainingPence, usedPence, burnPerDay, daysLeft: 129, today });
    return { projection: projectionText(projection, new Date("2027-03-31T00:00:00Z")).text, status: potStatusText(active, remainingPence, projection) };
  };

  it("calls a pot with nothing left empty, never open for new awards", () => {
    expect(words(0n, 0n, 0n)).toEqual({ projection: "Empty: no money allocated yet", status: "Empty: no money for new awards" });
    expect(words(0n, 50_000n, 1_000n)).toEqual({ projection: "Empty: all its money is used", status: "Empty: no money for new awards" });
    expect(words(0n, 50_000n, 1_000n, false).status).toBe("Closed to new awards");
  });

  it("says a pot running out today or within 14 days is nearly empty, not open", () => {
    const today0 = words(500n, 50_000n, 1_000n);
    expect(today0.projection).toBe("Nearly empty: runs out around 23 November 2026 (today)");
    expect(today0.status).toBe("Nearly empty: £5.00 left for new awards");
    expect(today0.status).not.toMatch(/Open/);
    expect(words(1_000n, 50_000n, 1_000n).projection).toBe("Nearly empty: runs out around 24 November 2026 (1 day)");
    expect(words(13_000n, 50_000n, 1_000n).projection).toBe("Nearly empty: runs out around 6 December 2026 (13 days)");
    expect(words(14_000n, 50_000n, 1_000n)).toEqual({ projection: "Runs out around 7 December 2026 (14 days)", status: "Open for new awards" });
  });

  it("says a funded pot that has spent nothing has no spending yet, and one that has stopped spending says so", () => {
    expect(words(100_000n, 0n, 0n)).toEqual({ projection: "No spending yet", status: "Open for new awards" });
    expect(words(100_000n, 20_000n, 0n).projection).toBe("No spending in the last 30 days");
    expect(words(10_000_000n, 20_000n, 1_000n).projection).toBe("Underspend of about £98,710.00 at 31 March 2027");
  });

  it("works out used, remaining, percent and burn per day from balances and net commitments", () => {
    const f = spendFigures({ totalPence: 1_000_000n, usedPence: 250_000n, burn: { last7: 70_000n, last30: 300_000n }, periodEnd: new Date("2027-03-31T00:00:00Z"), today });
    expect(f).toMatchObject({ remainingPence: 750_000n, percentUsed: 25, burnPerDay7: 10_000n, burnPerDay30: 10_000n, daysLeft: 129 });
    expect(f.projection).toEqual({ kind: "runs-out", date: new Date("2027-02-06T00:00:00Z"), daysFromNow: 75 });
  });
});

describe("budget form schemas", () => {
  const fund = {
    name: "Crisis and Resilience Fund 2027/28",
    funder: "DWP",
    "periodStart-day": "1",
    "periodStart-month": "4",
    "periodStart-year": "2027",
    "periodEnd-day": "31",
    "periodEnd-month": "3",
    "periodEnd-year": "2028",
    allocation: "2,400,000",
    adminCap: "7.5",
    idempotencyKey: KEY,
  };

  it("turns a fund form into pence, basis points and dates", () => {
    const parsed = ZNewFund.parse(fund);
    expect(parsed.fund).toEqual({
      name: "Crisis and Resilience Fund 2027/28",
      funder: "DWP",
      periodStart: new Date("2027-04-01T00:00:00Z"),
      periodEnd: new Date("2028-03-31T00:00:00Z"),
      allocationPence: 240_000_000n,
      adminCapBasisPoints: 750,
      // Not asked on this form: a fund is public funds unless a manager says otherwise.
      publicFunds: true,
    });
  });

  it("names each date problem the GOV.UK way, and refuses an end before the start", () => {
    const messages = (over: Record<string, string>) => ZNewFund.safeParse({ ...fund, ...over }).error?.issues.map((i) => `${i.path.join(".")}: ${words(i.message)}`);
    expect(messages({ "periodStart-day": "", "periodStart-month": "", "periodStart-year": "" })).toEqual(["periodStart: Enter the date the fund starts"]);
    expect(messages({ "periodStart-month": "" })).toEqual(["periodStart: The date the fund starts must include a month"]);
    expect(messages({ "periodEnd-day": "31", "periodEnd-month": "2" })).toEqual(["periodEnd: The date the fund ends must be a real date"]);
    expect(messages({ "periodEnd-year": "27" })).toEqual(["periodEnd: Year must include 4 numbers"]);
    expect(messages({ "periodEnd-year": "2026" })).toEqual(["periodEnd: The date the fund ends must be after the date it starts"]);
  });

  it("refuses fields it does not know, such as a council id", () => {
    const result = ZAllocate.safeParse({ fundId: FUND, toPotId: POT, amount: "10", reason: "r", idempotencyKey: KEY, tenantId: FUND });
    expect(result.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["tenantId"] });
  });

  it("needs a reason and a different pot to move money", () => {
    const result = ZMoveMoney.safeParse({ fundId: FUND, fromPotId: POT, toPotId: POT, amount: "10", reason: " ", idempotencyKey: KEY });
    expect(result.error?.issues.map((i) => words(i.message))).toEqual(["Enter a reason", "Select a different pot to move the money to"]);
    const same = ZMoveMoney.safeParse({ fundId: FUND, fromPotId: POT, toPotId: POT, amount: "10", reason: "why", idempotencyKey: KEY });
    expect(same.error?.issues.map((i) => `${i.path.join(".")}: ${words(i.message)}`)).toEqual(["toPotId: Select a different pot to move the money to"]);
  });

  it("reads a pot's rules from ticked boxes, and wants both halves of a repeat limit", () => {
    const pot = ZNewPot.parse({ fundId: FUND, idempotencyKey: KEY, name: "White goods", maxSingleAward: "600", "eligibleNeeds-furniture": "yes", "accessRoutes-REFERRAL": "yes", maxAwardsPerHousehold: "1", repeatWindowDays: "365" });
    expect(pot.rules).toEqual({
      name: "White goods",
      ownerOrganisationId: null,
      maxSingleAwardPence: 60_000n,
      eligibleNeeds: ["furniture"],
      eligibleHouseholdTypes: [],
      accessRoutes: ["REFERRAL"],
      housingPayment: false,
      maxAwardsPerHousehold: 1,
      repeatWindowDays: 365,
    });
    const half = ZChangePot.safeParse({ fundId: FUND, potId: POT, name: "x", active: "yes", maxAwardsPerHousehold: "2" });
    expect(half.error?.issues.map((i) => `${i.path.join(".")}: ${words(i.message)}`)).toEqual(["repeatWindowDays: Enter how many days the limit covers"]);
  });
});

describe("transaction history CSV", () => {
  it("quotes every cell and stops a reason being read as a spreadsheet formula", () => {
    const csv = historyCsv([
      {
        id: "t1",
        createdAt: new Date("2026-11-01T09:00:00Z"),
        kind: "MOVE",
        amountPence: 123456n,
        availableEffectPence: -123456n,
        fromPot: "Food",
        toPot: "Energy",
        reason: '=HYPERLINK("http://evil.example") "quoted"',
        awardRef: null,
        paymentRef: null,
        actorEmail: "manager@hackwell.example",
        idempotencyKey: "k",
      },
    ]);
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header).toBe('"Date and time (UTC)","Type","Amount (£)","Effect on available (£)","From","To","Reason","Award","Payment","By","Transaction id"');
    expect(row).toBe('"2026-11-01T09:00:00.000Z","Moved between pots","1234.56","-1234.56","Food","Energy","\'=HYPERLINK(""http://evil.example"") ""quoted""","","","manager@hackwell.example","t1"');
  });
});
