import Link from "next/link";
import type { ReactNode } from "react";
import { SuccessBannerFrame } from "@/components/ui/success-banner-frame";

// Page furniture in GOV.UK Frontend's own markup (class names and structure from its templates),
// rendered on the server. No GOV.UK JavaScript: every part works as plain HTML.

export function SkipLink({ text = "Skip to main content" }: { text?: string }) {
  return (
    <a href="#main-content" className="govuk-skip-link">
      {text}
    </a>
  );
}

export type TNavItem = { href: string; label: string };

/**
 * GOV.UK's generic header in the council's own name (never the crown: councils are not GOV.UK),
 * then the service navigation: the service's name and, for staff, what they can reach.
 */
export function Header({
  homeHref,
  councilName,
  serviceName,
  serviceHref,
  nav = [],
  currentPath,
  signOut,
  navLabel = "Menu",
  serviceLabel = "Service information",
}: {
  homeHref: string;
  councilName: string;
  serviceName: string;
  serviceHref?: string;
  nav?: TNavItem[];
  /** The page's path: the nav item it falls under is marked as current. */
  currentPath?: string;
  signOut?: ReactNode;
  navLabel?: string;
  /** The accessible name of the service navigation. */
  serviceLabel?: string;
}) {
  const current = currentNavItem(nav, currentPath);
  return (
    <header>
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link href={homeHref} className="govuk-generic-header__homepage-link">
              {councilName}
            </Link>
          </div>
        </div>
      </div>
      <section aria-label={serviceLabel} className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              {serviceHref ? (
                <Link href={serviceHref} className="govuk-service-navigation__link">
                  {serviceName}
                </Link>
              ) : (
                <span className="govuk-service-navigation__text">{serviceName}</span>
              )}
            </span>
            {nav.length || signOut ? (
              <nav aria-label={navLabel} className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list" data-testid="service-navigation">
                  {nav.map((n) => {
                    const active = n === current;
                    return (
                      <li key={n.href} className={`govuk-service-navigation__item ${active ? "govuk-service-navigation__item--active" : ""}`}>
                        <Link className="govuk-service-navigation__link" href={n.href} aria-current={active ? (currentPath === n.href ? "page" : "true") : undefined}>
                          {active ? <strong className="govuk-service-navigation__active-fallback">{n.label}</strong> : n.label}
                        </Link>
                      </li>
                    );
                  })}
                  {signOut ? <li className="govuk-service-navigation__item">{signOut}</li> : null}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </section>
    </header>
  );
}

/** The nav item whose href is the longest prefix of the path ("Funds" for a pot's page). */
export function currentNavItem(nav: readonly TNavItem[], path: string | undefined): TNavItem | undefined {
  if (!path) return undefined;
  const bare = path.split("?")[0]!;
  return [...nav].sort((a, b) => b.href.length - a.href.length).find((n) => bare === n.href || bare.startsWith(`${n.href}/`));
}

export function PhaseBanner({ phase, feedbackHref, words }: { phase: "alpha" | "beta"; feedbackHref: string; words?: { tag: string; before: string; link: string; after: string } }) {
  const w = words ?? { tag: phase, before: "This is a new service. Help us improve it and ", link: "give your feedback", after: "." };
  return (
    <div className="govuk-width-container">
      <div className="govuk-phase-banner">
        <p className="govuk-phase-banner__content">
          <strong className="govuk-tag govuk-phase-banner__content__tag">{w.tag}</strong>
          <span className="govuk-phase-banner__text">
            {w.before}
            <a className="govuk-link" href={feedbackHref}>
              {w.link}
            </a>
            {w.after}
          </span>
        </p>
      </div>
    </div>
  );
}

export function Footer({ children, tagline = "Money Hub — emergency financial support" }: { children?: ReactNode; tagline?: string }) {
  return (
    <footer className="govuk-footer mt-auto">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">{children}</div>
          <div className="govuk-footer__meta-item">{tagline}</div>
        </div>
      </div>
    </footer>
  );
}

/** The page body: GOV.UK's width container and main wrapper, the same on every page. */
export function Main({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-width-container">
      <main id="main-content" className="govuk-main-wrapper" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function BackLink({ href, children = "Back" }: { href: string; children?: ReactNode }) {
  return (
    <Link href={href} className="govuk-back-link mt-0">
      {children}
    </Link>
  );
}

export function NotificationBanner({ title = "Important", children, success }: { title?: string; children: ReactNode; success?: boolean }) {
  if (success) return <SuccessBannerFrame title={title}>{children}</SuccessBannerFrame>;
  return (
    <div
      className="govuk-notification-banner"
      role="region"
      aria-labelledby="govuk-notification-banner-title"
      data-testid="notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** The GOV.UK success banner after an action ("Case claimed"); nothing when there is no message. */
export function SuccessBanner({ children, testId, title }: { children: ReactNode; testId?: string; title: string }) {
  if (!children) return null;
  return (
    // A new message is a new banner (focus moves to it again after each action).
    <NotificationBanner success title={title} key={typeof children === "string" ? children : undefined}>
      <p className="govuk-notification-banner__heading mb-0" data-testid={testId}>
        {children}
      </p>
    </NotificationBanner>
  );
}

export type TSummaryRow = { key: string; value: ReactNode; action?: ReactNode; testId?: string };

export function SummaryList({ rows, noBorder }: { rows: readonly TSummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={`govuk-summary-list ${noBorder ? "govuk-summary-list--no-border" : ""}`}>
      {rows.map((r) => (
        <div key={r.key} className={`govuk-summary-list__row ${r.action || !rows.some((x) => x.action) ? "" : "govuk-summary-list__row--no-actions"}`}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value break-words whitespace-pre-wrap" data-testid={r.testId}>
            {r.value}
          </dd>
          {r.action ? <dd className="govuk-summary-list__actions">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** A summary list in a card with its own title (a section of an application, a pot's rules). */
export function SummaryCard({ title, actions, rows }: { title: string; actions?: ReactNode; rows: readonly TSummaryRow[] }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{title}</h2>
        {actions ? <div className="govuk-summary-card__actions">{actions}</div> : null}
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
      </div>
    </div>
  );
}

/** "Error: " prefix in the title when a form has problems, as GOV.UK asks. */
export function pageTitle(title: string, hasErrors = false, errorPrefix = "Error: "): string {
  return `${hasErrors ? errorPrefix : ""}${title} – Money Hub`;
}
