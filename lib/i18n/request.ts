// next-intl's request configuration (registered in next.config.ts): the request's language as
// proxy.ts decided it, and that language's messages only, for getTranslations in server
// components. The same words as getMessages() in lib/i18n/server.ts, from the same loader.
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/catalogues";
import { intlLocale } from "@/lib/i18n/locales";
import { getLocale } from "@/lib/i18n/server";

export default getRequestConfig(async () => {
  const locale = await getLocale();
  return { locale: intlLocale(locale), messages: messagesFor(locale) as unknown as Record<string, string>, timeZone: "Europe/London" };
});
