"use client";
import { createContext, useContext, type ReactNode } from "react";

// A page of several small forms (the case page): GOV.UK wants "Error: " at the start of the page
// title when any of them comes back with an error, also without JavaScript. The forms render
// before the title (the title is the scope's last child), so while the server renders the page a
// form with errors marks the scope and the title that follows reads the mark. With JavaScript the
// error summary also prefixes document.title itself (components/ui/error-summary.tsx).

type TMark = { report: () => void; reported: () => boolean };
const Scope = createContext<TMark | null>(null);

function newMark(): TMark {
  let errors = false;
  return { report: () => void (errors = true), reported: () => errors };
}

export function PageTitleScope({ title, errorPrefix = "Error: ", children }: { title: string; errorPrefix?: string; children: ReactNode }) {
  const mark = newMark();
  return (
    <Scope.Provider value={mark}>
      {children}
      <ScopedTitle mark={mark} title={title} errorPrefix={errorPrefix} />
    </Scope.Provider>
  );
}

function ScopedTitle({ mark, title, errorPrefix }: { mark: TMark; title: string; errorPrefix: string }) {
  return <title>{mark.reported() ? `${errorPrefix}${title}` : title}</title>;
}

/** Called by a form while it renders: it has errors to show. */
export function useMarkPageErrors(hasErrors: boolean): void {
  const mark = useContext(Scope);
  if (mark && hasErrors) mark.report();
}
