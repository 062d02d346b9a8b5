"use client";
import { useEffect, useRef } from "react";
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
    <div
      ref={ref}
      className="mb-8 border-[5px] border-govuk-error p-4 focus:outline-[3px] focus:outline-govuk-focus md:p-5"
      aria-labelledby="error-summary-title"
      role="alert"
      tabIndex={-1}
      data-testid="error-summary"
    >
      <h2 id="error-summary-title" className="mb-4 text-lg font-bold md:text-2xl">
        {title}
      </h2>
      <ul className="list-none">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`} className="mb-1">
            {e.field === "form" ? (
              <span className="font-bold text-govuk-error">{e.message}</span>
            ) : (
              <a href={`#${fieldId(e.field)}`} className="font-bold !text-govuk-error">
                {e.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(field: string): string {
  return `field-${field.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
