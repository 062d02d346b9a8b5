import Link from "next/link";
import type { ReactNode } from "react";

// MOJ Frontend's case-working patterns, which GOV.UK Frontend does not have, in MOJ's markup.
// Server-rendered and without MOJ's JavaScript: the filter panel is always shown, the button menu
// shows its buttons in a row (MOJ's own no-JavaScript fallback).

export type TTimelineEvent = { id: string; title: ReactNode; by?: ReactNode; at: ReactNode; description?: ReactNode };

/** Who did what and when, newest first (callers pass events in that order). */
/** `by` is the word before who did it ("by"). */
export function Timeline({ events, label, by }: { events: readonly TTimelineEvent[]; label: string; by: string }) {
  return (
    <div className="moj-timeline" aria-label={label} role="list">
      {events.map((e) => (
        <div key={e.id} className="moj-timeline__item" role="listitem">
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{e.title}</h3>
            {/* MOJ's markup has white space between title and byline (both inline); JSX has none. */}
            {e.by ? <> <p className="moj-timeline__byline">
                  {by} {e.by}
                </p></> : null}
          </div>
          <p className="moj-timeline__date">{e.at}</p>
          {e.description ? <div className="moj-timeline__description">{e.description}</div> : null}
        </div>
      ))}
    </div>
  );
}

/** The filter panel's words, from the page's catalogue. */
export type TFilterWords = { heading: string; apply: string; selected: string; clear: string; remove: string; more: string };

export type TSelectedFilter = { category: string; items: { label: string; removeHref: string }[] };

/**
 * MOJ "filter a list": a GET form (filters live in the URL, so results can be bookmarked and
 * shared), the filters in force as tags that remove themselves, and an "Apply filters" button.
 * Compact, so the list starts on the first screen: the filters used most in one row with the
 * button, the others (`more`) behind "More filters" (a details element, open while one of them is
 * in force: `moreOpen`).
 */
export function FilterPanel({
  selected = [],
  clearHref,
  children,
  more,
  moreOpen = false,
  label,
  words,
}: {
  selected?: readonly TSelectedFilter[];
  clearHref: string;
  children: ReactNode;
  more?: ReactNode;
  moreOpen?: boolean;
  label: string;
  words: TFilterWords;
}) {
  const active = selected.filter((s) => s.items.length);
  return (
    <form method="get" className="moj-filter mb-6 border-t-4 border-govuk-border shadow-none" aria-label={label} data-testid="filter-panel">
      <h2 className="govuk-visually-hidden">{words.heading}</h2>
      <div className="moj-filter__content px-4 pt-4">
        {active.length ? (
          <div className="mb-4 flex flex-wrap items-baseline gap-x-4 gap-y-1" data-testid="selected-filters">
            <h3 className="govuk-heading-s mb-0">{words.selected}</h3>
            {active.map((s) => (
              <ul key={s.category} className="moj-filter-tags mb-0" aria-label={s.category}>
                {s.items.map((i) => (
                  <li key={i.removeHref}>
                    <a className="moj-filter__tag" href={i.removeHref}>
                      <span className="govuk-visually-hidden">{words.remove}</span> <span className="govuk-visually-hidden">{s.category}:</span> {i.label}
                    </a>
                  </li>
                ))}
              </ul>
            ))}
            <Link className="govuk-link govuk-link--no-visited-state govuk-body-s mb-0" href={clearHref}>
              {words.clear}
            </Link>
          </div>
        ) : null}
        <div className="flex flex-wrap items-end gap-x-4 [&_.govuk-form-group]:mb-4 [&_select]:w-[10em]">
          {children}
          <div className="govuk-form-group">
            <button type="submit" className="govuk-button mb-0" data-module="govuk-button">
              {words.apply}
            </button>
          </div>
        </div>
        {more ? (
          <details className="govuk-details mb-4" open={moreOpen} data-testid="more-filters">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{words.more}</span>
            </summary>
            <div className="govuk-details__text flex flex-wrap items-end gap-x-4 [&_.govuk-form-group]:mb-4 [&_select]:w-[10em]">{more}</div>
          </details>
        ) : null}
      </div>
    </form>
  );
}

/** The case or record the page is about, with its actions, above the page content. */
export function IdentityBar({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="moj-identity-bar mb-6 px-0 shadow-none" data-testid="identity-bar">
      <div className="moj-identity-bar__details ms-0">
        <div className="moj-identity-bar__title">{title}</div>
      </div>
      {children ? <div className="moj-identity-bar__actions">{children}</div> : null}
    </div>
  );
}

export type TButtonMenuItem = { href: string; text: string };

/** Several actions on one record: buttons in a row (MOJ button menu without its JavaScript). */
export function ButtonMenu({ items }: { items: readonly TButtonMenuItem[] }) {
  return (
    <div className="moj-button-menu">
      {items.map((i, n) => (
        <Link key={i.href} href={i.href} role="button" draggable={false} className={`govuk-button moj-button-menu__item ${n === 0 ? "" : "govuk-button--secondary"}`} data-module="govuk-button">
          {i.text}
        </Link>
      ))}
    </div>
  );
}

/** Tabs between the views of one area (MOJ sub navigation), as links: the server renders each. */
export function SubNavigation({ items, current, label }: { items: readonly { href: string; text: string }[]; current: string; label: string }) {
  return (
    <nav className="moj-sub-navigation" aria-label={label}>
      <ul className="moj-sub-navigation__list">
        {items.map((i) => (
          <li key={i.href} className="moj-sub-navigation__item">
            <Link className="moj-sub-navigation__link" aria-current={i.href === current ? "page" : undefined} href={i.href}>
              {i.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
