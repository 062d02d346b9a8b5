import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { readUploadedFiles } from "@/lib/documents/read-upload";
import { MAX_FILE_BYTES } from "@/lib/outreach/csv";
import { uploadOutreachFile } from "@/lib/outreach/imports";
import { clientIp } from "@/lib/security/request";

// A manager's upload of a list of households (multipart/form-data, works without JavaScript): its
// own body limit (lib/security/body-limit.ts UPLOAD_PATHS), the origin checked as server actions
// check it, then to the list's page (mapping and checks), or back with the problem. docs/outreach.md.
export async function POST(request: Request, { params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await staffRouteAccess(slug, { post: true, permission: "outreach:manage" });
  if (access instanceof Response) return access;
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
