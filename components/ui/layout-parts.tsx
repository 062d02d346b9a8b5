import Link from "next/link";
import type { ReactNode } from "react";

export function SkipLink({ text = "Skip to main content" }: { text?: string }) {
  return (
    <a href="#main-content" className="sr-only focus:not-sr-only focus:block focus:p-3">
      {text}
    </a>
  );
}

export type TNavItem = { href: string; label: string };

/** The GOV.UK-style header in a council's own name (never the crown: councils are not GOV.UK). */
export function Header({ homeHref, councilName, serviceName, nav = [], signOut }: { homeHref: string; councilName: string; serviceName: string; nav?: TNavItem[]; signOut?: ReactNode }) {
  return (
    <header className="border-b-[10px] border-govuk-blue bg-govuk-text text-white" role="banner">
      <div className="govuk-width-container flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2 py-3">
        <div className="flex flex-wrap items-baseline gap-x-4">
          <Link href={homeHref} className="!text-white text-2xl font-bold no-underline hover:underline focus:!text-govuk-text">
            {councilName}
          </Link>
          <span className="text-lg font-bold">{serviceName}</span>
        </div>
        {nav.length || signOut ? (
          <nav aria-label="Menu" className="flex flex-wrap items-baseline gap-x-5 gap-y-1 text-base">
            {nav.map((n) => (
              <Link key={n.href} href={n.href} className="!text-white font-bold no-underline hover:underline focus:!text-govuk-text">
                {n.label}
              </Link>
            ))}
            {signOut}
          </nav>
        ) : null}
      </div>
    </header>
  );
}

export function PhaseBanner({ phase, feedbackHref, words }: { phase: "alpha" | "beta"; feedbackHref: string; words?: { tag: string; before: string; link: string; after: string } }) {
  const w = words ?? { tag: phase, before: "This is a new service. Help us improve it and ", link: "give your feedback", after: "." };
  return (
    <div className="govuk-width-container border-b border-govuk-border py-2.5 text-base">
      <strong className="govuk-tag me-2 uppercase">{w.tag}</strong>
      {w.before}
      <a href={feedbackHref}>{w.link}</a>
      {w.after}
    </div>
  );
}

export function Footer({ children, tagline = "Money Hub — emergency financial support" }: { children?: ReactNode; tagline?: string }) {
  return (
    <footer className="mt-auto border-t border-govuk-border bg-govuk-light-grey py-8 text-base" role="contentinfo">
      <div className="govuk-width-container flex flex-wrap justify-between gap-4">
        <div>{children}</div>
        <div className="text-govuk-secondary">{tagline}</div>
      </div>
    </footer>
  );
}

export function BackLink({ href, children = "Back" }: { href: string; children?: ReactNode }) {
  // The chevron is decoration: hidden from the link's accessible name, mirrored right-to-left.
  return (
    <Link href={href} className="mb-4 inline-block text-base !text-govuk-text">
      <span aria-hidden="true" className="me-1 inline-block rtl:-scale-x-100">
        ‹
      </span>
      {children}
    </Link>
  );
}

export function NotificationBanner({ title = "Important", children, success }: { title?: string; children: ReactNode; success?: boolean }) {
  return (
    <div
      className={`mb-8 border-[5px] ${success ? "border-govuk-success" : "border-govuk-blue"}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-testid="notification-banner"
    >
      <div className={`${success ? "bg-govuk-success" : "bg-govuk-blue"} px-4 pt-0.5 pb-1 text-white`}>
        <h2 id="notification-banner-title" className="m-0 text-base font-bold md:text-[19px]">
          {title}
        </h2>
      </div>
      <div className="p-4">{children}</div>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: string; value: ReactNode; action?: ReactNode }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((r) => (
        <div key={r.key} className="border-b border-govuk-border py-2.5 md:flex md:gap-5">
          <dt className="mb-1 font-bold md:w-1/3">{r.key}</dt>
          <dd className="mb-1 md:flex-1">{r.value}</dd>
          {r.action ? <dd className="md:w-1/5 md:text-right">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** "Error: " prefix in the title when a form has problems, as GOV.UK asks. */
export function pageTitle(title: string, hasErrors = false, errorPrefix = "Error: "): string {
  return `${hasErrors ? errorPrefix : ""}${title} – Money Hub`;
}
