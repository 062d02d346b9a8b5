// Documents on a case (issue 18), through the real services on the real database as the app's
// RLS-bound role: refused by content and by size (a PNG called .pdf is kept as a PNG, a script
// called .pdf is refused), the upload's own byte limit, downloads only for staff of the council
// (another council's officer finds nothing) and every download audited, the scan step's states
// with a stand-in scanner (a shell script that answers as clamscan does: exit 0, 1 or 2), the
// filesystem storage, the upload route's origin check, and the demo's documents.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TMemberActor, TStaffActor } from "@/lib/actor";
import { residentActor, staffActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { listCaseDocuments, MAX_DOCUMENT_BYTES, openCaseDocument, readUploadedFiles, saveCaseDocument, uploadCaseDocuments } from "@/lib/documents";
import { resetEnvForTests } from "@/lib/env";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createMember } from "@/prisma/factories";
import { seedDemoDocuments } from "@/prisma/demo-documents";
import { samplePdf, samplePng } from "@/prisma/sample-files";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));

let council: TCouncil, other: TCouncil;
let officer: TStaffActor, manager: TMemberActor, referrer: TMemberActor, outsider: TStaffActor;
let caseId: string, applicationId: string, otherCaseId: string;
const owner = () => testDb().owner;
const SCRIPT = new Uint8Array(Buffer.from("#!/bin/sh\nrm -rf / --no-preserve-root\n"));

beforeAll(async () => {
  await createCouncil(owner(), { slug: "docs-a", postcodeAreas: ["E8"], settings: { referencePrefix: "DOA" } });
  await createCouncil(owner(), { slug: "docs-b", postcodeAreas: ["E8"], settings: { referencePrefix: "DOB" } });
  council = (await findCouncilBySlug("docs-a"))!;
  other = (await findCouncilBySlug("docs-b"))!;
  officer = (await caseActor(council, "OFFICER", "Olu Officer")) as TStaffActor;
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  referrer = await caseActor(council, "REFERRER", "Rita Referrer");
  outsider = (await caseActor(other, "OFFICER", "Bea Other-council")) as TStaffActor;
  ({ caseId, applicationId } = await applyFor(council));
  ({ caseId: otherCaseId } = await applyFor(other));
});

afterEach(() => {
  for (const k of ["CLAMSCAN_PATH", "CLAMSCAN_TIMEOUT_MS", "DOCUMENT_STORAGE", "DOCUMENT_DIR"]) delete process.env[k];
  resetEnvForTests();
});

const save = (bytes: Uint8Array, originalName: string, actor: TStaffActor | ReturnType<typeof residentActor> = officer, source: "officer" | "information-answer" = "officer", onCase = caseId) =>
  withTenantSql(council.id, (sql) => saveCaseDocument(sql, { tenantId: council.id, caseId: onCase, bytes, originalName, actor, source }));
const row = (id: string) => owner().caseDocument.findUniqueOrThrow({ where: { id } });
const downloads = (id: string) => owner().auditEvent.count({ where: { action: "document.downloaded", entityId: id } });

/** A multipart body as a browser sends the upload form (encoded by Request itself), with its Content-Type. */
async function multipart(files: { name: string; bytes: Uint8Array }[], extra: Record<string, string> = {}, field = "document"): Promise<{ body: Uint8Array; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  for (const f of files) form.append(field, new File([Buffer.from(f.bytes)], f.name));
  const encoded = new Request("http://localhost:3000/", { method: "POST", body: form });
  return { body: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get("content-type")! };
}
/** The upload form's POST, with Content-Length as a browser declares it. */
async function uploadRequest(files: { name: string; bytes: Uint8Array }[], extra: Record<string, string> = {}): Promise<Request> {
  const { body, type } = await multipart(files, extra);
  return new Request("http://localhost:3000/docs-a/staff/cases/x/documents", { method: "POST", body: Buffer.from(body), headers: { "content-type": type, "content-length": String(body.length) } });
}

describe("saveCaseDocument", () => {
  it("keeps a PNG called letter.pdf as a PNG, with a timeline line and an audit event, held as not scanned without a scanner", async () => {
    const saved = await save(samplePng(), "letter.pdf");
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const doc = await row(saved.documentId);
    expect(doc).toMatchObject({ caseId, tenantId: council.id, originalName: "letter.pdf", mediaType: "image/png", extension: "png", scanState: "NOT_SCANNED", storageKind: "database", actorKind: "staff", actorUserId: officer.user.userId, source: "officer" });
    expect(doc.storageKey).not.toContain("letter");
    const blob = await owner().caseDocumentBlob.findUniqueOrThrow({ where: { documentId: doc.id } });
    expect(Buffer.from(blob.bytes).equals(Buffer.from(samplePng()))).toBe(true);
    const event = await owner().caseEvent.findFirstOrThrow({ where: { caseId, kind: "document.uploaded", data: { path: ["documentId"], equals: doc.id } } });
    expect(event).toMatchObject({ actorKind: "staff", actorUserId: officer.user.userId });
    expect(await owner().auditEvent.count({ where: { action: "document.uploaded", entityId: doc.id, tenantId: council.id } })).toBe(1);
  });

  it("refuses a script called .pdf, an empty file and one over 10 MB, and stores nothing", async () => {
    const before = await owner().caseDocument.count();
    expect(await save(SCRIPT, "statement.pdf")).toEqual({ ok: false, problem: "type-not-allowed" });
    expect(await save(new Uint8Array(), "empty.pdf")).toEqual({ ok: false, problem: "empty" });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(samplePdf(["big"]));
    expect(await save(big, "big.pdf")).toEqual({ ok: false, problem: "too-large" });
    const exactly = new Uint8Array(MAX_DOCUMENT_BYTES);
    exactly.set(samplePdf(["exactly 10 MB"]));
    expect((await save(exactly, "exactly.pdf")).ok).toBe(true);
    expect(await owner().caseDocument.count()).toBe(before + 1);
  });

  it("takes a resident's answer (by the request's link, checked by the caller) as the resident, not an officer's upload by someone without cases:work", async () => {
    const saved = await save(samplePdf(["My answer"]), "answer.pdf", residentActor(council, applicationId), "information-answer");
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(await row(saved.documentId)).toMatchObject({ actorKind: "resident", actorRef: applicationId, actorUserId: null, source: "information-answer" });
    await expect(save(samplePdf(["x"]), "x.pdf", residentActor(council, applicationId), "officer")).rejects.toThrow(/may not add/);
    await expect(withTenantSql(council.id, (sql) => saveCaseDocument(sql, { tenantId: council.id, caseId, bytes: samplePdf(["x"]), originalName: "x.pdf", actor: manager, source: "officer" }))).rejects.toThrow(/may not add/);
  });

  it("cannot put a document on another council's case", async () => {
    await expect(save(samplePdf(["x"]), "x.pdf", officer, "officer", otherCaseId)).rejects.toThrow(/no such case/);
    await expect(withTenantSql(council.id, (sql) => saveCaseDocument(sql, { tenantId: other.id, caseId: otherCaseId, bytes: samplePdf(["x"]), originalName: "x.pdf", actor: officer, source: "officer" }))).rejects.toThrow(/another council/);
  });
});

describe("readUploadedFiles and the officer's upload", () => {
  it("reads the files of one field and the form's other fields; a file input left empty is no file", async () => {
    const read = await readUploadedFiles(await uploadRequest([{ name: "a.pdf", bytes: samplePdf(["a"]) }, { name: "b.png", bytes: samplePng() }], { caseId: "abc" }), "document", { maxFiles: 5 });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.form.get("caseId")).toBe("abc");
    expect(read.files.map((f) => [f.name, f.bytes.length])).toEqual([
      ["a.pdf", samplePdf(["a"]).length],
      ["b.png", samplePng().length],
    ]);
    const none = await readUploadedFiles(await uploadRequest([{ name: "", bytes: new Uint8Array() }]), "document", { maxFiles: 1 });
    expect(none.ok && none.files).toEqual([]);
  });

  it("stops reading a body over its limit, declared or not (a stream without Content-Length), and refuses what is not multipart", async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 100 * 1024);
    expect(await readUploadedFiles(await uploadRequest([{ name: "big.pdf", bytes: big }]), "document", { maxFiles: 1 })).toEqual({ ok: false, problem: "too-large" });
    const { body, type } = await multipart([{ name: "big.pdf", bytes: new Uint8Array(3 * MAX_DOCUMENT_BYTES) }]);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= body.length) return controller.close();
        const chunk = body.subarray(pulled, pulled + 64 * 1024);
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const chunked = new Request("http://localhost:3000/x", { method: "POST", body: stream, headers: { "content-type": type }, duplex: "half" } as RequestInit);
    expect(chunked.headers.get("content-length")).toBeNull();
    expect(await readUploadedFiles(chunked, "document", { maxFiles: 1 })).toEqual({ ok: false, problem: "too-large" });
    expect(pulled).toBeLessThan(body.length);
    // What was read stops within a few chunks of the limit (the stream may read a little ahead).
    expect(pulled).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES + 64 * 1024 + 8 * 64 * 1024);
    const json = new Request("http://localhost:3000/x", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await readUploadedFiles(json, "document", { maxFiles: 1 })).toEqual({ ok: false, problem: "not-multipart" });
    expect(await readUploadedFiles(await uploadRequest([1, 2, 3].map((i) => ({ name: `${i}.pdf`, bytes: samplePdf([String(i)]) }))), "document", { maxFiles: 2 })).toEqual({ ok: false, problem: "too-large" });
  });

  it("refuses the whole upload when one file is not allowed, naming that file, and saves all of them otherwise", async () => {
    const before = await owner().caseDocument.count({ where: { caseId } });
    const refused = await uploadCaseDocuments(officer, caseId, await uploadRequest([{ name: "payslip.pdf", bytes: samplePdf(["payslip"]) }, { name: "run-me.pdf", bytes: SCRIPT }]));
    expect(refused).toEqual({ ok: false, problem: "type-not-allowed", name: "run-me.pdf" });
    expect(await uploadCaseDocuments(officer, caseId, await uploadRequest([]))).toEqual({ ok: false, problem: "none-chosen", name: null });
    expect(await owner().caseDocument.count({ where: { caseId } })).toBe(before);
    expect(await uploadCaseDocuments(officer, caseId, await uploadRequest([{ name: "payslip.pdf", bytes: samplePdf(["payslip"]) }, { name: "photo.heic.png", bytes: samplePng() }]))).toEqual({ ok: true, count: 2 });
    expect(await owner().caseDocument.count({ where: { caseId } })).toBe(before + 2);
    expect(await uploadCaseDocuments(outsider, caseId, await uploadRequest([{ name: "p.pdf", bytes: samplePdf(["p"]) }]))).toEqual({ ok: false, problem: "not-found", name: null });
    expect(await uploadCaseDocuments(manager as TStaffActor, caseId, await uploadRequest([{ name: "p.pdf", bytes: samplePdf(["p"]) }]))).toEqual({ ok: false, problem: "forbidden", name: null });
  });
});

describe("downloads", () => {
  it("hands the bytes to staff of the council with cases:read, audits every download, and finds nothing for another council's officer or a referrer", async () => {
    const saved = await save(samplePdf(["Bank statement"]), "Bank statement – Ayşe.pdf");
    if (!saved.ok) throw new Error("not saved");
    const id = saved.documentId;
    const first = await openCaseDocument(officer, caseId, id, "203.0.113.9");
    expect(first).toMatchObject({ ok: true, mediaType: "application/pdf", extension: "pdf", name: "Bank statement – Ayşe.pdf" });
    if (first.ok) expect(Buffer.from(first.bytes).equals(Buffer.from(samplePdf(["Bank statement"])))).toBe(true);
    expect((await openCaseDocument(manager, caseId, id, null)).ok).toBe(true);
    expect(await downloads(id)).toBe(2);
    const audit = await owner().auditEvent.findFirstOrThrow({ where: { action: "document.downloaded", entityId: id, actorUserId: officer.user.userId } });
    expect(audit).toMatchObject({ tenantId: council.id, actorKind: "staff", ip: "203.0.113.9" });

    expect(await openCaseDocument(outsider, caseId, id, null)).toEqual({ ok: false, reason: "not-found" });
    expect(await openCaseDocument(referrer, caseId, id, null)).toEqual({ ok: false, reason: "not-found" });
    expect(await openCaseDocument(officer, otherCaseId, id, null)).toEqual({ ok: false, reason: "not-found" });
    expect(await downloads(id)).toBe(2);
    // Row-level security itself: in the other council's scope neither the row nor its bytes exist.
    const seen = await withTenantSql(other.id, async (sql) => [await sql.db.selectFrom("CaseDocument").select("id").where("id", "=", id).execute(), await sql.db.selectFrom("CaseDocumentBlob").select("documentId").where("documentId", "=", id).execute()]);
    expect(seen).toEqual([[], []]);
    expect(await listCaseDocuments(outsider, caseId)).toEqual([]);
    expect(await listCaseDocuments(referrer, caseId)).toBeNull();
    const listed = await listCaseDocuments(officer, caseId);
    expect(listed?.find((d) => d.id === id)).toMatchObject({ uploadedBy: "Olu Officer", mediaType: "application/pdf", scanState: "NOT_SCANNED" });
  });
});

describe("the virus-scan step", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "moneyhub-fake-clamscan-"));
  });
  /** A stand-in for clamscan: called as clamscan --no-summary --stdout <file>, answering as it does. */
  function scanner(body: string): string {
    const file = path.join(dir, `scan-${Math.random().toString(36).slice(2)}.sh`);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }
  const use = (file: string, timeout?: number) => {
    process.env.CLAMSCAN_PATH = file;
    if (timeout) process.env.CLAMSCAN_TIMEOUT_MS = String(timeout);
    resetEnvForTests();
  };

  it("marks a clean file CLEAN and an infected one INFECTED, whose download is refused (and the refusal audited)", async () => {
    use(scanner(`[ "$1" = "--no-summary" ] && [ "$2" = "--stdout" ] || exit 2\nif grep -q EICAR "$3"; then echo "$3: Eicar-Test-Signature FOUND"; exit 1; fi\necho "$3: OK"; exit 0`));
    const clean = await save(samplePdf(["clean"]), "clean.pdf");
    const infected = await save(samplePdf(["EICAR-STANDARD-ANTIVIRUS-TEST-FILE"]), "infected.pdf");
    if (!clean.ok || !infected.ok) throw new Error("not saved");
    expect(await row(clean.documentId)).toMatchObject({ scanState: "CLEAN", scanDetail: null });
    const bad = await row(infected.documentId);
    expect(bad.scanState).toBe("INFECTED");
    expect(bad.scanDetail).toBe("Eicar-Test-Signature FOUND");
    expect((await openCaseDocument(officer, caseId, clean.documentId, null)).ok).toBe(true);
    expect(await openCaseDocument(officer, caseId, infected.documentId, null)).toEqual({ ok: false, reason: "infected" });
    expect(await downloads(infected.documentId)).toBe(0);
    expect(await owner().auditEvent.count({ where: { action: "document.download-refused", entityId: infected.documentId } })).toBe(1);
    // The scanner's temporary copies are gone.
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("moneyhub-scan-"))).toEqual([]);
  });

  it("marks FAILED when the scanner errs (exit 2), is missing, or takes too long", async () => {
    use(scanner(`echo "ERROR: Can't open database" >&2; exit 2`));
    const erred = await save(samplePng(), "a.png");
    use(path.join(dir, "no-such-scanner"));
    const missing = await save(samplePng(), "b.png");
    use(scanner("sleep 5; exit 0"), 200);
    const slow = await save(samplePng(), "c.png");
    if (!erred.ok || !missing.ok || !slow.ok) throw new Error("not saved");
    expect(await row(erred.documentId)).toMatchObject({ scanState: "FAILED", scanDetail: expect.stringContaining("Can't open database") });
    expect((await row(missing.documentId)).scanState).toBe("FAILED");
    expect(await row(slow.documentId)).toMatchObject({ scanState: "FAILED", scanDetail: expect.stringContaining("longer than 200 ms") });
    // Failed is not infected: an officer may still open it (the page says the scan failed).
    expect((await openCaseDocument(officer, caseId, erred.documentId, null)).ok).toBe(true);
  });
});

describe("filesystem storage", () => {
  it("writes the bytes under DOCUMENT_DIR/<council>/<generated key> and reads them back for the download", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "moneyhub-documents-"));
    process.env.DOCUMENT_STORAGE = "filesystem";
    process.env.DOCUMENT_DIR = dir;
    resetEnvForTests();
    const saved = await save(samplePng(), "../../etc/passwd.png");
    if (!saved.ok) throw new Error("not saved");
    const doc = await row(saved.documentId);
    expect(doc).toMatchObject({ storageKind: "filesystem", originalName: "passwd.png" });
    expect(fs.readdirSync(path.join(dir, council.id))).toEqual([doc.storageKey]);
    expect(await owner().caseDocumentBlob.count({ where: { documentId: doc.id } })).toBe(0);
    const opened = await openCaseDocument(officer, caseId, doc.id, null);
    expect(opened.ok && Buffer.from(opened.bytes).equals(Buffer.from(samplePng()))).toBe(true);
    expect(await downloads(doc.id)).toBe(1);
  });
});

describe("the upload route", () => {
  it("refuses a request from another origin, or with none, before reading anything", async () => {
    const { POST } = await import("@/app/[council]/staff/cases/[caseId]/documents/route");
    const params = Promise.resolve({ council: "docs-a", caseId });
    for (const origin of ["https://evil.example", "null", null]) {
      request.headers = new Headers({ host: "localhost:3000", ...(origin ? { origin } : {}) });
      const response = await POST(await uploadRequest([{ name: "a.pdf", bytes: samplePdf(["a"]) }]), { params });
      expect(response.status).toBe(403);
    }
  });
});

describe("the demo's documents", () => {
  it("are uploaded through the service on the demo officer's cases under review, once", async () => {
    await createCouncil(owner(), { slug: "hackwell", postcodeAreas: ["E8"], settings: { referencePrefix: "HKW" } });
    const hackwell = (await findCouncilBySlug("hackwell"))!;
    const user = await createMember(owner(), hackwell.id, "OFFICER", { email: "officer@hackwell.example", name: "Priya Shah" });
    const demoOfficer = staffActor({ council: { id: hackwell.id }, user: { userId: user.id, email: user.email }, roles: ["OFFICER"] });
    const { caseId: demoCase } = await applyFor(hackwell);
    expect(await claimCase(demoOfficer, demoCase)).toMatchObject({ outcome: "done" });
    await seedDemoDocuments(owner(), () => {});
    await seedDemoDocuments(owner(), () => {});
    const docs = await owner().caseDocument.findMany({ where: { tenantId: hackwell.id }, orderBy: { originalName: "asc" } });
    expect(docs.map((d) => [d.originalName, d.mediaType, d.caseId, d.actorUserId])).toEqual([
      ["Photo of energy bill.png", "image/png", demoCase, user.id],
      ["Universal Credit statement.pdf", "application/pdf", demoCase, user.id],
    ]);
    expect(await owner().caseEvent.count({ where: { caseId: demoCase, kind: "document.uploaded" } })).toBe(2);
  });
});
