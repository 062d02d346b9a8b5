import type { TOrganisationFormWords } from "@/components/partners/organisation-form";

type T = (key: string) => string;

/** The organisation form's words, for the add and change pages. */
export function organisationFormWords(t: T, submit: string): TOrganisationFormWords {
  const w = (k: string) => t(`form.${k}`);
  return {
    name: w("name"),
    nameHint: w("nameHint"),
    type: w("type"),
    typeChoose: w("typeChoose"),
    domains: w("domains"),
    domainsHint: w("domainsHint"),
    contact: w("contact"),
    contactName: w("contactName"),
    contactEmail: w("contactEmail"),
    contactPhone: w("contactPhone"),
    submit,
  };
}
