import { staffActor } from "@/lib/actor";
import { getCouncilAccess } from "@/lib/auth/access";
import { campaignLetters } from "@/lib/outreach/letters";
import { clientIp } from "@/lib/security/request";

// A letter campaign's letters as one PDF to print (lib/outreach/letters.ts). GET only: it changes
// nothing but the audit log.
export async function GET(_request: Request, { params }: { params: Promise<{ council: string; campaignId: string }> }) {
  const { council: slug, campaignId } = await params;
  const access = await getCouncilAccess(slug);
  if (access === "no-council") return new Response("Not found", { status: 404 });
  if (!access) return new Response(null, { status: 303, headers: { Location: "/sign-in" } });
  if (!access.permissions.has("outreach:manage")) return new Response("Forbidden", { status: 403 });
  const letters = await campaignLetters(staffActor(access), campaignId, await clientIp());
  if (!letters) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(letters.pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${letters.fileName}"`, "Cache-Control": "no-store" },
  });
}
