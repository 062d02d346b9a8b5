import type { ReactNode } from "react";

// Statuses: GOV.UK tag for a thing's state ("Closed", "Active"); MOJ badge for a short count or
// flag beside a heading or link ("Urgent", "3 new").

export type TTagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export function Tag({ colour, children, testId }: { colour?: TTagColour; children: ReactNode; testId?: string }) {
  return (
    <strong className={`govuk-tag ${colour ? `govuk-tag--${colour}` : ""}`} data-testid={testId}>
      {children}
    </strong>
  );
}

export function Badge({ colour, children }: { colour?: "red" | "blue" | "green" | "grey" | "orange" | "purple"; children: ReactNode }) {
  return <strong className={`moj-badge ${colour ? `moj-badge--${colour}` : ""}`}>{children}</strong>;
}
