import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ExitThisPage, LanguageSwitcher } from "@/components/applications/resident-chrome";
import { Footer, Header, Main, PhaseBanner, SkipLink } from "@/components/ui/layout-parts";
import { getCouncilAccess } from "@/lib/auth/access";
import { staffNavigation } from "@/lib/auth/staff-areas";
import { navigationCounts } from "@/lib/awards/awaiting-approval";
import { availableLocales } from "@/lib/i18n/catalogues";
import { getMessages, residentPageInfo } from "@/lib/i18n/server";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export default async function CouncilLayout({ children, params }: { children: ReactNode; params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const access = await getCouncilAccess(slug);
  if (access === "no-council") notFound();
  const { locale, m } = await getMessages(council);
  const { resident, path } = await residentPageInfo();
  const name = council.name;
  // Staff navigation on every page of the council for anyone signed in to it (403 and 404 too).
  const nav = access ? staffNavigation(slug, access.permissions, await navigationCounts(access)) : [];
  const phase = council.settings.phaseBanner;
  const [before, after] = m.common.phaseBannerText.split("{link}");
  return (
    <div className={access && !resident ? "app-wide contents" : "contents"}>
      <SkipLink text={m.common.skipLink} />
      <Header homeHref={`/${slug}`} councilName={name} serviceName={m.common.serviceName} serviceHref={`/${slug}`} nav={nav} currentPath={path} signOut={access ? <SignOutButton /> : null} />
      {phase !== "none" ? (
        <PhaseBanner
          phase={phase}
          feedbackHref={`mailto:${council.settings.feedbackEmail ?? council.contactEmail}`}
          words={{ tag: phase === "alpha" ? m.common.phaseAlpha : m.common.phaseBeta, before: before ?? "", link: m.common.phaseBannerLink, after: after ?? "" }}
        />
      ) : null}
      {resident ? (
        <div className="govuk-width-container print-hidden flex flex-wrap items-start justify-between gap-4 pt-4" data-testid="resident-tools">
          <LanguageSwitcher slug={slug} path={path} label={m.common.languageSwitcher} current={locale} languages={availableLocales()} />
          {council.settings.exitThisPage ? <ExitThisPage text={m.common.exitThisPage} hint={m.common.exitThisPageHint} /> : null}
        </div>
      ) : null}
      <Main>{children}</Main>
      <Footer tagline={m.common.footer}>
        <span>
          {council.name} · <a href={`mailto:${council.contactEmail}`}>{council.contactEmail}</a> · {council.contactPhone}
        </span>
      </Footer>
    </div>
  );
}
