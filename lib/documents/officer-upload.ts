// An officer's upload on the case page: up to MAX_OFFICER_FILES files from one multipart form,
// all checked before any is saved (one bad file refuses the lot, and the error names it), then
// saved in one transaction. The route handler only checks the session and the origin and turns
// the outcome into a redirect back to the case page.
import "server-only";
import type { TStaffActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { readUploadedFiles } from "@/lib/documents/read-upload";
import { cleanDocumentName, documentProblem, saveCaseDocument, type TDocumentProblem } from "@/lib/documents/save-document";

export const MAX_OFFICER_FILES = 5;
/** The form's file field. */
export const DOCUMENT_FIELD = "document";

export type TUploadProblem = TDocumentProblem | "none-chosen" | "request-too-large" | "not-multipart";
export type TOfficerUploadResult = { ok: true; count: number } | { ok: false; problem: TUploadProblem; name: string | null } | { ok: false; problem: "not-found" | "forbidden"; name: null };

export async function uploadCaseDocuments(actor: TStaffActor, caseId: string, request: Request): Promise<TOfficerUploadResult> {
  if (!can(actor, "cases:work")) return { ok: false, problem: "forbidden", name: null };
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(caseId)) return { ok: false, problem: "not-found", name: null };
  const read = await readUploadedFiles(request, DOCUMENT_FIELD, { maxFiles: MAX_OFFICER_FILES });
  if (!read.ok) return { ok: false, problem: read.problem === "too-large" ? "request-too-large" : "not-multipart", name: null };
  if (!read.files.length) return { ok: false, problem: "none-chosen", name: null };
  for (const f of read.files) {
    const problem = await documentProblem(f.bytes);
    if (problem) return { ok: false, problem, name: cleanDocumentName(f.name) };
  }
  const tenantId = actor.council.id;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const exists = await sql.db.selectFrom("Case").select("id").where("id", "=", caseId).executeTakeFirst();
      if (!exists) return { ok: false, problem: "not-found", name: null } as const;
      for (const f of read.files) {
        const saved = await saveCaseDocument(sql, { tenantId, caseId, bytes: f.bytes, originalName: f.name, actor, source: "officer" });
        // Checked above; a file that fails here is a bug, and throwing rolls the others back.
        if (!saved.ok) throw new Error(`uploadCaseDocuments: ${f.name} was refused after it was checked (${saved.problem})`);
      }
      return { ok: true, count: read.files.length } as const;
    },
    actor.user.userId,
  );
}
