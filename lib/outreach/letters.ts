import "server-only";
// A letter campaign's letters as one printable PDF (pdfkit, docs/decisions/0037): one A4 page per
// invited household, in its language, with its personal link (derived again from the invitation's
// id: the token itself is never stored). Noto Sans from the npm registry (@fontsource) covers every
// script we write in: each run of text is set in the font that has its letters (Latin, Latin
// extended for Turkish and Polish, Bengali, Hebrew script for Yiddish). Yiddish is right to left:
// fontkit shapes each Hebrew word in its own order, and the lines are laid out here right to left.
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { TStaffActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { dirFor, intlLocale, isLocale, type TLocale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/catalogues";
import { translate } from "@/lib/i18n/translate";
import { invitationLink, invitationToken } from "@/lib/outreach/campaigns";

const FONT_FILES = {
  latin: "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff",
  latinExt: "@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff",
  bengali: "@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff",
  hebrew: "@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-hebrew-400-normal.woff",
} as const;
type TFont = keyof typeof FONT_FILES;

let fontBytes: Record<TFont, Buffer> | undefined;
function fonts(): Record<TFont, Buffer> {
  return (fontBytes ??= Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, fs.readFileSync(path.join(process.cwd(), "node_modules", f))])) as Record<TFont, Buffer>);
}

/** The font whose subset has this character (by Noto's unicode ranges as @fontsource splits them). */
export function fontFor(ch: string): TFont {
  const c = ch.codePointAt(0)!;
  if ((c >= 0x0980 && c <= 0x09ff) || c === 0x0964 || c === 0x0965) return "bengali";
  if ((c >= 0x0590 && c <= 0x05ff) || (c >= 0xfb1d && c <= 0xfb4f)) return "hebrew";
  if ((c >= 0x0100 && c <= 0x024f && c !== 0x0131 && c !== 0x0152 && c !== 0x0153) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x2c60 && c <= 0x2c7f) || (c >= 0xa720 && c <= 0xa7ff)) return "latinExt";
  return "latin";
}

/** Text split into runs of one font each; spaces and punctuation stay with the run they are in. */
export function fontRuns(text: string): { font: TFont; text: string }[] {
  const runs: { font: TFont; text: string }[] = [];
  for (const ch of text) {
    const neutral = /[\s.,:;!?()'"\-–—]/.test(ch);
    const font = neutral && runs.length ? runs[runs.length - 1]!.font : fontFor(ch);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

type TDoc = InstanceType<typeof PDFDocument>;
const MARGIN = 64;
const SIZE = 11;

function widthOf(doc: TDoc, text: string): number {
  return fontRuns(text).reduce((w, r) => w + doc.font(r.font).fontSize(SIZE).widthOfString(r.text), 0);
}

/** Lines of at most `width`, words kept whole (a word longer than the line, a link, stands alone). */
function wrap(doc: TDoc, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && widthOf(doc, next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** One paragraph, left to right or right to left, set run by run. */
function paragraph(doc: TDoc, text: string, rtl: boolean, { size = SIZE, gap = 8 } = {}) {
  const width = doc.page.width - 2 * MARGIN;
  for (const line of text.split("\n")) {
    for (const l of wrap(doc, line, width)) {
      const y = doc.y;
      // Right to left: the words from the right edge leftwards, each word's runs in their own order.
      const words = rtl ? l.split(" ") : [l];
      let x = rtl ? doc.page.width - MARGIN : MARGIN;
      for (const word of words) {
        const runs = fontRuns(word);
        const w = runs.reduce((s, r) => s + doc.font(r.font).fontSize(size).widthOfString(r.text), 0);
        let rx = rtl ? x - w : x;
        // A run of Hebrew inside a word is laid out by fontkit right to left; runs are placed in visual order.
        for (const r of rtl ? [...runs].reverse() : runs) {
          doc.font(r.font).fontSize(size).text(r.text, rx, y, { lineBreak: false });
          rx += doc.widthOfString(r.text);
        }
        x = rtl ? x - w - doc.font("latin").widthOfString(" ") : x + w;
      }
      doc.y = y + size * 1.45;
      doc.x = MARGIN;
    }
  }
  doc.y += gap;
}

export type TLetter = { name: string; address: string[]; locale: string; link: string; expires: Date };
export type TLetterCouncil = { name: string; contactPhone: string };

/** The PDF of a set of letters (pure apart from reading the fonts): one page each. */
export function renderLetters(council: TLetterCouncil, letters: readonly TLetter[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, autoFirstPage: false, info: { Title: `Invitations from ${council.name}`, Author: council.name } });
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  for (const letter of letters) {
    const locale: TLocale = isLocale(letter.locale) ? letter.locale : "en";
    const m = messagesFor(locale);
    const t = (key: string, params: Record<string, string> = {}) => translate(locale, m, `outreach.letter.${key}`, params);
    const rtl = dirFor(locale) === "rtl";
    doc.addPage();
    // The address block sits where a window envelope shows it (left, as Royal Mail reads it).
    paragraph(doc, council.name, false, { gap: 24 });
    paragraph(doc, [letter.name, ...letter.address].join("\n"), false, { gap: 32 });
    const date = letter.expires.toLocaleDateString(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
    paragraph(doc, t("title", { council: council.name }), rtl, { size: 15, gap: 14 });
    paragraph(doc, t("dear", { name: letter.name }), rtl);
    paragraph(doc, t("body", { council: council.name }), rtl);
    paragraph(doc, t("prefilled"), rtl);
    paragraph(doc, letter.link, false, { gap: 12 });
    paragraph(doc, t("expires", { date, phone: council.contactPhone }), rtl);
    paragraph(doc, t("ignore"), rtl);
    paragraph(doc, t("signoff", { council: council.name }), rtl);
  }
  if (!letters.length) doc.addPage();
  doc.end();
  return done;
}

/** A letter campaign's letters for its page's download (outreach:manage); null when not allowed or not a letter campaign. */
export async function campaignLetters(actor: TStaffActor, campaignId: string, ip: string | null = null): Promise<{ fileName: string; pdf: Buffer } | null> {
  if (!can(actor, "outreach:manage")) return null;
  if (!/^[0-9a-f-]{36}$/.test(campaignId)) return null;
  const tenantId = actor.council.id;
  const data = await withTenantSql(
    tenantId,
    async (sql) => {
      const campaign = await sql.db.selectFrom("OutreachCampaign").select(["name", "channel"]).where("id", "=", campaignId).executeTakeFirst();
      if (!campaign || campaign.channel !== "LETTER") return null;
      const council = await sql.db.selectFrom("Tenant").select(["slug", "name", "contactPhone"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
      const rows = await sql.db
        .selectFrom("OutreachInvitation as i")
        .innerJoin("OutreachHousehold as h", "h.id", "i.householdId")
        .select(["i.id", "i.locale", "i.expiresAt", "h.fullName", "h.line1", "h.line2", "h.town", "h.postcode", "h.rowNumber"])
        .where("i.campaignId", "=", campaignId)
        .orderBy("h.rowNumber")
        .execute();
      await recordAuditSql(sql, { tenantId, actor, action: "outreach.letters-printed", entityType: "OutreachCampaign", entityId: campaignId, summary: `Printed ${rows.length} letters`, ip });
      return { campaign, council, rows };
    },
    actor.user.userId,
  );
  if (!data) return null;
  const letters = data.rows.map((r) => ({
    name: r.fullName,
    address: [r.line1, r.line2, r.town, r.postcode].filter((x): x is string => !!x),
    locale: r.locale,
    link: invitationLink(data.council.slug, r.locale, invitationToken(r.id)),
    expires: r.expiresAt,
  }));
  const pdf = await renderLetters(data.council, letters);
  return { fileName: `letters-${data.campaign.name.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 60)}.pdf`, pdf };
}
