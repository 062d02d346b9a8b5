import "server-only";
// Importing a voucher provider's files (docs/vouchers.md, docs/decisions/0033): its response with
// the codes, and its redemption report. Uploading a file only checks it: every line gets what
// applying it would do, or a specific reason it cannot (an unknown reference, an amount that is
// not what was ordered, a reference or code twice in the file, a payment whose other vouchers are
// missing…), and the preview is kept (VoucherImport). Nothing changes until a person applies it,
// and then only the lines that were ready, each checked again. The same bytes again find the
// first import: nothing is applied twice. Applying a response seals each code
// (lib/security/crypto), moves each payment SENT → ISSUED through the one payment writer
// (lib/payments/transition.ts) and sends the resident their code(s) through the outbox, in their
// language. Applying a redemption report settles each voucher, and a payment whose vouchers are
// all redeemed becomes REDEEMED, all expired EXPIRED (listed for cancelling and paying again).
import { createHash } from "node:crypto";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { correctedContact } from "@/lib/cases/corrected-answers";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { formatDateFor } from "@/lib/dates";
import { intlLocale, isLocale } from "@/lib/i18n";
import { servedLocale } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { isVoucherMethod } from "@/lib/payments/lifecycle";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import {
  isPlausibleCode,
  parseCodesFile,
  parseOrderCsv,
  parseRedemptionsFile,
  parseVoucherReference,
  HEADER_OF,
  type TCodesLine,
  type TRedemptionLine,
  type TVoucherImportKind,
} from "@/lib/payments/voucher-csv";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { ZTenantSettings } from "@/lib/tenancy/schemas";

/** The most lines one file may have (a bigger order is imported in parts). */
export const MAX_IMPORT_LINES = 20_000;

/** What a line will do: "ready" (applied on confirming), "nothing" (already so), "problem" (a person must look). */
export type TLineResult = "ready" | "nothing" | "problem";
export type TImportLine = {
  lineNo: number;
  reference: string;
  amountPence: string | null;
  result: TLineResult;
  message: string;
  /** codes: the payment and voucher it issues, the code's last 4 characters, the expiry (the code itself is sealed in VoucherImportCode). */
  paymentId?: string;
  seq?: number;
  codeLast4?: string;
  expiresOn?: string;
  /** redemptions: the voucher and what it becomes. */
  voucherId?: string;
  becomes?: "REDEEMED" | "EXPIRED";
};

export type TPreviewResult =
  | { outcome: "previewed"; importId: string }
  | { outcome: "same-file"; importId: string }
  | { outcome: "invalid"; problem: "not-text" | "empty" | "wrong-header" | "too-many-lines"; expected: readonly string[] }
  | { outcome: "forbidden" };

const pounds = (p: bigint) => formatPence(p);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const last4 = (code: string) => code.replace(/[\s-]/g, "").slice(-4);

function decodeText(content: Buffer): string | null {
  if (content.includes(0)) return null;
  const text = content.toString("utf8");
  return text.includes("\uFFFD") ? null : text;
}

/** Lines that share a key (a reference, a code): each gets a problem naming the others. */
function markRepeats<L extends { lineNo: number }>(lines: readonly L[], keyOf: (l: L) => string, problem: (l: L, others: number[]) => string, out: Map<number, string>) {
  const by = new Map<string, number[]>();
  for (const l of lines) {
    const k = keyOf(l);
    if (k) by.set(k, [...(by.get(k) ?? []), l.lineNo]);
  }
  for (const l of lines) {
    const same = by.get(keyOf(l)) ?? [];
    if (same.length > 1 && !out.has(l.lineNo)) out.set(l.lineNo, problem(l, same.filter((n) => n !== l.lineNo)));
  }
}

type TPaymentFacts = { id: string; reference: string; method: string; status: string; batchId: string | null; amountPence: bigint };

async function paymentsByReference(sql: TSql, references: string[]): Promise<Map<string, TPaymentFacts>> {
  if (!references.length) return new Map();
  const rows = await sql.db.selectFrom("Payment").select(["id", "reference", "method", "status", "batchId", "amountPence"]).where("reference", "in", references).execute();
  return new Map(rows.map((r) => [r.reference, r]));
}

/** What each batch ordered (voucher reference → amount), read back from its stored bulk order. */
async function orderedByBatch(sql: TSql, batchIds: string[]): Promise<Map<string, Map<string, bigint>>> {
  if (!batchIds.length) return new Map();
  const files = await sql.db.selectFrom("PaymentBatchFile").select(["batchId", "content"]).where("batchId", "in", batchIds).where("kind", "=", "voucher-csv").execute();
  return new Map(files.map((f) => [f.batchId, parseOrderCsv(Buffer.from(f.content).toString("utf8"))]));
}

const STATUS_PROBLEM: Record<string, string> = {
  READY: "its payment has not been sent to the provider yet (it is not in a released batch)",
  IN_BATCH: "its payment's batch has not been released yet",
  CANCELLED: "its payment was cancelled: this code must not be used (tell the provider)",
  RETURNED: "its payment was returned: this code must not be used (tell the provider)",
  REJECTED: "its payment was rejected: this code must not be used (tell the provider)",
};

/** Each line of a provider's response checked against what was ordered and what is already issued. */
async function checkCodes(sql: TSql, lines: TCodesLine[], today: string): Promise<TImportLine[]> {
  const refs = lines.map((l) => ({ line: l, ref: parseVoucherReference(l.reference) }));
  const payments = await paymentsByReference(sql, [...new Set(refs.flatMap((r) => (r.ref ? [r.ref.paymentReference] : [])))]);
  const ordered = await orderedByBatch(sql, [...new Set([...payments.values()].flatMap((p) => (p.batchId ? [p.batchId] : [])))]);
  const existing = payments.size
    ? await sql.db.selectFrom("PaymentVoucher").select(["paymentId", "seq", "codeEnc", "codeLast4"]).where("paymentId", "in", [...payments.values()].map((p) => p.id)).execute()
    : [];
  const issued = new Map(existing.map((v) => [`${v.paymentId}/${v.seq}`, v]));
  const problems = new Map<number, string>();
  markRepeats(lines, (l) => l.reference.toUpperCase(), (l, others) => `${l.reference} is also on line ${others.join(", ")}: ask the provider which is right`, problems);
  markRepeats(lines, (l) => l.code.replace(/[\s-]/g, "").toUpperCase(), (l, others) => `The same code is also on line ${others.join(", ")}: each voucher has its own code`, problems);
  const out: TImportLine[] = refs.map(({ line: l, ref }) => {
    const base = { lineNo: l.lineNo, reference: l.reference, amountPence: l.amountPence?.toString() ?? null };
    const problem = (message: string): TImportLine => ({ ...base, result: "problem", message });
    if (!l.reference) return problem("The reference is empty");
    const payment = ref ? payments.get(ref.paymentReference) : undefined;
    if (!ref || !payment || !isVoucherMethod(payment.method as never)) return problem(`No voucher payment has the reference ${l.reference} (ours look like ${"<case reference>-1/1"})`);
    const repeated = problems.get(l.lineNo);
    if (repeated) return problem(repeated);
    const already = issued.get(`${payment.id}/${ref.seq}`);
    if (already) {
      const same = decryptSecret(already.codeEnc) === l.code;
      return same ? { ...base, result: "nothing", message: `${l.reference} already has this code` } : problem(`${l.reference} already has a different code (ending ${already.codeLast4}): ask the provider which is right`);
    }
    if (payment.status !== "SENT") return problem(`${l.reference} cannot be given a code: ${STATUS_PROBLEM[payment.status] ?? `its payment is ${payment.status.toLowerCase()}`}`);
    const wanted = payment.batchId ? ordered.get(payment.batchId)?.get(l.reference) : undefined;
    const orderedCount = [...(ordered.get(payment.batchId ?? "")?.keys() ?? [])].filter((k) => k.startsWith(`${payment.reference}/`)).length;
    if (wanted === undefined) return problem(`We did not order a voucher ${l.reference}: payment ${payment.reference} was ordered as ${orderedCount} ${orderedCount === 1 ? "voucher" : "vouchers"}`);
    if (l.amountPence === null) return problem(`The amount "${l.amountText}" is not an amount in pounds and pence, like 100.00`);
    if (l.amountPence !== wanted) return problem(`The amount ${pounds(l.amountPence)} is not the ${pounds(wanted)} we ordered for ${l.reference}`);
    if (!isPlausibleCode(l.code)) return problem(l.code ? `The code for ${l.reference} is not a voucher code (letters, digits, spaces and dashes, 4 to 64 characters)` : `The code for ${l.reference} is empty`);
    if (!l.expiresOn) return problem(`The expiry date "${l.expiryText}" is not a date: use the form 2027-03-31 or 31/03/2027`);
    if (l.expiresOn <= today) return problem(`The expiry date ${l.expiresOn} has passed: the code cannot be used; ask the provider for a new one`);
    return {
      ...base,
      result: "ready",
      message: `Code ending ${last4(l.code)} for ${l.reference} (${pounds(wanted)}), usable until ${l.expiresOn}`,
      paymentId: payment.id,
      seq: ref.seq,
      codeLast4: last4(l.code),
      expiresOn: l.expiresOn,
    };
  });
  // A payment is issued with all its vouchers at once: one missing (or wrong) holds back the rest.
  const ready = new Map<string, TImportLine[]>();
  for (const l of out) if (l.result === "ready") ready.set(l.paymentId!, [...(ready.get(l.paymentId!) ?? []), l]);
  for (const [paymentId, got] of ready) {
    const payment = [...payments.values()].find((p) => p.id === paymentId)!;
    const want = [...(ordered.get(payment.batchId!)?.keys() ?? [])].filter((k) => k.startsWith(`${payment.reference}/`)).length;
    if (got.length === want) continue;
    for (const l of got) {
      l.result = "problem";
      l.message = `Payment ${payment.reference} was ordered as ${want} vouchers and this file has ${got.length} of them ready: none is applied until all are`;
    }
  }
  return out;
}

/** Each line of a redemption report checked against the vouchers issued. */
async function checkRedemptions(sql: TSql, lines: TRedemptionLine[]): Promise<TImportLine[]> {
  const refs = [...new Set(lines.map((l) => l.reference).filter(Boolean))];
  const vouchers = refs.length
    ? await sql.db
        .selectFrom("PaymentVoucher as v")
        .innerJoin("Payment as pm", "pm.id", "v.paymentId")
        .select(["v.id", "v.reference", "v.state", "v.amountPence", "v.paymentId", "pm.status as paymentStatus"])
        .where("v.reference", "in", refs)
        .execute()
    : [];
  const byRef = new Map(vouchers.map((v) => [v.reference, v]));
  const problems = new Map<number, string>();
  markRepeats(lines, (l) => l.reference.toUpperCase(), (l, others) => `${l.reference} is also on line ${others.join(", ")}: ask the provider which is right`, problems);
  return lines.map((l) => {
    const v = byRef.get(l.reference);
    const base = { lineNo: l.lineNo, reference: l.reference, amountPence: v?.amountPence.toString() ?? null };
    const problem = (message: string): TImportLine => ({ ...base, result: "problem", message });
    if (!l.reference) return problem("The reference is empty");
    if (!v) return problem(`No voucher with a code has the reference ${l.reference}`);
    const repeated = problems.get(l.lineNo);
    if (repeated) return problem(repeated);
    if (!l.status) return problem(`The status "${l.statusText}" is not one we know: Redeemed or Expired`);
    if (!l.date) return problem(`The date "${l.dateText}" is not a date: use the form 2027-03-31 or 31/03/2027`);
    const word = l.status.toLowerCase();
    if (v.state === l.status) return { ...base, result: "nothing", message: `${l.reference} is already ${word}` };
    if (v.state === "CANCELLED") return l.status === "EXPIRED" ? { ...base, result: "nothing", message: `${l.reference} was cancelled after it expired` } : problem(`${l.reference} was cancelled after it expired, but the provider says it was redeemed: ask the provider`);
    if (v.state !== "ISSUED") return problem(`${l.reference} was reported ${v.state.toLowerCase()} before and is now reported ${word}: ask the provider`);
    return { ...base, result: "ready", message: `${l.reference} (${pounds(v.amountPence)}) ${word} on ${l.date}`, voucherId: v.id, paymentId: v.paymentId, becomes: l.status };
  });
}

/** Checks a provider file and keeps the preview (payments:manage); nothing is applied. */
export async function previewVoucherImport(actor: TActor, input: { fileName: string; content: Buffer; kind: TVoucherImportKind }, ip: string | null = null, now: Date = new Date()): Promise<TPreviewResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const expected = HEADER_OF[input.kind];
  const text = decodeText(input.content);
  if (text === null) return { outcome: "invalid", problem: "not-text", expected };
  const parsed = input.kind === "codes" ? parseCodesFile(text) : parseRedemptionsFile(text);
  if (!parsed.ok) return { outcome: "invalid", problem: parsed.problem, expected };
  if (parsed.lines.length > MAX_IMPORT_LINES) return { outcome: "invalid", problem: "too-many-lines", expected };
  const tenantId = councilIdOf(actor);
  const digest = sha256(input.content);
  const fileName = input.fileName.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || "provider-file.csv";
  return withTenantSql(
    tenantId,
    async (sql) => {
      const before = await sql.db.selectFrom("VoucherImport").select("id").where("kind", "=", input.kind).where("sha256", "=", digest).executeTakeFirst();
      if (before) return { outcome: "same-file" as const, importId: before.id };
      const lines = input.kind === "codes" ? await checkCodes(sql, parsed.lines as TCodesLine[], londonIsoDate(now)) : await checkRedemptions(sql, parsed.lines as TRedemptionLine[]);
      const codeOf = new Map(input.kind === "codes" ? (parsed.lines as TCodesLine[]).map((l) => [l.lineNo, l.code]) : []);
      const counts = countLines(lines);
      const row = await sql.db
        .insertInto("VoucherImport")
        .values({ id: q<string>`gen_random_uuid()`, tenantId, kind: input.kind, fileName, sha256: digest, lines: q`${JSON.stringify(lines)}::jsonb`, createdById: actorUserId(actor)! })
        .onConflict((oc) => oc.columns(["tenantId", "kind", "sha256"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      // Two people uploading the same file at once: the second sees the first's.
      if (!row) {
        const first = await sql.db.selectFrom("VoucherImport").select("id").where("kind", "=", input.kind).where("sha256", "=", digest).executeTakeFirstOrThrow();
        return { outcome: "same-file" as const, importId: first.id };
      }
      // The ready lines' codes, sealed, until the import is applied (never in the preview's lines).
      const ready = lines.filter((l) => l.result === "ready" && codeOf.has(l.lineNo));
      if (ready.length)
        await sql.db
          .insertInto("VoucherImportCode")
          .values(ready.map((l) => ({ id: q<string>`gen_random_uuid()`, tenantId, importId: row.id, lineNo: l.lineNo, codeEnc: encryptSecret(codeOf.get(l.lineNo)!) })))
          .execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "vouchers.import-checked",
        entityType: "VoucherImport",
        entityId: row.id,
        summary: `Checked the provider file ${fileName} (${input.kind}): ${counts.ready} lines ready, ${counts.problem} for a person, ${counts.nothing} already done`,
        metadata: { kind: input.kind, sha256: digest, ...counts },
        ip,
      });
      return { outcome: "previewed" as const, importId: row.id };
    },
    actorUserId(actor),
  );
}

export function countLines(lines: readonly TImportLine[]): { ready: number; problem: number; nothing: number } {
  return { ready: lines.filter((l) => l.result === "ready").length, problem: lines.filter((l) => l.result === "problem").length, nothing: lines.filter((l) => l.result === "nothing").length };
}

export type TVoucherImportView = {
  id: string;
  kind: TVoucherImportKind;
  fileName: string;
  status: "PREVIEWED" | "APPLIED";
  lines: TImportLine[];
  summary: Record<string, number>;
  createdAt: Date;
  createdBy: string | null;
  appliedAt: Date | null;
  appliedBy: string | null;
};

/** One import with its lines (payments:manage); no code, sealed or not, is in them. */
export async function readVoucherImport(actor: TActor, importId: string): Promise<TVoucherImportView | null> {
  if (!can(actor, "payments:manage") || !/^[0-9a-f-]{36}$/i.test(importId)) return null;
  const row = await withTenantSql(actor.council.id, (sql) =>
    sql.db
      .selectFrom("VoucherImport as i")
      .leftJoin("User as c", "c.id", "i.createdById")
      .leftJoin("User as a", "a.id", "i.appliedById")
      .select(["i.id", "i.kind", "i.fileName", "i.status", "i.lines", "i.summary", "i.createdAt", "i.appliedAt", "c.name as createdBy", "a.name as appliedBy"])
      .where("i.id", "=", importId)
      .executeTakeFirst(),
  );
  if (!row) return null;
  return { ...row, kind: row.kind as TVoucherImportKind, status: row.status as "PREVIEWED" | "APPLIED", lines: row.lines as TImportLine[], summary: row.summary as Record<string, number> };
}

/** The council's imports, newest first (payments:manage). */
export async function listVoucherImports(actor: TActor, limit = 20) {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(actor.council.id, (sql) =>
    sql.db.selectFrom("VoucherImport").select(["id", "kind", "fileName", "status", "createdAt", "summary"]).orderBy("createdAt", "desc").orderBy("id", "desc").limit(limit).execute(),
  );
}

export type TApplyResult =
  | { outcome: "applied"; issued: number; redeemed: number; expired: number; vouchers: number; messages: number; exceptions: number }
  | { outcome: "already-applied" }
  | { outcome: "not-found" }
  | { outcome: "forbidden" };

/** Applies an import's ready lines, each checked again, once (payments:manage). */
export async function applyVoucherImport(actor: TActor, importId: string, ip: string | null = null): Promise<TApplyResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  if (!/^[0-9a-f-]{36}$/i.test(importId)) return { outcome: "not-found" };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const imp = await sql.db.selectFrom("VoucherImport").select(["id", "kind", "fileName", "status", "lines"]).where("id", "=", importId).forUpdate().executeTakeFirst();
      if (!imp) return { outcome: "not-found" as const };
      if (imp.status === "APPLIED") return { outcome: "already-applied" as const };
      const lines = (imp.lines as TImportLine[]).filter((l) => l.result === "ready");
      const result = imp.kind === "codes" ? await applyCodes(sql, actor, imp.id, lines) : await applyRedemptions(sql, actor, imp.id, lines);
      await sql.db
        .updateTable("VoucherImport")
        .set({ status: "APPLIED", appliedById: actorUserId(actor), appliedAt: q<Date>`now()`, summary: q`${JSON.stringify(result)}::jsonb` })
        .where("id", "=", imp.id)
        .execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "vouchers.import-applied",
        entityType: "VoucherImport",
        entityId: imp.id,
        summary: `Applied the provider file ${imp.fileName}: ${result.issued} payments issued, ${result.redeemed} redeemed, ${result.expired} expired, ${result.messages} messages, ${result.exceptions} held back`,
        metadata: result,
        ip,
      });
      return { outcome: "applied" as const, ...result };
    },
    actorUserId(actor),
  );
}

type TApplied = { issued: number; redeemed: number; expired: number; vouchers: number; messages: number; exceptions: number };

async function applyCodes(sql: TSql, actor: TActor, importId: string, lines: TImportLine[]): Promise<TApplied> {
  const done: TApplied = { issued: 0, redeemed: 0, expired: 0, vouchers: 0, messages: 0, exceptions: 0 };
  const sealed = new Map((await sql.db.selectFrom("VoucherImportCode").select(["lineNo", "codeEnc"]).where("importId", "=", importId).execute()).map((c) => [c.lineNo, c.codeEnc]));
  const byPayment = new Map<string, TImportLine[]>();
  for (const l of lines) byPayment.set(l.paymentId!, [...(byPayment.get(l.paymentId!) ?? []), l]);
  // In the payments' order, each payment's row locked before it is read: another file of codes for
  // the same payments applied at the same moment waits, then finds them issued and holds its lines
  // back, instead of failing whole on the vouchers' unique references (payment-races.test.ts).
  for (const [paymentId, vouchers] of [...byPayment].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await lockPayment(sql, paymentId);
    const payment = await readPayment(sql, paymentId);
    // Checked when previewed; changed since (cancelled, or another file issued it): held back.
    const taken = await sql.db.selectFrom("PaymentVoucher").select("id").where("paymentId", "=", paymentId).executeTakeFirst();
    if (!payment || payment.status !== "SENT" || taken) {
      done.exceptions += vouchers.length;
      continue;
    }
    for (const v of vouchers.sort((a, b) => a.seq! - b.seq!)) {
      await sql.db
        .insertInto("PaymentVoucher")
        .values({
          id: q<string>`gen_random_uuid()`,
          tenantId: councilIdOf(actor),
          paymentId,
          seq: v.seq!,
          reference: v.reference,
          amountPence: BigInt(v.amountPence!),
          codeEnc: sealed.get(v.lineNo)!,
          codeLast4: v.codeLast4!,
          expiresOn: q<Date>`${v.expiresOn!}::date`,
          issuedByImportId: importId,
        })
        .execute();
    }
    const moved = await transitionPayment(sql, actor, payment, "issue");
    if (moved.outcome !== "done") throw new Error(`applyCodes: ${payment.reference} could not be issued (${moved.outcome})`);
    done.issued++;
    done.vouchers += vouchers.length;
    if (await sendCodes(sql, paymentId)) done.messages++;
  }
  // Applied: each code lives on its voucher only.
  await sql.db.deleteFrom("VoucherImportCode").where("importId", "=", importId).execute();
  return done;
}

/** The template of a voucher's code message on each channel (lib/notifications/templates.ts). */
const CODE_TEMPLATES = { EMAIL: "voucher-issued", SMS: "voucher-issued-text" } as const;

/**
 * Sends the resident their payment's code(s): where the payment says (deliverChannel/deliverTo),
 * else to the application's email, else its mobile, as corrected; in the application's language.
 * The amount, each code, where to use it and the expiry date. False: nowhere to send it.
 */
export async function sendCodes(sql: TSql, paymentId: string): Promise<boolean> {
  const p = await sql.db
    .selectFrom("Payment as pm")
    .innerJoin("Case as c", "c.id", "pm.caseId")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .innerJoin("Tenant as t", "t.id", "pm.tenantId")
    .leftJoin("VoucherProvider as vp", (j) => j.onRef("vp.id", "=", "pm.voucherProviderId"))
    .leftJoin("PaymentBatch as b", "b.id", "pm.batchId")
    .leftJoin("VoucherProvider as bp", (j) => j.onRef("bp.id", "=", "b.voucherProviderId"))
    .select(["pm.id", "pm.caseId", "pm.tenantId", "pm.method", "pm.amountPence", "pm.deliverChannel", "pm.deliverTo", "c.reference", "a.data", "a.locale", "t.name", "t.settings", "vp.name as providerName", "bp.name as batchProviderName"])
    .where("pm.id", "=", paymentId)
    .executeTakeFirstOrThrow();
  const vouchers = await sql.db.selectFrom("PaymentVoucher").select(["seq", "amountPence", "codeEnc", "expiresOn"]).where("paymentId", "=", paymentId).orderBy("seq").execute();
  const amendments = await sql.db
    .selectFrom("CaseAmendment")
    .select(["field", "newValue"])
    .where("caseId", "=", p.caseId)
    .where("field", "in", ["aboutYou.email", "aboutYou.mobile"])
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const contact = correctedContact(p.data, amendments);
  const to =
    p.deliverChannel === "SMS" && (p.deliverTo ?? contact.mobile)
      ? { channel: "SMS" as const, to: (p.deliverTo ?? contact.mobile)! }
      : p.deliverChannel === "EMAIL" && (p.deliverTo ?? contact.email)
        ? { channel: "EMAIL" as const, to: (p.deliverTo ?? contact.email)! }
        : contact.email
          ? { channel: "EMAIL" as const, to: contact.email }
          : contact.mobile
            ? { channel: "SMS" as const, to: contact.mobile }
            : null;
  if (!to) return false;
  const lang = isLocale(p.locale) ? servedLocale(p.locale) : "en";
  const money = (pence: bigint) => formatPence(pence, intlLocale(lang));
  const codes = vouchers.map((v) => (vouchers.length > 1 ? `${decryptSecret(v.codeEnc)} (${money(v.amountPence)})` : decryptSecret(v.codeEnc))).join("\n");
  const firstExpiry = vouchers.map((v) => v.expiresOn).sort((a, b) => a.getTime() - b.getTime())[0]!;
  const kind = p.method === "CASH_VOUCHER" ? "cash" : p.method === "ENERGY_TOPUP" ? "energy" : "supermarket";
  await enqueueMessageSql(sql, {
    council: { id: p.tenantId, settings: ZTenantSettings.parse(p.settings ?? {}) },
    template: CODE_TEMPLATES[to.channel],
    ...to,
    locale: p.locale,
    params: {
      council: p.name,
      reference: p.reference,
      amount: money(p.amountPence),
      count: vouchers.length,
      codes,
      provider: p.providerName ?? p.batchProviderName ?? "",
      kind,
      date: formatDateFor(new Date(`${firstExpiry.toISOString().slice(0, 10)}T12:00:00Z`), p.locale),
    },
  });
  return true;
}

/** The payment's row, locked to the end of the transaction (its own row only, not the rows readPayment joins). */
async function lockPayment(sql: TSql, paymentId: string): Promise<void> {
  await sql.db.selectFrom("Payment").select("id").where("id", "=", paymentId).forUpdate().execute();
}

async function applyRedemptions(sql: TSql, actor: TActor, importId: string, lines: TImportLine[]): Promise<TApplied> {
  const done: TApplied = { issued: 0, redeemed: 0, expired: 0, vouchers: 0, messages: 0, exceptions: 0 };
  const touched = new Set<string>();
  for (const l of lines) {
    const moved = await sql.db
      .updateTable("PaymentVoucher")
      .set({ state: l.becomes!, settledByImportId: importId, settledAt: q<Date>`now()` })
      .where("id", "=", l.voucherId!)
      .where("state", "=", "ISSUED")
      .returning("paymentId")
      .executeTakeFirst();
    if (!moved) {
      done.exceptions++;
      continue;
    }
    done.vouchers++;
    touched.add(moved.paymentId);
  }
  // Each payment's row locked (in the payments' order) before its vouchers are counted: another
  // report settling the payment's other vouchers at the same moment is then seen, committed, by
  // whichever of the two counts second, so a payment whose vouchers are all used is never left
  // issued (payment-races.test.ts).
  for (const paymentId of [...touched].sort()) {
    await lockPayment(sql, paymentId);
    const states = (await sql.db.selectFrom("PaymentVoucher").select("state").where("paymentId", "=", paymentId).execute()).map((v) => v.state);
    if (states.some((s) => s === "ISSUED")) continue;
    const payment = await readPayment(sql, paymentId);
    if (!payment || payment.status !== "ISSUED") continue;
    // Every voucher used: paid for good. Every voucher expired unused: listed to cancel and pay again.
    // Some used and some expired: the payment stays issued for a person (docs/decisions/0033).
    const action = states.every((s) => s === "REDEEMED") ? "redeem" : states.every((s) => s === "EXPIRED") ? "expire" : null;
    if (!action) {
      done.exceptions++;
      continue;
    }
    const r = await transitionPayment(sql, actor, payment, action);
    if (r.outcome !== "done") throw new Error(`applyRedemptions: ${payment.reference} could not ${action} (${r.outcome})`);
    if (action === "redeem") done.redeemed++;
    else done.expired++;
  }
  return done;
}
