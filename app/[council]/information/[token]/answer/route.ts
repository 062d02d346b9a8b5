import { readUploadedFiles } from "@/lib/documents";
import { answerByLink, ANSWER_MAX_FILES } from "@/lib/information/requests";
import { assertSameOrigin, clientIp, ForbiddenError } from "@/lib/security/request";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

// A resident's (or referrer's) answer through the one-time link: text and up to 5 documents as
// multipart/form-data (works without JavaScript), with the uploads' own body limit
// (lib/security/body-limit.ts UPLOAD_PATHS), the origin checked as server actions check it. Back
// to the answer page with the outcome. docs/information-requests.md.
export async function POST(request: Request, { params }: { params: Promise<{ council: string; token: string }> }) {
  const { council: slug, token } = await params;
  try {
    await assertSameOrigin();
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
    throw error;
  }
  const council = await findCouncilBySlug(slug);
  if (!council) return new Response("Not found", { status: 404 });
  const page = `/${slug}/information/${encodeURIComponent(token)}`;
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `${page}?${query}` } });
  const upload = await readUploadedFiles(request, "files", { maxFiles: ANSWER_MAX_FILES });
  if (!upload.ok) return back(`error=${upload.problem === "too-large" ? "file-too-large" : "failed"}`);
  const text = upload.form.get("answer");
  const result = await answerByLink(council.id, token, { text: typeof text === "string" ? text : "", files: upload.files }, await clientIp());
  switch (result.outcome) {
    case "done":
      return back("sent=1");
    case "invalid":
      return back(`error=${result.problems[0]}`);
    case "file-refused":
      return back(`error=file-${result.problem}&file=${encodeURIComponent(result.file.slice(0, 200))}`);
    default:
      // used, expired, unknown, throttled: the page says which.
      return back("");
  }
}
