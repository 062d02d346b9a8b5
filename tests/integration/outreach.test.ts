// Proactive outreach (issue 20): a list uploaded and checked (every invalid row shown, nothing
// imported), imported by the background job, matched to earlier applications on the duplicate
// keys; a campaign sends one message per household in its language; the same people imported
// again are invited by nobody twice; the link opens a pre-filled draft whose application is a
// PROACTIVE_INVITATION; the funnel counts; another council sees none of it. Real services, real
// Postgres as the app's RLS-bound role, the real job queue.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor, TStaffActor } from "@/lib/actor";
import { saveDraftAnswer } from "@/lib/applications/drafts";
import type { TStepId } from "@/lib/applications/steps";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { submitApplication } from "@/lib/intake/submit-application";
import { createCampaign, invitationToken, listCampaigns, readCampaign } from "@/lib/outreach/campaigns";
import type { TMapping } from "@/lib/outreach/csv";
import { readCampaignFunnel } from "@/lib/outreach/funnel";
import { listImports, readImport, saveMapping, startImport, uploadOutreachFile } from "@/lib/outreach/imports";
import { openInvitation, readInvitationLanding } from "@/lib/outreach/invitations";
import { hashToken } from "@/lib/security/crypto";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { runDueJobs } from "@/lib/worker";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let manager: TMemberActor, officer: TMemberActor, outsider: TMemberActor;
const owner = () => testDb().owner;
const csvFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const asStaff = (a: TMemberActor) => a as TStaffActor;

const HEADER = "Resident name,DOB,Address 1,Town,Post code,Email,Mobile,Why,Language";
const GOOD = [
  "Kwame Mensah,04/05/1979,14 Mare Street,London,E8 3AB,kwame@example.com,07700 900111,Council tax arrears,English",
  "Ayşe Demir,1985-02-11,2 Dalston Lane,London,e8 1dy,ayse.demir@example.com,,Council tax arrears,tr",
  "Nadia Kowalska,11/11/1990,9 Amhurst Road,London,E8 1JH,,07700 900333,Housing benefit,Polish",
  "Rahim Uddin,03/03/1970,5 Well Street,London,E9 7PX,rahim@example.com,07700 900444,Council tax arrears,Bengali",
];
const BAD = [
  ",01/01/1980,1 Nowhere Road,London,E8 1AA,,,,", // no name
  "Bad Date,31/02/1980,1 Nowhere Road,London,E8 1AA,,,,", // not a real date
  "Bad Postcode,01/01/1980,1 Nowhere Road,London,NOT A PC,,,,", // postcode
  "Bad Email,01/01/1980,1 Nowhere Road,London,E8 1AA,not-an-email,,,", // email
];

async function importList(actor: TMemberActor, name: string, rows: string[]) {
  const up = await uploadOutreachFile(asStaff(actor), csvFile(name, [HEADER, ...rows].join("\r\n") + "\r\n"));
  if (up.outcome !== "uploaded") throw new Error(JSON.stringify(up));
  return up.importId;
}
/** The manager's "Check the rows": the mapping saved and the check queued (nothing else), then the job run. */
async function checkList(actor: TMemberActor, importId: string, mapping: TMapping = MAPPING) {
  const queued = await saveMapping(asStaff(actor), importId, mapping);
  if (queued.outcome !== "checking") return queued;
  const before = await readImport(asStaff(actor), importId);
  if ("outcome" in before || before.status !== "CHECKING" || before.preview !== null) throw new Error(`not checking: ${JSON.stringify(before)}`);
  await runDueJobs();
  const page = await readImport(asStaff(actor), importId);
  if ("outcome" in page) throw new Error(page.outcome);
  return { outcome: page.status === "CHECKED" ? "checked" : page.status, validRows: page.validRows, invalidRows: page.invalidRows };
}
const MAPPING: TMapping = { fullName: "Resident name", dateOfBirth: "DOB", line1: "Address 1", town: "Town", postcode: "Post code", email: "Email", mobile: "Mobile", reason: "Why", language: "Language" };

beforeAll(async () => {
  await createCouncil(owner(), { slug: "out-a", postcodeAreas: ["E8", "E9"], settings: { referencePrefix: "OTA" } });
  await createCouncil(owner(), { slug: "out-b", postcodeAreas: ["E8"], settings: { referencePrefix: "OTB" } });
  council = (await findCouncilBySlug("out-a"))!;
  other = (await findCouncilBySlug("out-b"))!;
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  officer = await caseActor(council, "OFFICER", "Dee Officer");
  outsider = await caseActor(other, "MANAGER", "Bea Elsewhere");
});

describe("uploading and checking a list", () => {
  it("guesses the mapping, then shows every invalid row with its reason before anything is imported", async () => {
    const id = await importList(manager, "arrears.csv", [...GOOD, ...BAD]);
    const page = await readImport(asStaff(manager), id);
    if ("outcome" in page) throw new Error(page.outcome);
    expect(page.status).toBe("UPLOADED");
    expect(page.mapping).toMatchObject({ fullName: "Resident name", dateOfBirth: "DOB", postcode: "Post code", email: "Email", mobile: "Mobile", language: "Language" });
    // The guess could not place "Address 1" and "Why": the manager chooses; a required field left out is refused.
    expect(await saveMapping(asStaff(manager), id, { ...MAPPING, line1: undefined })).toMatchObject({ outcome: "invalid", problems: [{ field: "line1" }] });
    expect(await saveMapping(asStaff(manager), id, { ...MAPPING, town: "DOB" })).toMatchObject({ outcome: "invalid", problems: [{ field: "town" }] });
    expect(await checkList(manager, id)).toEqual({ outcome: "checked", validRows: 4, invalidRows: 4 });
    const checked = await readImport(asStaff(manager), id);
    if ("outcome" in checked) throw new Error(checked.outcome);
    expect(checked.preview!.problems.map((p) => [p.rowNumber, p.field])).toEqual([
      [6, "fullName"],
      [7, "dateOfBirth"],
      [8, "postcode"],
      [9, "email"],
    ]);
    expect(checked.preview!.problems[1]!.message).toContain("not a real date");
    // Nothing imported yet.
    expect(await owner().outreachHousehold.count({ where: { importId: id } })).toBe(0);
    // The same file again is refused, pointing at the first upload.
    const again = await uploadOutreachFile(asStaff(manager), csvFile("copy.csv", [HEADER, ...GOOD, ...BAD].join("\r\n") + "\r\n"));
    expect(again).toMatchObject({ outcome: "problem", earlierImportId: id });
  });

  it("checks in the background: mapping again restarts the check, a value over two lines is one row, a file the check cannot read fails with why", async () => {
    const id = await importList(manager, "two-goes.csv", [...GOOD, BAD[0]!, `"Multi Line",01/01/1980,"1 Nowhere Road
Back door",London,E8 1AA,,,,`]);
    // The upload counted lines (7 after the header); the check counts rows (6).
    expect(await readImport(asStaff(manager), id)).toMatchObject({ status: "UPLOADED", totalRows: 7 });
    // Checked with a wrong choice, then chosen again before the job ran: only the second check counts.
    expect(await saveMapping(asStaff(manager), id, { ...MAPPING, email: undefined, mobile: undefined, reason: "Email" })).toEqual({ outcome: "checking" });
    expect(await checkList(manager, id)).toEqual({ outcome: "checked", validRows: 5, invalidRows: 1 });
    expect(await readImport(asStaff(manager), id)).toMatchObject({ totalRows: 6, checkedRows: 6, mapping: MAPPING });
    // The check can be run again, and an import cannot start while it runs.
    expect(await saveMapping(asStaff(manager), id, MAPPING)).toEqual({ outcome: "checking" });
    expect(await startImport(asStaff(manager), id)).toEqual({ outcome: "not-checked" });
    await runDueJobs();
    expect(await owner().outreachHousehold.count({ where: { importId: id } })).toBe(0);
    // Quote marks that pair up in number but leave a value open: the upload cannot tell, the check can.
    const broken = await importList(manager, "broken.csv", [GOOD[0]!, `Open"Quote,"01/01/1980,1 Nowhere Road,London,E8 1AA,,,,`]);
    expect(await checkList(manager, broken)).toMatchObject({ outcome: "FAILED" });
    expect(await readImport(asStaff(manager), broken)).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("quote") });
  });

  it("refuses a file that is not a readable CSV, and an officer altogether", async () => {
    expect(await uploadOutreachFile(asStaff(manager), csvFile("list.xlsx", HEADER))).toMatchObject({ outcome: "problem" });
    expect(await uploadOutreachFile(asStaff(manager), { name: "list.csv", bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x41]) })).toMatchObject({ outcome: "problem" });
    expect(await uploadOutreachFile(asStaff(manager), csvFile("q.csv", `${HEADER}\n"unclosed,1`))).toMatchObject({ outcome: "problem", message: expect.stringContaining("quote") });
    expect(await uploadOutreachFile(asStaff(officer), csvFile("x.csv", [HEADER, GOOD[0]].join("\n")))).toEqual({ outcome: "forbidden" });
  });
});

describe("importing, matching, inviting", () => {
  let importId: string;
  let earlierCase: { caseId: string; reference: string };

  it("imports in the background, matches earlier applications on the duplicate keys, and shows progress", async () => {
    // Kwame applied before (same name and date of birth, another email): the import says so.
    earlierCase = await applyFor(council, {
      ...FULL,
      "full-name": { fullName: "KWAME MENSAH" },
      "date-of-birth": { "dateOfBirth-day": "4", "dateOfBirth-month": "5", "dateOfBirth-year": "1979" },
      contact: { email: "k.mensah@example.com", mobile: "" },
    });
    importId = await importList(manager, "benefits.csv", [...GOOD, BAD[0]!]);
    expect(await checkList(manager, importId)).toMatchObject({ outcome: "checked", validRows: 4, invalidRows: 1 });
    expect(await startImport(asStaff(manager), importId)).toEqual({ outcome: "queued" });
    expect(await startImport(asStaff(manager), importId)).toEqual({ outcome: "not-checked" });
    await runDueJobs();
    const page = await readImport(asStaff(manager), importId);
    if ("outcome" in page) throw new Error(page.outcome);
    expect(page).toMatchObject({ status: "IMPORTED", importedRows: 4, knownRows: 0, matchedRows: 1 });
    expect(page.matches).toEqual([{ rowNumber: 2, fullName: "Kwame Mensah", caseId: earlierCase.caseId, caseReference: earlierCase.reference, reasons: ["name-dob"] }]);
    const households = await owner().outreachHousehold.findMany({ where: { importId }, orderBy: { rowNumber: "asc" } });
    expect(households.map((h) => [h.fullName, h.postcode, h.mobile, h.locale])).toEqual([
      ["Kwame Mensah", "E8 3AB", "+447700900111", "en"],
      ["Ayşe Demir", "E8 1DY", null, "tr"],
      ["Nadia Kowalska", "E8 1JH", "+447700900333", "pl"],
      ["Rahim Uddin", "E9 7PX", "+447700900444", "bn"],
    ]);
    // The file's text is not kept once imported.
    expect((await owner().outreachImport.findUniqueOrThrow({ where: { id: importId } })).content.length).toBe(0);
  });

  it("an email campaign sends one message per household with an email, in its language, with a personal link", async () => {
    const created = await createCampaign(asStaff(manager), { name: "Council tax arrears, December", channel: "EMAIL", importId });
    if (created.outcome !== "created") throw new Error(created.outcome);
    await runDueJobs();
    const campaign = await readCampaign(asStaff(manager), created.campaignId);
    expect(campaign).toMatchObject({ status: "SENT", invitedCount: 3 });
    const messages = await owner().outboundMessage.findMany({ where: { tenantId: council.id, template: "outreach-invitation" }, orderBy: { to: "asc" } });
    expect(messages.map((m) => [m.to, m.locale])).toEqual([
      ["ayse.demir@example.com", "tr"],
      ["kwame@example.com", "en"],
      ["rahim@example.com", "bn"],
    ]);
    expect(messages[0]!.body).toContain("başvuru");
    expect(messages[2]!.body).toContain("আবেদন");
    // Each link is the household's own, and the reason the council holds is never written in a message.
    const links = messages.map((m) => /\/apply\/invited\/([A-Za-z0-9_-]+)/.exec(m.body)![1]!);
    expect(new Set(links).size).toBe(3);
    expect(messages.some((m) => m.body.includes("arrears"))).toBe(false);
    // Delivered through the outbox to the dev mailbox.
    const mail = await owner().devMailboxMessage.findFirst({ where: { to: "kwame@example.com" } });
    expect(mail?.text).toContain("/apply/invited/");
  });

  it("a text campaign reaches only the households not invited yet; importing the same people again invites nobody twice", async () => {
    const created = await createCampaign(asStaff(manager), { name: "Texts", channel: "SMS", importId });
    if (created.outcome !== "created") throw new Error(created.outcome);
    await runDueJobs();
    // Nadia has a mobile and no email: the only one left.
    expect(await readCampaign(asStaff(manager), created.campaignId)).toMatchObject({ status: "SENT", invitedCount: 1 });
    const texts = await owner().outboundMessage.findMany({ where: { tenantId: council.id, template: "outreach-invitation-text" } });
    expect(texts.map((t) => [t.to, t.locale, t.channel])).toEqual([["+447700900333", "pl", "SMS"]]);

    // A new file with the same people (spelt differently) and one new household.
    const next = await importList(manager, "benefits-january.csv", [
      "KWAME  MENSAH,4/5/1979,14 Mare Street,London,e83ab,kwame@example.com,,Council tax arrears,",
      "Ayşe Demir,11/02/1985,2 Dalston Lane,London,E8 1DY,ayse.demir@example.com,,,tr",
      "Grace Okafor,02/02/1992,7 Graham Road,London,E8 1BP,grace@example.com,,Housing benefit,fr",
    ]);
    expect(await checkList(manager, next)).toMatchObject({ outcome: "checked", validRows: 3 });
    await startImport(asStaff(manager), next);
    await runDueJobs();
    expect(await readImport(asStaff(manager), next)).toMatchObject({ status: "IMPORTED", importedRows: 1, knownRows: 2 });
    const again = await createCampaign(asStaff(manager), { name: "January", channel: "EMAIL", importId: next });
    if (again.outcome !== "created") throw new Error(again.outcome);
    await runDueJobs();
    expect(await readCampaign(asStaff(manager), again.campaignId)).toMatchObject({ invitedCount: 1 });
    const toKwame = await owner().outboundMessage.count({ where: { template: "outreach-invitation", to: "kwame@example.com" } });
    expect(toKwame).toBe(1);
    const grace = await owner().outboundMessage.findFirstOrThrow({ where: { template: "outreach-invitation", to: "grace@example.com" } });
    expect(grace.locale).toBe("fr");
    // Running the same campaign's job again sends nothing more.
    await runDueJobs();
    expect(await owner().outreachInvitation.count({ where: { tenantId: council.id } })).toBe(5);
  });

  it("the link opens once, onto a draft pre-filled with what the council holds; the application is PROACTIVE_INVITATION; the funnel counts it", async () => {
    const invitation = await owner().outreachInvitation.findFirstOrThrow({ where: { tenantId: council.id, household: { fullName: "Ayşe Demir" } } });
    const token = invitationToken(invitation.id);
    expect(invitation.tokenHash).toBe(hashToken(token));
    expect(await readInvitationLanding(council, token)).toEqual({ state: "open", locale: "tr" });
    // Not in another council.
    expect(await readInvitationLanding(other, token)).toEqual({ state: "unknown" });
    expect(await openInvitation(other, token)).toBeNull();
    const opened = await openInvitation(council, token);
    expect(opened).not.toBeNull();
    expect(await openInvitation(council, token)).toBeNull();
    expect(await readInvitationLanding(council, token)).toEqual({ state: "used" });
    const draft = await owner().applicationDraft.findUniqueOrThrow({ where: { tokenHash: hashToken(opened!.draftToken) } });
    expect(draft.invitationId).toBe(invitation.id);
    expect(draft.locale).toBe("tr");
    expect(draft.answers).toMatchObject({
      "full-name": { fullName: "Ayşe Demir" },
      "date-of-birth": { "dateOfBirth-day": "11", "dateOfBirth-month": "2", "dateOfBirth-year": "1985" },
      contact: { email: "ayse.demir@example.com", mobile: "" },
      language: { preferredLanguage: "tr" },
      postcode: { postcode: "E8 1DY" },
      address: { address: "manual" },
      "address-manual": { line1: "2 Dalston Lane", line2: "", town: "London" },
    });
    // Consent is not pre-filled: the resident gives it.
    expect((draft.answers as Record<string, unknown>).consent).toBeUndefined();

    let funnel = await readCampaignFunnel(asStaff(manager), invitation.campaignId);
    expect(funnel).toEqual({ invited: 3, started: 1, submitted: 0, awarded: 0 });

    // The resident answers the rest and sends it.
    const hash = hashToken(opened!.draftToken);
    for (const step of ["household", "children-ages", "circumstances", "needs", "rent-arrears", "food-today", "energy-meter", "eviction", "employment", "benefits", "nrpf", "housing", "payment", "bank-details", "consent"] as TStepId[])
      await saveDraftAnswer(council, hash, step, FULL[step]!, "tr");
    const sent = await submitApplication(council, hash, { ip: null });
    expect(sent.outcome).toBe("submitted");
    if (sent.outcome !== "submitted") return;
    const application = await owner().application.findFirstOrThrow({ where: { tenantId: council.id, reference: sent.reference } });
    expect(application).toMatchObject({ channel: "PROACTIVE_INVITATION", fullName: "Ayşe Demir", locale: "tr" });
    funnel = await readCampaignFunnel(asStaff(manager), invitation.campaignId);
    expect(funnel).toEqual({ invited: 3, started: 1, submitted: 1, awarded: 0 });

    // An award approved on its case: awarded.
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Crisis", allocatePence: 1_000_000n }] });
    const theCase = await owner().case.findFirstOrThrow({ where: { applicationId: application.id } });
    await claimCase(officer, theCase.id);
    const decided = await decideCase(officer, theCase.id, { decision: "approve", reasonCode: "need-met", explanation: "x", lines: [{ potId: fund.pots[0]!.id, needCategory: "food", amountPence: 5_000n, paymentMethod: "voucher-email" }] });
    expect(decided.outcome).toBe("decided");
    funnel = await readCampaignFunnel(asStaff(manager), invitation.campaignId);
    expect(funnel).toEqual({ invited: 3, started: 1, submitted: 1, awarded: 1 });
  });

  it("another council's manager reaches none of it", async () => {
    expect(await readImport(asStaff(outsider), importId)).toEqual({ outcome: "not-found" });
    expect(await saveMapping(asStaff(outsider), importId, MAPPING)).toEqual({ outcome: "not-found" });
    expect(await startImport(asStaff(outsider), importId)).toEqual({ outcome: "not-found" });
    expect(await listImports(asStaff(outsider))).toEqual([]);
    expect(await listCampaigns(asStaff(outsider))).toEqual([]);
    expect(await createCampaign(asStaff(outsider), { name: "Steal", channel: "EMAIL", importId })).toEqual({ outcome: "not-found" });
    const campaign = (await listCampaigns(asStaff(manager)))![0]!;
    expect(await readCampaign(asStaff(outsider), campaign.id)).toEqual({ outcome: "not-found" });
    expect(await readCampaignFunnel(asStaff(outsider), campaign.id)).toEqual({ invited: 0, started: 0, submitted: 0, awarded: 0 });
    // An officer has no outreach permission at all.
    expect(await readImport(asStaff(officer), importId)).toEqual({ outcome: "forbidden" });
  });
});

describe("letters", () => {
  it("a letter campaign invites every household not yet invited and prints one page each, in its language", async () => {
    const id = await importList(manager, "letters.csv", [
      "Chaim Gold,01/06/1950,3 Lordship Road,London,N16 0QH,,,Pension credit,Yiddish",
      "Shirin Akter,09/09/1988,4 Well Street,London,E9 7PX,,,Council tax arrears,bn",
      "Zofia Nowak,12/12/1960,5 Mare Street,London,E8 4RP,,,Council tax arrears,pl",
    ]);
    await checkList(manager, id);
    await startImport(asStaff(manager), id);
    await runDueJobs();
    const created = await createCampaign(asStaff(manager), { name: "Letters", channel: "LETTER", importId: id });
    if (created.outcome !== "created") throw new Error(created.outcome);
    await runDueJobs();
    expect(await readCampaign(asStaff(manager), created.campaignId)).toMatchObject({ status: "SENT", invitedCount: 3 });
    // Letters send no message.
    expect(await owner().outboundMessage.count({ where: { tenantId: council.id, to: { contains: "Gold" } } })).toBe(0);
    const { campaignLetters } = await import("@/lib/outreach/letters");
    const letters = await campaignLetters(asStaff(manager), created.campaignId);
    expect(letters!.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(letters!.pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect(letters!.fileName).toBe("letters-Letters.pdf");
    // Only the council's own managers: another council's gets nothing.
    expect(await campaignLetters(asStaff(outsider), created.campaignId)).toBeNull();
    expect(await owner().auditEvent.count({ where: { action: "outreach.letters-printed", entityId: created.campaignId } })).toBe(1);
  });
});
