import "server-only";
// Officer-assisted applications (issue 18): an officer (cases:work) takes an application for a
// resident on the phone or face to face through the resident's own draft rows, answers, pages and
// journey (lib/applications); the draft is owned by the officer as a referral draft is by its
// referrer (lib/applications/owned-drafts.ts), found by its id AND its owner, never by a cookie;
// an officer keeps several at once and can come back to any of them. The channel (OFFICER_PHONE / OFFICER_IN_PERSON) is
// chosen when the draft is started. Sending records it through the one writer
// (lib/intake/record-application.ts) with the officer as who entered it and who witnessed the
// resident's consent (the officer read the declaration aloud and the resident agreed); the
// resident hears in the language they chose, as for an online application.
import { sql as q } from "kysely";
import type { TStaffActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import type { TDraft } from "@/lib/applications/drafts";
import { findOwnedDraft, isDraftId, listOwnedDrafts, saveOwnedAnswer, startOwnedDraft, type TDraftOwner } from "@/lib/applications/owned-drafts";
import { ZApplication, assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TStepId } from "@/lib/applications/steps";
import { postcodeInAreas } from "@/lib/applications/formats";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { isLocale } from "@/lib/i18n";
import { recordApplication } from "@/lib/intake/record-application";
import type { TCouncil } from "@/lib/tenancy/queries";
import { recordCaseEvent } from "@/lib/timeline/case-events";

/** The channels an officer takes an application by. */
export const ASSISTED_CHANNELS = ["OFFICER_PHONE", "OFFICER_IN_PERSON"] as const;
export type TAssistedChannel = (typeof ASSISTED_CHANNELS)[number];
export const isAssistedChannel = (c: unknown): c is TAssistedChannel => (ASSISTED_CHANNELS as readonly unknown[]).includes(c);

export type TAssistedDraft = TDraft & { tokenHash: string; channel: TAssistedChannel };
export type TAssistedDraftListItem = { id: string; name: string | null; channel: TAssistedChannel; updatedAt: Date };

/** Only staff who work cases take applications (a viewer, a manager without casework or a referrer cannot). */
const mayTake = (actor: TStaffActor) => actor.kind === "staff" && can(actor, "cases:work");
const ownerOf = (actor: TStaffActor): TDraftOwner => ({ officerUserId: actor.user.userId });

/** The officer's own draft in this council (unexpired), or null: never another officer's. */
export async function findAssistedDraft(tx: Tx, council: { id: string }, actor: TStaffActor, draftId: string, { lock = false } = {}): Promise<TAssistedDraft | null> {
  if (!mayTake(actor)) return null;
  const draft = await findOwnedDraft(tx, council, ownerOf(actor), draftId, { lock });
  if (!draft || !isAssistedChannel(draft.officerChannel)) return null;
  const { id, answers, locale, submittedAt, reference, tokenHash, officerChannel } = draft;
  return { id, answers, locale, submittedAt, reference, tokenHash, channel: officerChannel };
}

export async function readAssistedDraft(council: { id: string }, actor: TStaffActor, draftId: string): Promise<TAssistedDraft | null> {
  return withTenant(council.id, (tx) => findAssistedDraft(tx, council, actor, draftId), actor.user.userId);
}

/** A new empty draft for one resident, by the channel the officer chose; null when the officer may not take applications. */
export async function startAssistedDraft(council: { id: string }, actor: TStaffActor, channel: TAssistedChannel): Promise<string | null> {
  if (!mayTake(actor) || !isAssistedChannel(channel)) return null;
  return startOwnedDraft(council, ownerOf(actor), channel);
}

/** The officer's drafts not yet sent, newest first, with the resident's name once given. */
export async function listAssistedDrafts(council: { id: string }, actor: TStaffActor): Promise<TAssistedDraftListItem[]> {
  if (!mayTake(actor)) return [];
  const rows = await listOwnedDrafts(council, ownerOf(actor));
  return rows.flatMap(({ officerChannel, ...r }) => (isAssistedChannel(officerChannel) ? [{ ...r, channel: officerChannel }] : []));
}

/** Saves one (already validated) page of the application to the officer's draft. null: not theirs, sent or expired. */
export async function saveAssistedAnswer(council: { id: string }, actor: TStaffActor, draftId: string, step: TStepId, raw: Record<string, string>): Promise<TAssistedDraft | null> {
  return saveOwnedAnswer(council, () => readAssistedDraft(council, actor, draftId), step, raw);
}

export type TSubmitAssistedResult =
  | { outcome: "sent"; reference: string; caseId: string }
  | { outcome: "already-sent"; reference: string; caseId: string | null }
  | { outcome: "incomplete" }
  | { outcome: "no-draft" };

/**
 * Sends the officer's draft, exactly once however often it is pressed (the draft row is locked and
 * (tenantId, draftId) is unique), through recordApplication with the draft's channel, the officer
 * as who entered it and who witnessed consent (now), and the resident's chosen language for their
 * messages. The case's timeline says who entered it and that consent was witnessed.
 */
export async function submitAssistedDraft(council: TCouncil, actor: TStaffActor, draftId: string, ip: string | null): Promise<TSubmitAssistedResult> {
  if (!mayTake(actor)) return { outcome: "no-draft" };
  return withTenant(
    council.id,
    async (tx) => {
      const draft = await findAssistedDraft(tx, council, actor, draftId, { lock: true });
      if (!draft) return { outcome: "no-draft" } as const;
      const existing = await prismaSql(tx)
        .db.selectFrom("Application as a")
        .leftJoin("Case as c", "c.applicationId", "a.id")
        .select(["a.reference", "c.id as caseId"])
        .where("a.tenantId", "=", council.id)
        .where("a.draftId", "=", draft.id)
        .executeTakeFirst();
      if (existing) return { outcome: "already-sent", reference: existing.reference, caseId: existing.caseId } as const;
      const parsed = ZApplication.safeParse(assemble(parseAnswers(draft.answers), true));
      if (!parsed.success) return { outcome: "incomplete" } as const;
      const application = parsed.data;
      if (!postcodeInAreas(application.address.postcode, council.postcodeAreas)) return { outcome: "incomplete" } as const;
      const language = application.aboutYou.preferredLanguage;
      const witnessedAt = new Date();
      const result = await recordApplication(tx, council, application, {
        channel: draft.channel,
        draftId: draft.id,
        locale: isLocale(language) ? language : "en",
        actor,
        ip,
        enteredById: actor.user.userId,
        consentWitnessedAt: witnessedAt,
      });
      if (result.outcome === "invalid") return { outcome: "incomplete" } as const;
      const sql = prismaSql(tx);
      await sql.db.updateTable("ApplicationDraft").set({ submittedAt: witnessedAt, updatedAt: q<Date>`now()` }).where("id", "=", draft.id).where("tenantId", "=", council.id).execute();
      const c = await sql.db.selectFrom("Case").select("id").where("tenantId", "=", council.id).where("applicationId", "=", result.id).executeTakeFirstOrThrow();
      await recordCaseEvent(sql, actor, c.id, "application.entered-by-officer", { channel: draft.channel, consentWitnessedAt: witnessedAt.toISOString() });
      await recordAudit(tx, {
        tenantId: council.id,
        actor,
        action: "application.consent-witnessed",
        entityType: "Case",
        entityId: c.id,
        summary: `Application ${result.reference} entered by an officer (${draft.channel}), consent witnessed`,
        metadata: { reference: result.reference, channel: draft.channel, consentWitnessedAt: witnessedAt.toISOString() },
        ip,
      });
      return { outcome: "sent", reference: result.reference, caseId: c.id } as const;
    },
    actor.user.userId,
  );
}

export type TAssistedFacts = { channel: TAssistedChannel; enteredByName: string; witnessedByName: string; witnessedAt: Date };

/** Who entered the case's application and witnessed consent (the case page's header line); null for every other channel. Staff with cases:read. */
export async function assistedFactsOfCase(council: { id: string }, actor: TStaffActor, caseId: string): Promise<TAssistedFacts | null> {
  if (!can(actor, "cases:read") || !isDraftId(caseId)) return null;
  const row = await withTenant(
    council.id,
    (tx) =>
      prismaSql(tx)
        .db.selectFrom("Case as c")
        .innerJoin("Application as a", (j) => j.onRef("a.id", "=", "c.applicationId").onRef("a.tenantId", "=", "c.tenantId"))
        .leftJoin("User as e", "e.id", "a.enteredById")
        .leftJoin("User as w", "w.id", "a.consentWitnessedById")
        .select(["a.channel", "a.consentWitnessedAt", "e.name as enteredByName", "w.name as witnessedByName"])
        .where("c.tenantId", "=", council.id)
        .where("c.id", "=", caseId)
        .where("a.enteredById", "is not", null)
        .executeTakeFirst(),
    actor.user.userId,
  );
  if (!row || !isAssistedChannel(row.channel) || !row.consentWitnessedAt) return null;
  return { channel: row.channel, enteredByName: row.enteredByName ?? "an officer", witnessedByName: row.witnessedByName ?? "an officer", witnessedAt: new Date(row.consentWitnessedAt) };
}
