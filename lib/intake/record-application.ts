import "server-only";
import { sql as q } from "kysely";
import type { TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { messagesFor } from "@/lib/i18n/catalogues";
import { notifyReceived } from "@/lib/applications/notify-received";
import { newReference } from "@/lib/applications/reference";
import { urgencyFlags, ZApplication, type TApplication } from "@/lib/applications/schemas";
import { scorePriority } from "@/lib/triage/priority";
import { loadCaseworkSettings } from "@/lib/cases/settings";
import { slaDueDate } from "@/lib/triage/sla";
import { prismaSql } from "@/lib/db/sql";
import { bankMatchHash, encryptSecret } from "@/lib/security/crypto";
import { matchKeysOf } from "@/lib/cases/same-person";
import { recordDuplicates } from "@/lib/intake/duplicates";
import type { TCouncil } from "@/lib/tenancy/queries";
import type { TApplicationChannel } from "@/lib/vocabulary";

// The one writer of Application, for every channel: the resident online today; officer-assisted
// entry, referrals (portal and API) and proactive invitations later. It validates against the
// canonical schema, assigns the reference, records the channel and schema version, and audits,
// all inside the caller's transaction (council in scope), so the caller's own writes (the
// resident's draft marked sent; a referral's status; the notifications issue's outbox row with
// the resident's message) commit or roll back together with it.

export type TApplicationSource = {
  channel: TApplicationChannel;
  /** The resident's draft for an online application (one application per draft); null otherwise (an API referral). */
  draftId: string | null;
  /** The language to write to the resident in. */
  locale: string;
  /** Who entered it for the resident (an officer, a referrer); null when the resident sent it. */
  actor: TActor | null;
  ip: string | null;
  /** The partner organisation that referred it (referral channels); the case is filed under it. */
  organisationId?: string | null;
  /** A trusted referrer asked for it to be fast-tracked (a priority reason). */
  fastTrack?: boolean;
  /** Referral channels: the referrer section as validated (lib/referrals/referral.ts), kept in Application.referral. */
  referral?: unknown;
  /** Referral portal: the member who referred (Application.referrerUserId) and who follows the case (Case.referrerUserId). */
  referrerUserId?: string | null;
  /** Officer-assisted channels: the officer who entered it, who also witnessed the resident's consent at consentWitnessedAt. */
  enteredById?: string | null;
  consentWitnessedAt?: Date | null;
};

export type TRecordResult =
  | { outcome: "recorded"; id: string; reference: string; submittedAt: Date; application: TApplication }
  | { outcome: "invalid"; issues: { path: PropertyKey[]; message: string }[] };

/** What we keep in Application.data: the canonical application with the bank details masked. */
export function maskedForStorage(a: TApplication): Prisma.InputJsonValue {
  if (a.payment.method !== "bank") return a as unknown as Prisma.InputJsonValue;
  const { bank } = a.payment;
  return {
    ...a,
    payment: { method: "bank", bank: { accountName: bank.accountName, sortCodeLast2: bank.sortCode.slice(-2), accountNumberLast4: bank.accountNumber.slice(-4), hasRollNumber: Boolean(bank.rollNumber) } },
  } as unknown as Prisma.InputJsonValue;
}

const MAX_REFERENCE_ATTEMPTS = 5;

/**
 * Records one application. `application` is whatever the channel assembled; it must pass the
 * canonical schema (ZApplication) or nothing is written. A clashing reference (unique per
 * council) is retried with a new one inside the transaction. A second application for the same
 * draft violates the unique (tenantId, draftId): the caller holds the draft's row lock, so that
 * only happens if it did not.
 */
export async function recordApplication(tx: Tx, council: TCouncil, application: unknown, source: TApplicationSource): Promise<TRecordResult> {
  const parsed = ZApplication.safeParse(application);
  if (!parsed.success) return { outcome: "invalid", issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
  const app = parsed.data;

  // One statement on this hot path (launch-day peaks), written with Kysely: a clashing reference just tries another.
  const masked = JSON.stringify(maskedForStorage(app));
  const bankEnc = app.payment.method === "bank" ? encryptSecret(JSON.stringify(app.payment.bank)) : null;
  // The keys duplicates are matched on (the bank account as a keyed hash beside the sealed details).
  const keys = matchKeysOf({ ...app.aboutYou, postcode: app.address.postcode, line1: app.address.line1, bankHash: app.payment.method === "bank" ? bankMatchHash(app.payment.bank) : null });
  const flags = urgencyFlags(app).join(",");
  const referral = source.referral === undefined ? null : JSON.stringify(source.referral);
  const referrerUserId = source.referrerUserId ?? null;
  // Its case (lib/cases): priority and SLA from the council's settings, in the same statement.
  const sql = prismaSql(tx);
  const settings = await loadCaseworkSettings(sql, council.id);
  const receivedAt = new Date();
  const priority = scorePriority(
    { ...app.urgency, ...app.household, fastTrackReferral: source.fastTrack ?? false },
    settings.priority,
  );
  const slaDueOn = slaDueDate(receivedAt, priority.band, settings.sla);
  let created: { id: string; caseId: string; submittedAt: Date; reference: string } | undefined;
  for (let tries = 0; !created; tries++) {
    if (tries >= MAX_REFERENCE_ATTEMPTS) throw new Error(`No free reference for ${council.slug} after ${tries} tries`);
    const reference = newReference(council.settings.referencePrefix);
    // The application and its case in one statement; a reference already taken inserts nothing (another try).
    const row = await sql.db
      .with("a", (db) =>
        db
          .insertInto("Application")
          .values({
            id: q<string>`gen_random_uuid()`,
            tenantId: council.id,
            draftId: source.draftId,
            reference,
            schemaVersion: app.schemaVersion,
            channel: source.channel,
            data: q`${masked}::jsonb`,
            bankDetailsEnc: bankEnc,
            nameKey: keys.nameKey,
            emailKey: keys.emailKey,
            phoneKey: keys.phoneKey,
            addressKey: keys.addressKey,
            bankHash: keys.bankHash,
            fullName: app.aboutYou.fullName,
            dateOfBirth: q<Date>`${app.aboutYou.dateOfBirth}::date`,
            postcode: app.address.postcode,
            email: app.aboutYou.email,
            mobile: app.aboutYou.mobile,
            locale: source.locale,
            urgencyFlags: q<string[]>`string_to_array(${flags}, ',')`,
            submittedAt: receivedAt,
            updatedAt: q<Date>`now()`,
            referral: q`${referral}::jsonb`,
            referrerUserId: q<string | null>`${referrerUserId}::uuid`,
            enteredById: q<string | null>`${source.enteredById ?? null}::uuid`,
            consentWitnessedById: q<string | null>`${source.enteredById ?? null}::uuid`,
            consentWitnessedAt: source.enteredById ? (source.consentWitnessedAt ?? receivedAt) : null,
          })
          .onConflict((oc) => oc.columns(["tenantId", "reference"]).doNothing())
          .returning(["id", "tenantId", "reference", "channel", "fullName", "postcode", "submittedAt"]),
      )
      .with("c", (db) =>
        db
          .insertInto("Case")
          .columns(["id", "tenantId", "applicationId", "reference", "channel", "fullName", "postcode", "needCategories", "organisationId", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "referrerUserId"])
          .expression((eb) =>
            eb
              .selectFrom("a")
              .select([
                q<string>`gen_random_uuid()`.as("id"),
                "a.tenantId",
                "a.id",
                "a.reference",
                "a.channel",
                "a.fullName",
                "a.postcode",
                q<string[]>`${app.needs.categories}::text[]`.as("needCategories"),
                q<string | null>`${source.organisationId ?? null}::uuid`.as("organisationId"),
                eb.val(priority.score).as("priorityScore"),
                q<string>`${priority.band}::"PriorityBand"`.as("priorityBand"),
                q<string[]>`${priority.reasons}::text[]`.as("priorityReasons"),
                "a.submittedAt",
                q<Date>`${slaDueOn}::date`.as("slaDueOn"),
                q<string | null>`${referrerUserId}::uuid`.as("referrerUserId"),
              ]),
          )
          .returning(["id", "applicationId"]),
      )
      .selectFrom("a")
      .innerJoin("c", "c.applicationId", "a.id")
      .select(["a.id", "a.submittedAt", "c.id as caseId"])
      .executeTakeFirst();
    if (row) created = { ...row, reference };
  }
  const { reference } = created;
  // Likely duplicates among the council's other applications, kept with why (lib/intake/duplicates.ts).
  await recordDuplicates(sql, council.id, { applicationId: created.id, caseId: created.caseId }, keys);
  await recordAudit(tx, {
    tenantId: council.id,
    // A resident sending their own application is recorded with it (the audit log's actorRef).
    actor: source.actor?.kind === "resident" && !source.actor.applicationId ? { ...source.actor, applicationId: created.id } : source.actor,
    action: "application.submitted",
    entityType: "Application",
    entityId: created.id,
    summary: `Application ${reference}: ${messagesFor("en").vocabulary.channels[source.channel]}`,
    metadata: { reference, schemaVersion: app.schemaVersion, channel: source.channel },
    ip: source.ip,
  });
  // The resident hears that it arrived, and by when we will reply (the case's SLA due date): the
  // message goes into the outbox in this transaction.
  await notifyReceived(tx, council, { reference, email: app.aboutYou.email, mobile: app.aboutYou.mobile, locale: source.locale, replyByOn: slaDueOn });
  return { outcome: "recorded", id: created.id, reference, submittedAt: new Date(created.submittedAt), application: app };
}
