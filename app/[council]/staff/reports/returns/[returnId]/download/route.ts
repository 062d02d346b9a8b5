import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { exportReturn } from "@/lib/reporting/returns";
import { clientIp } from "@/lib/security/request";

/** ?format=xlsx|csv: the return as a file (reports:read); the download is audited. */
export async function GET(request: Request, { params }: { params: Promise<{ council: string; returnId: string }> }) {
  const { council: slug, returnId } = await params;
  const access = await staffRouteAccess(slug, { post: false, permission: "reports:read" });
  if (access instanceof Response) return access;
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const file = await exportReturn(staffActor(access), returnId, format, await clientIp());
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: { "Content-Type": file.mediaType, "Content-Disposition": `attachment; filename="${file.fileName}"`, "Cache-Control": "no-store" },
  });
}
