import { readSearchParams } from "@/lib/forms/text";
import { staffRouteAccess } from "@/lib/auth/access";
import { exportPotHistory, historyFilterFrom } from "@/lib/funds/history";
import { clientIp } from "@/lib/security/request";

export async function GET(request: Request, { params }: { params: Promise<{ council: string; fundId: string; potId: string }> }) {
  const { council: slug, potId } = await params;
  const access = await staffRouteAccess(slug, { post: false, permission: "funds:read" });
  if (access instanceof Response) return access;
  if (!/^[0-9a-f-]{36}$/.test(potId)) return new Response("Not found", { status: 404 });
  const { filter } = historyFilterFrom(await readSearchParams(Object.fromEntries(new URL(request.url).searchParams)));
  const exported = await exportPotHistory(access, potId, filter, await clientIp());
  if (!exported) return new Response("Not found", { status: 404 });
  const filename = `${exported.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "pot"}-transactions.csv`;
  return new Response(exported.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
