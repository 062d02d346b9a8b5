import { staffRouteAccess } from "@/lib/auth/access";
import { staffActor } from "@/lib/actor";
import { contentDisposition, openCaseDocument } from "@/lib/documents";
import { clientIp } from "@/lib/security/request";

// A document's download: only as an attachment, with the type detected at upload and nosniff,
// only to staff of the case's council with cases:read (checked in openCaseDocument), each
// download audited there. Another council's document is not found (row-level security).
export async function GET(_request: Request, { params }: { params: Promise<{ council: string; caseId: string; documentId: string }> }) {
  const { council: slug, caseId, documentId } = await params;
  const access = await staffRouteAccess(slug, { post: false });
  if (access instanceof Response) return access;
  const opened = await openCaseDocument(staffActor(access), caseId, documentId, await clientIp());
  if (!opened.ok && opened.reason === "infected") return new Response(null, { status: 303, headers: { Location: `/${slug}/staff/cases/${caseId}?documentError=infected#documents` } });
  if (!opened.ok) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(Buffer.from(opened.bytes), {
    headers: {
      "Content-Type": opened.mediaType,
      "Content-Disposition": contentDisposition(opened.name, opened.extension),
      "Content-Length": String(opened.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "no-store, max-age=0",
    },
  });
}
