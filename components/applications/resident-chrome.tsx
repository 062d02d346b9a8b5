import type { TLocale, TLocaleInfo } from "@/lib/i18n";
import { ExitThisPageKeys } from "@/components/applications/exit-this-page-keys";

// Resident-page furniture: the language switcher (plain links, so it works without JavaScript)
// and GOV.UK's "Exit this page" for residents who may be at risk (a council switch).

export const EXIT_URL = "https://www.bbc.co.uk/weather";

/**
 * Every language residents can pick, each named in itself with its own lang (and direction), so a
 * screen reader says "Türkçe" in Turkish; the page's current language is marked aria-current.
 */
export function LanguageSwitcher({ slug, path, label, current, languages }: { slug: string; path: string; label: string; current: TLocale; languages: readonly TLocaleInfo[] }) {
  return (
    <nav aria-label={label} className="text-base" data-testid="language-switcher">
      <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0">
        {languages.map((l) => (
          <li key={l.code}>
            <a
              href={`/${slug}/language?to=${l.code}&back=${encodeURIComponent(path)}`}
              lang={l.code}
              hrefLang={l.code}
              dir={l.dir}
              aria-current={l.code === current ? "true" : undefined}
              className={l.code === current ? "font-bold no-underline" : undefined}
            >
              {l.name}
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
