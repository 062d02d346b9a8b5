import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { readUploadedFiles } from "@/lib/documents";
import { previewVoucherImport } from "@/lib/payments/voucher-imports";
import { clientIp } from "@/lib/security/request";

// A voucher provider's file uploaded to be checked (multipart/form-data, works without
// JavaScript): its own body limit (lib/security/body-limit.ts UPLOAD_PATHS), the origin checked
// as server actions check it; then to the import's preview, or back with the problem.
// Nothing is applied here (lib/payments/voucher-imports.ts).
export async function POST(request: Request, { params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await staffRouteAccess(slug, { post: true, permission: "payments:manage" });
  if (access instanceof Response) return access;
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `/${slug}/staff/payments/vouchers?${query}` } });
  const read = await readUploadedFiles(request, "file", { maxFiles: 1 });
  if (!read.ok) return back(`importError=${read.problem === "too-large" ? "request-too-large" : "not-multipart"}`);
  const kind = read.form.get("kind") === "redemptions" ? "redemptions" : "codes";
  const file = read.files[0];
  if (!file) return back(`importError=none-chosen&kind=${kind}`);
  const result = await previewVoucherImport(staffActor(access), { fileName: file.name, content: Buffer.from(file.bytes), kind }, await clientIp());
  if (result.outcome === "forbidden") return new Response("Forbidden", { status: 403 });
  if (result.outcome === "invalid") return back(`importError=${result.problem}&kind=${kind}`);
  return new Response(null, { status: 303, headers: { Location: `/${slug}/staff/payments/vouchers/imports/${result.importId}${result.outcome === "same-file" ? "?same=1" : ""}` } });
}
