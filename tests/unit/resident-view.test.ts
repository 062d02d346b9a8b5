// The resident's view of a case (lib/cases/resident-view.ts): the status word and the one message
// due, from the case and its award lines and what the resident has already been told. Pure.
import { describe, expect, it } from "vitest";
import { CASE_STATES } from "@/lib/cases/lifecycle";
import { residentView, type TViewLine } from "@/lib/cases/resident-view";

const at = "e1"; // the id of the decision's timeline event
const l = (id: string, status: TViewLine["status"], pounds = 100): TViewLine => ({ id, status, amountPence: BigInt(pounds * 100), needCategory: "food" });

describe("the resident's word", () => {
  it("says plain words for every case state with its lines approved", () => {
    const words = Object.fromEntries(CASE_STATES.map((s) => [s, residentView({ status: s, decision: at }, [l("a", "APPROVED")], null).status]));
    expect(words).toEqual({
      NEW: "RECEIVED",
      IN_REVIEW: "IN_REVIEW",
      AWAITING_INFORMATION: "MORE_INFO_NEEDED",
      APPROVED: "DECIDED",
      PART_APPROVED: "DECIDED",
      DECLINED: "DECIDED",
      WITHDRAWN: "CLOSED",
      CLOSED_DUPLICATE: "CLOSED",
    });
  });

  it("never reads 'decided' for an approval with nothing approved, nor while a line waits", () => {
    expect(residentView({ status: "APPROVED", decision: at }, [], null).status).toBe("IN_REVIEW");
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "CANCELLED")], null)).toEqual({ status: "IN_REVIEW", tell: null, told: null, partly: null, paymentFailed: [] });
    expect(residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "AWAITING_APPROVAL")], null).status).toBe("IN_REVIEW");
  });
});

describe("the message due", () => {
  it("tells a decision once: approved, declined, or part now and the rest being checked", () => {
    const approved = residentView({ status: "APPROVED", decision: at }, [l("a", "APPROVED")], null);
    expect(approved.tell?.template).toBe("decision-approved");
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "APPROVED")], approved.told).tell).toBeNull();
    expect(residentView({ status: "DECLINED", decision: at }, [], null).tell?.template).toBe("decision-declined");
    const part = residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "AWAITING_APPROVAL")], null);
    expect(part.tell).toMatchObject({ template: "decision-part-checking", approved: [{ id: "a" }], waiting: [{ id: "b" }] });
    expect(part.told).toEqual({ decision: at, approved: ["a"], waiting: ["b"] });
  });

  it("says nothing while a line is only proposed or nothing is approved yet", () => {
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "PROPOSED")], null).tell).toBeNull();
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "AWAITING_APPROVAL")], null).tell).toBeNull();
  });

  it("tells what happened to the rest once no checked line waits, then nothing more", () => {
    const told = { decision: at, approved: ["a"], waiting: ["b", "c"] };
    expect(residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "APPROVED"), l("c", "AWAITING_APPROVAL")], told).tell).toBeNull();
    const done = residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "APPROVED"), l("c", "CANCELLED")], told);
    expect(done.tell).toMatchObject({ template: "decision-rest-settled", approved: [{ id: "b" }], notApproved: [{ id: "c" }] });
    expect(residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "APPROVED"), l("c", "CANCELLED")], done.told).tell).toBeNull();
  });

  it("a new decision after a send-back is told afresh", () => {
    const told = { decision: at, approved: ["a"], waiting: [] };
    expect(residentView({ status: "APPROVED", decision: "e2" }, [l("a", "CANCELLED"), l("d", "APPROVED")], told).tell).toMatchObject({ template: "decision-approved", approved: [{ id: "d" }] });
  });
});

describe("a line the resident was told is approved, cancelled later (issue 15 follow-up)", () => {
  it("tells once that it will not be given after all while another line stands", () => {
    const told = { decision: at, approved: ["a", "b"], waiting: [] };
    const now = residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "CANCELLED")], told);
    expect(now.status).toBe("DECIDED");
    expect(now.tell).toMatchObject({ template: "decision-line-cancelled", cancelled: [{ id: "b" }] });
    expect(now.told).toEqual({ decision: at, approved: ["a"], waiting: [] });
    expect(residentView({ status: "PART_APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "CANCELLED")], now.told).tell).toBeNull();
  });

  it("keeps what is still being checked, and tells its end later", () => {
    const told = { decision: at, approved: ["a"], waiting: ["b"] };
    const now = residentView({ status: "PART_APPROVED", decision: at }, [l("a", "CANCELLED"), l("b", "AWAITING_APPROVAL")], told);
    expect(now.tell).toMatchObject({ template: "decision-line-cancelled", cancelled: [{ id: "a" }] });
    expect(now.told).toEqual({ decision: at, approved: [], waiting: ["b"] });
    expect(residentView({ status: "PART_APPROVED", decision: at }, [l("a", "CANCELLED"), l("b", "APPROVED")], now.told).tell).toMatchObject({
      template: "decision-rest-settled",
      approved: [{ id: "b" }],
    });
  });

  it("the last standing line: nothing until the case is back with its officer, then once that it is looked at again", () => {
    const told = { decision: at, approved: ["a"], waiting: [] };
    // The moment between the cancellation and the send-back (one transaction): nothing yet.
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "CANCELLED")], told).tell).toBeNull();
    const back = residentView({ status: "IN_REVIEW", decision: at }, [l("a", "CANCELLED")], told);
    expect(back.status).toBe("IN_REVIEW");
    expect(back.tell).toMatchObject({ template: "decision-reopened", cancelled: [{ id: "a" }], notApproved: [] });
    expect(back.told).toEqual({ decision: at, approved: [], waiting: [] });
    expect(residentView({ status: "IN_REVIEW", decision: at }, [l("a", "CANCELLED")], back.told).tell).toBeNull();
    // Lines told as being checked and not approved in the end are named too.
    expect(residentView({ status: "IN_REVIEW", decision: at }, [l("a", "CANCELLED"), l("b", "CANCELLED")], { decision: at, approved: [], waiting: ["b"] }).tell).toMatchObject({
      template: "decision-reopened",
      cancelled: [],
      notApproved: [{ id: "b" }],
    });
  });

  it("a case back with its officer whose resident was told nothing stays silent", () => {
    expect(residentView({ status: "IN_REVIEW", decision: at }, [l("a", "CANCELLED")], null).tell).toBeNull();
    expect(residentView({ status: "IN_REVIEW", decision: at }, [l("a", "CANCELLED")], { decision: at, approved: [], waiting: [] }).tell).toBeNull();
  });
});

describe("what the status page says while lines wait (issue 15 follow-up)", () => {
  it("names what is approved now and what is being checked, from the same lines as the message", () => {
    const lines = [l("a", "APPROVED"), l("b", "AWAITING_APPROVAL", 300)];
    const view = residentView({ status: "PART_APPROVED", decision: at }, lines, null);
    expect(view.status).toBe("IN_REVIEW");
    expect(view.partly).toMatchObject({ approved: [{ id: "a" }], waiting: [{ id: "b" }] });
    expect(view.tell).toMatchObject({ template: "decision-part-checking" });
  });

  it("has no such detail when nothing waits, nothing is approved, or a decision is being written", () => {
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "APPROVED")], null).partly).toBeNull();
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "AWAITING_APPROVAL")], null).partly).toBeNull();
    expect(residentView({ status: "APPROVED", decision: at }, [l("a", "APPROVED"), l("b", "PROPOSED")], null).partly).toBeNull();
    expect(residentView({ status: "IN_REVIEW", decision: null }, [], null).partly).toBeNull();
  });
});
