import { staffRouteAccess } from "@/lib/auth/access";
import { staffActor } from "@/lib/actor";
import { readUploadedFiles } from "@/lib/documents/read-upload";
import { previewReconciliation, RECONCILIATION_KINDS, type TReconciliationKind } from "@/lib/payments/reconciliation";

// A bank's or provider's report uploaded for reconciliation (multipart/form-data, works without
// JavaScript; its own body limit: lib/security/body-limit.ts UPLOAD_PATHS). The origin is checked
// as server actions check it; the report is read and previewed (nothing applied) and the browser
// goes to its import page, or back to the upload form with the problem. docs/reconciliation.md.
export async function POST(request: Request, { params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await staffRouteAccess(slug, { post: true, permission: "payments:manage" });
  if (access instanceof Response) return access;
  const base = `/${slug}/staff/payments/reconciliation`;
  const back = (error: string, kind?: string) => new Response(null, { status: 303, headers: { Location: `${base}?error=${error}${kind ? `&kind=${kind}` : ""}` } });
  const read = await readUploadedFiles(request, "report", { maxFiles: 1 });
  if (!read.ok) return back(read.problem === "too-large" ? "too-large" : "file");
  const kindValue = read.form.get("kind");
  const kind = typeof kindValue === "string" && (RECONCILIATION_KINDS as readonly string[]).includes(kindValue) ? (kindValue as TReconciliationKind) : null;
  const file = read.files[0];
  if (!kind) return back("kind");
  if (!file) return back("file", kind);
  const result = await previewReconciliation(staffActor(access), { fileName: file.name, content: Buffer.from(file.bytes), kind });
  if (result.outcome === "forbidden") return new Response("Forbidden", { status: 403 });
  if (result.outcome === "refused") return back(result.code, kind);
  return new Response(null, { status: 303, headers: { Location: `${base}/${result.importId}${result.alreadyImported ? "?again=1" : ""}` } });
}
