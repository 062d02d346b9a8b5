import { describe, expect, it } from "vitest";
import { can } from "@/lib/auth/permissions";
import { AWARD_ACTIONS, AWARD_STATES, nextAwardState, type TAwardAction, type TAwardState, AWARD_RULES } from "@/lib/awards/lifecycle";
import { linesAwaitingApproval, mayApproveAboveLimit } from "@/lib/awards/policy";
import { CASE_ACTIONS, CASE_RULES, CASE_STATES, nextCaseState, type TCaseAction, type TCaseState } from "@/lib/cases/lifecycle";
import { memberActor } from "@/lib/actor";

/** A member of one council with these roles (a referrer when REFERRER is among them). */
const member = (roles: string[]) => memberActor({ council: { id: "council" }, user: { userId: "user", email: "user@example.com" }, roles, organisationId: null });

// Every (state, action) pair, written out: a change to the map must change this table too.
const CASE_ALLOWED: Record<TCaseState, Partial<Record<TCaseAction, TCaseState>>> = {
  NEW: { claim: "IN_REVIEW", assign: "IN_REVIEW", withdraw: "WITHDRAWN", "close-duplicate": "CLOSED_DUPLICATE", "direct-award": "APPROVED" },
  IN_REVIEW: {
    claim: "IN_REVIEW",
    assign: "IN_REVIEW",
    unassign: "NEW",
    "request-information": "AWAITING_INFORMATION",
    approve: "APPROVED",
    "part-approve": "PART_APPROVED",
    decline: "DECLINED",
    withdraw: "WITHDRAWN",
    "close-duplicate": "CLOSED_DUPLICATE",
  },
  AWAITING_INFORMATION: {
    claim: "AWAITING_INFORMATION",
    assign: "AWAITING_INFORMATION",
    unassign: "AWAITING_INFORMATION",
    "receive-information": "IN_REVIEW",
    approve: "APPROVED",
    "part-approve": "PART_APPROVED",
    decline: "DECLINED",
    withdraw: "WITHDRAWN",
    "close-duplicate": "CLOSED_DUPLICATE",
  },
  APPROVED: { withdraw: "WITHDRAWN", "send-back": "IN_REVIEW" },
  PART_APPROVED: { withdraw: "WITHDRAWN", "send-back": "IN_REVIEW" },
  DECLINED: { reopen: "IN_REVIEW" },
  WITHDRAWN: { reopen: "IN_REVIEW" },
  CLOSED_DUPLICATE: { reopen: "IN_REVIEW" },
};

describe("case lifecycle", () => {
  for (const state of CASE_STATES) {
    for (const action of CASE_ACTIONS) {
      const expected = CASE_ALLOWED[state][action];
      it(`${state} --${action}--> ${expected ?? "refused"}`, () => {
        const step = nextCaseState(state, action);
        if (expected) expect(step).toEqual({ ok: true, to: expected });
        else expect(step).toEqual({ ok: false, problem: "not-allowed-from-state" });
      });
    }
  }

  it("officers work cases (and send a case back by cancelling its last line), only approvers reopen, managers and admins change nothing", () => {
    for (const action of CASE_ACTIONS.filter((a) => a !== "direct-award")) {
      const perm = CASE_RULES[action].permission;
      expect(can(member(["MANAGER"]), perm)).toBe(false);
      expect(can(member(["COUNCIL_ADMIN"]), perm)).toBe(false);
      expect(can(member(["REFERRER"]), perm)).toBe(false);
      expect(can(member(["APPROVER"]), perm)).toBe(true);
      expect(can(member(["OFFICER"]), perm)).toBe(action !== "reopen");
    }
  });

  it("only a referrer awards directly (their own permission); no member of staff does it by that route", () => {
    const perm = CASE_RULES["direct-award"].permission;
    expect(can(member(["REFERRER"]), perm)).toBe(true);
    for (const role of ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"]) expect(can(member([role]), perm)).toBe(false);
  });
});

const AWARD_ALLOWED: Record<TAwardState, Partial<Record<TAwardAction, [TAwardState, "commit" | "release" | null]>>> = {
  PROPOSED: { "approve-within-limit": ["APPROVED", "commit"], "send-for-approval": ["AWAITING_APPROVAL", null], cancel: ["CANCELLED", null], "approve-direct": ["APPROVED", "commit"] },
  AWAITING_APPROVAL: { approve: ["APPROVED", "commit"], reject: ["CANCELLED", null], cancel: ["CANCELLED", null] },
  APPROVED: { cancel: ["CANCELLED", "release"] },
  CANCELLED: {},
};

describe("award lifecycle", () => {
  for (const state of AWARD_STATES) {
    for (const action of AWARD_ACTIONS) {
      const expected = AWARD_ALLOWED[state][action];
      it(`${state} --${action}--> ${expected ? `${expected[0]} (ledger: ${expected[1]})` : "refused"}`, () => {
        const step = nextAwardState(state, action);
        if (expected) expect(step).toEqual({ ok: true, to: expected[0], ledger: expected[1] });
        else expect(step).toEqual({ ok: false, problem: "not-allowed-from-state" });
      });
    }
  }

  it("only approvers approve or reject awards sent for approval", () => {
    for (const action of ["approve", "reject"] as const) {
      expect(can(member(["OFFICER"]), AWARD_RULES[action].permission)).toBe(false);
      expect(can(member(["APPROVER"]), AWARD_RULES[action].permission)).toBe(true);
    }
  });

  it("a referrer may commit a line only by approve-direct, and may not cancel, approve or reject", () => {
    for (const action of AWARD_ACTIONS) expect(can(member(["REFERRER"]), AWARD_RULES[action].permission)).toBe(action === "approve-direct");
    expect(can(member(["OFFICER"]), AWARD_RULES["approve-direct"].permission)).toBe(false);
  });
});

describe("approval limit and four eyes", () => {
  it("needs a second approver only once the decision's total goes above the limit", () => {
    expect(linesAwaitingApproval([25_000n], 25_000n)).toEqual([false]);
    expect(linesAwaitingApproval([25_001n], 25_000n)).toEqual([true]);
  });
  it("refuses the proposer and whoever entered the application", () => {
    expect(mayApproveAboveLimit("a", { proposedById: "a", applicationEnteredById: null })).toEqual({ ok: false, problem: "proposed-it-yourself" });
    expect(mayApproveAboveLimit("b", { proposedById: "a", applicationEnteredById: "b" })).toEqual({ ok: false, problem: "entered-the-application" });
    expect(mayApproveAboveLimit("c", { proposedById: "a", applicationEnteredById: "b" })).toEqual({ ok: true });
  });
});

