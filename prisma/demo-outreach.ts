// The demo's outreach (issue 20, docs/outreach.md): in each demo council, a small list of
// households from council tax arrears data, imported, and an email campaign to it, through the
// real services (the same steps a manager takes on the Outreach pages). Its invitations wait in
// the outbox and land in the dev mailbox when the app's worker starts. Run once per database.
import { staffActor, type TStaffActor } from "@/lib/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createCampaign, runCampaign } from "@/lib/outreach/campaigns";
import { runCheck, runImport, saveMapping, startImport, uploadOutreachFile } from "@/lib/outreach/imports";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";

const HOUSEHOLDS: Record<string, string[]> = {
  hackwell: [
    "Mehmet Kaya,14/06/1979,22 Sandringham Road,London,E8 2LR,mehmet.kaya@outreach.example,07700 900501,Council tax arrears,Turkish",
    "Zofia Wiśniewska,03/11/1986,7 Amhurst Road,London,E8 1JH,zofia.w@outreach.example,,Council tax arrears,pl",
    "Rokeya Begum,21/01/1972,41 Well Street,London,E9 7PX,rokeya.begum@outreach.example,07700 900503,Housing benefit,Bengali",
    "Chaya Rosenberg,09/09/1990,12 Lordship Road,London,N16 0QH,chaya.r@outreach.example,,Council tax arrears,Yiddish",
    "Daniel Okoro,30/04/1968,5 Mare Street,London,E8 4RP,,07700 900505,Council tax arrears,",
    "Lucía Fernández,17/02/1995,9 Graham Road,London,E8 1BP,lucia.f@outreach.example,,Housing benefit,es",
  ],
  fenshire: [
    "Peter Holmes,02/02/1958,3 Mill Road,Cambridge,CB1 2AD,peter.holmes@outreach.example,,Council tax arrears,",
    "Amélie Laurent,19/08/1983,14 Histon Road,Cambridge,CB4 3JD,amelie.l@outreach.example,07700 900602,Council tax arrears,French",
    "Tomasz Zieliński,25/12/1976,8 Station Road,March,PE15 8LE,tomasz.z@outreach.example,,Housing benefit,pl",
    "Sarah Whitmore,11/05/1991,21 Elm Road,Wisbech,PE13 2TB,,07700 900604,Council tax arrears,en",
  ],
};
const HEADER = "Name,Date of birth,Address line 1,Town,Postcode,Email,Mobile,Reason,Language";

export async function seedDemoOutreach(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  for (const council of DEMO_COUNCILS) {
    const rows = HOUSEHOLDS[council.slug];
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    if (!tenant || !rows) continue;
    if ((await asOwnerInCouncil(db, tenant.id, (tx) => tx.outreachImport.count({ where: { tenantId: tenant.id } }))) > 0) continue;
    const email = council.staff.find((s) => s.role === "MANAGER")!.email;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const manager: TStaffActor = staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: ["MANAGER"] });
    const up = await uploadOutreachFile(manager, { name: "council-tax-arrears-december.csv", bytes: new TextEncoder().encode([HEADER, ...rows].join("\n") + "\n") });
    if (up.outcome !== "uploaded") throw new Error(`demo outreach: upload: ${JSON.stringify(up)}`);
    const checked = await saveMapping(manager, up.importId, { fullName: "Name", dateOfBirth: "Date of birth", line1: "Address line 1", town: "Town", postcode: "Postcode", email: "Email", mobile: "Mobile", reason: "Reason", language: "Language" });
    if (checked.outcome !== "checking") throw new Error(`demo outreach: check: ${checked.outcome}`);
    // The jobs' own work, done now (their queued jobs later find it done and do nothing).
    await runCheck(tenant.id, up.importId);
    await startImport(manager, up.importId);
    await runImport(tenant.id, up.importId);
    const campaign = await createCampaign(manager, { name: "Council tax arrears, December", channel: "EMAIL", importId: up.importId });
    if (campaign.outcome !== "created") throw new Error(`demo outreach: campaign: ${campaign.outcome}`);
    await runCampaign(tenant.id, campaign.campaignId);
    log(`Demo outreach: ${council.name}: ${rows.length} households imported, an email campaign to those with an email address (dev mailbox).`);
  }
}
