import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateShort, formatDateTimeShort } from "@/lib/dates";
import { format, type TMessages } from "@/lib/i18n";
import { formatPence } from "@/lib/money";
import type { TReferralRow } from "@/lib/referrals/queries";

/** "My referrals" and "my organisation's referrals": reference, resident, submitted, status, last change, decision. */
export function ReferralsTable({ slug, rows, m, caption, showFollowedBy }: { slug: string; rows: readonly TReferralRow[]; m: TMessages; caption: string; showFollowedBy?: boolean }) {
  const w = m.referrals.list;
  const status = m.referrals.status as Record<string, string>;
  return (
    <Table
      caption={caption}
      captionHidden
      testId="referrals"
      rows={rows}
      rowKey={(r) => r.caseId}
      small
      columns={[
        {
          key: "reference",
          header: w.reference,
          nowrap: true,
          cell: (r) => (
            <Link className="govuk-link" href={`/${slug}/partner/referrals/${r.caseId}`}>
              {r.reference}
            </Link>
          ),
        },
        { key: "resident", header: w.resident, cell: (r) => r.resident },
        { key: "submitted", header: w.submitted, nowrap: true, cell: (r) => formatDateShort(r.submittedAt) },
        {
          key: "status",
          header: w.status,
          cell: (r) => (
            <>
              {status[r.status] ?? r.status}
              {r.fastTrack ? (
                <>
                  {" "}
                  <Tag colour="orange">{w.fastTrack}</Tag>
                </>
              ) : null}
              {r.directAward ? (
                <>
                  {" "}
                  <Tag colour="green">{w.directAward}</Tag>
                </>
              ) : null}
            </>
          ),
        },
        { key: "last", header: w.lastChange, nowrap: true, cell: (r) => formatDateTimeShort(r.lastChangeAt) },
        {
          key: "decision",
          header: w.decision,
          cell: (r) => (r.decision ? `${r.decision}${r.awardedPence > 0n ? `. ${format(w.awarded, { amount: formatPence(r.awardedPence) })}` : ""}` : "–"),
        },
        ...(showFollowedBy ? [{ key: "followed", header: w.followedBy, cell: (r: TReferralRow) => r.followedBy ?? "–" }] : []),
      ]}
    />
  );
}
