import { staffRouteAccess } from "@/lib/auth/access";
import { staffActor } from "@/lib/actor";
import { uploadCaseDocuments } from "@/lib/documents";

// An officer's upload of documents to a case (multipart/form-data, works without JavaScript): its
// own body limit (lib/security/body-limit.ts UPLOAD_PATHS), the origin checked as server actions
// check it, then back to the case page with the outcome (components/documents). docs/documents.md.
export async function POST(request: Request, { params }: { params: Promise<{ council: string; caseId: string }> }) {
  const { council: slug, caseId } = await params;
  const access = await staffRouteAccess(slug, { post: true });
  if (access instanceof Response) return access;
  const result = await uploadCaseDocuments(staffActor(access), caseId, request);
  if (!result.ok && result.problem === "forbidden") return new Response("Forbidden", { status: 403 });
  if (!result.ok && result.problem === "not-found") return new Response("Not found", { status: 404 });
  const query = result.ok ? `documentsUploaded=${result.count}` : `documentError=${result.problem}${result.name ? `&documentName=${encodeURIComponent(result.name)}` : ""}`;
  // A relative Location, as the language route does: right behind a proxy or another host name.
  return new Response(null, { status: 303, headers: { Location: `/${slug}/staff/cases/${caseId}?${query}${result.ok ? "#documents" : ""}` } });
}
