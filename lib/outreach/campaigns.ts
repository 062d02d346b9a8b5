import "server-only";
// Invitation campaigns (docs/outreach.md): a manager picks an imported list and a channel; the
// background job (job "outreach:send") writes one invitation per household not yet invited that
// can be reached that way, in chunks, each chunk one transaction with its outbox messages (email
// or text, in the household's language, else English). A letter has no message: the campaign's
// letters are printed from its page (lib/outreach/letters.ts). A household is invited once, ever
// (unique in the database), whichever campaign or file reaches it first.
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import { z } from "zod";
import type { TStaffActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { env } from "@/lib/env";
import { intlLocale } from "@/lib/i18n/locales";
import { enqueueSql } from "@/lib/jobs/queue";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { derivedLinkToken, hashToken } from "@/lib/security/crypto";
import { ZTenantSettings, type TTenantSettings } from "@/lib/tenancy/schemas";

export const OUTREACH_CHANNELS = ["EMAIL", "SMS", "LETTER"] as const;
export type TOutreachChannel = (typeof OUTREACH_CHANNELS)[number];
export const CHANNEL_LABELS: Record<TOutreachChannel, string> = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter (printable PDF)" };

/** How long an invitation's link works. */
export const INVITATION_TTL_DAYS = 42;
/** Invitations written per transaction by the send job. */
export const SEND_CHUNK = 500;

export const ZCampaign = z.strictObject({
  name: z.string({ error: "Enter a name for the campaign" }).trim().min(1, "Enter a name for the campaign").max(100, "The name must be 100 characters or fewer"),
  channel: z.enum(OUTREACH_CHANNELS, { error: "Choose how to send the invitations" }),
  importId: z.string({ error: "Choose the list of households to invite" }).regex(/^[0-9a-f-]{36}$/, "Choose the list of households to invite"),
});
export type TCampaignInput = z.output<typeof ZCampaign>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The link's token: derived from the invitation's id (a letter can be printed again), never stored. */
export const invitationToken = (invitationId: string) => derivedLinkToken("outreach-invitation", invitationId);

/** The personal link: through the language switch, so the landing page opens in the household's language. */
export function invitationLink(slug: string, locale: string, token: string): string {
  // The slug and the token are URL-safe ([a-z0-9-], base64url): the path reads plainly in a text message.
  return `${env().APP_URL ?? ""}/${slug}/language?to=${locale}&back=/${slug}/apply/invited/${token}`;
}

/** Who a channel can reach: an email address, a mobile number, or (a letter) every household, all having an address. */
function reachable(channel: TOutreachChannel) {
  return channel === "EMAIL" ? q<boolean>`h."email" is not null` : channel === "SMS" ? q<boolean>`h."mobile" is not null` : q<boolean>`true`;
}

export type TCreateResult = { outcome: "created"; campaignId: string } | { outcome: "not-imported" } | { outcome: "forbidden" } | { outcome: "not-found" };

/** A new campaign, sent in the background (runCampaign). */
export async function createCampaign(actor: TStaffActor, input: TCampaignInput, ip: string | null = null): Promise<TCreateResult> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  const tenantId = actor.council.id;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const list = await sql.db.selectFrom("OutreachImport").select(["status", "fileName"]).where("id", "=", input.importId).executeTakeFirst();
      if (!list) return { outcome: "not-found" } as const;
      if (list.status !== "IMPORTED") return { outcome: "not-imported" } as const;
      const id = randomUUID();
      await sql.db.insertInto("OutreachCampaign").values({ id, tenantId, name: input.name, channel: input.channel, importId: input.importId, createdById: actor.user.userId }).execute();
      await enqueueSql(sql, sendJob(tenantId, id));
      await recordAuditSql(sql, { tenantId, actor, action: "outreach.campaign-created", entityType: "OutreachCampaign", entityId: id, summary: `Campaign "${input.name}" by ${input.channel} to ${list.fileName}`, ip });
      return { outcome: "created", campaignId: id } as const;
    },
    actor.user.userId,
  );
}

export function sendJob(tenantId: string, campaignId: string) {
  return { task: "outreach:send" as const, payload: { tenantId, campaignId }, key: `outreach-send:${campaignId}`, maxAttempts: 5 };
}

type TCouncilRow = { id: string; slug: string; name: string; settings: TTenantSettings };

/**
 * The send job: chunk after chunk, the households of the campaign's list that nobody has invited
 * and the channel can reach get an invitation (and, by email or text, an outbox message in their
 * language). Re-running after a crash carries on where it stopped; a household invited by another
 * campaign meanwhile is skipped (the insert's conflict), never invited twice.
 */
export async function runCampaign(tenantId: string, campaignId: string, opts: { chunk?: number } = {}): Promise<void> {
  const chunk = opts.chunk ?? SEND_CHUNK;
  for (;;) {
    const more = await withTenantSql(tenantId, async (sql) => {
      const campaign = await sql.db.selectFrom("OutreachCampaign").select(["id", "channel", "importId", "status"]).where("id", "=", campaignId).forUpdate().executeTakeFirst();
      if (!campaign || campaign.status !== "SENDING") return false;
      const tenant = await sql.db.selectFrom("Tenant").select(["id", "slug", "name", "settings"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
      const council: TCouncilRow = { ...tenant, settings: ZTenantSettings.parse(tenant.settings ?? {}) };
      const households = await sql.db
        .selectFrom("OutreachHousehold as h")
        .select(["h.id", "h.email", "h.mobile", "h.locale"])
        .where("h.importId", "=", campaign.importId)
        .where(reachable(campaign.channel))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("OutreachInvitation as i").select("i.id").whereRef("i.householdId", "=", "h.id").where("i.tenantId", "=", tenantId))))
        .orderBy("h.rowNumber")
        .limit(chunk)
        .execute();
      if (!households.length) {
        const count = await sql.db.selectFrom("OutreachInvitation").select((eb) => eb.fn.countAll<string>().as("n")).where("campaignId", "=", campaignId).executeTakeFirstOrThrow();
        await sql.db.updateTable("OutreachCampaign").set({ status: "SENT", sentAt: q<Date>`now()`, invitedCount: Number(count.n) }).where("id", "=", campaignId).execute();
        await recordAuditSql(sql, { tenantId, actor: null, action: "outreach.campaign-sent", entityType: "OutreachCampaign", entityId: campaignId, summary: `Invited ${count.n} households` });
        return false;
      }
      const invited = await inviteHouseholds(sql, council, campaign, households);
      await sql.db
        .updateTable("OutreachCampaign")
        .set((eb) => ({ invitedCount: eb("invitedCount", "+", invited) }))
        .where("id", "=", campaignId)
        .execute();
      return true;
    });
    if (!more) return;
  }
}

async function inviteHouseholds(
  sql: TSql,
  council: TCouncilRow,
  campaign: { id: string; channel: TOutreachChannel },
  households: { id: string; email: string | null; mobile: string | null; locale: string }[],
): Promise<number> {
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const planned = households.map((h) => ({ household: h, id: randomUUID() }));
  const written = await sql.db
    .insertInto("OutreachInvitation")
    .values(
      planned.map((p) => ({
        id: p.id,
        tenantId: council.id,
        campaignId: campaign.id,
        householdId: p.household.id,
        channel: campaign.channel,
        locale: p.household.locale,
        tokenHash: hashToken(invitationToken(p.id)),
        expiresAt,
      })),
    )
    .onConflict((oc) => oc.columns(["tenantId", "householdId"]).doNothing())
    .returning("id")
    .execute();
  const kept = new Set(written.map((w) => w.id));
  if (campaign.channel === "LETTER") return kept.size;
  const messageIds: { id: string; messageId: string }[] = [];
  for (const p of planned) {
    if (!kept.has(p.id)) continue;
    const locale = p.household.locale;
    const date = expiresAt.toLocaleDateString(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
    const link = invitationLink(council.slug, locale, invitationToken(p.id));
    const message = await enqueueMessageSql(sql, {
      council,
      template: campaign.channel === "EMAIL" ? "outreach-invitation" : "outreach-invitation-text",
      channel: campaign.channel === "EMAIL" ? "EMAIL" : "SMS",
      to: campaign.channel === "EMAIL" ? p.household.email! : p.household.mobile!,
      locale,
      params: { council: council.name, link, date },
    });
    messageIds.push({ id: p.id, messageId: message.id });
  }
  if (messageIds.length)
    await q`update "OutreachInvitation" i set "messageId" = u."messageId" from unnest(${messageIds.map((m) => m.id)}::uuid[], ${messageIds.map((m) => m.messageId)}::uuid[]) as u(id, "messageId")
      where i.id = u.id and i."tenantId" = ${council.id}::uuid`.execute(sql.db);
  return kept.size;
}

export type TCampaignSummary = { id: string; name: string; channel: TOutreachChannel; status: string; invitedCount: number; importId: string; fileName: string; createdAt: Date; sentAt: Date | null };

export async function listCampaigns(actor: TStaffActor): Promise<TCampaignSummary[] | null> {
  if (!can(actor, "outreach:manage")) return null;
  return withTenantSql(
    actor.council.id,
    (sql) =>
      sql.db
        .selectFrom("OutreachCampaign as c")
        .innerJoin("OutreachImport as i", "i.id", "c.importId")
        .select(["c.id", "c.name", "c.channel", "c.status", "c.invitedCount", "c.importId", "i.fileName", "c.createdAt", "c.sentAt"])
        .orderBy("c.createdAt", "desc")
        .limit(50)
        .execute(),
    actor.user.userId,
  );
}

export async function readCampaign(actor: TStaffActor, campaignId: string): Promise<TCampaignSummary | { outcome: "forbidden" | "not-found" }> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  if (!UUID.test(campaignId)) return { outcome: "not-found" };
  const row = await withTenantSql(
    actor.council.id,
    (sql) =>
      sql.db
        .selectFrom("OutreachCampaign as c")
        .innerJoin("OutreachImport as i", "i.id", "c.importId")
        .select(["c.id", "c.name", "c.channel", "c.status", "c.invitedCount", "c.importId", "i.fileName", "c.createdAt", "c.sentAt"])
        .where("c.id", "=", campaignId)
        .executeTakeFirst(),
    actor.user.userId,
  );
  return row ?? { outcome: "not-found" };
}
