import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { stripControl } from "@/lib/forms/text";
import { parseDashboardQuery } from "@/lib/reporting/dashboard-filter";
import { dashboardFunds, exportDashboard } from "@/lib/reporting/dashboard-view";
import { clientIp } from "@/lib/security/request";

/** ?fund&from&to&format=csv|xlsx: the dashboard as filtered, as a file (reports:read); the download is audited. */
export async function GET(request: Request, { params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await staffRouteAccess(slug, { post: false, permission: "reports:read" });
  if (access instanceof Response) return access;
  const actor = staffActor(access);
  const query = Object.fromEntries([...new URL(request.url).searchParams].map(([k, v]) => [stripControl(k), stripControl(v)]));
  const parsed = parseDashboardQuery(query, (await dashboardFunds(actor)) ?? [], londonIsoDate(new Date()));
  if (parsed.problems.length) return new Response(parsed.problems.map((p) => p.message).join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const file = await exportDashboard(actor, parsed.filter, query.format === "csv" ? "csv" : "xlsx", await clientIp());
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.fileName}"`, "Cache-Control": "no-store" },
  });
}
