// GOV.UK pagination: previous and next links and the page numbers around the current page, with
// ellipses for the gaps. Plain links: the server renders each page.
import { format } from "@/lib/i18n";

/** Its words ("Previous", "Next", " page", "Page {page}"), from the page's catalogue. */
export type TPaginationWords = { previous: string; next: string; page: string; pageNumber: string };

/** Pages to list: first, last, and one either side of the current page; null marks a gap. */
export function pageWindow(current: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, current - 1, current, current + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (typeof last === "number" && p - last > 1) out.push(null);
    out.push(p);
  }
  return out;
}

export function Pagination({ page, pages, href, label, words }: { page: number; pages: number; href: (page: number) => string; label: string; words: TPaginationWords }) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <svg className="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              {words.previous}
              <span className="govuk-visually-hidden">{words.page}</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {pageWindow(page, pages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
              ⋯
            </li>
          ) : (
            <li key={p} className={`govuk-pagination__item ${p === page ? "govuk-pagination__item--current" : ""}`}>
              <a className="govuk-link govuk-pagination__link" href={href(p)} aria-label={format(words.pageNumber, { page: p })} aria-current={p === page ? "page" : undefined}>
                {p}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              {words.next}
              <span className="govuk-visually-hidden">{words.page}</span>
            </span>
            <svg className="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
