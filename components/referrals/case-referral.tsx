import { SummaryCard } from "@/components/ui/layout-parts";
import type { TCasePage } from "@/lib/cases/case-page";
import { formatDate } from "@/lib/dates";
import { format, type TMessages } from "@/lib/i18n";
import { formatPence } from "@/lib/money";
import { translate } from "@/lib/i18n/translate";

/** On the case file: who referred it and the referrer section as sent, and a direct award if one was made (issue 17). */
export function CaseReferral({ page, m }: { page: TCasePage; m: TMessages }) {
  const f = page.file;
  const section = f.referral as { role?: string; relationship?: string; consentMethod?: string; consentDate?: string; alreadyTried?: string; fastTrack?: boolean } | null;
  if (!section && !f.organisationName) return null;
  const w = m.referrals.caseFile;
  const s = m.referrals.section;
  const methods = s.consentMethods as Record<string, string>;
  const direct = f.events.find((e) => e.kind === "referral.direct-award");
  const refused = f.events.find((e) => e.kind === "referral.direct-award-refused");
  const d = (direct?.data ?? {}) as { amountPence?: string; pot?: string };
  const reasons = ((refused?.data ?? {}) as { reasons?: { key: string; params?: Record<string, string> }[] }).reasons ?? [];
  const rows = [
    { key: w.organisation, value: f.organisationName ?? "–" },
    ...(f.referrerUserId ? [{ key: w.referrer, value: page.names.get(f.referrerUserId) ?? "–" }] : []),
    ...(section
      ? [
          { key: w.role, value: section.role ?? "" },
          { key: w.relationship, value: section.relationship ?? "" },
          { key: w.consent, value: format(w.consentText, { method: methods[section.consentMethod ?? ""] ?? section.consentMethod ?? "", date: section.consentDate ? formatDate(new Date(`${section.consentDate}T12:00:00Z`)) : "" }) },
          { key: w.alreadyTried, value: section.alreadyTried || "–" },
          { key: w.fastTrack, value: section.fastTrack ? s.yes : s.no },
        ]
      : []),
    ...(direct ? [{ key: w.directAward, value: format(w.directAwardText, { amount: formatPence(BigInt(d.amountPence ?? "0")), pot: d.pot ?? "" }), testId: "case-direct-award" }] : []),
    ...(!direct && refused ? [{ key: w.directAwardRefused, value: reasons.map((r) => translate("en", m, `errors.${r.key}`, r.params ?? {})).join("; ") }] : []),
  ];
  return <SummaryCard title={w.title} rows={rows} />;
}
