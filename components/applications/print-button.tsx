"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** Print or save as PDF. Shown only with JavaScript (without it, the browser's own print menu works). */
export function PrintButton({ text }: { text: string }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  if (!hydrated) return null;
  return (
    <button type="button" className="govuk-button govuk-button--secondary print-hidden" onClick={() => window.print()}>
      {text}
    </button>
  );
}
