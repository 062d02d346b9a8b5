import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { contentDisposition } from "@/lib/documents";
import { openBatchFile } from "@/lib/payments/queries";
import { clientIp } from "@/lib/security/request";

// A batch file's download: the bytes stored when the batch was made, exactly; only as an
// attachment, nosniff; only to finance of the batch's council (payments:manage, checked in
// openBatchFile, which records each download in the audit log). Another council's is not found.
export async function GET(_request: Request, { params }: { params: Promise<{ council: string; batchId: string; fileId: string }> }) {
  const { council: slug, batchId, fileId } = await params;
  const access = await staffRouteAccess(slug, { post: false });
  if (access instanceof Response) return access;
  const opened = await openBatchFile(staffActor(access), batchId, fileId, await clientIp());
  if (!opened.ok) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const extension = opened.fileName.split(".").pop() ?? "txt";
  return new Response(new Uint8Array(opened.bytes), {
    headers: {
      "Content-Type": opened.mediaType,
      "Content-Disposition": contentDisposition(opened.fileName, extension),
      "Content-Length": String(opened.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "no-store, max-age=0",
    },
  });
}
