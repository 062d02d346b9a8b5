import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Footer, Header, PhaseBanner, SkipLink, type TNavItem } from "@/components/ui/layout-parts";
import { getCouncilAccess } from "@/lib/auth/access";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export default async function CouncilLayout({ children, params }: { children: ReactNode; params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const access = await getCouncilAccess(slug);
  if (access === "no-council") notFound();
  const name = council.name;
  const nav: TNavItem[] = [];
  if (access) {
    const p = access.permissions;
    if (p.has("staff:access")) nav.push({ href: `/${slug}/staff`, label: "Home" });
    if (p.has("people:manage")) nav.push({ href: `/${slug}/staff/people`, label: "People" });
    if (p.has("audit:read")) nav.push({ href: `/${slug}/staff/audit`, label: "Audit log" });
    if (p.has("referrals:submit")) nav.push({ href: `/${slug}/partner`, label: "Partner portal" });
  }
  const phase = council.settings.phaseBanner;
  return (
    <>
      <SkipLink />
      <Header homeHref={`/${slug}`} councilName={name} serviceName="Money Hub" nav={nav} signOut={access ? <SignOutButton /> : null} />
      {phase !== "none" ? <PhaseBanner phase={phase} feedbackHref={`mailto:${council.settings.feedbackEmail ?? council.contactEmail}`} /> : null}
      <main id="main-content" className="govuk-width-container govuk-main flex-1" tabIndex={-1}>
        {children}
      </main>
      <Footer>
        <span>
          {council.name} · <a href={`mailto:${council.contactEmail}`}>{council.contactEmail}</a> · {council.contactPhone}
        </span>
      </Footer>
    </>
  );
}
