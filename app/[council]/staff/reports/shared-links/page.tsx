import { headers } from "next/headers";
import { ReportShareLinkRows } from "./rows";
import { ShareLinkForm } from "@/components/reporting/dashboard-forms";
import { BackLink, pageTitle, SuccessBanner } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { formatDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { readSearchParams } from "@/lib/forms/text";
import { createShareLinkAction, revokeShareLinkAction } from "@/lib/reporting/dashboard-actions";
import { filterQuery, parseDashboardQuery } from "@/lib/reporting/dashboard-filter";
import { dashboardFunds } from "@/lib/reporting/dashboard-view";
import { listShareLinks } from "@/lib/reporting/share-links";
import words from "@/messages/en/dashboard.json";

// Read-only links to the dashboard (funds:manage): make one for the period the dashboard showed,
// see every link the council has made, revoke one.
export default async function SharedLinksPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "funds:manage");
  const actor = staffActor(access);
  const funds = (await dashboardFunds(actor)) ?? [];
  const { filter } = parseDashboardQuery(query, funds, londonIsoDate(new Date()));
  const links = (await listShareLinks(actor)) ?? [];
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`));
  const fundName = filter.fundId ? (funds.find((f) => f.id === filter.fundId)?.name ?? "") : words.public.allFunds;
  const h = await headers();
  const origin = env().APP_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  return (
    <>
      <title>{pageTitle(words.shared.title)}</title>
      <BackLink href={`/${slug}/staff/reports?${filterQuery(filter)}`}>{words.breakdown.back}</BackLink>
      <SuccessBanner testId="shared-links-banner" title={words.success}>
        {query.done === "revoked" ? words.shared.revokedBanner : null}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{words.shared.title}</h1>
      <p className="govuk-body">{words.shared.intro}</p>
      <div className="md:w-2/3">
        <h2 className="govuk-heading-m">{words.shared.create}</h2>
        <ShareLinkForm
          action={createShareLinkAction.bind(null, slug)}
          period={{ fund: filter.fundId ?? "all", from: filter.from, to: filter.to }}
          periodText={`${fundName}, ${day(filter.from)} to ${day(filter.to)}`}
          origin={origin.replace(/\/$/, "")}
          title={words.shared.title}
        />
      </div>
      {links.length ? (
        <ReportShareLinkRows
          links={links.map((l) => ({ id: l.id, fund: l.fundName ?? "All funds", period: `${day(l.from)} to ${day(l.to)}`, created: formatDate(l.createdAt), revoked: l.revokedAt !== null }))}
          action={revokeShareLinkAction.bind(null, slug)}
          words={words.shared}
        />
      ) : (
        <p className="govuk-body">{words.shared.none}</p>
      )}
    </>
  );
}
