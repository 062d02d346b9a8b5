import { LOCALES, messagesFor } from "@/lib/i18n";
import { ExitThisPageKeys } from "@/components/applications/exit-this-page-keys";

// Resident-page furniture: the language switcher (plain links, so it works without JavaScript)
// and GOV.UK's "Exit this page" for residents who may be at risk (a council switch).

export const EXIT_URL = "https://www.bbc.co.uk/weather";

export function LanguageSwitcher({ slug, path, label }: { slug: string; path: string; label: string }) {
  return (
    <nav aria-label={label} className="text-base">
      <ul className="flex gap-3">
        {LOCALES.map((l) => (
          <li key={l}>
            <a href={`/${slug}/language?to=${l}&back=${encodeURIComponent(path)}`} lang={l} hrefLang={l}>
              {messagesFor(l).meta.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ExitThisPage({ text, hint }: { text: string; hint: string }) {
  return (
    <div className="ms-auto">
      <a href={EXIT_URL} rel="nofollow noreferrer" className="govuk-button govuk-button--warning mb-0 md:mb-0" data-testid="exit-this-page" title={hint}>
        {text}
      </a>
      <ExitThisPageKeys url={EXIT_URL} />
    </div>
  );
}
