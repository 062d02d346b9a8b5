// Saving one file to a case, in the caller's transaction: checked (not empty, at most 10 MB, a
// type we accept judged by its content), scanned, stored under a generated key, then a line on
// the case's timeline and an audit event. The one way a document is added, whether an officer
// uploads it on the case page or a resident or referrer sends it with an answer to a request for
// information (the caller checks that answer's link; this checks the officer's permission).
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { actorColumns, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { TSql } from "@/lib/db/sql";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { detectDocumentType } from "@/lib/documents/detect-type";
import { scanBytes } from "@/lib/documents/scan";
import { currentStorage } from "@/lib/documents/storage";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export type TDocumentProblem = "empty" | "too-large" | "type-not-allowed";
/** Whoever adds a document: an officer (staff), or a resident or referrer answering a request (lib/actor). */
export type TActorLike = TActor;
export type TDocumentSource = "officer" | "information-answer";

/** The problem with these bytes, if any, before anything is stored. */
export async function documentProblem(bytes: Uint8Array): Promise<TDocumentProblem | null> {
  if (bytes.length === 0) return "empty";
  if (bytes.length > MAX_DOCUMENT_BYTES) return "too-large";
  return (await detectDocumentType(bytes)) ? null : "type-not-allowed";
}

/** A file name as it may be shown and stored: no path, no control characters, at most 200 characters. */
export function cleanDocumentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return (clean || "document").slice(0, 200);
}

/** Saves one file to a case in the caller's transaction (sql: TSql, council in scope). Detects type, scans, stores, writes the timeline line and audit. */
export async function saveCaseDocument(
  sql: TSql,
  input: { tenantId: string; caseId: string; bytes: Uint8Array; originalName: string; actor: TActorLike; source: "officer" | "information-answer" },
): Promise<{ ok: true; documentId: string } | { ok: false; problem: TDocumentProblem }> {
  const { tenantId, caseId, bytes, actor, source } = input;
  if (councilIdOf(actor) !== tenantId) throw new Error("saveCaseDocument: the actor acts for another council");
  // An officer needs cases:work; an answer comes from the resident or referrer the request was sent to (the caller checked its link), or staff.
  const allowed = source === "officer" ? can(actor, "cases:work") : actor.kind === "resident" || actor.kind === "referrer" || can(actor, "cases:work");
  if (!allowed) throw new Error("saveCaseDocument: this actor may not add documents to a case");
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, problem: "too-large" };
  const type = await detectDocumentType(bytes);
  if (!type) return { ok: false, problem: "type-not-allowed" };

  // The case, in the council in scope (row-level security: another council's case is not found).
  const found = await sql.db.selectFrom("Case").select("id").where("id", "=", caseId).where("tenantId", "=", tenantId).executeTakeFirst();
  if (!found) throw new Error("saveCaseDocument: no such case in this council");

  const scan = await scanBytes(bytes);
  const storage = currentStorage();
  const documentId = randomUUID();
  const storageKey = randomUUID();
  const originalName = cleanDocumentName(input.originalName);
  const who = actorColumns(actor);
  await sql.db
    .insertInto("CaseDocument")
    .values({
      id: documentId,
      tenantId,
      caseId,
      originalName,
      storageKey,
      storageKind: storage.kind,
      mediaType: type.mediaType,
      extension: type.extension,
      sizeBytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      scanState: scan.state,
      scanDetail: scan.detail,
      source,
      actorKind: who.actorKind,
      actorUserId: who.actorUserId,
      actorRef: who.actorRef,
    })
    .execute();
  await storage.put(sql, { tenantId, documentId, storageKey }, bytes);
  const facts = { documentId, name: originalName, mediaType: type.mediaType, sizeBytes: bytes.length, scanState: scan.state, source };
  await recordCaseEvent(sql, actor, caseId, "document.uploaded", facts);
  await recordAuditSql(sql, {
    tenantId,
    actor,
    action: "document.uploaded",
    entityType: "CaseDocument",
    entityId: documentId,
    summary: `Uploaded ${originalName} (${type.mediaType}, ${bytes.length} bytes, ${scan.state.toLowerCase().replace("_", " ")}) to case ${caseId}`,
    metadata: { caseId, ...facts },
  });
  return { ok: true, documentId };
}
