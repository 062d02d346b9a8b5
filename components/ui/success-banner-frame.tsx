"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The GOV.UK success banner's frame: like GOV.UK Frontend's JavaScript, focus moves to it when it
 * appears so screen readers announce it (role alert) and keyboard users start from it. Without
 * JavaScript the `autofocus` attribute does the same on page load. Hidden when the page also shows
 * an error summary (app/globals.css `.app-success-banner`): the last thing the user did failed, so
 * an earlier "Success" must not sit above it.
 */
export function SuccessBannerFrame({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="govuk-notification-banner govuk-notification-banner--success app-success-banner" role="alert" aria-labelledby={id} tabIndex={-1} autoFocus data-testid="notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
