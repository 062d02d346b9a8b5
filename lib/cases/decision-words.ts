// The words of a decision message that depend on its award lines, in the resident's language
// (message files, `emails`, formatted as ICU by lib/i18n/translate.ts). Pure.
import { intlLocale, isLocale, type TLocale } from "@/lib/i18n";
import { messagesFor, servedLocale } from "@/lib/i18n/catalogues";
import { translate } from "@/lib/i18n/translate";
import { formatPence } from "@/lib/money";
import type { TPartly, TTelling, TViewLine } from "@/lib/cases/resident-view";

// A registered language whose catalogues have not landed is written in English (as the message's
// other words are: lib/notifications/templates.ts), so amounts and words never mix two languages.
const localeOf = (locale: string): TLocale => (isLocale(locale) ? servedLocale(locale) : "en");

function lineParams(l: Pick<TViewLine, "amountPence" | "needCategory">, lang: TLocale) {
  const needs = messagesFor(lang).vocabulary.needs as Record<string, string>;
  return { amount: formatPence(l.amountPence, intlLocale(lang)), need: (needs[l.needCategory] ?? l.needCategory).toLocaleLowerCase(intlLocale(lang)) };
}

/** One award's amount and need in the resident's words ({amount}, {need}), for a message or the status page. Pure. */
export function awardLineParams(l: Pick<TViewLine, "amountPence" | "needCategory">, locale: string): { amount: string; need: string } {
  return lineParams(l, localeOf(locale));
}

/** The awards as the resident reads them, one per line: "- £60.00 for food". Pure. */
export function awardLinesText(awards: readonly Pick<TViewLine, "amountPence" | "needCategory">[], locale: string): string {
  const lang = localeOf(locale);
  const m = messagesFor(lang);
  return awards.map((a) => translate(lang, m, "emails.decisionAwardLine", lineParams(a, lang))).join("\n");
}

/**
 * The status page's words while lines wait for a second person (the same lines and total as the
 * "decision-part-checking" message): one line per award in each list, joined by newlines. Pure.
 */
export function partlyWords(partly: TPartly, locale: string): { partlyNow: string; partlyChecking: string; partlyCheckingTotal: string } {
  const lang = localeOf(locale);
  const m = messagesFor(lang);
  const line = (l: TViewLine) => translate(lang, m, "status.partly.line", lineParams(l, lang));
  return {
    partlyNow: partly.approved.map(line).join("\n"),
    partlyChecking: partly.waiting.map(line).join("\n"),
    partlyCheckingTotal: formatPence(
      partly.waiting.reduce((s, l) => s + l.amountPence, 0n),
      intlLocale(lang),
    ),
  };
}

/** The template's own words for the lines it speaks of. Pure. */
export function decisionParams(telling: TTelling, locale: string, phone: string): Record<string, string> {
  const lang = localeOf(locale);
  const m = messagesFor(lang);
  switch (telling.template) {
    case "decision-part-checking":
      return {
        awards: awardLinesText(telling.approved, lang),
        checking: awardLinesText(telling.waiting, lang),
        checkingTotal: formatPence(
          telling.waiting.reduce((s, l) => s + l.amountPence, 0n),
          intlLocale(lang),
        ),
      };
    case "decision-rest-settled":
      return {
        settled: [
          ...telling.approved.map((l) => translate(lang, m, "emails.decisionRestApprovedLine", lineParams(l, lang))),
          ...telling.notApproved.map((l) => translate(lang, m, "emails.decisionRestNotApprovedLine", { ...lineParams(l, lang), phone })),
        ].join("\n"),
      };
    case "decision-line-cancelled":
      return { cancelled: telling.cancelled.map((l) => translate(lang, m, "emails.decisionCancelledLine", { ...lineParams(l, lang), phone })).join("\n") };
    case "decision-reopened":
      return {
        cancelled: [
          ...telling.cancelled.map((l) => translate(lang, m, "emails.decisionCancelledLine", { ...lineParams(l, lang), phone })),
          ...telling.notApproved.map((l) => translate(lang, m, "emails.decisionRestNotApprovedLine", { ...lineParams(l, lang), phone })),
        ].join("\n"),
      };
    default:
      return { awards: awardLinesText(telling.approved, lang) };
  }
}
