// Issue 15, hole 7: a NUL byte from a URL or a form reached PostgreSQL (error 22021) and gave a
// 500. A URL's query is cleaned (the queue answers as if the byte were not there); typed text
// is refused with a GOV.UK error and nothing is saved — for officers and residents alike.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recordApplication } from "@/lib/applications/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers } from "@/lib/applications/steps";
import { addCaseNote } from "@/lib/cases/add-case-note";
import { claimCase } from "@/lib/cases/claim-case";
import { listCaseQueue, ZQueueQuery } from "@/lib/cases/queue";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenant } from "@/lib/db/tenant-scope";
import { EMPTY_FORM_STATE } from "@/lib/forms/form-state";
import { readSearchParams } from "@/lib/forms/text";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

// The server actions run as Next.js runs them; only who is signed in and the request's headers are supplied.
const request = vi.hoisted(() => ({ headers: new Headers(), user: null as null | { userId: string; email: string; name: string; isPlatformOperator: boolean; sessionId: string } }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/session", async (original) => ({ ...(await original<object>()), getSessionUser: async () => request.user }));

let council: TCouncil;
let officer: TCaseActor;
const owner = () => testDb().owner;
const NUL = "\u0000";
const HIDDEN = /must not contain hidden control characters/;
const fd = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  await createCouncil(owner(), { slug: "controls-a", postcodeAreas: ["E8"], settings: { referencePrefix: "CTA" } });
  council = (await findCouncilBySlug("controls-a"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
});

beforeEach(() => {
  request.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
  request.user = null;
});

describe("a NUL byte in the queue's URL", () => {
  it("searches as if it were not there instead of failing (?q=%00)", async () => {
    const { reference } = await applyFor(council);
    const page = await listCaseQueue(officer, ZQueueQuery.parse({ q: NUL }));
    expect(page!.rows.map((r) => r.reference)).toContain(reference);
    const query = await readSearchParams({ q: `${reference}${NUL}`, status: ["open", NUL] });
    expect((await listCaseQueue(officer, ZQueueQuery.parse(query)))!.rows.map((r) => r.reference)).toContain(reference);
  });
});

describe("a NUL byte in a case note", () => {
  it("is refused with the GOV.UK error by the service and by the action, and nothing is saved", async () => {
    const { caseId } = await applyFor(council);
    expect((await claimCase(officer, caseId)).outcome).toBe("done");
    expect(await addCaseNote(officer, caseId, { text: `Called${NUL} the resident` })).toEqual({ outcome: "invalid", issues: ["text.hiddenControl"] });

    const { addNoteAction } = await import("@/lib/cases/actions");
    const user = await owner().user.findUniqueOrThrow({ where: { id: officer.user.userId } });
    request.user = { userId: user.id, email: user.email, name: user.name, isPlatformOperator: false, sessionId: randomUUID() };
    const state = await addNoteAction("controls-a", EMPTY_FORM_STATE, fd({ caseId, text: `Called${NUL} the resident` }));
    expect(state.errors).toEqual([{ field: "text", message: expect.stringMatching(HIDDEN) }]);
    expect(state.values.text).toBe(`Called${NUL} the resident`);
    expect(await owner().caseEvent.count({ where: { caseId, kind: "note" } })).toBe(0);
    // Line breaks and tabs are what notes are made of.
    expect(await addCaseNote(officer, caseId, { text: "Line one\r\nLine two\tend" })).toEqual({ outcome: "added" });
  });
});

describe("a NUL byte in a resident's answer", () => {
  it("gets the error on the page, in the resident's words, and is not saved", async () => {
    const { saveStep } = await import("@/lib/applications/actions");
    const state = await saveStep("controls-a", "full-name", false, EMPTY_FORM_STATE, fd({ fullName: `Ayşe${NUL} Yılmaz` }));
    expect(state.errors).toEqual([{ field: "fullName", message: expect.stringMatching(HIDDEN) }]);
    expect(await owner().applicationDraft.count({ where: { tenantId: council.id } })).toBe(0);
  });

  it("is refused from any channel by the one writer of applications", async () => {
    const application = assemble(parseAnswers({ ...FULL, "full-name": { fullName: `Ayşe${NUL} Yılmaz` } }), true);
    const r = await withTenant(council.id, (tx) => recordApplication(tx, council, application, { channel: "REFERRAL_API", draftId: null, locale: "en", actor: null, ip: null }));
    expect(r.outcome).toBe("invalid");
  });
});
