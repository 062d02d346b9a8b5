import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DashboardSections } from "@/components/reporting/dashboard";
import { formatDate, formatDateTime } from "@/lib/dates";
import { readSharedDashboard } from "@/lib/reporting/dashboard-view";
import { findSharedReport } from "@/lib/reporting/share-links";
import { clientIp } from "@/lib/security/request";
import { hitRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import words from "@/messages/en/dashboard.json";

// A read-only dashboard for people without a sign-in (issue 20): the link's council, fund and
// period, small numbers suppressed (lib/reporting/suppression.ts), no names, references or
// postcodes anywhere (the tables hold none). Unknown, malformed or revoked token: the plain 404.
// Not indexed, and no Referer leaves with the token in it.

export const metadata: Metadata = { title: `${words.public.title} – Money Hub`, robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Each page view reads the whole dashboard: bounded per client and per link (the shared fixed-window counters). */
const PER_IP: RateLimit = { limit: 60, windowSeconds: 15 * 60 };
const PER_LINK: RateLimit = { limit: 300, windowSeconds: 15 * 60 };

export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ip = await clientIp();
  if (ip && !(await hitRateLimit(`shared-report:ip:${ip}`, PER_IP)).allowed) return <p className="govuk-body">{words.public.tooMany}</p>;
  const shared = await findSharedReport(token);
  if (!shared) notFound();
  if (!(await hitRateLimit(`shared-report:link:${shared.linkId}`, PER_LINK)).allowed) return <p className="govuk-body">{words.public.tooMany}</p>;
  const { asOf, tables } = await readSharedDashboard(shared, ip);
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`));
  return (
    <>
      <span className="govuk-caption-l" data-testid="shared-council">
        {shared.council.name}
      </span>
      <h1 className="govuk-heading-xl">{words.public.title}</h1>
      <p className="govuk-body" data-testid="shared-intro">
        {words.public.intro
          .replace("{fund}", shared.fundName ?? words.public.allFunds)
          .replace("{from}", day(shared.filter.from))
          .replace("{to}", day(shared.filter.to))
          .replace("{asOf}", formatDateTime(asOf))}
      </p>
      <DashboardSections tables={tables} />
    </>
  );
}
