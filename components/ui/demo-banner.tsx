import { env } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/catalogues";
import { getLocale } from "@/lib/i18n/server";

/** On every page of a demo install: nobody should type a real person's details into it. */
export async function DemoBanner() {
  if (!env().DEMO_MODE) return null;
  const { common } = messagesFor(await getLocale());
  return (
    <div role="region" aria-label={common.demoBanner} className="bg-govuk-focus py-2 text-base text-govuk-text" data-testid="demo-banner">
      <p className="govuk-width-container mb-0">
        <strong>{common.demoBanner}.</strong> {common.demoBannerText}
      </p>
    </div>
  );
}
