// Reading a case's documents and opening one for download: staff of the case's council with
// cases:read only (can(actor, …) here, not only in the page or route), inside the council's scope
// (row-level security: another council's document is simply not found). Every download is audited.
import "server-only";
import { recordedActorLabel, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TScanState } from "@/lib/documents/scan";
import { storageFor } from "@/lib/documents/storage";

export type TCaseDocumentRow = {
  id: string;
  originalName: string;
  mediaType: string;
  extension: string;
  sizeBytes: number;
  scanState: TScanState;
  scanDetail: string | null;
  source: string;
  /** The uploader: a person's name, or the words for another kind of actor ("resident"). */
  uploadedBy: string;
  createdAt: Date;
};

/** The case's documents, newest first; null when the actor may not read cases. */
export async function listCaseDocuments(actor: TActor, caseId: string): Promise<TCaseDocumentRow[] | null> {
  if (!can(actor, "cases:read") || actor.kind !== "staff") return null;
  return withTenantSql(actor.council.id, async (sql) => {
    const rows = await sql.db
      .selectFrom("CaseDocument as d")
      .leftJoin("User as u", "u.id", "d.actorUserId")
      .select(["d.id", "d.originalName", "d.mediaType", "d.extension", "d.sizeBytes", "d.scanState", "d.scanDetail", "d.source", "d.actorKind", "d.actorRef", "d.createdAt", "u.name as userName"])
      .where("d.caseId", "=", caseId)
      .orderBy("d.createdAt", "desc")
      .orderBy("d.id", "desc")
      .execute();
    return rows.map(({ actorKind, actorRef, userName, ...r }) => ({ ...r, scanState: r.scanState as TScanState, uploadedBy: userName ?? recordedActorLabel({ actorKind, actorRef }) ?? "someone" }));
  });
}

export type TOpenedDocument = { ok: true; name: string; mediaType: string; extension: string; bytes: Uint8Array } | { ok: false; reason: "not-found" | "infected" };

/**
 * A document's bytes for download by staff of its council with cases:read, recorded in the audit
 * log ("document.downloaded"). An infected document is never handed out (its refusal is audited
 * too). Not found: no such document, another council's, or on another case.
 */
export async function openCaseDocument(actor: TActor, caseId: string, documentId: string, ip: string | null): Promise<TOpenedDocument> {
  if (!can(actor, "cases:read") || actor.kind !== "staff") return { ok: false, reason: "not-found" };
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!UUID.test(caseId) || !UUID.test(documentId)) return { ok: false, reason: "not-found" };
  return withTenantSql(actor.council.id, async (sql) => {
    const doc = await sql.db
      .selectFrom("CaseDocument")
      .select(["id", "tenantId", "caseId", "originalName", "mediaType", "extension", "storageKind", "storageKey", "scanState", "sizeBytes"])
      .where("id", "=", documentId)
      .where("caseId", "=", caseId)
      .executeTakeFirst();
    if (!doc) return { ok: false, reason: "not-found" } as const;
    const audit = (action: string, summary: string) =>
      recordAuditSql(sql, { tenantId: doc.tenantId, actor, action, entityType: "CaseDocument", entityId: doc.id, summary, metadata: { caseId, name: doc.originalName, mediaType: doc.mediaType, scanState: doc.scanState }, ip });
    if (doc.scanState === "INFECTED") {
      await audit("document.download-refused", `Refused the download of ${doc.originalName}: the virus scan found something`);
      return { ok: false, reason: "infected" } as const;
    }
    const bytes = await storageFor(doc.storageKind).get(sql, { tenantId: doc.tenantId, documentId: doc.id, storageKey: doc.storageKey });
    if (!bytes) throw new Error(`The bytes of document ${doc.id} are missing from its storage (${doc.storageKind})`);
    await audit("document.downloaded", `Downloaded ${doc.originalName} (${doc.mediaType}, ${doc.sizeBytes} bytes) from case ${caseId}`);
    return { ok: true, name: doc.originalName, mediaType: doc.mediaType, extension: doc.extension, bytes } as const;
  }, actor.user.userId);
}

/** The filename a download is offered under: the name's safe characters with the extension of the detected type (ASCII, and the full name for RFC 6266 clients). */
export function contentDisposition(name: string, extension: string): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  const ascii = (stem.replace(/[^A-Za-z0-9 ._-]+/g, "-").replace(/-+/g, "-").replace(/^[-. ]+|[-. ]+$/g, "") || "document").slice(0, 100);
  const full = `${stem.slice(0, 150) || "document"}.${extension}`;
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(full)}`;
}
