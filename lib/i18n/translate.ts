// ICU message formatting (plurals, selects, {name} placeholders) with next-intl's translator
// (use-intl/core: the same engine as getTranslations, without needing a request). For words that
// leave the page: emails and texts (lib/notifications/templates.ts), and staff counts.
import { createTranslator, type AbstractIntlMessages } from "use-intl/core";
import { format, intlLocale } from "@/lib/i18n";

/**
 * One message, formatted as ICU for a language: `translate("tr", m, "sentMessage.body", {...})`.
 * A message that cannot be formatted (a council's override naming a value we do not pass, say)
 * keeps its {placeholders} visible, as before, instead of failing the send.
 */
export function translate(locale: string, messages: object, key: string, params: Record<string, string | number> = {}): string {
  const t = createTranslator({
    locale: intlLocale(locale),
    messages: messages as AbstractIntlMessages,
    onError: () => {},
    getMessageFallback: ({ key: k, namespace }) => {
      const path = namespace ? `${namespace}.${k}` : k;
      const raw = path.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
      return typeof raw === "string" ? format(raw, params) : path;
    },
  });
  return t(key as never, params as never);
}
