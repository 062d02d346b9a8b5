import { staffActor } from "@/lib/actor";
import { staffRouteAccess } from "@/lib/auth/access";
import { campaignLetters } from "@/lib/outreach/letters";
import { clientIp } from "@/lib/security/request";

// A letter campaign's letters as one PDF to print (lib/outreach/letters.ts). GET only: it changes
// nothing but the audit log.
export async function GET(_request: Request, { params }: { params: Promise<{ council: string; campaignId: string }> }) {
  const { council: slug, campaignId } = await params;
  const access = await staffRouteAccess(slug, { post: false, permission: "outreach:manage" });
  if (access instanceof Response) return access;
  const letters = await campaignLetters(staffActor(access), campaignId, await clientIp());
  if (!letters) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(letters.pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${letters.fileName}"`, "Cache-Control": "no-store" },
  });
}
