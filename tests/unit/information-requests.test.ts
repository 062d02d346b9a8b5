// The request's and the answer's checks, and when a link stops working (pure parts of lib/information).
import { describe, expect, it } from "vitest";
import { addWorkingDays, endOfLondonDay } from "@/lib/calendar/working-days";
import { ANSWER_MAX_FILES, checkAnswer, checkRequestInput, linkExpiry, MAX_ANSWER_CHARS } from "@/lib/information/requests";
import { panelOf } from "@/lib/information/queries";
import { uploadLimitBytes } from "@/lib/documents";
import { bodyLimitFor, MAX_REQUEST_BODY_BYTES, UPLOAD_BODY_BYTES } from "@/lib/security/body-limit";

const now = new Date("2027-01-13T10:00:00Z"); // a Wednesday

describe("asking", () => {
  it("defaults the reply-by date to 5 working days and checks the officer's date", () => {
    expect(checkRequestInput({ question: " A payslip " }, now)).toEqual({ problems: [], question: "A payslip", replyBy: addWorkingDays(now, 5) });
    expect(checkRequestInput({ question: "x", replyBy: "2027-01-20" }, now).replyBy).toBe("2027-01-20");
    expect(checkRequestInput({ question: "", replyBy: "2027-02-30" }, now).problems).toEqual(["question-missing", "reply-by-invalid"]);
    expect(checkRequestInput({ question: "x", replyBy: "2027-01-13" }, now).problems).toEqual(["reply-by-past"]);
    expect(checkRequestInput({ question: "x", replyBy: "2027-03-31" }, now).problems).toEqual(["reply-by-too-far"]);
    expect(checkRequestInput({ question: "x".repeat(2001) }, now).problems).toEqual(["question-too-long"]);
  });
});

describe("answering", () => {
  it("needs text or a file, and not too much text", () => {
    expect(checkAnswer("  ", 0).problems).toEqual(["answer-missing"]);
    expect(checkAnswer("", 1).problems).toEqual([]);
    expect(checkAnswer("x".repeat(MAX_ANSWER_CHARS + 1), 0).problems).toEqual(["answer-too-long"]);
  });

  it("a link lasts 14 days past the reply-by date, and never less than 14 days from now", () => {
    expect(linkExpiry("2027-01-20", now)).toEqual(endOfLondonDay("2027-02-03"));
    expect(linkExpiry("2027-01-01", now)).toEqual(endOfLondonDay("2027-01-27"));
  });

  it("a request is open while the case awaits information and it is unanswered; overdue after its date", () => {
    const row = { id: "r", askedOf: "resident", question: "q", replyBy: "2027-01-12", createdAt: now, chaseCount: 0, answerText: null, answerDocumentIds: [], answeredBy: null, answeredAt: null };
    expect(panelOf("AWAITING_INFORMATION", [row], now)).toMatchObject({ open: row, overdue: true });
    expect(panelOf("AWAITING_INFORMATION", [{ ...row, replyBy: "2027-01-13" }], now)).toMatchObject({ overdue: false });
    expect(panelOf("IN_REVIEW", [row], now)).toMatchObject({ open: null, overdue: false });
    expect(panelOf("AWAITING_INFORMATION", [{ ...row, answeredAt: now }], now)).toMatchObject({ open: null });
  });
});

describe("the answer's upload", () => {
  it("gets the upload body limit on the answer route only, enough for its files", () => {
    const token = "a".repeat(43);
    expect(bodyLimitFor(`/hackwell/information/${token}/answer`)).toBe(UPLOAD_BODY_BYTES);
    expect(bodyLimitFor(`/hackwell/information/${token}`)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(bodyLimitFor(`/hackwell/information/x/answer`)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(UPLOAD_BODY_BYTES).toBeGreaterThanOrEqual(uploadLimitBytes(ANSWER_MAX_FILES));
  });
});
