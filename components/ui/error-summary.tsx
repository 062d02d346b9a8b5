"use client";
import { useEffect, useRef } from "react";
import { fieldId } from "@/components/ui/field-id";
import type { TFieldError } from "@/lib/forms/form-state";

/**
 * GOV.UK error summary: "There is a problem", a link to each field, focus moved here when it
 * appears so screen-reader and keyboard users hear the problems first.
 */
export function ErrorSummary({ errors, title = "There is a problem", errorPrefix = "Error: " }: { errors: readonly TFieldError[]; title?: string; errorPrefix?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!errors.length) return;
    ref.current?.focus();
    // GOV.UK: the page title starts "Error: " while there are errors (forms rendered by
    // FormFrame also get it in the server-rendered title, for browsers without JavaScript).
    if (!document.title.startsWith(errorPrefix)) document.title = `${errorPrefix}${document.title}`;
  }, [errors, errorPrefix]);
  if (!errors.length) return null;
  return (
    // autoFocus: without JavaScript the browser moves focus (and scrolls) to the summary on load.
    <div ref={ref} className="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} autoFocus data-testid="error-summary">
      <h2 id="error-summary-title" className="govuk-error-summary__title">
        {title}
      </h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field === "form" ? <span className="font-bold text-govuk-error">{e.message}</span> : <a href={`#${fieldId(e.field)}`}>{e.message}</a>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
