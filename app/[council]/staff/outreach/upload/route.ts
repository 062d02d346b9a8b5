import { staffActor } from "@/lib/actor";
import { getCouncilAccess } from "@/lib/auth/access";
import { readUploadedFiles } from "@/lib/documents/read-upload";
import { MAX_FILE_BYTES } from "@/lib/outreach/csv";
import { uploadOutreachFile } from "@/lib/outreach/imports";
import { assertSameOrigin, clientIp, ForbiddenError } from "@/lib/security/request";

// A manager's upload of a list of households (multipart/form-data, works without JavaScript): its
// own body limit (lib/security/body-limit.ts UPLOAD_PATHS), the origin checked as server actions
// check it, then to the list's page (mapping and checks), or back with the problem. docs/outreach.md.
export async function POST(request: Request, { params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  try {
    await assertSameOrigin();
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
    throw error;
  }
  const access = await getCouncilAccess(slug);
  if (access === "no-council") return new Response("Not found", { status: 404 });
  if (!access) return new Response(null, { status: 303, headers: { Location: "/sign-in" } });
  if (!access.permissions.has("outreach:manage")) return new Response("Forbidden", { status: 403 });
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `/${slug}/staff/outreach?${query}#upload` } });
  const read = await readUploadedFiles(request, "list", { maxFiles: 1, maxBytes: MAX_FILE_BYTES });
  if (!read.ok) return back(`uploadError=${read.problem === "too-large" ? "request-too-large" : "not-multipart"}`);
  const file = read.files[0];
  if (!file) return back("uploadError=none-chosen");
  const result = await uploadOutreachFile(staffActor(access), file, await clientIp());
  if (result.outcome === "forbidden") return new Response("Forbidden", { status: 403 });
  if (result.outcome === "problem") return back(`uploadError=${result.code}${result.earlierImportId ? `&earlier=${result.earlierImportId}` : ""}`);
  return new Response(null, { status: 303, headers: { Location: `/${slug}/staff/outreach/imports/${result.importId}` } });
}
