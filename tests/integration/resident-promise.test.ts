// Issue 15: the resident was promised "within 5 working days" (and, in the demo's words, "we will
// call you within 1 working day") while the council's casework settings say 2 working days for
// urgent cases and 10 for standard ones. What a resident is told comes from the same settings as
// the SLA clock: their case's due date, by its priority band. Here: the "application received"
// email, the status check and the confirmation page's read, before and after the settings change.
import { describe, expect, it, beforeAll } from "vitest";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { promiseForDraft } from "@/lib/applications/promise";
import { recordApplication } from "@/lib/intake/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers } from "@/lib/applications/steps";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { DEFAULT_PRIORITY } from "@/lib/triage/priority";
import { DEFAULT_REASON_CODES } from "@/lib/cases/settings";
import { withTenant } from "@/lib/db/tenant-scope";
import { formatDateFor } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
const owner = () => testDb().owner;
const STANDARD = { ...FULL, "children-ages": { childrenAges: "7, 9" }, "food-today": { enoughFoodToday: "yes" }, "energy-meter": { prepaymentMeter: "ok" }, contact: { email: "standard@example.com", mobile: "" } };
const URGENT = { ...FULL, contact: { email: "urgent@example.com", mobile: "" } };

/** "Tuesday 15 December": the date as the resident reads it, worked out here from the settings' days. */
const promised = (workingDays: number, locale = "en") => formatDateFor(new Date(`${addWorkingDays(new Date(), workingDays)}T12:00:00Z`), locale, { weekday: true, year: false });

async function setSla(urgentDays: number, standardDays: number) {
  const row = { priorityWeights: DEFAULT_PRIORITY.weights, urgentFrom: DEFAULT_PRIORITY.urgentFrom, slaUrgentDays: urgentDays, slaStandardDays: standardDays, officerLimitPence: 25_000n, reasonCodes: DEFAULT_REASON_CODES };
  await owner().caseworkSettings.upsert({ where: { tenantId: council.id }, create: { tenantId: council.id, ...row }, update: row });
}

async function receivedEmail(to: string): Promise<string> {
  const m = await owner().outboundMessage.findFirstOrThrow({ where: { tenantId: council.id, template: "application-received", to }, orderBy: { createdAt: "desc" } });
  return m.body;
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "promise-a", postcodeAreas: ["E8"], settings: { referencePrefix: "PRA" } });
  council = (await findCouncilBySlug("promise-a"))!;
});

describe("what a resident is promised (issue 15)", () => {
  it("follows the council's SLA settings and the case's band: email, status check and confirmation page", async () => {
    await setSla(2, 10);
    const standard = await applyFor(council, STANDARD);
    const urgent = await applyFor(council, URGENT);
    expect(await receivedEmail("standard@example.com")).toContain(`We will contact you by ${promised(10)}.`);
    expect(await receivedEmail("urgent@example.com")).toContain(`We will contact you by ${promised(2)}.`);
    expect(await receivedEmail("standard@example.com")).not.toContain(promised(5));

    const status = await lookupStatus(council.id, { reference: standard.reference, dateOfBirth: "1988-03-07" }, null);
    expect(status).toMatchObject({ outcome: "found", promise: { dueOn: addWorkingDays(new Date(), 10), urgent: false } });
    const urgentStatus = await lookupStatus(council.id, { reference: urgent.reference, dateOfBirth: "1988-03-07" }, null);
    expect(urgentStatus).toMatchObject({ outcome: "found", promise: { dueOn: addWorkingDays(new Date(), 2), urgent: true } });

    // The council changes its settings: the next resident is promised the new days.
    await setSla(1, 3);
    const draft = await owner().applicationDraft.create({ data: { tenantId: council.id, tokenHash: `promise-${Date.now()}`, schemaVersion: 1, expiresAt: new Date(Date.now() + 86_400_000) } });
    const r = await withTenant(council.id, (tx) =>
      recordApplication(tx, council, assemble(parseAnswers({ ...STANDARD, contact: { email: "after@example.com", mobile: "" } }), true), { channel: "RESIDENT_ONLINE", draftId: draft.id, locale: "tr", actor: null, ip: null }),
    );
    expect(r.outcome).toBe("recorded");
    const body = await receivedEmail("after@example.com");
    expect(body).toContain(promised(3, "tr"));
    expect(body).not.toContain(promised(10, "tr"));
    // The confirmation page reads the same promise for the resident's own draft.
    expect(await promiseForDraft(council.id, draft.id)).toEqual({ dueOn: addWorkingDays(new Date(), 3), urgent: false });
  });

  it("says no working-day promise the settings do not back, in English or Turkish", () => {
    for (const locale of ["en", "tr"] as const) {
      const m = messagesFor(locale);
      const words = JSON.stringify([m.confirmation, m.status, m.emails]);
      expect(words).not.toMatch(/5 working days|1 working day|5 iş günü|1 iş günü/);
      expect(m.confirmation.whatNextText).toContain("{date}");
      expect(m.confirmation.whatNextUrgent).toContain("{date}");
    }
    // Nor does a demo council's own wording.
    expect(JSON.stringify(DEMO_COUNCILS.map((c) => c.settings))).not.toMatch(/working day/);
  });
});
